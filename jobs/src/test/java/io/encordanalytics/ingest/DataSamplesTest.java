package io.encordanalytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.encordanalytics.model.Event;
import io.encordanalytics.model.ParsedRecord;
import io.encordanalytics.vocabulary.EditorAction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled samples read as the job reads them: every file's records end where {@code
 * data-samples/MANIFEST.md} says (events, duplicates by event id in path order, quarantined), and
 * the exports as Encord's documentation and SDK write them become the events they stand for.
 */
class DataSamplesTest {
  /** The tests run with working directory {@code jobs/}. */
  private static final Path SAMPLES = Path.of("../data-samples");

  private static final LogFileReader READER =
      new LogFileReader(new EventMapper(2000, 2100), 64 * 1024 * 1024);

  /** Parsed records per file (relative path), files in path order as the job reads them. */
  private static final Map<String, List<ParsedRecord>> FILES = new LinkedHashMap<>();

  @BeforeAll
  static void readSamples() throws IOException {
    List<Path> files;
    try (Stream<Path> all = Files.walk(SAMPLES)) {
      files =
          all.filter(Files::isRegularFile)
              .filter(p -> !p.getFileName().toString().endsWith(".md"))
              .sorted()
              .toList();
    }
    int order = 0;
    for (Path f : files) {
      FILES.put(
          SAMPLES.relativize(f).toString(),
          READER.readAll(() -> Files.newInputStream(f), f.toString(), order++));
    }
  }

  private static List<Event> events(String file) {
    return FILES.get(file).stream().map(ParsedRecord::getEvent).toList();
  }

  @Test
  void everySampleFileCountsAsItsManifestRowSays() throws IOException {
    String manifest = Files.readString(SAMPLES.resolve("MANIFEST.md"));
    Pattern row =
        Pattern.compile(
            "^\\| `([^`]+)` \\| \\d+ \\|(?:[^|]*\\|){4} (\\d+) \\| (\\d+) \\| (\\d+) \\| (\\d+) \\|",
            Pattern.MULTILINE);
    Matcher m = row.matcher(manifest);
    Set<String> seen = new HashSet<>();
    long[] totals = new long[4];
    List<String> rows = new ArrayList<>();
    while (m.find()) {
      String file = m.group(1);
      assertThat(FILES).as("manifest file %s exists", file).containsKey(file);
      long events = 0;
      long duplicates = 0;
      long quarantined = 0;
      for (ParsedRecord r : FILES.get(file)) {
        if (r.getEvent() == null) {
          quarantined++;
        } else if (seen.add(r.getEvent().getEventId())) {
          events++;
        } else {
          duplicates++;
        }
      }
      rows.add(file);
      assertThat(List.of((long) FILES.get(file).size(), events, duplicates, quarantined))
          .as("records, events, duplicates, quarantined of %s", file)
          .containsExactly(
              Long.parseLong(m.group(2)),
              Long.parseLong(m.group(3)),
              Long.parseLong(m.group(4)),
              Long.parseLong(m.group(5)));
      totals[0] += FILES.get(file).size();
      totals[1] += events;
      totals[2] += duplicates;
      totals[3] += quarantined;
    }
    assertThat(rows).as("every sample file has a manifest row").hasSameElementsAs(FILES.keySet());
    assertThat(manifest)
        .as("manifest totals")
        .contains(
            String.format("| %d | %d | %d | %d |", totals[0], totals[1], totals[2], totals[3]));
  }

