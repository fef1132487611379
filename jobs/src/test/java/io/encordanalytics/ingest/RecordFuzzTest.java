package io.encordanalytics.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.encordanalytics.model.Event;
import io.encordanalytics.model.InputFile;
import io.encordanalytics.model.ParsedRecord;
import io.encordanalytics.silver.SilverEvents;
import io.encordanalytics.testing.SparkTestBase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing: valid records of the bundled samples (both formats, every key style) are mutated
 * the ways real exports break (cut, spliced, retyped, duplicated keys, over-deep, absurd times,
 * huge values, invalid bytes, gzip) and every mutated record must still end in exactly one place:
 * an event or a quarantine reason, never an exception, never lost, never doubled.
 */
class RecordFuzzTest extends SparkTestBase {
  private static final long SEED = 20261122L;
  private static final int FILES = 60;
  private static final int RECORDS_PER_FILE = 40;

  @TempDir Path dir;

  private static final LogFileReader READER =
      new LogFileReader(new EventMapper(2000, 2100), 200_000);

  /** The raw text of every valid event in data-samples (tests run in jobs/). */
  private static List<String> seeds() throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("../data-samples"))) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        if (f.getFileName().toString().endsWith(".md")) {
          continue;
        }
        for (ParsedRecord r : READER.readAll(() -> Files.newInputStream(f), f.toString(), 0)) {
          if (r.getEvent() != null && r.getRaw().indexOf('\n') < 0) {
            out.add(r.getRaw());
          }
        }
      }
    }
    return out;
  }

  private static final String NOISE = "{}[]\":,\\ 0123456789eE-+.tfnul\u00e9\u4e2d\uFFFD\t\u0000";

  private static final List<BiFunction<String, Random, String>> MUTATIONS =
      List.of(
          // cut a span out
          (s, r) -> {
            int a = r.nextInt(s.length());
            int b = Math.min(s.length(), a + 1 + r.nextInt(30));
            return s.substring(0, a) + s.substring(b);
          },
          // splice noise in
          (s, r) -> {
            int a = r.nextInt(s.length() + 1);
            StringBuilder n = new StringBuilder();
            for (int i = 1 + r.nextInt(8); i > 0; i--) {
              n.append(NOISE.charAt(r.nextInt(NOISE.length())));
            }
            return s.substring(0, a) + n + s.substring(a);
          },
          // truncate
          (s, r) -> s.substring(0, r.nextInt(s.length())),
          // strings become numbers, objects, arrays of arrays, null
          (s, r) -> {
            String[] values = {"123", "-1.5e308", "{}", "[[1,2],[3]]", "null", "true", "\"\""};
            String key = pickKey(s, r);
            return s.replaceFirst(
                "\"" + key + "\":\"[^\"]*\"",
                java.util.regex.Matcher.quoteReplacement(
                    "\"" + key + "\":" + values[r.nextInt(values.length)]));
          },
          // numbers become strings
          (s, r) -> s.replaceFirst(":(-?\\d+(?:\\.\\d+)?)([,}])", ":\"$1x\"$2"),
          // duplicate keys: the same id or action twice with other values
          (s, r) ->
              s.replaceFirst("\\{", "{\"action\":\"NOT_AN_ACTION\",\"id\":7,\"log_hash\":null,"),
          // absurd timestamps in every key style
          (s, r) -> {
            String[] times = {
              "\"9999-12-31T23:59:59Z\"",
              "\"0001-01-01\"",
              "-62135596800",
              "1e300",
              "\"NaN\"",
              "\"2025-02-30T10:00:00Z\"",
              "253402300800000",
              "\"\""
            };
            return s.replaceAll(
                "\"(created_at|createdAt|timestamp)\":(\"[^\"]*\"|-?\\d+)",
                "\"$1\":" + times[r.nextInt(times.length)]);
          },
          // over-deep nesting inside the record
          (s, r) -> s.replaceFirst("\\{", "{\"deep\":" + "[".repeat(3000) + "]".repeat(3000) + ","),
          // a huge value
          (s, r) -> s.replaceFirst("\\{", "{\"blob\":\"" + "x".repeat(300_000) + "\","),
          // not an object at all
          (s, r) -> "[" + s + "," + s + "]",
          // id removed
          (s, r) -> s.replaceAll("\"(log_hash|logHash|id)\":\"[^\"]*\",?", ""));

  private static String pickKey(String s, Random r) {
    var m = java.util.regex.Pattern.compile("\"([A-Za-z_]+)\":\"").matcher(s);
    List<String> keys = new ArrayList<>();
    while (m.find()) {
      keys.add(m.group(1));
    }
    return keys.isEmpty() ? "none" : keys.get(r.nextInt(keys.size()));
  }

  /** One JSON Lines file of mutated (and some untouched) records; bytes possibly corrupted. */
  private static byte[] fuzzFile(List<String> seeds, Random r, List<String> lines)
      throws IOException {
    for (int i = 0; i < RECORDS_PER_FILE; i++) {
      String s = seeds.get(r.nextInt(seeds.size()));
      for (int m = r.nextInt(3); m > 0; m--) {
        if (!s.isEmpty()) {
          s = MUTATIONS.get(r.nextInt(MUTATIONS.size())).apply(s, r);
        }
      }
      lines.add(s.replace('\n', ' ').replace('\r', ' '));
    }
    byte[] bytes = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    if (r.nextInt(4) == 0) {
      // invalid UTF-8 (never a newline byte)
      byte[] bad = {(byte) 0xFF, (byte) 0xC3, (byte) 0x28, (byte) 0xE2, (byte) 0x82};
      for (int k = 0; k < 5; k++) {
        bytes[r.nextInt(bytes.length)] = bad[r.nextInt(bad.length)];
      }
    }
    return bytes;
  }

  /** JSON Lines records: lines that are not blank once decoded (invalid bytes replaced). */
  private static long nonBlankLines(byte[] bytes) throws IOException {
    String text =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE)
            .decode(java.nio.ByteBuffer.wrap(bytes))
            .toString();
    return text.lines().filter(l -> !l.strip().isEmpty()).count();
  }

  @Test
  void everyMutatedRecordEndsInExactlyOnePlace() throws IOException {
    List<String> seeds = seeds();
    assertThat(seeds).as("valid sample records to mutate").hasSizeGreaterThan(300);
    Random r = new Random(SEED);
    List<InputFile> files = new ArrayList<>();
    long expectedRecords = 0;
    long events = 0;
    for (int f = 0; f < FILES; f++) {
      List<String> lines = new ArrayList<>();
      byte[] bytes = fuzzFile(seeds, r, lines);
      boolean gzip = f % 5 == 0;
      byte[] plain = bytes;
      Path path = dir.resolve(String.format("f%03d.%s", f, gzip ? "jsonl.gz" : "jsonl"));
      if (gzip) {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
          out.write(bytes);
        }
        bytes = gz.toByteArray();
      }
      Files.write(path, bytes);

      List<ParsedRecord> records =
          READER.readAll(() -> Files.newInputStream(path), path.toString(), f);
      long nonBlank = nonBlankLines(gzip ? plain : bytes);
      assertThat(records).as("one record per non-blank line of %s", path).hasSize((int) nonBlank);
      for (ParsedRecord rec : records) {
        assertThat(rec.getEvent() == null)
            .as("exactly one of event / reason: %s", rec.getRaw())
            .isNotEqualTo(rec.getReason() == null);
        if (rec.getEvent() != null) {
          Event e = rec.getEvent();
          events++;
          assertThat(e.getEventId()).isNotBlank();
          assertThat(e.getEventTime().atZone(ZoneOffset.UTC).getYear()).isBetween(2000, 2100);
          assertThat(e.getEventDate())
              .isEqualTo(e.getEventTime().atZone(ZoneOffset.UTC).toLocalDate());
        }
      }
      assertThat(records.stream().map(ParsedRecord::getRecordIndex).distinct().count())
          .as("record positions are unique")
          .isEqualTo(records.size());
      InputFile in = new InputFile();
      in.setPath(path.toString());
      in.setSize(Files.size(path));
      // As listed: FileSource checks each file against its listing once it is read.
      in.setModificationTime(Files.getLastModifiedTime(path).toMillis());
      in.setFileOrder(f);
      files.add(in);
      expectedRecords += nonBlank;
    }
    assertThat(events).as("the fuzzing leaves valid events too").isPositive();
    assertThat(expectedRecords - events).as("and quarantines plenty").isGreaterThan(300);

    // The same files through the Spark read edge and the silver transforms.
    Dataset<ParsedRecord> records =
        FileSource.read(spark, files, READER).persist(StorageLevel.MEMORY_AND_DISK());
    long read = records.count();
    long quarantined = records.filter(col("reason").isNotNull()).count();
    long fresh = SilverEvents.newEvents(records, null, "fuzz").count();
    long distinctIds = SilverEvents.validEvents(records).select("event_id").distinct().count();
    long positions = records.select("sourceFile", "recordIndex").distinct().count();
    records.unpersist();

    assertThat(read).isEqualTo(expectedRecords);
    assertThat(positions).as("no record doubled").isEqualTo(read);
    assertThat(read - quarantined).isEqualTo(events);
    assertThat(fresh).as("each event id stored once").isEqualTo(distinctIds);
  }
}
