package io.encordanalytics.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.encordanalytics.BackfillJob;
import io.encordanalytics.NightlyJob;
import io.encordanalytics.RebuildSilverJob;
import io.encordanalytics.config.Settings;
import io.encordanalytics.ingest.FileSource;
import io.encordanalytics.ingest.LogFileReader;
import io.encordanalytics.io.FileLedger;
import io.encordanalytics.io.JobRuns;
import io.encordanalytics.io.RunGuard;
import io.encordanalytics.io.TableId;
import io.encordanalytics.io.Tables;
import io.encordanalytics.io.Warehouse;
import io.encordanalytics.model.InputFile;
import io.encordanalytics.model.ParsedRecord;
import io.encordanalytics.testing.SparkTestBase;
import io.encordanalytics.testing.TableRows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end runs of the nightly pipeline on small export trees, into Delta in a temp dir. */
class NightlyJobTest extends SparkTestBase {

  static final String NIGHT1_LABELS =
      String.join(
          "\n",
          "{\"log_hash\":\"l1\",\"user_hash\":\"u1\",\"user_email\":\"a@x.com\",\"identifier\":\"o1\",\"data_hash\":\"d1\",\"action\":0,\"label_name\":\"Car\",\"time_taken\":1500,\"created_at\":\"2025-04-01T10:00:00Z\",\"branch_name\":\"main\"}",
          "{\"log_hash\":\"l2\",\"user_hash\":\"u1\",\"identifier\":\"o1\",\"data_hash\":\"d1\",\"action\":1,\"time_taken\":500,\"created_at\":\"2025-04-01 10:01:00\"}",
          "",
          "{\"log_hash\":\"l3\",\"user_hash\":\"u1\",\"data_hash\":\"d1\",\"action\":11,\"created_at\":\"Tue, 01 Apr 2025 10:02:00 GMT\"}",
          "this is not json",
          "{\"foo\":1}",
          "{\"log_hash\":\"l1\",\"user_hash\":\"u1\",\"action\":0,\"created_at\":\"2025-04-01T10:00:00Z\"}",
          "{\"user_hash\":\"u1\",\"action\":0,\"created_at\":\"2025-04-01T10:00:00Z\"}",
          "{\"log_hash\":\"l4\",\"user_hash\":\"u1\",\"action\":99,\"data_hash\":\"d1\",\"created_at\":\"2025-04-01T10:03:00Z\"}");

  static final String NIGHT1_CAMEL =
      "[{\"logHash\":\"l2\",\"userHash\":\"u1\",\"identifier\":\"o1\",\"dataHash\":\"d1\",\"action\":1,\"createdAt\":\"2025-04-01T10:01:00Z\"},"
          + "{\"logHash\":\"l5\",\"userHash\":\"u2\",\"dataHash\":\"d1\",\"action\":30,\"createdAt\":\"2025-04-01T10:04:00.5Z\"}]";

  static final String NIGHT2_EDITOR =
      "{\"results\":["
          + "{\"id\":\"e1\",\"action\":\"APPROVE_OBJECT\",\"actor_user_id\":\"r1\",\"actor_user_email\":\"r@x.com\",\"data_unit_id\":\"d1\",\"workflow_task_id\":\"t1\",\"object_hash\":\"o1\",\"timestamp\":\"2025-04-02T09:00:00+02:00\",\"event_information\":{\"isConsensus\":false}},"
          + "{\"id\":\"e2\",\"action\":\"REJECT_TASK\",\"actor_user_id\":\"r1\",\"data_unit_id\":\"d1\",\"workflow_task_id\":\"\",\"timestamp\":\"2025-04-02T09:01:00\"},"
          + "{\"id\":\"e3\",\"action\":\"CREATE_OBJECT\",\"actor_user_id\":\"u1\",\"data_unit_id\":\"d1\",\"object_hash\":\"o2\",\"timestamp\":\"2025-04-01T10:02:30Z\",\"event_information\":{\"coordinates\":{\"x\":0.1,\"y\":0.1,\"w\":0.2,\"h\":0.2}}}"
          + "],\"nextPageToken\":\"abc\"}";

  /** Overlaps night 1 (l1, l3) and adds one late event on 2025-04-01. */
  static final String NIGHT2_OVERLAP =
      String.join(
          "\n",
          "{\"log_hash\":\"l1\",\"user_hash\":\"u1\",\"action\":0,\"created_at\":\"2025-04-01T10:00:00Z\"}",
          "{\"logHash\":\"l3\",\"userHash\":\"u1\",\"dataHash\":\"d1\",\"action\":11,\"createdAt\":\"2025-04-01T10:02:00Z\"}",
          "{\"log_hash\":\"l6\",\"user_hash\":\"u1\",\"data_hash\":\"d1\",\"action\":23,\"identifier\":\"a1\",\"created_at\":\"2025-04-01T09:58:00Z\"}");

