package io.encordanalytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.encordanalytics.model.Event;
import io.encordanalytics.model.ParsedRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file shape of inputs.md, and every kind of bad input: each input record ends as exactly one
 * parsed record (an event or a quarantine reason), in file order, and nothing throws.
 */
class LogFileReaderTest {
  private static final int FILE_ORDER = 3;
  private static final ObjectWriter PRETTY = Json.MAPPER.writerWithDefaultPrettyPrinter();

  private final LogFileReader reader = reader(100_000);

  @TempDir Path dir;

  // --- fixtures --------------------------------------------------------------------------------

  private static LogFileReader reader(int maxRecordChars) {
    return new LogFileReader(new EventMapper(2000, 2100), maxRecordChars);
  }

  private static String label(String id) {
    return "{\"log_hash\":\""
        + id
        + "\",\"user_hash\":\"U1\",\"data_hash\":\"D1\",\"action\":0,"
        + "\"created_at\":\"2025-05-01T13:53:59.123Z\"}";
  }

  private static String editor(String id) {
    return "{\"id\":\""
        + id
        + "\",\"action\":\"SAVE_TASK\",\"action_category\":\"task\","
        + "\"timestamp\":\"2025-05-01T13:53:59Z\",\"event_information\":{\"success\":true}}";
  }

