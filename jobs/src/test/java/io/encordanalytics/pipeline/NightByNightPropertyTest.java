package io.encordanalytics.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import io.encordanalytics.NightlyJob;
import io.encordanalytics.ingest.LogFileReader;
import io.encordanalytics.io.JobRuns;
import io.encordanalytics.io.Tables;
import io.encordanalytics.io.Warehouse;
import io.encordanalytics.testing.RandomHistory;
import io.encordanalytics.testing.SparkTestBase;
import io.encordanalytics.testing.TableRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guarantee as a property: a random history, split at random into nights, processed night by
 * night, gives exactly the rows of one run over everything, in every bronze, silver, gold and
 * ledger table ({@link TableRows}); and a no-op re-run changes no table.
 *
 * <p>The history is {@link RandomHistory}'s: both log formats and key styles, every action kind the
 * gold tables read, a few users, tasks and labels (so that events of one key meet often), consensus
 * branches, exact re-deliveries and bad lines. Each record goes to a night drawn at random, so
 * later nights carry late events of every earlier date, re-deliveries and reviews of work stored
 * nights before. The night folders sort in night order, so the copy of a re-delivered event that a
 * night-by-night run stores first is the one that one run reads first: the two must agree to the
 * letter.
 *
 * <p>Before night 2 the key index ({@code encord_silver.event_keys}) is rewritten in its first form
 * (a row per key and date; odd seeds, the build's one among them) or deleted (even seeds), as in a
 * warehouse written before its per-date form or before it existed: night 2 builds it again from all
 * of silver, night 3 brings the dates of its events up to date. The classification answers are
 * rewritten as stored before objects' values were answers (no object rows or columns): night 2
 * rebuilds them from all of silver.
 *
 * <p>Seeds: {@code -Dencord.test.property-seeds=1,2,3,...} (default one, for the build's time; each
 * seed is five pipeline runs).
 */
class NightByNightPropertyTest extends SparkTestBase {
  private static final int NIGHTS = 3;
  private static final long RANGE_BYTES = 2048;

  @TempDir Path tmp;

  static Stream<Long> seeds() {
    return RandomHistory.seeds("encord.test.property-seeds");
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomHistorySplitAtRandomIntoNightsGivesTheTablesOfOneRun(long seed) throws IOException {
    Path generated = tmp.resolve("generated");
    Random random = new Random(seed);
    RandomHistory.write(generated, random);
    List<List<Path>> nights = split(generated, tmp.resolve("nights"), random);

    Path inc = tmp.resolve("inc");
    Path incWh = tmp.resolve("inc-wh");
    long stored = 0;
    for (int n = 0; n < NIGHTS; n++) {
      for (Path f : nights.get(n)) {
        Path to = inc.resolve(tmp.resolve("nights").relativize(f));
        Files.createDirectories(to.getParent());
        Files.copy(f, to);
      }
      if (n == 1) {
        // As a warehouse whose key index is stored in its first form, a row per key and date
        // (odd seeds, the build's), or that predates the index (even seeds): night 2 builds it
        // from all of silver, night 3 brings the dates of its events up to date.
        Warehouse w = new Warehouse(spark, NightlyJobTest.settingsFor(inc, incWh));
        Tables t = new Tables(w.settings());
        if (seed % 2 == 0) {
          deleteTree(Path.of(w.locations().path(t.eventKeys).toUri()));
        } else {
          Dataset<Row> events = w.read(t.events);
          Dataset<Row> firstForm =
              events
                  .filter(col("label_id").isNotNull())
                  .select(
                      lit("label_id").as("key_column"),
                      col("label_id").as("key_value"),
                      col("event_date"))
                  .union(
                      events
                          .filter(col("task_key").isNotNull())
                          .select(lit("task_key"), col("task_key"), col("event_date")))
                  .distinct();
          w.overwrite(
              spark.createDataFrame(firstForm.collectAsList(), firstForm.schema()),
              t.eventKeys,
              "older-index");
        }
        // As answers stored before objects' values were answers: night 2 rebuilds them all.
        Dataset<Row> older =
            w.read(t.classificationAnswers)
                .filter(col("object_hash").isNull())
                .drop("branch_name", "object_hash", "matched_objects");
        w.overwrite(
            spark.createDataFrame(older.collectAsList(), older.schema()),
            t.classificationAnswers,
            "older-answers");
      }
      JobRuns.Audit audit = run(inc, incWh);
      assertThat(audit.status).as("seed %d night %d", seed, n + 1).isEqualTo("SUCCEEDED");
      assertThat(audit.recordsRead)
          .as("seed %d night %d: every record in one place", seed, n + 1)
          .isEqualTo(audit.eventsNew + audit.duplicates + audit.quarantined);
      stored += audit.eventsNew;
    }
    Warehouse w = new Warehouse(spark, NightlyJobTest.settingsFor(inc, incWh));
    Tables t = new Tables(w.settings());
    Map<String, Long> versions = w.versions().of(t.transactional());
    assertThat(run(inc, incWh).recordsRead).as("a no-op night").isZero();
    assertThat(w.versions().of(t.transactional()))
        .as("seed %d: a no-op re-run changes no table", seed)
        .isEqualTo(versions);

    // The one run reads its larger JSON Lines files in byte ranges of 2 kB, several tasks to a
    // file: the same tables as the nights, which read each file whole.
    Path oneWh = tmp.resolve("one-wh");
    try (Stream<Path> files = Files.walk(inc)) {
      assertThat(
              files
                  .filter(f -> f.toString().endsWith(".jsonl") || f.toString().endsWith(".ndjson"))
                  .filter(f -> f.toFile().length() > 4 * RANGE_BYTES && splittable(f))
                  .count())
          .as("seed %d: JSON Lines files large enough to be read in ranges", seed)
          .isPositive();
    }
    JobRuns.Audit one =
        new NightlyJob(
                new Warehouse(
                    spark,
                    NightlyJobTest.settingsFor(
                        inc, oneWh, "ingest.partition-size", String.valueOf(RANGE_BYTES))))
            .run();
    assertThat(one.eventsNew).as("seed %d: events stored", seed).isEqualTo(stored);
    Map<String, List<String>> expected =
        TableRows.of(new Warehouse(spark, NightlyJobTest.settingsFor(inc, oneWh)), inc);
    assertThat(expected.get("encord_silver.events")).hasSize((int) stored);
    assertThat(expected.get("encord_silver.review_decisions")).as("reviews generated").isNotEmpty();
    assertThat(expected.get("encord_gold.consensus_units")).as("consensus generated").isNotEmpty();
    assertThat(expected.get("encord_gold.editor_sessions")).as("sessions generated").isNotEmpty();
    assertThat(expected.get("encord_gold.task_time")).as("task time generated").isNotEmpty();
    assertThat(expected.get("encord_gold.annotator_sessions_daily")).as("sessions").isNotEmpty();
    assertThat(expected.get("encord_gold.agent_prelabel_daily")).as("agent runs").isNotEmpty();
    assertThat(expected.get("encord_gold.classification_agreement"))
        .as("classification answers compared")
        .isNotEmpty();
    assertThat(expected.get("encord_gold.classification_agreement"))
        .as("object values compared on matched objects")
        .anyMatch(row -> row.matches(".*\"object_pairs\":[1-9].*"));
    assertThat(expected.get("encord_gold.classification_agreement_by_feature"))
        .as("classification agreement per feature")
        .isNotEmpty();
    TableRows.assertSameRows(
        TableRows.of(w, inc), expected, "seed " + seed + ", night by night vs one run");
  }

  /** Whether the job reads the file in byte ranges when it is larger than a read task's share. */
  private static boolean splittable(Path f) {
    try {
      return LogFileReader.splittable(() -> Files.newInputStream(f));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static JobRuns.Audit run(Path input, Path warehouse) {
    return new NightlyJob(new Warehouse(spark, NightlyJobTest.settingsFor(input, warehouse))).run();
  }

  /**
   * Deals every line of every generated file to a night drawn at random: night k's share of {@code
   * <file>} goes to {@code <out>/night-k/<file>}. Returns each night's files.
   */
  private static List<List<Path>> split(Path generated, Path out, Random random)
      throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(generated)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    List<List<Path>> nights = new ArrayList<>();
    for (int n = 0; n < NIGHTS; n++) {
      nights.add(new ArrayList<>());
    }
    for (Path f : files) {
      List<StringBuilder> parts = new ArrayList<>();
      for (int n = 0; n < NIGHTS; n++) {
        parts.add(new StringBuilder());
      }
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        parts.get(random.nextInt(NIGHTS)).append(line).append('\n');
      }
      for (int n = 0; n < NIGHTS; n++) {
        if (parts.get(n).length() > 0) {
          Path to = out.resolve("night-" + (n + 1)).resolve(generated.relativize(f));
          NightlyJobTest.write(to, parts.get(n).toString());
          nights.get(n).add(to);
        }
      }
    }
    return nights;
  }
}