  @TempDir Path tmp;

  private static Path allInput;
  private static Path allNightsWarehouse;

  /**
   * Both nights in one run: the reference that incremental and recovered runs must equal, here and
   * in KillRecoveryTest. Built once per JVM (a full run saved), in a folder removed at its exit.
   */
  static synchronized Path allWarehouse() throws IOException {
    if (allNightsWarehouse == null) {
      Path dir = Files.createTempDirectory("encord-reference-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
      allInput = dir.resolve("all");
      night1(allInput);
      night2(allInput);
      Path wh = dir.resolve("all-wh");
      run(allInput, wh);
      allNightsWarehouse = wh;
    }
    return allNightsWarehouse;
  }

  /** The input tree of {@link #allWarehouse()}. */
  static Path allInput() {
    return allInput;
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // A temporary folder: left to the system.
    }
  }

  /** Test settings for an input tree and a warehouse (also used by KillRecoveryTest). */
  static Settings settingsFor(Path input, Path warehouse, String... more) {
    List<String> kv =
        new ArrayList<>(
            List.of(
                "input-root",
                input.toString(),
                "warehouse",
                warehouse.toString(),
                "spark.shuffle-partitions",
                "2"));
    kv.addAll(List.of(more));
    return settings(kv.toArray(String[]::new));
  }

