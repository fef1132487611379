package io.encordanalytics.generator;

import static io.encordanalytics.generator.GeneratedFiles.bytes;
import static io.encordanalytics.generator.GeneratedFiles.files;
import static io.encordanalytics.generator.GeneratedFiles.generate;
import static io.encordanalytics.generator.GeneratedFiles.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.encordanalytics.ingest.EventMapper;
import io.encordanalytics.model.Event;
import io.encordanalytics.model.ParsedRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bench mode ({@code scripts/bench.sh}'s input): a fixed seed gives the same bytes; {@code --events
 * N} gives exactly N records (lines), spread evenly over the days, one JSON Lines file per day and
 * format; about 0.5 % of them duplicates and 0.1 % bad lines (the usage text), about 60 % label
 * logs, as the job's reader counts them.
 */
class BenchModeTest {
  private static final int EVENTS = 20_000;
  private static final int DAYS = 3;

  @TempDir static Path tmp;

  private static Path first;

  @BeforeAll
  static void generateOnce() throws IOException {
    first = tmp.resolve("first");
    bench(first, 42);
  }

  private static void bench(Path out, long seed) throws IOException {
    bench(out, seed, EVENTS);
  }

  private static void bench(Path out, long seed, int events) throws IOException {
    generate(
        "--mode",
        "bench",
        "--events",
        String.valueOf(events),
        "--days",
        String.valueOf(DAYS),
        "--users",
        "40",
        "--seed",
        String.valueOf(seed),
        "--start-date",
        "2025-04-01",
        "--out",
        out.toString());
  }

  @Test
  void aFixedSeedGivesTheSameBytesAndAnotherSeedOthers() throws IOException {
    Path again = tmp.resolve("again");
    bench(again, 42);
    TreeMap<String, Path> a = files(first);
    TreeMap<String, Path> b = files(again);
    assertThat(b.keySet()).containsExactlyElementsOf(a.keySet());
    for (Map.Entry<String, Path> f : a.entrySet()) {
      assertThat(bytes(b.get(f.getKey())))
          .as("bytes of %s", f.getKey())
          .isEqualTo(bytes(f.getValue()));
    }

    Path other = tmp.resolve("other-seed");
    bench(other, 43, 3_000);
    assertThat(firstLine(files(other).firstEntry().getValue()))
        .as("another seed, another first record")
        .isNotEqualTo(firstLine(a.firstEntry().getValue()));
  }

  @Test
  void exactlyTheRequestedRecordsOneFilePerDayAndFormatSpreadEvenly() throws IOException {
    TreeMap<String, Path> files = files(first);
    assertThat(files.keySet())
        .containsExactly(
            "editor-logs/day=2025-04-01/part-0.jsonl",
            "editor-logs/day=2025-04-02/part-0.jsonl",
            "editor-logs/day=2025-04-03/part-0.jsonl",
            "label-logs/day=2025-04-01/part-0.jsonl",
            "label-logs/day=2025-04-02/part-0.jsonl",
            "label-logs/day=2025-04-03/part-0.jsonl");
    long total = 0;
    for (int d = 1; d <= DAYS; d++) {
      String day = "day=2025-04-0" + d;
      long lines =
          lines(files.get("label-logs/" + day + "/part-0.jsonl"))
              + lines(files.get("editor-logs/" + day + "/part-0.jsonl"));
      long expected = EVENTS / DAYS + (d - 1 < EVENTS % DAYS ? 1 : 0);
      assertThat(lines).as("records of %s", day).isEqualTo(expected);
      total += lines;
    }
    assertThat(total).isEqualTo(EVENTS);
  }

  @Test
  void aboutHalfAPercentDuplicatesATenthOfAPercentBadLinesAndSixtyPercentLabelLogs()
      throws IOException {
    Map<String, List<ParsedRecord>> records = read(first);
    long all = 0;
    long quarantined = 0;
    long duplicates = 0;
    long labelLog = 0;
    Set<String> seen = new HashSet<>();
    for (Map.Entry<String, List<ParsedRecord>> f : records.entrySet()) {
      for (ParsedRecord r : f.getValue()) {
        all++;
        if (f.getKey().startsWith("label-logs/")) {
          labelLog++;
        }
        Event e = r.getEvent();
        if (e == null) {
          quarantined++;
          continue;
        }
        if (!seen.add(e.getEventId())) {
          duplicates++;
        }
        String format =
            f.getKey().startsWith("label-logs/") ? EventMapper.LABEL_LOG : EventMapper.EDITOR_LOG;
        assertThat(e.getSourceFormat()).as("an event of %s", f.getKey()).isEqualTo(format);
      }
    }
    assertThat(all).as("every line is a record").isEqualTo(EVENTS);
    assertThat((double) duplicates / all).as("duplicate share").isBetween(0.003, 0.008);
    assertThat((double) quarantined / all).as("bad-line share").isBetween(0.0003, 0.003);
    assertThat((double) labelLog / all).as("label-log share").isBetween(0.55, 0.65);
  }

  private static String firstLine(Path p) throws IOException {
    try (var s = Files.lines(p)) {
      return s.findFirst().orElseThrow();
    }
  }

  private static long lines(Path p) throws IOException {
    try (var s = Files.lines(p)) {
      return s.filter(l -> !l.isBlank()).count();
    }
  }
}
