package io.encordanalytics.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The layout of Encord's own label-log cache for the small-files benchmark (issue #16): one file
 * per label row and frame, {@code label_logs/<label_hash>/<frame>.json}, each a {@code {"logs":
 * [...]}} envelope of a few records; and the same records in 60 large JSON Lines files, for
 * comparison.
 *
 * <pre>
 *   SmallFiles GENERATED_DIR OUT_DIR FILES RECORDS_PER_FILE NEW_FILES [SEED]
 * </pre>
 *
 * Reads the records of every {@code .jsonl} file under {@code GENERATED_DIR} (the project's
 * generator in bench mode) in path order, keeps those that are JSON objects (a cut line would make
 * a whole envelope unreadable, so neither layout has them), and writes:
 *
 * <ul>
 *   <li>{@code OUT_DIR/small/}: the first {@code FILES × RECORDS_PER_FILE} records as {@code FILES}
 *       envelope files, 20 frames per label hash;
 *   <li>{@code OUT_DIR/new/}: the next {@code NEW_FILES} files the same way (a later night);
 *   <li>{@code OUT_DIR/big/}: the records of {@code small/} as 60 JSON Lines files.
 * </ul>
 *
 * Label hashes come from a {@link Random} seeded with {@code SEED} (default 16): the same arguments
 * give the same tree. Prints {@code small_files=... records=...} on stdout.
 */
public final class SmallFiles {
  static final int FRAMES_PER_LABEL = 20;
  static final int BIG_FILES = 60;
  private static final JsonFactory JSON = new JsonFactory();

  private SmallFiles() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 5) {
      System.err.println(
          "usage: SmallFiles GENERATED_DIR OUT_DIR FILES RECORDS_PER_FILE NEW_FILES [SEED]");
      System.exit(2);
    }
    Path generated = Path.of(args[0]);
    Path out = Path.of(args[1]);
    int files = Integer.parseInt(args[2]);
    int perFile = Integer.parseInt(args[3]);
    int newFiles = Integer.parseInt(args[4]);
    long seed = args.length > 5 ? Long.parseLong(args[5]) : 16;
    List<String> records = records(generated, (long) (files + newFiles) * perFile);
    if (records.size() < (long) (files + newFiles) * perFile) {
      throw new IllegalArgumentException(
          "only "
              + records.size()
              + " records under "
              + generated
              + ", need "
              + (long) (files + newFiles) * perFile);
    }
    Random random = new Random(seed);
    List<String> small = records.subList(0, files * perFile);
    write(out.resolve("small"), small, perFile, random);
    write(
        out.resolve("new"),
        records.subList(files * perFile, (files + newFiles) * perFile),
        perFile,
        random);
    big(out.resolve("big"), small);
    System.out.printf(
        Locale.ROOT,
        "small_files=%d records_per_file=%d records=%d new_files=%d big_files=%d%n",
        files,
        perFile,
        small.size(),
        newFiles,
        BIG_FILES);
  }

  /** Up to {@code limit} records that are JSON objects, in path and line order. */
  static List<String> records(Path dir, long limit) throws IOException {
    List<Path> sources;
    try (Stream<Path> s = Files.walk(dir)) {
      sources = s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
    }
    List<String> out = new ArrayList<>();
    for (Path p : sources) {
      try (BufferedReader in = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
        String line;
        while (out.size() < limit && (line = in.readLine()) != null) {
          if (isObject(line)) {
            out.add(line);
          }
        }
      }
    }
    return out;
  }

  static boolean isObject(String line) {
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      p.skipChildren();
      return p.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  /** Envelope files of {@code perFile} records: label_logs/<label_hash>/<frame>.json. */
  static void write(Path root, List<String> records, int perFile, Random random)
      throws IOException {
    String label = null;
    for (int i = 0; i * perFile < records.size(); i++) {
      int frame = i % FRAMES_PER_LABEL;
      if (frame == 0) {
        label = labelHash(random);
      }
      Path file = root.resolve("label_logs").resolve(label).resolve(frame + ".json");
      Files.createDirectories(file.getParent());
      List<String> chunk =
          records.subList(i * perFile, Math.min(records.size(), (i + 1) * perFile));
      Files.writeString(
          file, "{\"logs\":[" + String.join(",", chunk) + "]}", StandardCharsets.UTF_8);
    }
  }

  /** The same records as JSON Lines, in {@link #BIG_FILES} files of (almost) equal count. */
  static void big(Path root, List<String> records) throws IOException {
    Files.createDirectories(root);
    int n = records.size();
    for (int f = 0; f < BIG_FILES; f++) {
      Path file = root.resolve(String.format(Locale.ROOT, "part-%02d.jsonl", f));
      try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        for (int i = (int) ((long) n * f / BIG_FILES); i < (long) n * (f + 1) / BIG_FILES; i++) {
          w.write(records.get(i));
          w.write('\n');
        }
      }
    }
  }

  /** A label hash like Encord's: a random UUID, from the seeded sequence. */
  static String labelHash(Random random) {
    return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
  }
}
