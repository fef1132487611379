package io.encordanalytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.encordanalytics.model.InputFile;
import io.encordanalytics.model.ParsedRecord;
import io.encordanalytics.testing.HostileFileSystem;
import io.encordanalytics.testing.SparkTestBase;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large JSON Lines files are read by several tasks in byte ranges, with the records of one task
 * reading each file whole; compressed files and single documents are still read whole; a file that
 * was not read keeps one record that says so, however many of its ranges noticed.
 */
class FileSourceRangesTest extends SparkTestBase {
  private static final LogFileReader READER = new LogFileReader(new EventMapper(2000, 2100), 5000);

  @TempDir Path tmp;

  private InputFile listed(Path p, int order) throws IOException {
    InputFile f = new InputFile();
    f.setPath(p.toUri().toString());
    f.setSize(Files.size(p));
    f.setModificationTime(Files.getLastModifiedTime(p).toMillis());
    f.setFileOrder(order);
    return f;
  }

  private static String summary(ParsedRecord r) {
    return String.join(
        " | ",
        r.getSourceFile().substring(r.getSourceFile().lastIndexOf('/') + 1),
        String.valueOf(r.getRecordIndex()),
        String.valueOf(r.getReason()),
        r.getEvent() == null ? "-" : r.getEvent().getEventId(),
        r.getRaw());
  }

  private static List<String> summaries(Dataset<ParsedRecord> records) {
    return records.collectAsList().stream()
        .sorted(
            Comparator.comparing(ParsedRecord::getSourceFile)
                .thenComparing(ParsedRecord::getRecordIndex))
        .map(FileSourceRangesTest::summary)
        .toList();
  }

  @Test
  void largeJsonLinesFilesAreReadInRangesWithTheRecordsOfAWholeRead() throws IOException {
    List<String> sample = LineRangesTest.sampleLines(Long.MAX_VALUE);
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 3 * sample.size(); i++) {
      big.append(sample.get(i % sample.size())).append(i % 7 == 0 ? "\r\n" : "\n");
      if (i % 50 == 0) {
        big.append("\n{\"action\": 3, \"not json\n");
      }
    }
    Path lines = Files.writeString(tmp.resolve("big.jsonl"), big, StandardCharsets.UTF_8);
    Path gz = tmp.resolve("packed.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(big.substring(0, 20_000).getBytes(StandardCharsets.UTF_8));
    }
    Path array =
        Files.writeString(
            tmp.resolve("array.json"), "[" + String.join(",\n", sample.subList(0, 60)) + "]");
    List<InputFile> files = List.of(listed(lines, 0), listed(gz, 1), listed(array, 2));
    long rangeBytes = 8192;
    assertThat(Files.size(lines)).isGreaterThan(10 * rangeBytes);
    assertThat(Files.size(array)).isGreaterThan(rangeBytes);

    Dataset<ParsedRecord> whole = FileSource.read(spark, files, READER, 1L << 30);
    Dataset<ParsedRecord> inRanges = FileSource.read(spark, files, READER, rangeBytes);

    long ranges = (Files.size(lines) + rangeBytes - 1) / rangeBytes;
    assertThat(whole.rdd().getNumPartitions()).as("three files, two cores").isEqualTo(2);
    assertThat(inRanges.rdd().getNumPartitions())
        .as("the JSON Lines file in ranges; the gzip file and the array whole")
        .isEqualTo(ranges + 2);
    List<String> expected = summaries(whole);
    assertThat(expected).hasSizeGreaterThan(3 * sample.size() + 60);
    assertThat(summaries(inRanges)).containsExactlyElementsOf(expected);
  }

  private static ParsedRecord record(String file, long index, String reason) {
    ParsedRecord r = new ParsedRecord();
    r.setSourceFile(file);
    r.setFileOrder(0);
    r.setRecordIndex(index);
    r.setRaw(reason == null ? "{}" : "");
    r.setReason(reason);
    return r;
  }

  @Test
  void aFileNotReadKeepsOneRecordThatSaysSoAndNothingElse() {
    String changed = LogFileReader.CHANGED + ": listed with 10 bytes";
    List<ParsedRecord> records =
        List.of(
            record("a.jsonl", 1, null),
            record("a.jsonl", 2, "not valid JSON: x"),
            // Two ranges of b.jsonl noticed that it changed; a third range was read.
            record("b.jsonl", 0, changed + ", 12 bytes when read"),
            record("b.jsonl", 0, changed + ", 14 bytes when read"),
            record("b.jsonl", 5, null),
            // A range of c.jsonl found the file gone.
            record("c.jsonl", 1, null),
            record("c.jsonl", 0, LogFileReader.VANISHED + ": c.jsonl"));
    Dataset<ParsedRecord> read =
        spark.createDataset(records, Encoders.bean(ParsedRecord.class)).repartition(3);

    FileSource.ReadCounts counts = FileSource.counts(read);
    List<String> kept = summaries(FileSource.withoutFilesNotRead(read, counts.notRead().keySet()));

    assertThat(kept)
        .containsExactly(
            "a.jsonl | 1 | null | - | {}",
            "a.jsonl | 2 | not valid JSON: x | - | ",
            "b.jsonl | 0 | " + changed + ", 12 bytes when read | - | ",
            "c.jsonl | 0 | " + LogFileReader.VANISHED + ": c.jsonl | - | ");
    assertThat(counts.notRead())
        .containsOnlyKeys("b.jsonl", "c.jsonl")
        .containsValues(LogFileReader.CHANGED, LogFileReader.VANISHED);
    assertThat(counts.records()).as("every record read, before any is dropped").isEqualTo(7);
    assertThat(counts.quarantined()).isEqualTo(4);
  }

  @Test
  void aFileReplacedWhileItsRangesAreReadKeepsOneRecordThatSaysSo() throws IOException {
    spark
        .sparkContext()
        .hadoopConfiguration()
        .set("fs.hostile.impl", HostileFileSystem.class.getName());
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      big.append("{\"log_hash\":\"h")
          .append(i)
          .append(
              "\",\"user_hash\":\"u7\",\"action\":0,\"created_at\":\"2025-04-01T10:00:00Z\"}\n");
    }
    // HostileFileSystem replaces a "replaced*" file by a short new version once it is first
    // opened: here by the check that the file is JSON Lines, after its listing.
    Path p = Files.writeString(tmp.resolve("replaced-big.jsonl"), big);
    InputFile f = listed(p, 0);
    f.setPath("hostile:" + p);
    long rangeBytes = 2048;
    assertThat(f.getSize()).isGreaterThan(4 * rangeBytes);

    Dataset<ParsedRecord> read = FileSource.read(spark, List.of(f), READER, rangeBytes).cache();
    assertThat(read.rdd().getNumPartitions()).as("read in ranges").isGreaterThan(4);
    assertThat(
            read.filter(
                    org.apache.spark.sql.functions.col("reason").startsWith(LogFileReader.CHANGED))
                .count())
        .as("every range noticed the change on its own")
        .isGreaterThan(1);
    FileSource.ReadCounts counts = FileSource.counts(read);
    List<String> kept = summaries(FileSource.withoutFilesNotRead(read, counts.notRead().keySet()));

    assertThat(kept)
        .as("nothing of the file is kept but one record that says it changed")
        .singleElement()
        .satisfies(
            r -> assertThat(r).startsWith("replaced-big.jsonl | 0 | " + LogFileReader.CHANGED));
    assertThat(counts.notRead()).containsOnlyKeys(f.getPath());
    read.unpersist();
  }
}