  /** A pretty-printed JSON text, as Python's json.dump(..., indent=2) writes it. */
  private static String pretty(String json) {
    try {
      return PRETTY.writeValueAsString(Json.MAPPER.readTree(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String array(String... elements) {
    return "[" + String.join(",", elements) + "]";
  }

  private static String lines(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gzip(byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  private Path write(String name, String content) throws IOException {
    return write(name, utf8(content));
  }

  private List<ParsedRecord> read(Path file) {
    return read(reader, file);
  }

  private static List<ParsedRecord> read(LogFileReader r, Path file) {
    return r.readAll(() -> Files.newInputStream(file), file.toString(), FILE_ORDER);
  }

  private static List<String> eventIds(List<ParsedRecord> records) {
    return records.stream()
        .filter(r -> r.getEvent() != null)
        .map(r -> r.getEvent().getEventId())
        .toList();
  }

  private static List<ParsedRecord> quarantined(List<ParsedRecord> records) {
    return records.stream().filter(r -> r.getReason() != null).toList();
  }

  private static List<Long> indexes(List<ParsedRecord> records) {
    return records.stream().map(ParsedRecord::getRecordIndex).toList();
  }

  /**
   * The counting rule of inputs.md: as many parsed records as input records, each either an event
   * or quarantined (never both, never neither), with its file, raw text and a strictly increasing
   * record index.
   */
  private static void assertEveryRecordAccounted(
      List<ParsedRecord> records, int inputRecords, Path file) {
    assertThat(records).as("one parsed record per input record of %s", file).hasSize(inputRecords);
    for (ParsedRecord r : records) {
      assertThat(r.getEvent() == null)
          .as("record %s is an event xor quarantined: %s", r.getRecordIndex(), r.getReason())
          .isNotEqualTo(r.getReason() == null);
      assertThat(r.getSourceFile())
          .as("source file of record %s", r.getRecordIndex())
          .isEqualTo(file.toString());
      assertThat(r.getFileOrder()).as("file order").isEqualTo(FILE_ORDER);
      assertThat(r.getRaw()).as("raw text of record %s", r.getRecordIndex()).isNotNull();
      if (r.getEvent() != null) {
        assertThat(r.getEvent().getSourceFile()).as("event source file").isEqualTo(file.toString());
      }
    }
    assertThat(indexes(records)).as("record indexes in file order, no ties").isSorted();
    assertThat(indexes(records)).as("record indexes unique").doesNotHaveDuplicates();
  }

  // --- shapes ----------------------------------------------------------------------------------

  @Test
  void jsonLinesWithBlankLinesAndCrlfGiveOneRecordPerNonBlankLine() throws IOException {
    Path file =
        write(
            "export.jsonl",
            label("a")
                + "\r\n\r\n"
                + editor("b")
                + "\r\n   \t\r\n"
                + label("c")
                + "\n\n"
                + label("d")
                + "\r"
                + label("e"));

    List<ParsedRecord> records = read(file);

    assertEveryRecordAccounted(records, 5, file);
    assertThat(eventIds(records))
        .as("events in line order")
        .containsExactly("a", "b", "c", "d", "e");
    assertThat(indexes(records))
        .as("record index is the line number (CRLF, LF and CR all end a line)")
        .containsExactly(1L, 3L, 5L, 7L, 8L);
    assertThat(records.get(0).getRaw()).as("raw text without the CR").isEqualTo(label("a"));
  }

  @Test
  void prettyPrintedArrayGivesOneRecordPerElement() throws IOException {
    Path file = write("page.jsonl", pretty(array(label("a"), editor("b"), label("c"))));

    List<ParsedRecord> records = read(file);

    assertEveryRecordAccounted(records, 3, file);
    assertThat(eventIds(records))
        .as("elements in order, although the name says .jsonl")
        .containsExactly("a", "b", "c");
    assertThat(indexes(records)).as("element positions").containsExactly(0L, 1L, 2L);
    assertThat(records.get(1).getRaw())
        .as("raw is the element as compact JSON")
        .isEqualTo(editor("b"));
  }

  @Test
  void logsEnvelopeGivesItsElements() throws IOException {
    Path file = write("cache.json", pretty("{\"logs\":" + array(label("a"), label("b")) + "}"));

    List<ParsedRecord> records = read(file);

    assertEveryRecordAccounted(records, 2, file);
    assertThat(eventIds(records)).as("label-log cache").containsExactly("a", "b");
  }

  @Test
  void resultsEnvelopeWithNextPageTokenGivesItsElementsOnly() throws IOException {
    Path file =
        write(
            "page-0001.json",
            "{\"nextPageToken\":\"x\",\"results\":" + array(editor("a"), editor("b")) + "}");

    List<ParsedRecord> records = read(file);

    assertEveryRecordAccounted(records, 2, file);
    assertThat(eventIds(records))
        .as("saved API page; the token is not a record")
        .containsExactly("a", "b");
  }

  @Test
  void labelLogApiAnswerSavedAsItIsGivesItsElements() throws IOException {
    Path file =
        write(
            "label-logs-api.json",
            "{\"status\": 200, \"response\": " + array(label("a"), label("b")) + "}");

    List<ParsedRecord> records = read(file);

    assertEveryRecordAccounted(records, 2, file);
    assertThat(eventIds(records))
        .as("{\"status\": 200, \"response\": [...]}; the status is not a record")
        .containsExactly("a", "b");
  }

  @Test
  void failedApiAnswerSavedAsItIsIsQuarantinedNotLost() throws IOException {
    Path file = write("error.json", "{\"status\": 500, \"response\": \"Internal error\"}");

    List<ParsedRecord> records = read(file);

    assertEveryRecordAccounted(records, 1, file);
    assertThat(records.get(0).getReason()).isEqualTo("envelope field \"response\" is not an array");
  }

  /** Two pages of editor logs as saved from the SDK: page 1 camelCase, page 2 snake_case. */
  private static final String SDK_PAGE_1 =
      "{\"results\":[{\"id\":\"e-1\",\"action\":\"CREATE_OBJECT\","
          + "\"actionCategory\":\"object\",\"dataUnitId\":\"D1\",\"workflowTaskId\":\"T1\","
          + "\"timestamp\":\"2025-10-16T13:09:31\",\"actorUserId\":\"U1\","
          + "\"actorUserEmail\":\"ann@example.com\",\"actorOrganisationId\":4711,"
          + "\"projectOrganisationId\":4711,\"workflowStageType\":\"\","
          + "\"objectHash\":\"OH1\",\"objectId\":1}],"
          + "\"nextPageToken\":\"eyJwYWdlIjogMn0\"}";

  /** The last page: None dropped, so it has no nextPageToken key at all. */
  private static final String SDK_PAGE_2 =
      "{\"results\":[{\"id\":\"e-2\",\"action\":\"submit_task\","
          + "\"action_category\":\"task\",\"data_unit_id\":\"D1\","
          + "\"workflow_task_id\":\"T1\",\"timestamp\":\"2025-10-16T13:10:02\","
          + "\"actor_user_id\":\"U1\",\"actor_user_email\":\"ann@example.com\","
          + "\"actor_organisation_id\":4711,\"project_organisation_user_role\":\"USER\"}]}";

  @Test
  void sdkEditorLogPagesWithAndWithoutATokenInBothKeyStylesAreEvents() throws IOException {
    Path p1 = write("page-0001.json", SDK_PAGE_1);
    Path p2 = write("page-0002.json", SDK_PAGE_2);

    List<ParsedRecord> first = read(p1);
    List<ParsedRecord> last = read(p2);

    assertEveryRecordAccounted(first, 1, p1);
    assertEveryRecordAccounted(last, 1, p2);
    assertThat(eventIds(first)).containsExactly("e-1");
    assertThat(eventIds(last)).as("the last page, without nextPageToken").containsExactly("e-2");
    assertThat(last.get(0).getEvent().getAction()).as("submit_task").isEqualTo("SUBMIT_TASK");
    assertThat(first.get(0).getEvent().getWorkflowStageType()).as("''").isNull();
    assertThat(first.get(0).getEvent().getOrganisationId()).isEqualTo("4711");
    assertThat(first.get(0).getEvent().getExtraFields())
        .isEqualTo("{\"object_id\":1,\"project_organisation_id\":4711}");
    assertThat(last.get(0).getEvent().getExtraFields())
        .isEqualTo("{\"project_organisation_user_role\":\"USER\"}");
  }

  /** Label logs as Encord's documentation prints them, dumped as a JSON array. */
  private static String documentationStyle(String email, int action, String at) {
    return "{\"log_hash\": null, \"user_hash\": null, \"user_email\": \""
        + email
        + "\", \"annotation_hash\": \"2t5kCNyw\", \"identifier\": \"2t5kCNyw\","
        + " \"data_hash\": \"7d452929\", \"feature_hash\": \"KOYgD/K3\", \"action\": "
        + action
        + ", \"label_name\": \"Text classification\", \"time_taken\": 1482,"
        + " \"created_at\": \""
        + at
        + "\", \"frame\": 1}";
  }

  @Test
  void documentationStyleLabelLogsWithoutIdsAreEventsAndTheirSdkReexportIsTheSameEvents()
      throws IOException {
    Path doc =
        write(
            "doc.json",
            pretty(
                array(
                    documentationStyle("xxxxx@cord.tech", 0, "2022-11-30 17:27:10"),
                    documentationStyle("xxxxx@cord.tech", 1, "2022-11-30 17:27:40"),
                    documentationStyle("yyyyy@cord.tech", 0, "2022-11-30 17:27:10"))));
    Path sdk =
        write(
            "sdk.jsonl",
            lines(
                "{\"userEmail\":\"xxxxx@cord.tech\",\"identifier\":\"2t5kCNyw\","
                    + "\"dataHash\":\"7d452929\",\"featureHash\":\"KOYgD/K3\",\"action\":1,"
                    + "\"labelName\":\"Text classification\",\"timeTaken\":1482,"
                    + "\"createdAt\":\"2022-11-30T17:27:40\",\"frame\":1}"));

    List<ParsedRecord> records = read(doc);
    List<ParsedRecord> again = read(sdk);

    assertEveryRecordAccounted(records, 3, doc);
    assertThat(quarantined(records)).as("nothing a person would call an event").isEmpty();
    assertThat(eventIds(records)).doesNotHaveDuplicates().allMatch(id -> id.startsWith("derived-"));
    assertThat(records)
        .extracting(r -> r.getEvent().getUserId())
        .containsExactly("email:xxxxx@cord.tech", "email:xxxxx@cord.tech", "email:yyyyy@cord.tech");
    assertThat(eventIds(again))
        .as("the SDK's to_dict() of the second record: the same id, a duplicate")
        .containsExactly(eventIds(records).get(1));
  }

  @Test
  void envelopeWithBothLogsAndResultsLosesNeither() throws IOException {
    Path file =
        write(
            "both.json",
            "{\"logs\":" + array(label("a")) + ",\"results\":" + array(editor("b")) + "}");

    List<ParsedRecord> records = read(file);

    assertEveryRecordAccounted(records, 2, file);
    assertThat(eventIds(records)).as("both arrays read").containsExactly("a", "b");
  }

  @Test
  void emptyEnvelopesAndEmptyArraysHaveNoRecords() throws IOException {
    for (String content :
        List.of("[]", " [ ] ", "{\"results\":[],\"nextPageToken\":null}", "{\"logs\":null}")) {
      Path file = write("empty-page.json", content);
      assertThat(read(file)).as("records of %s", content).isEmpty();
    }
  }

  @Test
  void envelopeWhoseEventsAreNotAnArrayIsQuarantined() throws IOException {
    Path file = write("odd.json", "{\"logs\":{\"log_hash\":\"a\"},\"nextPageToken\":null}");

    List<ParsedRecord> records = read(file);

    assertEveryRecordAccounted(records, 1, file);
    assertThat(records.get(0).getReason())
        .as("reason")
        .isEqualTo("envelope field \"logs\" is not an array");
    assertThat(records.get(0).getRaw()).as("raw").isEqualTo("{\"log_hash\":\"a\"}");
  }

  @Test
  void singleEventObjectDocumentIsOneRecord() throws IOException {
    Path file = write("one.json", pretty(editor("a")));

    List<ParsedRecord> records = read(file);

    assertEveryRecordAccounted(records, 1, file);
    assertThat(eventIds(records)).as("the pretty-printed object is the event").containsExactly("a");
    assertThat(records.get(0).getEvent().getEventInformation())
        .as("nested object kept")
        .isEqualTo("{\"success\":true}");
  }

  @Test
  void singleObjectDocumentMatchingNeitherFormatIsQuarantined() throws IOException {
    Path file = write("status.json", pretty("{\"status\":\"ok\",\"count\":0}"));

    List<ParsedRecord> records = read(file);

    assertEveryRecordAccounted(records, 1, file);
    assertThat(records.get(0).getReason())
        .as("reason")
        .isEqualTo("object matches neither the label-log nor the editor-log format");
  }

  static Stream<Arguments> shapes() {
    String jsonLines = lines(label("a"), "", editor("b"));
    String prettyArray = pretty(array(label("a"), editor("b")));
    String logs = pretty("{\"logs\":" + array(label("a"), label("b")) + "}");
    String results =
        "{\"results\":" + array(editor("a"), editor("b")) + ",\"nextPageToken\":\"x\"}";
    String single = pretty(label("a"));
    return Stream.of(
        Arguments.of("JSON Lines", jsonLines, List.of("a", "b")),
        Arguments.of("pretty-printed array", prettyArray, List.of("a", "b")),
        Arguments.of("logs envelope", logs, List.of("a", "b")),
        Arguments.of("results envelope", results, List.of("a", "b")),
        Arguments.of(
            "response envelope",
            "{\"status\":200,\"response\":" + array(label("a"), label("b")) + "}",
            List.of("a", "b")),
        Arguments.of("single object", single, List.of("a")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void gzipOfEveryShapeIsDetectedByMagicBytesWhateverTheName(
      String shape, String content, List<String> ids) throws IOException {
    List<ParsedRecord> plain = read(write("plain.json", content));
    for (String name : List.of("export.json.gz", "export.json", "export.jsonl")) {
      Path file = write(name, gzip(utf8(content)));

      List<ParsedRecord> records = read(file);

      assertEveryRecordAccounted(records, ids.size(), file);
      assertThat(eventIds(records)).as("%s gzipped as %s", shape, name).isEqualTo(ids);
      assertThat(records.stream().map(ParsedRecord::getRaw).toList())
          .as("%s gzipped as %s reads as the plain file", shape, name)
          .isEqualTo(plain.stream().map(ParsedRecord::getRaw).toList());
    }
  }

  // --- bad input -------------------------------------------------------------------------------

  @Test
  void fileThatIsNeitherOneDocumentNorJsonLinesQuarantinesEachBadLineAndKeepsValidOnes()
      throws IOException {
    // A pretty-printed array cut off mid-object, then JSON Lines appended by a re-run.
    String prettyPart = pretty(array(label("a"), label("b")));
    String truncated = prettyPart.substring(0, prettyPart.indexOf("\"created_at\"", 200));
    String content = truncated + "\n" + lines(label("c"), "", editor("d"));
    Path file = write("broken.json", content);
    List<String> allLines = content.lines().toList();
    List<Long> nonBlank =
        IntStream.range(0, allLines.size())
            .filter(i -> !allLines.get(i).isBlank())
            .mapToObj(i -> (long) i + 1)
            .toList();

    List<ParsedRecord> records = read(file);

    assertEveryRecordAccounted(records, nonBlank.size(), file);
    assertThat(indexes(records)).as("one record per non-blank line").isEqualTo(nonBlank);
    assertThat(eventIds(records)).as("valid single-line events kept").containsExactly("c", "d");
    List<ParsedRecord> bad = quarantined(records);
    assertThat(bad).as("every line of the truncated array").hasSize(nonBlank.size() - 2);
    for (ParsedRecord r : bad) {
      assertThat(r.getRaw())
          .as("raw of line %s is the line", r.getRecordIndex())
          .isEqualTo(allLines.get((int) (long) r.getRecordIndex() - 1).strip());
      assertThat(r.getReason())
          .as("reason of line %s", r.getRecordIndex())
          .startsWith("not valid JSON: ");
    }
  }

  @Test
  void nonJsonLinesAreQuarantinedWithTheirText() throws IOException {
    Path file =
        write(
            "api-error-page.json",
            lines("<html><head><title>502 Bad Gateway</title></head>", label("a"), "</html>"));

    List<ParsedRecord> records = read(file);

    assertEveryRecordAccounted(records, 3, file);
    assertThat(eventIds(records)).as("the valid line").containsExactly("a");
    assertThat(quarantined(records))
        .extracting(ParsedRecord::getRaw)
        .as("raw text of the HTML lines")
        .containsExactly("<html><head><title>502 Bad Gateway</title></head>", "</html>");
    assertThat(quarantined(records))
        .extracting(ParsedRecord::getReason)
        .as("reasons")
        .allSatisfy(
            reason -> assertThat(reason).startsWith("not valid JSON: Unexpected character"));
  }

  @Test
  void twoObjectsOnOneLineAreQuarantinedNotHalfRead() throws IOException {
    Path file =
        write("glued.jsonl", lines(label("a") + " " + label("b"), label("c") + ",", label("d")));

    List<ParsedRecord> records = read(file);

    assertEveryRecordAccounted(records, 3, file);
    assertThat(eventIds(records)).as("only the clean line").containsExactly("d");
    assertThat(records.get(0).getReason())
        .as("second object on the line is not silently dropped")
        .startsWith("not valid JSON: Trailing token");
    assertThat(records.get(1).getReason())
        .as("trailing comma")
        .startsWith("not valid JSON: Unexpected character (','");
  }

  @Test
  void arrayElementsThatAreNotObjectsAreQuarantined() throws IOException {
    Path file =
        write("mixed-array.json", array(label("a"), "42", "\"text\"", "null", "true", label("b")));

    List<ParsedRecord> records = read(file);

    assertEveryRecordAccounted(records, 6, file);
    assertThat(eventIds(records)).as("object elements").containsExactly("a", "b");
    assertThat(quarantined(records))
        .extracting(ParsedRecord::getRaw)
        .as("raw of the scalar elements")
        .containsExactly("42", "\"text\"", "null", "true");
    assertThat(quarantined(records))
        .extracting(ParsedRecord::getReason)
        .as("reasons")
        .containsOnly("not a JSON object");
  }

  @Test
  void arrayOfArraysQuarantinesEachInnerArray() throws IOException {
    Path file = write("nested.json", array(array(label("a")), array(label("b"), label("c"))));

    List<ParsedRecord> records = read(file);

    assertEveryRecordAccounted(records, 2, file);
    assertThat(records)
        .extracting(ParsedRecord::getReason)
        .as("each inner array is one record, not an event")
        .containsOnly("not a JSON object");
    assertThat(records.get(1).getRaw())
        .as("raw of the second inner array")
        .isEqualTo(array(label("b"), label("c")));
  }

  @Test
  void invalidUtf8BytesAreReplacedNeverFatal() throws IOException {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    content.writeBytes(utf8("{\"log_hash\":\"a\",\"user_email\":\"ann"));
    content.writeBytes(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF});
    content.writeBytes(utf8("@example.com\",\"created_at\":\"2025-05-01T13:53:59Z\"}\n"));
    content.writeBytes(new byte[] {(byte) 0xFE, (byte) 0xFF, '\n'});
    content.writeBytes(utf8(label("b") + "\n"));
    Path file = write("latin1.jsonl", content.toByteArray());

    List<ParsedRecord> records = read(file);

    assertEveryRecordAccounted(records, 3, file);
    assertThat(eventIds(records)).as("events around the bad bytes").containsExactly("a", "b");
    assertThat(records.get(0).getEvent().getUserEmail())
        .as("bad bytes inside a string become U+FFFD")
        .isEqualTo("ann\uFFFD(\uFFFD@example.com");
    assertThat(records.get(1).getReason())
        .as("a line of bad bytes is quarantined")
        .startsWith("not valid JSON");
    assertThat(records.get(1).getRaw()).as("raw of the bad line").isEqualTo("\uFFFD\uFFFD");
  }

  @Test
  void invalidUtf8InsideAnArrayIsReplacedToo() throws IOException {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    content.writeBytes(
        utf8("[{\"id\":\"a\",\"timestamp\":\"2025-05-01T13:53:59Z\",\"label_name\":\""));
    content.writeBytes(new byte[] {(byte) 0xE9});
    content.writeBytes(utf8("t\u00e9\"}," + editor("b") + "]"));
    Path file = write("array-latin1.json", content.toByteArray());

    List<ParsedRecord> records = read(file);

    assertEveryRecordAccounted(records, 2, file);
    assertThat(records.get(0).getEvent().getLabelName())
        .as("lone Latin-1 byte replaced, valid UTF-8 kept")
        .isEqualTo("\uFFFDt\u00e9");
  }

  @Test
  void utf8ByteOrderMarkIsIgnoredInEveryShape() throws IOException {
    String bom = "\uFEFF";
    Path jsonLines = write("bom.jsonl", bom + lines(label("a"), label("b")));
    Path arrayDoc = write("bom-array.json", bom + pretty(array(label("a"), label("b"))));
    Path single = write("bom-single.json", bom + label("a"));
    Path gz = write("bom.jsonl.gz", gzip(utf8(bom + lines(label("a"), label("b")))));

    assertThat(eventIds(read(jsonLines))).as("JSON Lines with BOM").containsExactly("a", "b");
    assertThat(indexes(read(jsonLines))).as("line numbers with BOM").containsExactly(1L, 2L);
    assertThat(eventIds(read(arrayDoc))).as("array with BOM").containsExactly("a", "b");
    assertThat(eventIds(read(single))).as("single object with BOM").containsExactly("a");
    assertThat(eventIds(read(gz))).as("gzip with BOM").containsExactly("a", "b");
  }

  @Test
  void emptyAndZeroByteFilesHaveNoRecords() throws IOException {
    assertThat(read(write("zero.jsonl", new byte[0]))).as("zero bytes").isEmpty();
    assertThat(read(write("blank.jsonl", "\n  \r\n\t\n"))).as("blank lines only").isEmpty();
    assertThat(read(write("bom-only.json", "\uFEFF\n"))).as("BOM only").isEmpty();
    assertThat(read(write("empty.json.gz", gzip(new byte[0])))).as("gzip of nothing").isEmpty();
    assertThat(read(write("zero.json.gz", new byte[0]))).as("zero-byte .gz").isEmpty();
  }

  // --- corrupt gzip ----------------------------------------------------------------------------

  static Stream<Arguments> truncatedGzipShapes() {
    List<String> many = IntStream.range(0, 3000).mapToObj(i -> label("e" + i)).toList();
    String[] events = many.toArray(String[]::new);
    return Stream.of(
        Arguments.of("JSON Lines", lines(events)),
        Arguments.of("compact array", array(events)),
        Arguments.of("pretty array", pretty(array(events))),
        Arguments.of("results envelope", "{\"results\":" + array(events) + "}"),
        Arguments.of("small JSON Lines", lines(label("e0"), label("e1"), label("e2"))),
        Arguments.of("small array", array(label("e0"), label("e1"), label("e2"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("truncatedGzipShapes")
  void truncatedGzipKeepsRecordsBeforeTheBreakAndAddsOneUnreadableRecord(
      String shape, String content) throws IOException {
    byte[] gz = gzip(utf8(content));
    int cut = gz.length < 200 ? gz.length - 12 : gz.length / 2;
    Path file = write("cut.jsonl.gz", Arrays.copyOf(gz, cut));

    List<ParsedRecord> records = read(file);

    assertThat(records).as("%s: something is read", shape).isNotEmpty();
    assertEveryRecordAccounted(records, records.size(), file);
    ParsedRecord last = records.get(records.size() - 1);
    List<ParsedRecord> before = records.subList(0, records.size() - 1);
    assertThat(quarantined(records)).as("%s: only the break is quarantined", shape).hasSize(1);
    assertThat(before).as("%s: records before the break kept", shape).isNotEmpty();
    assertThat(eventIds(before))
        .as("%s: a prefix of the file, in order", shape)
        .isEqualTo(IntStream.range(0, before.size()).mapToObj(i -> "e" + i).toList());
    assertThat(last.getReason())
        .as("%s: the unreadable record", shape)
        .isEqualTo(
            "unreadable file content after "
                + before.size()
                + " record(s): java.io.EOFException: Unexpected end of ZLIB input stream");
  }

  @Test
  void corruptGzipDataEndsInOneUnreadableRecordNeverAnException() throws IOException {
    String content =
        lines(IntStream.range(0, 3000).mapToObj(i -> label("e" + i)).toArray(String[]::new));
    byte[] gz = gzip(utf8(content));
    for (int i = gz.length / 2; i < gz.length / 2 + 64; i++) {
      gz[i] ^= (byte) 0x5A;
    }
    Path file = write("corrupt.jsonl.gz", gz);

    List<ParsedRecord> records = read(file);

    assertEveryRecordAccounted(records, records.size(), file);
    assertThat(eventIds(records)).as("events before the corruption").contains("e0", "e100");
    assertThat(records.get(records.size() - 1).getReason())
        .as("last record")
        .startsWith("unreadable file content after ");
  }

  @Test
  void gzipWithABrokenHeaderIsOneUnreadableRecord() throws IOException {
    Path file = write("header.json.gz", new byte[] {0x1f, (byte) 0x8b, 0x00, 0x01, 0x02, 0x03});
    Path magicOnly = write("magic.json.gz", new byte[] {0x1f, (byte) 0x8b});

    List<ParsedRecord> records = read(file);

    assertEveryRecordAccounted(records, 1, file);
    assertThat(records.get(0).getReason())
        .as("bad compression method")
        .isEqualTo(
            "unreadable file content after 0 record(s): "
                + "java.util.zip.ZipException: Unsupported compression method");
    assertThat(read(magicOnly))
        .extracting(ParsedRecord::getReason)
        .as("header cut after the magic bytes")
        .singleElement()
        .asString()
        .startsWith("unreadable file content after 0 record(s): java.io.EOFException");
  }

  @Test
  void storageFailureIsRethrownSoTheTaskIsRetriedNotRecordedAsRead() {
    byte[] content = utf8(lines(label("a"), label("b")));
    LogFileReader.Opener failsMidway =
        () ->
            new FilterInputStream(new ByteArrayInputStream(content)) {
              @Override
              public int read(byte[] b, int off, int len) throws IOException {
                throw new IOException("connection reset");
              }
            };

    assertThatThrownBy(() -> reader.readAll(failsMidway, "s3a://bucket/a.json", 0))
        .as("a network error is not bad content")
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("cannot read s3a://bucket/a.json")
        .hasRootCauseMessage("connection reset");
  }

  // --- limits ----------------------------------------------------------------------------------

  @Test
  void recordLongerThanMaxRecordCharsIsQuarantinedInEveryShape() throws IOException {
    LogFileReader small = reader(500);
    String long1 =
        "{\"log_hash\":\"long\",\"created_at\":\"2025-05-01T13:53:59Z\",\"label_name\":\""
            + "x".repeat(1000)
            + "\"}";
    Path singleLine = write("one-long-line.jsonl", long1 + "\n");
    Path jsonLines = write("long.jsonl", lines(label("a"), long1, label("b")));
    Path arrayDoc = write("long-array.json", array(label("a"), long1, label("b")));
    String reason = "record longer than 500 characters";

    List<ParsedRecord> single = read(small, singleLine);
    assertEveryRecordAccounted(single, 1, singleLine);
    assertThat(single.get(0).getReason()).as("a file of one very long line").isEqualTo(reason);
    assertThat(single.get(0).getRaw())
        .as("raw cut to max-record-chars")
        .isEqualTo(long1.substring(0, 500));

    List<ParsedRecord> lines = read(small, jsonLines);
    assertEveryRecordAccounted(lines, 3, jsonLines);
    assertThat(eventIds(lines)).as("short lines kept").containsExactly("a", "b");
    assertThat(lines.get(1).getReason()).as("the long line").isEqualTo(reason);
    assertThat(lines.get(1).getRaw())
        .as("raw of the long line")
        .hasSize(500)
        .startsWith("{\"log_hash\":\"long\"");

    List<ParsedRecord> elements = read(small, arrayDoc);
    assertEveryRecordAccounted(elements, 3, arrayDoc);
    assertThat(eventIds(elements)).as("short elements kept").containsExactly("a", "b");
    assertThat(elements.get(1).getReason()).as("the long element").isEqualTo(reason);
  }

  @Test
  void veryLongLineIsReadInBoundedMemory() throws IOException {
    // 50 million characters on one line with a limit of 1000: the reader must not hold the line.
    Path file = dir.resolve("endless.jsonl");
    try (var out = Files.newBufferedWriter(file)) {
      out.write(label("a") + "\n{\"log_hash\":\"big\",\"label_name\":\"");
      char[] chunk = new char[1 << 20];
      Arrays.fill(chunk, 'x');
      for (int i = 0; i < 50; i++) {
        out.write(chunk);
      }
      out.write("\"}\n" + label("b") + "\n");
    }

    List<ParsedRecord> records = read(reader(1000), file);

    assertEveryRecordAccounted(records, 3, file);
    assertThat(eventIds(records)).as("neighbours kept").containsExactly("a", "b");
    assertThat(records.get(1).getRaw()).as("only the first 1000 characters kept").hasSize(1000);
  }

  private static String nested(int depth) {
    return "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
  }

  /** An editor event whose event_information brings the record to {@code depth} levels. */
  private static String deepEvent(String id, int depth) {
    return "{\"id\":\""
        + id
        + "\",\"timestamp\":\"2025-05-01T13:53:59Z\",\"event_information\":"
        + nested(depth - 1)
        + "}";
  }

  @Test
  void deeplyNestedJsonIsQuarantinedNotAStackOverflow() throws IOException {
    String deepArray = "[".repeat(200_000) + "]".repeat(200_000);
    Path line = write("deep.jsonl", lines(label("a"), deepArray, label("b")));
    Path element =
        write("deep-element.json", array(label("a"), deepEvent("deep", 100_000), label("b")));
    Path document = write("deep-document.json", deepArray);
    LogFileReader roomy = reader(10_000_000);

    List<ParsedRecord> fromLines = read(roomy, line);
    assertEveryRecordAccounted(fromLines, 3, line);
    assertThat(eventIds(fromLines)).as("lines around the deep one").containsExactly("a", "b");
    assertThat(fromLines.get(1).getReason())
        .as("deep line")
        .startsWith("not valid JSON: Document nesting depth (501) exceeds the maximum allowed");

    List<ParsedRecord> fromArray = read(roomy, element);
    assertEveryRecordAccounted(fromArray, 3, element);
    assertThat(eventIds(fromArray))
        .as("one deep element does not spoil the array")
        .containsExactly("a", "b");
    assertThat(fromArray.get(1).getReason())
        .as("deep element")
        .isEqualTo("record nested deeper than 500 levels");

    List<ParsedRecord> fromDocument = read(roomy, document);
    assertEveryRecordAccounted(fromDocument, 1, document);
    assertThat(fromDocument.get(0).getReason())
        .as("a document that is one deep array holds one deep element")
        .isEqualTo("record nested deeper than 500 levels");
  }

  @Test
  void nestingUpToTheLimitIsAnEvent() throws IOException {
    int max = Json.MAX_DEPTH;
    Path jsonLines = write("limit.jsonl", lines(deepEvent("ok", max), deepEvent("deep", max + 1)));
    Path arrayDoc = write("limit.json", array(deepEvent("ok", max), deepEvent("deep", max + 1)));

    List<ParsedRecord> lines = read(jsonLines);
    assertEveryRecordAccounted(lines, 2, jsonLines);
    assertThat(eventIds(lines)).as("%s levels is fine on a line", max).containsExactly("ok");
    assertThat(lines.get(0).getEvent().getEventInformation())
        .as("deep event_information kept as text")
        .startsWith("{\"a\":{\"a\":");

    // Depth counts from the record, not from the array that holds it.
    List<ParsedRecord> elements = read(arrayDoc);
    assertEveryRecordAccounted(elements, 2, arrayDoc);
    assertThat(eventIds(elements)).as("an element of %s levels", max).containsExactly("ok");
    assertThat(elements.get(1).getReason())
        .as("an element of %s levels", max + 1)
        .isEqualTo("record nested deeper than 500 levels");
  }

  @Test
  void recordIndexesFollowFileOrderAndSurviveQuarantine() throws IOException {
    List<String> input = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      input.add(i % 7 == 3 ? "not json " + i : label("e" + i));
      if (i % 5 == 0) {
        input.add("");
      }
    }
    Path file = write("order.jsonl", lines(input.toArray(String[]::new)));

    List<ParsedRecord> records = read(file);

    assertEveryRecordAccounted(records, 50, file);
    for (ParsedRecord r : records) {
      String lineText = input.get((int) (long) r.getRecordIndex() - 1);
      assertThat(r.getRaw())
          .as("record %s is line %s", r.getRecordIndex(), r.getRecordIndex())
          .isEqualTo(lineText);
    }
    assertThat(records.stream().map(ParsedRecord::getRaw).toList())
        .as("all non-blank lines, in order")
        .isEqualTo(input.stream().filter(s -> !s.isBlank()).toList());
  }

  @Test
  void readIsLazyAndClosesTheFileAtTheEnd() throws IOException {
    List<InputStream> opened = new ArrayList<>();
    List<Boolean> closed = new ArrayList<>();
    byte[] content = utf8(lines(label("a"), label("b")));
    LogFileReader.Opener tracking =
        () -> {
          int n = opened.size();
          closed.add(false);
          InputStream in =
              new FilterInputStream(new ByteArrayInputStream(content)) {
                @Override
                public void close() throws IOException {
                  closed.set(n, true);
                  super.close();
                }
              };
          opened.add(in);
          return in;
        };

    var it = reader.read(tracking, "mem.jsonl", 0);
    List<String> ids = new ArrayList<>();
    it.forEachRemaining(r -> ids.add(r.getEvent().getEventId()));

    assertThat(ids).as("events").containsExactly("a", "b");
    assertThat(closed).as("every opened stream closed").isNotEmpty().containsOnly(true);
  }

  @Test
  void pseudonymizingReaderLeavesNoAddressInRawTextReasonOrEvent() throws IOException {
    EmailPseudonymizer p = new EmailPseudonymizer("k");
    LogFileReader pseudonymizing = new LogFileReader(new EventMapper(2000, 2100), 100_000, p);
    Path f = dir.resolve("mixed.jsonl");
    Files.writeString(
        f,
        String.join(
            "\n",
            "{\"log_hash\":\"l1\",\"user_hash\":\"U1\",\"user_email\":\"Ann@X.com\","
                + "\"action\":0,\"created_at\":\"2025-05-01T13:53:59Z\"}",
            // An escaped @ is only an address once decoded.
            "{\"id\":\"e1\",\"action\":\"SUBMIT_TASK\",\"actor_user_email\":\"bob\\u0040y.org\","
                + "\"timestamp\":\"2025-05-01T13:54:00Z\",\"event_information\":"
                + "{\"annotators\":[{\"email\":\"cy@z.io\",\"hash\":\"h\"}]}}",
            "{\"broken\": carl@w.net}"),
        StandardCharsets.UTF_8);

    List<ParsedRecord> records = read(pseudonymizing, f);

    assertThat(records).hasSize(3);
    for (ParsedRecord r : records) {
      assertThat(r.getRaw()).doesNotContain("@").doesNotContain("\\u0040y.org\"");
      if (r.getReason() != null) {
        assertThat(r.getReason()).doesNotContain("@");
      }
    }
    assertThat(records.get(0).getEvent().getUserEmail()).isEqualTo(p.pseudonym("ann@x.com"));
    assertThat(records.get(1).getEvent().getUserEmail()).isEqualTo(p.pseudonym("bob@y.org"));
    assertThat(records.get(1).getEvent().getEventInformation())
        .contains(p.pseudonym("cy@z.io"))
        .doesNotContain("@");
    assertThat(records.get(2).getReason()).startsWith("not valid JSON");
    assertThat(read(reader, f).get(0).getEvent().getUserEmail())
        .as("off: addresses kept as read")
        .isEqualTo("Ann@X.com");
  }

  @Test
  void pseudonymizingReaderDerivesTheEmailUserFromThePseudonym() throws IOException {
    EmailPseudonymizer p = new EmailPseudonymizer("k");
    LogFileReader pseudonymizing = new LogFileReader(new EventMapper(2000, 2100), 100_000, p);
    Path f =
        write(
            "no-hash.jsonl",
            lines(
                "{\"log_hash\":null,\"user_hash\":null,\"user_email\":\"Ann@X.com\","
                    + "\"action\":3,\"created_at\":\"2025-05-01 13:53:59\","
                    + "\"note\":\"ask ann@x.com\"}",
                // No dot in the domain: the text scrub misses it, the e-mail field does not.
                "{\"user_email\":\"bob@localhost\",\"action\":3,"
                    + "\"created_at\":\"2025-05-01 13:54:00\"}"));

    List<ParsedRecord> records = read(pseudonymizing, f);

    Event first = records.get(0).getEvent();
    assertThat(first.getUserId()).isEqualTo("email:" + p.pseudonym("ann@x.com"));
    assertThat(first.getExtraFields()).doesNotContain("@");
    Event second = records.get(1).getEvent();
    assertThat(second.getUserEmail()).isEqualTo(p.pseudonym("bob@localhost"));
    assertThat(second.getUserId())
        .as("derived from the pseudonym, never the address")
        .isEqualTo("email:" + p.pseudonym("bob@localhost"));
  }

  @Test
  void fileThatVanishedBeforeItWasReadIsOneQuarantinedRecord() {
    List<ParsedRecord> gone =
        reader.readAll(
            () -> {
              throw new FileNotFoundException("/exports/gone.jsonl");
            },
            "/exports/gone.jsonl",
            FILE_ORDER);

    assertThat(gone)
        .singleElement()
        .satisfies(r -> assertThat(r.getReason()).startsWith(LogFileReader.VANISHED));
  }

  @Test
  void fileThatVanishesBetweenShapeScanAndReadIsOneQuarantinedRecordToo() throws IOException {
    Path f = dir.resolve("going.jsonl");
    Files.writeString(f, label("a") + "\n" + label("b") + "\n");
    int[] opens = {0};

    List<ParsedRecord> records =
        reader.readAll(
            () -> {
              if (opens[0]++ > 0) {
                throw new FileNotFoundException(f.toString());
              }
              return Files.newInputStream(f);
            },
            f.toString(),
            FILE_ORDER);

    assertThat(records)
        .singleElement()
        .satisfies(r -> assertThat(r.getReason()).startsWith(LogFileReader.VANISHED));
  }
}