  /**
   * Writes an export file with a fixed modification time, so that the same tree written into two
   * folders is the same export (equal file ledgers).
   */
  static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2025-05-01T00:00:00Z")));
  }

  private static JobRuns.Audit run(Path input, Path warehouse, String... settings) {
    Warehouse wh = new Warehouse(spark, settingsFor(input, warehouse, settings));
    return new NightlyJob(wh).run();
  }

  private static void night1(Path input) throws IOException {
    write(input.resolve("labels/2025-04-01/part-0.jsonl"), NIGHT1_LABELS);
    write(input.resolve("labels/2025-04-01/camel.json"), NIGHT1_CAMEL);
  }

  private static void night2(Path input) throws IOException {
    write(input.resolve("editor/page-1.json"), NIGHT2_EDITOR);
    write(input.resolve("labels/2025-04-02/overlap.ndjson"), NIGHT2_OVERLAP);
  }

  /** Every table but the audit as sorted JSON lines (see {@link TableRows}). */
  private Map<String, List<String>> tables(Path warehouse, Path input) {
    return TableRows.of(new Warehouse(spark, settingsFor(input, warehouse)), input);
  }

  private long count(Path warehouse, Path input, TableId id) {
    return new Warehouse(spark, settingsFor(input, warehouse)).read(id).count();
  }

  /** Names of the data files of a table. */
  private static List<String> dataFiles(Warehouse w, TableId t) throws IOException {
    try (Stream<Path> files = Files.walk(Path.of(w.locations().path(t).toUri()))) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(f -> f.endsWith(".parquet"))
          .toList();
    }
  }

  /** The number of data files in each {@code event_date=} partition of a table. */
  private static Map<String, Long> dataFilesPerDate(Warehouse w, TableId t) throws IOException {
    try (Stream<Path> files = Files.walk(Path.of(w.locations().path(t).toUri()))) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".parquet"))
          .collect(
              java.util.stream.Collectors.groupingBy(
                  f -> f.getParent().getFileName().toString(),
                  java.util.TreeMap::new,
                  java.util.stream.Collectors.counting()));
    }
  }

  @Test
  void everyRecordEndsInExactlyOnePlaceCountsAddUpAndARerunChangesNoTable() throws IOException {
    Path in = tmp.resolve("in");
    Path wh = tmp.resolve("wh");
    night1(in);
    JobRuns.Audit a = run(in, wh);
    Tables t = new Tables(settingsFor(in, wh));

    assertThat(a.status).isEqualTo("SUCCEEDED");
    assertThat(a.inputFiles).isEqualTo(2);
    assertThat(a.recordsRead).as("non-blank lines + array elements").isEqualTo(10);
    assertThat(a.quarantined).as("not json, neither format").isEqualTo(2);
    assertThat(a.eventsNew).as("l1 l2 l3 l4 l5, and the record without log_hash").isEqualTo(6);
    assertThat(a.duplicates).as("l1 again, l2 in camelCase").isEqualTo(2);
    assertThat(a.recordsRead).isEqualTo(a.eventsNew + a.duplicates + a.quarantined);
    assertThat(count(wh, in, t.events)).isEqualTo(6);
    assertThat(count(wh, in, t.quarantine)).isEqualTo(2);
    assertThat(count(wh, in, t.rawRecords)).as("bronze keeps every record").isEqualTo(10);
    Warehouse written = new Warehouse(spark, settingsFor(in, wh));
    assertThat(dataFiles(written, t.rawRecords))
        .as("bronze's raw text compressed as an archive")
        .isNotEmpty()
        .allSatisfy(f -> assertThat(f).endsWith(".zstd.parquet"));
    assertThat(dataFiles(written, t.events))
        .as("the tables that are queried keep Spark's default codec")
        .isNotEmpty()
        .allSatisfy(f -> assertThat(f).endsWith(".snappy.parquet"));

    assertThat(dataFilesPerDate(written, t.events)).as("events written").isNotEmpty();
    long perActionFiles = 0;
    for (TableId table :
        java.util.stream.Stream.concat(
                java.util.stream.Stream.of(t.events),
                io.encordanalytics.silver.ActionOutputs.of(t).keySet().stream())
            .toList()) {
      Map<String, Long> perDate = dataFilesPerDate(written, table);
      assertThat(perDate)
          .as("%s: the run's rows clustered by date, one file per date without a shuffle", table)
          .allSatisfy((date, n) -> assertThat(n).as(date).isEqualTo(1L));
      perActionFiles += table.equals(t.events) ? 0 : perDate.size();
    }
    assertThat(perActionFiles).as("some per-action table has rows").isPositive();

    Dataset<Row> events = new Warehouse(spark, settingsFor(in, wh)).read(t.events);
    List<Map<String, Object>> l2 = maps(events.filter("event_id = 'l2'"));
    assertThat(l2).hasSize(1);
    assertThat(l2.get(0).get("source_file").toString())
        .as("first copy in path order wins: camel.json sorts before part-0.jsonl")
        .endsWith("camel.json");
    List<Map<String, Object>> unknown = maps(events.filter("event_id = 'l4'"));
    assertThat(unknown.get(0)).containsEntry("action", "99").containsEntry("action_code", 99);
    assertThat(a.unknownActions)
        .as("reported per run")
        .containsExactly(Map.entry("label_log:99", 1L));
    List<Map<String, Object>> derived = maps(events.filter("event_id_derived"));
    assertThat(derived)
        .as("the record without log_hash is an event with an id derived from its content")
        .singleElement()
        .satisfies(
            e ->
                assertThat(e)
                    .containsEntry("user_id", "u1")
                    .containsEntry("action", "ADD")
                    .hasEntrySatisfying(
                        "event_id", id -> assertThat((String) id).startsWith("derived-")));

    List<String> reasons =
        new Warehouse(spark, settingsFor(in, wh))
            .read(t.quarantine)
            .select("reason")
            .as(Encoders.STRING())
            .collectAsList();
    assertThat(reasons)
        .anySatisfy(r -> assertThat(r).startsWith("not valid JSON"))
        .anySatisfy(r -> assertThat(r).contains("matches neither"));

    // The same night again: nothing new, so no table but job_runs gets a new version.
    Warehouse w = new Warehouse(spark, settingsFor(in, wh));
    Map<String, Long> before = w.versions().of(t.transactional());

    JobRuns.Audit again = run(in, wh);

    assertThat(again.inputFiles).isZero();
    assertThat(again.recordsRead).isZero();
    assertThat(w.versions().of(t.transactional()))
        .as("no table gets a new version")
        .isEqualTo(before);
    assertThat(count(wh, in, t.jobRuns)).as("only job_runs gains a row").isEqualTo(2);
  }

  /**
   * Night 2 after night 1, with a run of night 2 in between that wrote part of its output and died:
   * the next run rolls it back and redoes it exactly once, re-delivered events are duplicates, and
   * the tables equal one run over both nights, also after a backfill and a rebuild of silver from
   * bronze.
   */
  @Test
  void nightByNightEqualsOneRunOverlapsAddOnlyNewEventsAndAnInterruptedRunIsRedoneOnce()
      throws IOException {
    Path inc = tmp.resolve("inc");
    Path incWh = tmp.resolve("inc-wh");
    night1(inc);
    // The writes of each step one after another, silver events before the per-action tables:
    // night 2's editor events land in per-action tables that night 1's label logs created.
    run(inc, incWh, "spark.parallel-writes", "1");
    night2(inc);
    // A run that wrote part of its output and then died: marker taken, silver appended, no end.
    Warehouse w = new Warehouse(spark, settingsFor(inc, incWh));
    Tables t = new Tables(w.settings());
    RunGuard dead = new RunGuard(w, t.transactional(), NightlyJob.JOB);
    dead.begin("19990101T000000Z-dead", "1999-01-01T00:00:00Z", id -> false);
    w.append(w.read(t.events).limit(2), t.events, "19990101T000000Z-dead", "event_date");
    dead.close(); // its heartbeat stops: the lease of this process that no guard holds is dead
    // The rollback restores tables one at a time whatever spark.parallel-writes says; a night's
    // writes side by side are the other night-by-night tests' (they run at the default).
    JobRuns.Audit second = run(inc, incWh, "spark.parallel-writes", "1");
    assertThat(second.status).isEqualTo("SUCCEEDED");
    assertThat(count(incWh, inc, t.events)).as("partial writes undone, work redone").isEqualTo(10);
    assertThat(
            w.read(t.jobRuns)
                .filter("status = 'ABORTED' AND run_id = '19990101T000000Z-dead'")
                .count())
        .isEqualTo(1);
    assertThat(second.inputFiles).isEqualTo(2);
    assertThat(second.eventsNew).as("e1 e2 e3 l6").isEqualTo(4);
    assertThat(second.duplicates).as("l1, l3 re-delivered").isEqualTo(2);
    assertThat(second.rebuiltDates)
        .as("the late 2025-04-01 events rebuild that date")
        .contains(LocalDate.parse("2025-04-01"), LocalDate.parse("2025-04-02"));

    Path allWh = allWarehouse();
    Path all = allInput;

    TableRows.assertSameRows(tables(incWh, inc), tables(allWh, all), "night by night");

    // Backfill of the whole range and a silver rebuild from bronze change nothing in gold.
    JobRuns.Audit backfill =
        new BackfillJob(w).run(LocalDate.parse("2025-03-31"), LocalDate.parse("2025-04-03"));
    assertThat(backfill.status).isEqualTo("SUCCEEDED");
    assertThat(backfill.rebuiltDates).hasSize(4);
    TableRows.assertSameRows(tables(incWh, inc), tables(allWh, all), "after backfill");
    long eventsBefore = count(incWh, inc, t.events);
    JobRuns.Audit rebuild = new RebuildSilverJob(w).run();
    assertThat(rebuild.message)
        .contains("rebuilt from 16 bronze records: 10 events, 4 duplicates, 2 quarantined");
    assertThat(count(incWh, inc, t.events)).isEqualTo(eventsBefore);
    TableRows.assertSameRows(
        tables(incWh, inc), tables(allWh, all), "after rebuilding silver from bronze");

    List<Map<String, Object>> reviews =
        maps(w.read(t.reviewOutcomesDaily).filter("target_type = 'label'"));
    assertThat(reviews)
        .as("editor review of a label created by a label log in an earlier run")
        .singleElement()
        .satisfies(
            r ->
                assertThat(r)
                    .containsEntry("annotator_id", "u1")
                    .containsEntry("label_name", "Car"));
  }

  /**
   * The gold step of a later night reads only the days around its new events, and rebuilds only the
   * dates whose activity, attribution, first pass, review cycles or rework its new events can
   * change. Events that cross midnight, events whose previous event is days old, a review of a
   * label created nights before, and late events that reach back into stored tasks and labels (an
   * earlier submission, an earlier creation by someone else, an earlier rejection, an earlier
   * decision) must still come out as in one run; a night whose events all come after the stored
   * ones of their tasks and labels rebuilds its own date only.
   */
  @Test
  void nightByNightEqualsOneRunAcrossMidnightLateEventsAndDaysOfHistory() throws IOException {
    String nightA =
        String.join(
            "\n",
            "{\"log_hash\":\"m10\",\"user_hash\":\"u1\",\"identifier\":\"o1\",\"data_hash\":\"d1\",\"action\":0,\"label_name\":\"Car\",\"created_at\":\"2025-04-01T23:58:00Z\"}",
            "{\"log_hash\":\"m11\",\"user_hash\":\"u1\",\"data_hash\":\"d1\",\"action\":30,\"created_at\":\"2025-04-01T23:59:55Z\"}",
            "{\"log_hash\":\"m12\",\"user_hash\":\"u1\",\"identifier\":\"o1\",\"data_hash\":\"d1\",\"action\":1,\"created_at\":\"2025-04-03T00:01:00Z\"}",
            "{\"log_hash\":\"m13\",\"user_hash\":\"u1\",\"data_hash\":\"d1\",\"action\":30,\"created_at\":\"2025-04-03T00:00:05Z\"}",
            "{\"log_hash\":\"m14\",\"user_hash\":\"u2\",\"identifier\":\"o9\",\"data_hash\":\"d2\",\"action\":0,\"created_at\":\"2025-04-05T12:00:00Z\"}",
            LIFECYCLES);
    String nightB =
        String.join(
            "\n",
            // After midnight; the user's previous event (and playback event) is the day before.
            "{\"log_hash\":\"m20\",\"user_hash\":\"u1\",\"data_hash\":\"d1\",\"action\":11,\"created_at\":\"2025-04-02T00:02:00Z\"}",
            "{\"log_hash\":\"m21\",\"user_hash\":\"u1\",\"data_hash\":\"d1\",\"action\":30,\"created_at\":\"2025-04-02T00:00:01Z\"}",
            // Before midnight: they change the active time and episode of stored events of 04-03.
            "{\"log_hash\":\"m22\",\"user_hash\":\"u1\",\"identifier\":\"o2\",\"data_hash\":\"d1\",\"action\":0,\"created_at\":\"2025-04-02T23:59:00Z\"}",
            "{\"log_hash\":\"m23\",\"user_hash\":\"u1\",\"data_hash\":\"d1\",\"action\":31,\"created_at\":\"2025-04-02T23:59:58Z\"}",
            // Previous event four days earlier: no active time either way.
            "{\"log_hash\":\"m24\",\"user_hash\":\"u2\",\"identifier\":\"o9\",\"data_hash\":\"d2\",\"action\":1,\"created_at\":\"2025-04-09T08:00:00Z\"}",
            // Reviews of labels created in night A, days later: attributed to their creators.
            "{\"log_hash\":\"m25\",\"user_hash\":\"r1\",\"identifier\":\"o1\",\"data_hash\":\"d1\",\"action\":13,\"created_at\":\"2025-04-06T10:00:00Z\"}",
            "{\"log_hash\":\"m26\",\"user_hash\":\"r1\",\"identifier\":\"o9\",\"data_hash\":\"d2\",\"action\":12,\"created_at\":\"2025-04-09T09:00:00Z\"}",
            // A second submitter before the first decision: that decision's cycle and attribution.
            labelLog("w1", "ann2", "k1", 11, null, "2025-04-02T08:00:00Z"),
            // An earlier creation of p1 by ann2: p1's creator, so its reviews and rework, change.
            labelLog("w2", "ann2", "k1", 0, "p1", "2025-04-01T09:00:00Z"),
            // An earlier rejection of p9, then an edit by its creator: rework from 04-02 on.
            labelLog("w3", "rev1", "k3", 27, "p9", "2025-04-02T20:00:00Z"),
            labelLog("w4", "ann1", "k3", 24, "p9", "2025-04-02T23:00:00Z"),
            // A decision on k2 before its stored approval: the first pass and the cycle change.
            labelLog("w5", "rev1", "k2", 34, null, "2025-04-05T08:00:00Z"),
            // And a later round of k2.
            labelLog("w6", "ann1", "k2", 11, null, "2025-04-06T10:00:00Z"),
            labelLog("w7", "rev1", "k2", 33, null, "2025-04-07T10:00:00Z"));
    // All after the stored events of their tasks and labels.
    String nightC =
        String.join(
            "\n",
            labelLog("v1", "ann1", "k1", 11, null, "2025-04-08T10:00:00Z"),
            labelLog("v2", "rev1", "k1", 33, null, "2025-04-08T11:00:00Z"),
            labelLog("v3", "rev1", "k1", 13, "p1", "2025-04-08T11:01:00Z"),
            labelLog("v4", "ann2", "k1", 1, "p1", "2025-04-08T12:00:00Z"),
            labelLog("v5", "rev1", "k3", 27, "p9", "2025-04-08T12:30:00Z"));
    Path inc = tmp.resolve("mid");
    Path incWh = tmp.resolve("mid-wh");
    write(inc.resolve("a/part-0.jsonl"), nightA);
    run(inc, incWh);
    write(inc.resolve("b/part-0.jsonl"), nightB);
    JobRuns.Audit second = run(inc, incWh);
    assertThat(second.eventsNew).isEqualTo(14);
    assertThat(second.rebuiltDates)
        .as("04-03 holds no new event, but its active time and episodes change")
        .contains(LocalDate.parse("2025-04-03"));
    write(inc.resolve("c/part-0.jsonl"), nightC);
    JobRuns.Audit third = run(inc, incWh);
    assertThat(third.eventsNew).isEqualTo(5);
    assertThat(third.rebuiltDates)
        .as("the stored decisions, reviews and edits of k1, p1 and p9 lie on earlier dates")
        .containsExactly(LocalDate.parse("2025-04-08"));

    Path one = tmp.resolve("mid-one");
    write(one.resolve("a/part-0.jsonl"), nightA);
    write(one.resolve("b/part-0.jsonl"), nightB);
    write(one.resolve("c/part-0.jsonl"), nightC);
    Path oneWh = tmp.resolve("mid-one-wh");
    run(one, oneWh);
    TableRows.assertSameRows(tables(incWh, inc), tables(oneWh, one), "night by night");

    List<Map<String, Object>> activity =
        maps(
            new Warehouse(spark, settingsFor(inc, incWh))
                .read(new Tables(settingsFor(inc, incWh)).annotatorDailyActivity)
                .filter("user_id = 'u1'")
                .select("event_date", "active_time_ms"));
    assertThat(activity)
        .as("gaps across midnight count on the later date")
        .containsExactlyInAnyOrder(
            Map.of("event_date", LocalDate.parse("2025-04-01"), "active_time_ms", 115_000L),
            Map.of("event_date", LocalDate.parse("2025-04-02"), "active_time_ms", 183_000L),
            Map.of("event_date", LocalDate.parse("2025-04-03"), "active_time_ms", 62_000L));

    Warehouse w = new Warehouse(spark, settingsFor(inc, incWh));
    Tables t = new Tables(w.settings());
    assertThat(
            maps(
                w.read(t.reviewOutcomesDaily)
                    .filter("target_type = 'label' AND annotator_id LIKE 'ann%'")
                    .select("event_date", "annotator_id", "approved", "rejected")))
        .as("p1 is ann2's label: the earlier creation arrived late")
        .containsExactlyInAnyOrder(
            Map.of(
                "event_date",
                LocalDate.parse("2025-04-02"),
                "annotator_id",
                "ann2",
                "approved",
                0L,
                "rejected",
                1L),
            Map.of(
                "event_date",
                LocalDate.parse("2025-04-04"),
                "annotator_id",
                "ann2",
                "approved",
                1L,
                "rejected",
                0L),
            Map.of(
                "event_date",
                LocalDate.parse("2025-04-08"),
                "annotator_id",
                "ann2",
                "approved",
                0L,
                "rejected",
                1L));
    assertThat(
            maps(
                w.read(t.annotatorQualityDaily)
                    .filter("labels_reworked > 0")
                    .select("event_date", "annotator_id", "labels_reworked")))
        .as("ann1's edits of p9 after its first rejection, ann2's of p1; ann1's of p1 are not")
        .containsExactlyInAnyOrder(
            Map.of(
                "event_date",
                LocalDate.parse("2025-04-02"),
                "annotator_id",
                "ann1",
                "labels_reworked",
                1L),
            Map.of(
                "event_date",
                LocalDate.parse("2025-04-04"),
                "annotator_id",
                "ann1",
                "labels_reworked",
                1L),
            Map.of(
                "event_date",
                LocalDate.parse("2025-04-08"),
                "annotator_id",
                "ann2",
                "labels_reworked",
                1L));
  }

  private static String labelLog(
      String id, String user, String unit, int action, String object, String at) {
    return "{\"log_hash\":\""
        + id
        + "\",\"user_hash\":\""
        + user
        + "\",\"data_hash\":\""
        + unit
        + "\",\"action\":"
        + action
        + (object == null ? "" : ",\"identifier\":\"" + object + "\"")
        + ",\"label_name\":\"Car\",\"created_at\":\""
        + at
        + "\"}";
  }

  /** Review cycles, first passes, attribution and rework of tasks d1, d2 and labels o1, a1. */
  static final String LIFECYCLES =
      String.join(
          "\n",
          labelLog("q1", "ann1", "k1", 0, "p1", "2025-04-01T10:00:00Z"),
          labelLog("q2", "ann1", "k1", 11, null, "2025-04-01T10:05:00Z"),
          labelLog("q3", "rev1", "k1", 13, "p1", "2025-04-02T09:00:00Z"),
          labelLog("q4", "rev1", "k1", 34, null, "2025-04-02T09:01:00Z"),
          labelLog("q5", "ann1", "k1", 1, "p1", "2025-04-03T10:00:00Z"),
          labelLog("q6", "ann1", "k1", 11, null, "2025-04-03T10:05:00Z"),
          labelLog("q7", "rev1", "k1", 33, null, "2025-04-04T09:00:00Z"),
          labelLog("q8", "rev1", "k1", 12, "p1", "2025-04-04T09:01:00Z"),
          labelLog("q9", "ann2", "k2", 0, "p5", "2025-04-02T11:00:00Z"),
          labelLog("q10", "ann2", "k2", 11, null, "2025-04-02T11:30:00Z"),
          labelLog("q11", "rev1", "k2", 33, null, "2025-04-05T09:00:00Z"),
          labelLog("q12", "ann1", "k3", 23, "p9", "2025-04-01T12:00:00Z"),
          labelLog("q13", "rev1", "k3", 27, "p9", "2025-04-03T12:00:00Z"),
          labelLog("q14", "ann1", "k3", 24, "p9", "2025-04-04T12:00:00Z"));

  /** Label logs as Encord's documentation prints them: no log_hash, no user_hash. */
  private static String documentationStyle(
      String email, int action, String label, String unit, String at) {
    return "{\"log_hash\":null,\"user_hash\":null,\"user_email\":\""
        + email
        + "\",\"annotation_hash\":"
        + (label == null ? "null" : "\"" + label + "\"")
        + ",\"identifier\":"
        + (label == null ? "null" : "\"" + label + "\"")
        + ",\"data_hash\":\""
        + unit
        + "\",\"action\":"
        + action
        + ",\"label_name\":\"Car\",\"created_at\":\""
        + at
        + "\",\"frame\":null}";
  }

  /**
   * Events without a user hash belong to the user of their e-mail: its user hash when events with a
   * hash name the address, else {@code email:<address>}. When a later night brings the first hash
   * of an address, the stored events of that address are re-attributed, and the gold tables come
   * out as one run over all files gives them.
   */
  @Test
  void emailOnlyEventsJoinTheirUserEvenWhenItsHashArrivesOnALaterNight() throws IOException {
    String nightA =
        "["
            + String.join(
                ",",
                documentationStyle("Ann@X.com", 0, "p1", "d1", "2025-04-01 10:00:00"),
                documentationStyle("yuki@y.com", 0, "p2", "d2", "2025-04-01 10:00:30"),
                documentationStyle("ann@x.com", 1, "p1", "d1", "2025-04-01 10:01:00"),
                documentationStyle("ann@x.com", 11, null, "d1", "2025-04-01 10:01:30"))
            + "]";
    String nightAEditor =
        "{\"id\":\"n1\",\"action\":\"brand_new_thing\",\"actor_user_id\":\"u9\","
            + "\"timestamp\":\"2025-04-01T11:00:00Z\"}";
    String nightB =
        String.join(
            "\n",
            // Ann's hash, first seen: her e-mail-only events of night A are hers.
            "{\"id\":\"b1\",\"action\":\"enter_editor\",\"actor_user_id\":\"u1\","
                + "\"actor_user_email\":\"ann@x.com\",\"data_unit_id\":\"d1\","
                + "\"timestamp\":\"2025-04-01T10:02:00Z\"}",
            // Rita rejects p1, which Ann created, and Yuki's p2.
            "{\"id\":\"b2\",\"action\":\"reject_object\",\"actor_user_id\":\"r1\","
                + "\"data_unit_id\":\"d1\",\"object_hash\":\"p1\","
                + "\"timestamp\":\"2025-04-02T09:00:00Z\"}",
            "{\"id\":\"b3\",\"action\":\"REJECT_OBJECT\",\"actor_user_id\":\"r1\","
                + "\"data_unit_id\":\"d2\",\"object_hash\":\"p2\","
                + "\"timestamp\":\"2025-04-02T09:01:00Z\"}",
            // Night A's second record again, as the SDK's to_dict() writes it: a duplicate.
            "{\"userEmail\":\"yuki@y.com\",\"identifier\":\"p2\",\"dataHash\":\"d2\","
                + "\"action\":0,\"labelName\":\"Car\",\"createdAt\":\"2025-04-01T10:00:30\"}");
    Path inc = tmp.resolve("email");
    Path incWh = tmp.resolve("email-wh");
    write(inc.resolve("a/labels.json"), nightA);
    write(inc.resolve("a/editor.jsonl"), nightAEditor);
    JobRuns.Audit first = run(inc, incWh);
    assertThat(first.eventsNew).isEqualTo(5);
    assertThat(first.quarantined).as("nothing a person would call an event").isZero();
    assertThat(first.unknownActions)
        .as("unknown actions, as written, with counts")
        .containsExactly(Map.entry("editor_log:brand_new_thing", 1L));
    write(inc.resolve("b/editor.jsonl"), nightB);
    JobRuns.Audit second = run(inc, incWh);
    assertThat(second.eventsNew).isEqualTo(3);
    assertThat(second.duplicates).as("the SDK re-export of a record without id").isEqualTo(1);
    assertThat(second.unknownActions).as("lower-case actions are known ones").isEmpty();

    Path one = tmp.resolve("email-one");
    write(one.resolve("a/labels.json"), nightA);
    write(one.resolve("a/editor.jsonl"), nightAEditor);
    write(one.resolve("b/editor.jsonl"), nightB);
    Path oneWh = tmp.resolve("email-one-wh");
    run(one, oneWh);
    TableRows.assertSameRows(tables(incWh, inc), tables(oneWh, one), "night by night");

    Warehouse w = new Warehouse(spark, settingsFor(inc, incWh));
    Tables t = new Tables(w.settings());
    Function<Path, List<String>> users =
        wh -> {
          Warehouse x = new Warehouse(spark, settingsFor(inc, wh));
          List<String> out = new ArrayList<>();
          for (Row r :
              x.read(t.events)
                  .select("action", "data_unit_id", "user_id", "user_id_from_email")
                  .collectAsList()) {
            out.add(r.mkString("|"));
          }
          out.sort(null);
          return out;
        };
    assertThat(users.apply(incWh))
        .as("silver users night by night = in one run")
        .isEqualTo(users.apply(oneWh))
        .contains(
            "ADD|d1|u1|true",
            "EDIT|d1|u1|true",
            "SUBMIT_TASK|d1|u1|true",
            "ADD|d2|email:yuki@y.com|true",
            "ENTER_EDITOR|d1|u1|false");
    assertThat(w.read(t.taskDecisions).select("user_id").as(Encoders.STRING()).collectAsList())
        .as("per-action tables re-attributed too")
        .containsExactly("u1");
    assertThat(
            maps(
                w.read(t.annotatorDailyActivity)
                    .filter("event_date = DATE'2025-04-01'")
                    .select("user_id", "labels_created", "active_time_ms")))
        .as("one person is one user; two people are two")
        .containsExactlyInAnyOrder(
            Map.of("user_id", "u1", "labels_created", 1L, "active_time_ms", 120_000L),
            Map.of("user_id", "email:yuki@y.com", "labels_created", 1L, "active_time_ms", 0L),
            Map.of("user_id", "u9", "labels_created", 0L, "active_time_ms", 0L));
    assertThat(
            maps(
                w.read(t.reviewOutcomesDaily)
                    .filter("target_type = 'label'")
                    .select("annotator_id", "rejected")))
        .as("rejections attributed to the e-mail users")
        .containsExactlyInAnyOrder(
            Map.of("annotator_id", "u1", "rejected", 1L),
            Map.of("annotator_id", "email:yuki@y.com", "rejected", 1L));
    assertThat(
            w.read(t.jobRuns)
                .filter("run_id = '" + first.runId + "'")
                .select("unknown_actions")
                .first()
                .getJavaMap(0))
        .as("job_runs.unknown_actions")
        .containsExactly(Map.entry("editor_log:brand_new_thing", 1L));
  }

  @Test
  void runKilledBeforeATablesFirstCommitIsCleanedUpAndRedone() throws IOException {
    Path in = tmp.resolve("in");
    Path wh = tmp.resolve("wh");
    night1(in);
    Warehouse w = new Warehouse(spark, settingsFor(in, wh));
    Tables t = new Tables(w.settings());
    // Killed while writing the first files of silver events: a log directory, no commit yet.
    RunGuard dead = new RunGuard(w, t.transactional(), NightlyJob.JOB);
    dead.begin("19990101T000000Z-dead", "1999-01-01T00:00:00Z", id -> false);
    dead.close();
    Path events = wh.resolve("encord_silver.db/events");
    Files.createDirectories(events.resolve("_delta_log"));
    Files.writeString(events.resolve("part-00000-half-written.snappy.parquet"), "PAR1");
    assertThat(w.exists(t.events)).as("a log directory without a commit is no table").isFalse();

    JobRuns.Audit redo = run(in, wh);

    assertThat(redo.status).isEqualTo("SUCCEEDED");
    assertThat(count(wh, in, t.events)).isEqualTo(6);
    assertThat(events.resolve("part-00000-half-written.snappy.parquet")).doesNotExist();
  }

  @Test
  void vanishedFilesAreLeftOutOfTheLedgerSoTheyAreReadIfTheyComeBack() {
    InputFile kept = new InputFile();
    kept.setPath("/in/a.jsonl");
    InputFile gone = new InputFile();
    gone.setPath("/in/b.jsonl");
    ParsedRecord bad = new ParsedRecord();
    bad.setSourceFile("/in/a.jsonl");
    bad.setRecordIndex(0L);
    bad.setFileOrder(0);
    bad.setReason("not valid JSON: x");
    ParsedRecord vanished = new ParsedRecord();
    vanished.setSourceFile("/in/b.jsonl");
    vanished.setRecordIndex(0L);
    vanished.setFileOrder(1);
    vanished.setReason(LogFileReader.VANISHED + ": /in/b.jsonl");
    Dataset<ParsedRecord> records =
        spark.createDataset(List.of(bad, vanished), Encoders.bean(ParsedRecord.class));

    assertThat(FileLedger.readable(List.of(kept, gone), FileSource.counts(records).notRead()))
        .extracting(InputFile::getPath)
        .containsExactly("/in/a.jsonl");
  }
}
