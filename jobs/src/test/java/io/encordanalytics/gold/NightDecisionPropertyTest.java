package io.encordanalytics.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.assertj.core.api.Assertions.assertThat;

import io.encordanalytics.config.Settings;
import io.encordanalytics.ingest.EventMapper;
import io.encordanalytics.ingest.LogFileReader;
import io.encordanalytics.model.ParsedRecord;
import io.encordanalytics.silver.ActionTables;
import io.encordanalytics.silver.EmailUsers;
import io.encordanalytics.silver.SilverEvents;
import io.encordanalytics.spark.EventDates;
import io.encordanalytics.testing.RandomHistory;
import io.encordanalytics.testing.SparkTestBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gold step's decision of what a night changes, as a property, without Delta or the pipeline
 * around it: a random history ({@link RandomHistory}), dealt at random into nights, and for each
 * night the gold tables computed from all of history before it and after it. For every table:
 *
 * <ul>
 *   <li>the night changes no row outside what {@link GoldStep.Touched} (or, for consensus, the
 *       touched units and their old and new decision dates) says it changes; and
 *   <li>the rows it does change are computed exactly from what a night reads: the events around
 *       the night's dates ({@code recent}), the events of the touched keys found through the key
 *       index ({@link EventKeys}, {@link GoldStep#needed}), and the events of the touched units.
 * </ul>
 *
 * Together: rebuilding only those rows from only those inputs gives the gold tables of one run over
 * everything, night after night, for any history. Seeds: {@code
 * -Dencord.test.decision-seeds=1,2,3} (default three).
 */
class NightDecisionPropertyTest extends SparkTestBase {
  private static final int NIGHTS = 4;

  @TempDir Path tmp;

  static Stream<Long> seeds() {
    return Arrays.stream(System.getProperty("encord.test.decision-seeds", "11,12,13").split(","))
        .map(String::trim)
        .map(Long::parseLong);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aNightChangesExactlyWhatItsDecisionSaysFromWhatItReads(long seed) throws IOException {
    Settings settings = settings();
    Random random = new Random(seed);
    Dataset<Row> silver = silverByNight(random, settings);
    Dataset<Row> all = GoldStep.prepare(silver).persist();
    Dataset<Row> decisions = ActionTables.taskDecisions(silver).persist();
    long idle = settings.idleTimeoutMs;
    long gap = settings.episodeGapMs;
    int checkedRows = 0;
    for (int k = 1; k <= NIGHTS; k++) {
      String night = "night-" + k;
      String at = "seed " + seed + " " + night;
      Column isNew = col("run_id").equalTo(night);
      Dataset<Row> before = all.filter(col("run_id").lt(night)).persist();
      Dataset<Row> after = all.filter(col("run_id").leq(night)).persist();
      Dataset<Row> fresh = after.filter(isNew).persist();
      Set<LocalDate> newDates = EventDates.dates(fresh);

      // What a night reads: as GoldStep.touched does, with the index of the nights before.
      Dataset<Row> recent =
          after.filter(
              EventDates.inDates(
                  GoldStep.around(newDates, GoldStep.lookbackDays(settings))));
      GoldStep.Index index = new GoldStep.Index(EventKeys.of(before), newDates, () -> {});
      Dataset<Row> labels = EventKeys.keys(fresh, EventKeys.LABEL);
      Dataset<Row> tasks = EventKeys.keys(fresh, EventKeys.TASK);
      Dataset<Row> keyed =
          EventKeys.eventsOf(after, index.datesOf(labels, tasks), labels, tasks)
              .unionByName(
                  fresh.filter(col(EventKeys.LABEL).isNull().and(col(EventKeys.TASK).isNull())));
      GoldStep.Touched touched = GoldStep.Touched.of(recent, keyed, isNew);
      Dataset<Row> reviewInput =
          GoldStep.needed(
              after,
              index,
              touched.reviews(),
              List.of(
                  Kinds.LABEL_APPROVED,
                  Kinds.LABEL_REJECTED,
                  Kinds.ATTRIBUTE_APPROVED,
                  Kinds.ATTRIBUTE_REJECTED),
              List.of(Kinds.TASK_APPROVED, Kinds.TASK_REJECTED));
      Dataset<Row> qualityInput =
          GoldStep.needed(
              after,
              index,
              touched.quality(),
              List.of(Kinds.LABEL_EDITED, Kinds.ATTRIBUTE_EDITED),
              List.of(Kinds.TASK_APPROVED, Kinds.TASK_REJECTED));

      checkedRows +=
          dated(
              at + " annotator_daily_activity",
              e -> GoldTransforms.annotatorDailyActivity(e, idle),
              before,
              after,
              recent,
              touched.activity());
      checkedRows +=
          dated(
              at + " playback_incidents_daily",
              e -> GoldTransforms.playbackIncidentsDaily(e, idle, gap),
              before,
              after,
              recent,
              touched.playback());
      checkedRows +=
          dated(
              at + " review_outcomes_daily",
              e -> GoldTransforms.reviewOutcomesDaily(GoldTransforms.attributedReviews(e)),
              before,
              after,
              reviewInput,
              touched.reviews());
      checkedRows +=
          dated(
              at + " reviewer_daily_decisions",
              GoldTransforms::reviewerDailyDecisions,
              before,
              after,
              reviewInput.filter(EventDates.inDates(touched.reviews())),
              touched.reviews());
      checkedRows +=
          dated(
              at + " annotator_quality_daily",
              QualityTransforms::annotatorQualityDaily,
              before,
              after,
              qualityInput,
              touched.quality());
      checkedRows += consensus(at, before, after, keyed, tasks, index, decisions);
      before.unpersist();
      after.unpersist();
      fresh.unpersist();
    }
    assertThat(checkedRows).as("seed %d: rows compared", seed).isGreaterThan(100);
    all.unpersist();
    decisions.unpersist();
  }

  /**
   * A date-partitioned table: rows outside {@code dates} are the same before and after the night;
   * rows on {@code dates} computed from {@code read} are those computed from all of history.
   * Returns how many rows were compared.
   */
  private static int dated(
      String what,
      UnaryOperator<Dataset<Row>> table,
      Dataset<Row> before,
      Dataset<Row> after,
      Dataset<Row> read,
      Set<LocalDate> dates) {
    Column on = dates.isEmpty() ? functionsFalse() : EventDates.inDates(dates);
    Dataset<Row> afterRows = table.apply(after);
    List<String> untouchedAfter = rows(afterRows.filter(not(on)));
    assertThat(untouchedAfter)
        .as("%s: rows outside the dates %s", what, dates)
        .isEqualTo(rows(table.apply(before).filter(not(on))));
    List<String> touchedAfter = rows(afterRows.filter(on));
    assertThat(rows(table.apply(read).filter(on)))
        .as("%s: rows of the dates %s, from what the night reads", what, dates)
        .isEqualTo(touchedAfter);
    return untouchedAfter.size() + touchedAfter.size();
  }

  /**
   * Consensus: units without a new event keep their rows; the touched units' rows come from their
   * own events; annotator_consensus_daily changes only on the old and new decision dates of the
   * touched units, and those dates come from the events of the units decided on them.
   */
  private static int consensus(
      String at,
      Dataset<Row> before,
      Dataset<Row> after,
      Dataset<Row> keyed,
      Dataset<Row> tasks,
      GoldStep.Index index,
      Dataset<Row> decisions) {
    Dataset<Row> touched =
        GoldTransforms.consensusUnitKeys(keyed.join(tasks, new String[] {"task_key"}, "left_semi"))
            .select(col("task_key").as("consensus_unit_id"));
    String[] id = {"consensus_unit_id"};
    Dataset<Row> unitsBefore = GoldTransforms.consensusUnits(before, decisions);
    Dataset<Row> unitsAfter = GoldTransforms.consensusUnits(after, decisions);
    assertThat(rows(unitsAfter.join(touched, id, "left_anti")))
        .as("%s consensus_units: units without a new event", at)
        .isEqualTo(rows(unitsBefore.join(touched, id, "left_anti")));
    Dataset<Row> unitEvents =
        keyed.join(touched, col("task_key").equalTo(col("consensus_unit_id")), "left_semi");
    Dataset<Row> rebuilt = GoldTransforms.consensusUnits(unitEvents, decisions);
    List<String> touchedAfter = rows(unitsAfter.join(touched, id, "left_semi"));
    assertThat(rows(rebuilt)).as("%s consensus_units: touched units", at).isEqualTo(touchedAfter);

    Set<LocalDate> dates = new TreeSet<>(EventDates.dates(rebuilt));
    dates.addAll(EventDates.dates(unitsBefore.join(touched, id, "left_semi")));
    Dataset<Row> decided =
        unitsAfter.filter(
            col("consensus_reached")
                .and(dates.isEmpty() ? functionsFalse() : EventDates.inDates(dates)));
    Dataset<Row> decidedTasks = decided.select(col("consensus_unit_id").as("task_key"));
    Dataset<Row> noLabels = EventKeys.keys(after.limit(0), EventKeys.LABEL);
    Dataset<Row> decidedEvents =
        EventKeys.eventsOf(after, index.datesOf(noLabels, decidedTasks), noLabels, decidedTasks);
    Column on = dates.isEmpty() ? functionsFalse() : EventDates.inDates(dates);
    Dataset<Row> dailyAfter = GoldTransforms.annotatorConsensusDaily(after, unitsAfter, decisions);
    List<String> untouchedDaily = rows(dailyAfter.filter(not(on)));
    assertThat(untouchedDaily)
        .as("%s annotator_consensus_daily: rows outside the dates %s", at, dates)
        .isEqualTo(
            rows(
                GoldTransforms.annotatorConsensusDaily(before, unitsBefore, decisions)
                    .filter(not(on))));
    List<String> touchedDaily = rows(dailyAfter.filter(on));
    assertThat(
            rows(
                GoldTransforms.annotatorConsensusDaily(decidedEvents, decided, decisions)
                    .filter(on)))
        .as("%s annotator_consensus_daily: rows of the dates %s, from what the night reads", at, dates)
        .isEqualTo(touchedDaily);
    return touchedAfter.size() + untouchedDaily.size() + touchedDaily.size();
  }

  private static Column functionsFalse() {
    return org.apache.spark.sql.functions.lit(false);
  }

  private static List<String> rows(Dataset<Row> rows) {
    List<String> out = new ArrayList<>(rows.toJSON().collectAsList());
    out.sort(null);
    return out;
  }

  /**
   * Silver events of a random history whose lines are dealt at random into nights, as one run over
   * the nights' files in order would store them (the first copy of a re-delivered event wins), each
   * with {@code run_id} = the night that brought it.
   */
  private Dataset<Row> silverByNight(Random random, Settings settings) throws IOException {
    Path generated = tmp.resolve("generated");
    RandomHistory.write(generated, random);
    List<Path> files;
    try (Stream<Path> s = Files.walk(generated)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    LogFileReader reader =
        new LogFileReader(new EventMapper(settings.minYear, settings.maxYear), 1 << 20);
    List<ParsedRecord> records = new ArrayList<>();
    List<List<ParsedRecord>> byNight = new ArrayList<>();
    for (int n = 0; n < NIGHTS; n++) {
      byNight.add(new ArrayList<>());
    }
    for (int f = 0; f < files.size(); f++) {
      List<String> lines = Files.readAllLines(files.get(f), StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        int n = random.nextInt(NIGHTS);
        String file = "night-" + (n + 1) + "/" + generated.relativize(files.get(f));
        byNight.get(n).add(reader.parseRecord(lines.get(i), file, n * files.size() + f, i));
      }
    }
    byNight.forEach(records::addAll);
    Dataset<ParsedRecord> parsed =
        spark.createDataset(records, Encoders.bean(ParsedRecord.class));
    Dataset<Row> events = EmailUsers.attribute(SilverEvents.newEvents(parsed, null, "all"));
    return events.withColumn("run_id", regexp_extract(col("source_file"), "^(night-\\d+)/", 1));
  }
}