  @Test
  void documentationStyleLabelLogsAreEventsWithContentIdsAndTheUserOfTheirEmail() {
    List<Event> doc = events("label-logs/2025-04-06/documentation-example.array.json");
    assertThat(doc).as("no record of the documentation's form is quarantined").doesNotContainNull();
    assertThat(doc)
        .allSatisfy(
            e -> {
              assertThat(e.getEventIdDerived()).as("derived id").isTrue();
              assertThat(e.getEventId()).matches("derived-[0-9a-f]{64}");
              assertThat(e.getUserIdFromEmail()).as("user from the e-mail").isTrue();
              assertThat(e.getUserId()).startsWith("email:").isEqualTo(e.getUserId().strip());
            });
    assertThat(doc.stream().map(Event::getEventId).distinct().count())
        .as("different records never share an id")
        .isEqualTo(doc.size());
    assertThat(doc.stream().map(Event::getUserId).distinct())
        .as("one user per address, the address in lower case")
        .containsExactlyInAnyOrder(
            "email:alice.ng@pixelforge.example",
            "email:yuki.tanaka@contractors.pixelforge.example",
            "email:sam.mueller@pixelforge.example");
    Event add = doc.get(1);
    assertThat(add.getAction()).as("action code 0").isEqualTo("ADD");
    assertThat(add.getLabelId()).as("identifier (= annotation_hash)").isNotNull();
    assertThat(add.getEventTime())
        .as("naive 'YYYY-MM-DD HH:MM:SS' is UTC")
        .isEqualTo(Instant.parse("2025-04-06T10:00:35Z"));

    List<Event> reexport =
        events("label-logs/2025-04-06/documentation-example.sdk-reexport.camel.ndjson");
    assertThat(reexport).hasSize(6);
    for (int i = 0; i < reexport.size(); i++) {
      assertThat(reexport.get(i))
          .as("SDK re-export of record %s (camelCase, None dropped, no annotationHash)", i)
          .usingRecursiveComparison()
          .ignoringFields("sourceFile")
          .isEqualTo(doc.get(i));
    }
  }

  @Test
  void sdkEditorLogPagesInBothKeyStylesAreReadIntoTheUsualEvents() {
    List<Event> page1 = events("editor-logs/2025-04-06/sdk-editor-logs-page-0001.camel.json");
    List<Event> page2 = events("editor-logs/2025-04-06/sdk-editor-logs-page-0002.snake.json");
    assertThat(page1).as("page with nextPageToken").isNotEmpty().doesNotContainNull();
    assertThat(page2).as("last page, no nextPageToken key").isNotEmpty().doesNotContainNull();
    List<Event> all = new ArrayList<>(page1);
    all.addAll(page2);
    assertThat(all)
        .allSatisfy(
            e -> {
              assertThat(EditorAction.valueOf(e.getAction()).name())
                  .as("canonical action")
                  .isEqualTo(e.getAction());
              assertThat(e.getOrganisationId())
                  .as("numeric actorOrganisationId")
                  .isEqualTo("20417");
              assertThat(e.getWorkflowStageType()).as("'' is no stage type").isNotEqualTo("");
              assertThat(e.getExtraFields())
                  .as("SDK fields the contract does not list, kept")
                  .contains("\"project_organisation_id\":20417")
                  .contains("\"project_organisation_user_role\":\"USER\"")
                  .contains("\"data_unit_dataset_title\":");
              assertThat(e.getEventIdDerived()).isFalse();
              assertThat(e.getUserIdFromEmail()).isFalse();
            });
    assertThat(page2)
        .as("lower-case actions (reject_object) are the documented actions")
        .extracting(Event::getAction)
        .contains("REJECT_OBJECT", "REJECT_TASK", "SUBMIT_TASK");
    assertThat(page1)
        .as("objectId at the top level is kept")
        .filteredOn(e -> "CREATE_OBJECT".equals(e.getAction()))
        .allSatisfy(e -> assertThat(e.getExtraFields()).contains("\"object_id\":"));
  }

  @Test
  void savedLabelLogApiResponseIsReadLikeTheOtherEnvelopes() {
    List<ParsedRecord> records = FILES.get("label-logs/2025-04-06/label-log-api-response.json");
    assertThat(records).isNotEmpty();
    assertThat(records).allSatisfy(r -> assertThat(r.getEvent()).as(r.getReason()).isNotNull());
    assertThat(records.get(0).getRaw())
        .as("each element of \"response\" is a record")
        .startsWith("{\"log_hash\":");
  }
}
