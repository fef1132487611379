package io.encordanalytics.generator;

import static io.encordanalytics.generator.GeneratedFiles.generate;
import static io.encordanalytics.generator.GeneratedFiles.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.encordanalytics.ingest.EventMapper;
import io.encordanalytics.model.Event;
import io.encordanalytics.model.ParsedRecord;
import io.encordanalytics.vocabulary.EditorAction;
import io.encordanalytics.vocabulary.LabelLogAction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the samples' MANIFEST.md promises is true of the files next to it, counted the way the job
 * counts and independently of the generator's own bookkeeping: every file read with the job's
 * reader (ingest.LogFileReader and EventMapper, no Spark), a record being a new event, a duplicate
 * (event id already read, files in path order then records in order: the first copy counts) or
 * quarantined.
 */
class ManifestTest {
  @TempDir static Path tmp;

  private static Path out;
  private static String manifest;

  /** Records per data file, files in path order. */
  private static Map<String, List<ParsedRecord>> records;

  /** Per file: records, events, duplicates, quarantined. */
  private static final Map<String, long[]> COUNTS = new LinkedHashMap<>();

  /** The first copy of every event id, in reading order. */
  private static final List<Event> UNIQUE = new ArrayList<>();

  @BeforeAll
  static void generateAndCount() throws IOException {
    out = tmp.resolve("samples");
    generate("--mode", "samples", "--out", out.toString());
    manifest = Files.readString(out.resolve("MANIFEST.md"));
    records = read(out);
    Set<String> seen = new HashSet<>();
    for (Map.Entry<String, List<ParsedRecord>> f : records.entrySet()) {
      long[] c = new long[4];
      for (ParsedRecord r : f.getValue()) {
        c[0]++;
        Event e = r.getEvent();
        if (e == null) {
          c[3]++;
        } else if (seen.add(e.getEventId())) {
          c[1]++;
          UNIQUE.add(e);
        } else {
          c[2]++;
        }
      }
      COUNTS.put(f.getKey(), c);
    }
  }

  @Test
  void totalsAreTheRecordsEventsDuplicatesAndQuarantinedRecordsOfTheFiles() {
    List<List<String>> totals =
        table(
            "| records | events | duplicates | quarantined | label-log events |"
                + " editor-log events |");
    assertThat(totals).as("one Totals row").hasSize(1);
    long[] promised = totals.get(0).stream().mapToLong(Long::parseLong).toArray();

    long[] sum = new long[4];
    for (long[] c : COUNTS.values()) {
      for (int i = 0; i < 4; i++) {
        sum[i] += c[i];
      }
    }
    long label =
        UNIQUE.stream().filter(e -> EventMapper.LABEL_LOG.equals(e.getSourceFormat())).count();
    long editor =
        UNIQUE.stream().filter(e -> EventMapper.EDITOR_LOG.equals(e.getSourceFormat())).count();
    assertThat(promised)
        .as("records, events, duplicates, quarantined, label-log events, editor-log events")
        .containsExactly(sum[0], sum[1], sum[2], sum[3], label, editor);
    assertThat(promised[0])
        .as("records = events + duplicates + quarantined")
        .isEqualTo(promised[1] + promised[2] + promised[3]);
    assertThat(promised[1]).as("events = label-log + editor-log events").isEqualTo(label + editor);
  }

  @Test
  void everyFileRowCountsAsTheFileReads() throws IOException {
    List<List<String>> rows =
        table(
            "| file | bytes | format | shape | keys | timestamps | records | events | duplicates |"
                + " quarantined | demonstrates |");
    Map<String, List<String>> byFile = new TreeMap<>();
    for (List<String> row : rows) {
      byFile.put(row.get(0).replace("`", ""), row);
    }
    assertThat(byFile.keySet())
        .as("a row for every data file, none for another")
        .containsExactlyElementsOf(records.keySet());
    for (Map.Entry<String, List<String>> f : byFile.entrySet()) {
      String file = f.getKey();
      List<String> row = f.getValue();
      long[] c = COUNTS.get(file);
      assertThat(Long.parseLong(row.get(1)))
          .as("bytes of %s", file)
          .isEqualTo(Files.size(out.resolve(file)));
      assertThat(List.of(row.get(6), row.get(7), row.get(8), row.get(9)))
          .as("records, events, duplicates, quarantined of %s", file)
          .containsExactly(
              String.valueOf(c[0]),
              String.valueOf(c[1]),
              String.valueOf(c[2]),
              String.valueOf(c[3]));
      String format =
          switch (row.get(2)) {
            case "label logs" -> EventMapper.LABEL_LOG;
            case "editor logs" -> EventMapper.EDITOR_LOG;
            default -> null;
          };
      if (format != null) {
        assertThat(records.get(file))
            .as("every event of %s is of its format", file)
            .allSatisfy(
                r -> {
                  if (r.getEvent() != null) {
                    assertThat(r.getEvent().getSourceFormat()).isEqualTo(format);
                  }
                });
      }
    }
  }

  @Test
  void eventsPerActionAreTheUniqueEventsOfEachAction() {
    Map<String, Long> label = new TreeMap<>();
    Map<String, Long> editor = new TreeMap<>();
    for (Event e : UNIQUE) {
      if (EventMapper.LABEL_LOG.equals(e.getSourceFormat())) {
        LabelLogAction known = LabelLogAction.ofCode(e.getActionCode());
        String key =
            String.format(
                Locale.ROOT,
                "%02d %s",
                e.getActionCode(),
                known == null ? "(unknown)" : known.name());
        label.merge(key, 1L, Long::sum);
      } else {
        String key = e.getAction() + (EditorAction.of(e.getAction()) == null ? " (unknown)" : "");
        editor.merge(key, 1L, Long::sum);
      }
    }
    assertThat(actionTable("| label-log action | events |"))
        .as("label-log events per action")
        .isEqualTo(label);
    assertThat(actionTable("| editor-log action | events |"))
        .as("editor-log events per action")
        .isEqualTo(editor);
  }

  private static Map<String, Long> actionTable(String header) {
    Map<String, Long> out = new TreeMap<>();
    for (List<String> row : table(header)) {
      out.put(row.get(0), Long.parseLong(row.get(1)));
    }
    return out;
  }

  /** The cells of the rows of the MANIFEST table with this header line (after its separator). */
  private static List<List<String>> table(String header) {
    List<String> lines = manifest.lines().toList();
    int at = lines.indexOf(header);
    assertThat(at).as("MANIFEST.md has a table %s", header).isNotNegative();
    List<List<String>> rows = new ArrayList<>();
    for (int i = at + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      String line = lines.get(i);
      List<String> cells = new ArrayList<>();
      for (String cell : line.substring(1, line.length() - 1).split("\\|", -1)) {
        cells.add(cell.strip());
      }
      rows.add(cells);
    }
    return rows;
  }
}
