package io.encordanalytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.encordanalytics.model.ParsedRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A JSON Lines file read in byte ranges ({@link LogFileReader#readRange}, the first line numbers
 * from {@link LineRanges#breaks}) gives exactly the records of reading it whole: the same records,
 * each once, with the same record index, raw text, reason and event.
 */
class LineRangesTest {
  private static final int MAX_CHARS = 400;
  private static final LogFileReader READER =
      new LogFileReader(new EventMapper(2000, 2100), MAX_CHARS);

  /** Real records of both formats, from the bundled samples. */
  private static final List<String> EVENTS = sampleLines(40);

  /** The first {@code perFile} records of a label-log and an editor-log sample file. */
  static List<String> sampleLines(long perFile) {
    List<String> out = new ArrayList<>();
    for (String f :
        List.of(
            "label-logs/2025-04-01/traffic-annotation.snake.jsonl",
            "editor-logs/2025-04-02/traffic-review-rework.snake.jsonl")) {
      try (Stream<String> lines = Files.lines(Path.of("..", "data-samples", f))) {
        lines.filter(l -> !l.isBlank()).limit(perFile).forEach(out::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  private static final String[] BREAKS = {"\n", "\r\n", "\r"};

  /** Lines of every kind the reader meets, joined by every kind of line break. */
  private static byte[] randomFile(Random rnd, int lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (rnd.nextInt(4) == 0) {
      out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    }
    for (int i = 0; i < lines; i++) {
      switch (rnd.nextInt(10)) {
        case 0 -> {} // blank line
        case 1 -> out.writeBytes("   \t ".getBytes(StandardCharsets.UTF_8));
        case 2 -> out.writeBytes("{\"action\": 3, \"broken\": ".getBytes(StandardCharsets.UTF_8));
        case 3 -> out.writeBytes("x".repeat(MAX_CHARS + rnd.nextInt(300)).getBytes());
        case 4 ->
            // Not UTF-8, a BOM inside the file, and characters of two, three and four bytes.
            out.writeBytes(
                new byte[] {
                  '"', (byte) 0xC3, (byte) 0xFF, (byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '"'
                });
        case 5 -> out.writeBytes("\"é 日本 😀\"".getBytes(StandardCharsets.UTF_8));
        default ->
            out.writeBytes(EVENTS.get(rnd.nextInt(EVENTS.size())).getBytes(StandardCharsets.UTF_8));
      }
      if (i < lines - 1 || rnd.nextBoolean()) {
        out.writeBytes(BREAKS[rnd.nextInt(BREAKS.length)].getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toByteArray();
  }

  private static LogFileReader.Opener opener(byte[] bytes) {
    return () -> new ByteArrayInputStream(bytes);
  }

  /** The records of reading the whole file; it must be one the job reads in ranges. */
  private static List<ParsedRecord> whole(byte[] bytes) throws IOException {
    assertThat(LogFileReader.splittable(opener(bytes))).as("JSON Lines").isTrue();
    return READER.readAll(opener(bytes), "f.jsonl", 3);
  }

  /**
   * Same records, each once, in the same order, field by field (the summary shows a difference).
   */
  private static void assertSameRecords(
      List<ParsedRecord> actual, List<ParsedRecord> expected, String what) {
    assertThat(actual.stream().map(LineRangesTest::summary).toList())
        .as(what)
        .containsExactlyElementsOf(expected.stream().map(LineRangesTest::summary).toList());
    assertThat(actual)
        .as(what)
        .usingRecursiveFieldByFieldElementComparator()
        .containsExactlyElementsOf(expected);
  }

  private static String summary(ParsedRecord r) {
    return r.getRecordIndex() + " | " + r.getReason() + " | " + r.getRaw();
  }

  /** A random file that is JSON Lines (not, by chance, one JSON document). */
  private static byte[] randomLinesFile(Random rnd, int lines) throws IOException {
    while (true) {
      byte[] bytes = randomFile(rnd, lines);
      if (LogFileReader.splittable(opener(bytes))) {
        return bytes;
      }
    }
  }

  /** The records of reading the file in the ranges between {@code cuts}, in order. */
  private static List<ParsedRecord> inRanges(byte[] bytes, List<Long> cuts) throws IOException {
    List<ParsedRecord> out = new ArrayList<>();
    long before = 0;
    for (int i = 0; i + 1 < cuts.size(); i++) {
      long start = cuts.get(i);
      long end = cuts.get(i + 1);
      READER.readRange(opener(bytes), "f.jsonl", 3, start, end, before).forEachRemaining(out::add);
      before += LineRanges.breaks(opener(bytes).openAt(start), end - start);
    }
    return out;
  }

  private static List<Long> randomCuts(Random rnd, long size, int ranges) {
    TreeSet<Long> cuts = new TreeSet<>(List.of(0L, size));
    while (cuts.size() < Math.min(ranges + 1, size + 1)) {
      cuts.add((long) rnd.nextInt((int) size + 1));
    }
    return new ArrayList<>(cuts);
  }

  @Test
  void randomFilesInRandomRangesGiveTheRecordsOfTheWholeFile() throws IOException {
    Random rnd = new Random(20261207L);
    for (int round = 0; round < 200; round++) {
      byte[] bytes = randomLinesFile(rnd, 1 + rnd.nextInt(30));
      List<ParsedRecord> expected = whole(bytes);
      List<Long> cuts = randomCuts(rnd, bytes.length, 1 + rnd.nextInt(12));
      assertSameRecords(inRanges(bytes, cuts), expected, "round " + round + ", cuts " + cuts);
    }
  }

  @Test
  void rangesOfOneByteEachStillGiveEveryLineOnce() throws IOException {
    Random rnd = new Random(7L);
    for (int round = 0; round < 20; round++) {
      byte[] bytes = randomLinesFile(rnd, 1 + rnd.nextInt(6));
      List<Long> cuts = new ArrayList<>();
      for (long i = 0; i <= bytes.length; i++) {
        cuts.add(i);
      }
      assertSameRecords(inRanges(bytes, cuts), whole(bytes), "round " + round);
    }
  }

  @Test
  void aRangeEndingInsideCrLfOrRightAfterABreakOwnsTheRightLines() throws IOException {
    byte[] bytes = (EVENTS.get(0) + "\r\n\r\n" + EVENTS.get(1) + "\r" + EVENTS.get(2)).getBytes();
    int crlf = EVENTS.get(0).length();
    List<ParsedRecord> expected = whole(bytes);
    assertThat(expected).extracting(ParsedRecord::getRecordIndex).containsExactly(1L, 3L, 4L);
    for (long cut = crlf; cut <= crlf + 5L; cut++) {
      assertSameRecords(
          inRanges(bytes, List.of(0L, cut, (long) bytes.length)), expected, "cut at " + cut);
    }
  }

  @Test
  void breaksCountsEachBreakAtItsLastByte() throws IOException {
    byte[] bytes = "a\r\nb\rc\n\n\r".getBytes();
    assertThat(LineRanges.breaks(new ByteArrayInputStream(bytes), bytes.length)).isEqualTo(5);
    // "a\r" | "\nb\rc...": the \r\n ends in the second range.
    assertThat(LineRanges.breaks(new ByteArrayInputStream(bytes), 2)).isZero();
    InputStream rest = new ByteArrayInputStream(bytes, 2, bytes.length - 2);
    assertThat(LineRanges.breaks(rest, bytes.length - 2)).isEqualTo(5);
  }

  @Test
  void onlyUncompressedJsonLinesIsSplittable() throws IOException {
    assertThat(LogFileReader.splittable(opener((EVENTS.get(0) + "\n" + EVENTS.get(1)).getBytes())))
        .isTrue();
    assertThat(LogFileReader.splittable(opener(("[" + EVENTS.get(0) + "]").getBytes()))).isFalse();
    assertThat(LogFileReader.splittable(opener(("{\"logs\": [" + EVENTS.get(0) + "]}").getBytes())))
        .isFalse();
    assertThat(LogFileReader.splittable(opener(EVENTS.get(0).getBytes())))
        .as("one event")
        .isFalse();
    assertThat(LogFileReader.splittable(opener(new byte[] {0x1f, (byte) 0x8b, 8, 0}))).isFalse();
    assertThat(LogFileReader.splittable(opener((EVENTS.get(0) + "\n\n  \n").getBytes())))
        .as("one event and blank lines")
        .isFalse();
    assertThat(LogFileReader.splittable(opener("{\n  \"logs\": []\n}\n{}".getBytes())))
        .as("a first line that is not one value: read whole")
        .isFalse();
    assertThat(LogFileReader.splittable(opener("not json\n{}".getBytes()))).isTrue();
    assertThat(LogFileReader.splittable(opener(new byte[0]))).isFalse();
  }
}
