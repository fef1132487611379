package io.encordanalytics.generator;

import static io.encordanalytics.generator.Json.COMPACT;
import static io.encordanalytics.generator.Json.PRETTY;
import static io.encordanalytics.generator.Json.ei;
import static io.encordanalytics.generator.Json.json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the samples tree: each file's bytes in its shape (JSON Lines with or without blank lines,
 * pretty-printed array and envelopes, compact API pages, raw lines, gzip), files in path order,
 * then MANIFEST.md.
 */
final class SampleWriter {

  private final SampleCast c;
  private final Options o;
  private final List<SampleFile> files;

  SampleWriter(SampleCast c) {
    this.c = c;
    this.o = c.o;
    this.files = c.files;
  }

  byte[] content(SampleFile f) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    switch (f.shape) {
      case JSONL, RAW -> {
        b.write(f.rawPrefix.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < f.recs.size(); i++) {
          if (f.blankLines && (i == 0 || i % 7 == 3)) {
            b.write('\n');
          }
          b.write(line(f.recs.get(i)));
          b.write('\n');
        }
        if (f.blankLines) {
          b.write('\n');
        }
      }
      case ARRAY -> {
        b.write(json(PRETTY, events(f)));
        b.write('\n');
      }
      case LOGS -> {
        b.write(json(PRETTY, ei("logs", events(f))));
        b.write('\n');
      }
      case RESULTS -> {
        b.write(json(COMPACT, ei("results", events(f), "nextPageToken", f.pageToken)));
        b.write('\n');
      }
      case LAST_PAGE -> {
        b.write(json(COMPACT, ei("results", events(f))));
        b.write('\n');
      }
      case RESPONSE -> {
        b.write(json(COMPACT, ei("status", 200, "response", events(f))));
        b.write('\n');
      }
      default -> throw new IllegalStateException();
    }
    byte[] bytes = b.toByteArray();
    if (!f.gzip) {
      return bytes;
    }
    ByteArrayOutputStream z = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(z)) {
      gz.write(bytes);
    }
    return z.toByteArray();
  }

  static byte[] line(SampleFile.Rec r) {
    if (r.raw() != null) {
      return r.raw().getBytes(StandardCharsets.UTF_8);
    }
    return json(COMPACT, r.bad() != null ? r.bad() : EventRenderer.render(r.ev(), r.style()));
  }

  static List<Object> events(SampleFile f) {
    List<Object> out = new ArrayList<>();
    for (SampleFile.Rec r : f.recs) {
      out.add(r.bad() != null ? r.bad() : EventRenderer.render(r.ev(), r.style()));
    }
    return out;
  }

  /**
   * Empties {@code --out} when it holds an earlier samples tree (recognised by its MANIFEST.md), so
   * that renamed files do not linger; refuses any other non-empty directory.
   */
  static void prepareOut(Path out) throws IOException {
    if (!Files.exists(out)) {
      return;
    }
    try (Stream<Path> children = Files.list(out)) {
      if (children.findAny().isEmpty()) {
        return;
      }
    }
    Path manifest = out.resolve("MANIFEST.md");
    if (!Files.isRegularFile(manifest)
        || !Files.readString(manifest).startsWith(ManifestWriter.TITLE)) {
      throw new SampleGenerator.RefusedException(
          out + " is not empty and holds no samples MANIFEST.md; refusing to overwrite it");
    }
    List<Path> doomed;
    try (Stream<Path> all = Files.walk(out)) {
      doomed = all.filter(x -> !x.equals(out)).sorted(Comparator.reverseOrder()).toList();
    }
    for (Path x : doomed) {
      Files.delete(x);
    }
  }

  void write() throws IOException {
    prepareOut(o.out);
    Files.createDirectories(o.out);
    files.sort((a, b) -> a.path.compareTo(b.path));
    for (SampleFile f : files) {
      Path p = o.out.resolve(f.path);
      Files.createDirectories(p.getParent());
      byte[] bytes = content(f);
      Files.write(p, bytes);
      f.bytes = bytes.length;
    }
    String manifest = new ManifestWriter(c).manifest();
    Files.write(o.out.resolve("MANIFEST.md"), manifest.getBytes(StandardCharsets.UTF_8));
    long total = 0;
    for (SampleFile f : files) {
      total += f.bytes;
    }
    System.err.printf(
        Locale.ROOT,
        "samples: %d files + MANIFEST.md, %d bytes, in %s%n",
        files.size(),
        total,
        o.out);
  }
}
