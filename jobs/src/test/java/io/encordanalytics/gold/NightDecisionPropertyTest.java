package io.encordanalytics.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.assertj.core.api.Assertions.assertThat;

import io.encordanalytics.config.Settings;
import io.encordanalytics.ingest.EventMapper;
import io.encordanalytics.ingest.LogFileReader;
import io.encordanalytics.model.ParsedRecord;
import io.encordanalytics.silver.ActionTables;
import io.encordanalytics.silver.EmailUsers;
import io.encordanalytics.silver.SilverEvents;
import io.encordanalytics.spark.EventDates;
import io.encordanalytics.spark.Sessions;
import io.encordanalytics.testing.RandomHistory;
import io.encordanalytics.testing.SparkTestBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 *   <li>the rows it does change are computed exactly from what a night reads: the events around the
 *       night's dates ({@code recent}), the events of the touched keys found through the key index
 *       ({@link EventKeys}, {@link GoldStep#needed}), and the events of the touched units.
 * </ul>
 *
 * Together: rebuilding only those rows from only those inputs gives the gold tables of one run over
 * everything, night after night, for any history. Seeds: {@code -Dencord.test.decision-seeds=1,2,3}
 * (default one).
 */
class NightDecisionPropertyTest extends SparkTestBase {
  private static final int NIGHTS = 3;

  @TempDir Path tmp;

  static Stream<Long> seeds() {
    return RandomHistory.seeds("encord.test.decision-seeds");
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aNightChangesExactlyWhatItsDecisionSaysFromWhatItReads(long seed) throws IOException {
    Settings settings = settings();
    Random random = new Random(seed);
    Dataset<Row> silver = silverByNight(random, settings);
    // Interpreted, as the gold step runs: a hundred small queries, each compiled once otherwise.
    try (Sessions.Restore interpreted = Sessions.interpreted(spark)) {
      Sessions.Scope history = new Sessions.Scope();
      Dataset<Row> all = history.materialize(GoldStep.prepare(silver));
      Dataset<Row> decisions = history.materialize(ActionTables.taskDecisions(silver));
      long idle = settings.idleTimeoutMs;
      long gap = settings.episodeGapMs;
      Map<String, List<Keyed>> before = new HashMap<>();
      int compared = 0;
      for (int k = 1; k <= NIGHTS; k++) {
        // Materialized, as the gold step's inputs are: short plans (see Sessions.Scope).
        Sessions.Scope scope = new Sessions.Scope();
        String night = "night-" + k;
        String at = "seed " + seed + " " + night;
        Column isNew = col("run_id").equalTo(night);
        Dataset<Row> after = scope.materialize(all.filter(col("run_id").leq(night)));
        Dataset<Row> fresh = scope.materialize(after.filter(isNew));
        Set<LocalDate> newDates = EventDates.dates(fresh);

        // What a night reads, as GoldStep.touched reads it, with the index of the nights before.
        Dataset<Row> recent = scope.materialize(GoldStep.recent(after, newDates, settings));
        GoldStep.Index index =
            new GoldStep.Index(
                EventKeys.Lookup.load(EventKeys.of(all.filter(col("run_id").lt(night)))),
                newDates,
                () -> {});
        Dataset<Row> labels = scope.materialize(EventKeys.keys(fresh, EventKeys.LABEL));
        Dataset<Row> tasks = scope.materialize(EventKeys.keys(fresh, EventKeys.TASK));
        Dataset<Row> keyed =
            scope.materialize(
                GoldStep.keyed(after, fresh, index.datesOf(labels, tasks), labels, tasks));
        GoldStep.Touched touched = GoldStep.Touched.of(recent, keyed, isNew);
        Dataset<Row> reviewInput =
            scope.materialize(
                GoldStep.needed(
                    after,
                    index,
                    touched.reviews(),
                    GoldStep.LABEL_REVIEWS,
                    GoldStep.TASK_REVIEWS));
        Dataset<Row> qualityInput =
            scope.materialize(
                GoldStep.needed(
                    after, index, touched.quality(), GoldStep.EDITS, GoldStep.TASK_REVIEWS));

        Map<String, Check> checks = new LinkedHashMap<>();
        checks.put(
            "annotator_daily_activity",
            new Check(
                e -> GoldTransforms.annotatorDailyActivity(e, idle), recent, touched.activity()));
        checks.put(
            "playback_incidents_daily",
            new Check(
                e -> GoldTransforms.playbackIncidentsDaily(e, idle, gap),
                recent,
                touched.playback()));
        checks.put(
            "review_outcomes_daily",
            new Check(
                e -> GoldTransforms.reviewOutcomesDaily(GoldTransforms.attributedReviews(e)),
                reviewInput,
                touched.reviews()));
        checks.put(
            "reviewer_daily_decisions",
            new Check(
                GoldTransforms::reviewerDailyDecisions,
                reviewInput.filter(EventDates.inDates(touched.reviews())),
                touched.reviews()));
        checks.put(
            "annotator_quality_daily",
            new Check(QualityTransforms::annotatorQualityDaily, qualityInput, touched.quality()));
        for (Map.Entry<String, Check> c : checks.entrySet()) {
          Check check = c.getValue();
          List<Keyed> afterRows = dated(check.table().apply(after));
          compared +=
              compare(
                  at + " " + c.getKey(),
                  before.getOrDefault(c.getKey(), List.of()),
                  afterRows,
                  dated(check.table().apply(check.read())),
                  keys(check.dates()));
          before.put(c.getKey(), afterRows);
        }
        compared += consensus(at, before, after, keyed, tasks, index, decisions);
        scope.close();
      }
      assertThat(compared).as("seed %d: rows compared", seed).isGreaterThan(100);
      history.close();
    }
  }

  /** A gold table, what a night reads to rebuild its rows, and which rows it rebuilds. */
  private record Check(
      UnaryOperator<Dataset<Row>> table, Dataset<Row> read, Set<LocalDate> dates) {}

  /** A row as JSON, with the key (date, or unit) that says whether the night rebuilds it. */
  private record Keyed(String key, String json) {}

  private static List<Keyed> dated(Dataset<Row> rows) {
    return keyed(rows, "event_date");
  }

  private static List<Keyed> keyed(Dataset<Row> rows, String key) {
    List<Keyed> out = new ArrayList<>();
    for (Row r : rows.select(col(key).cast("string"), to_json(struct(col("*")))).collectAsList()) {
      out.add(new Keyed(r.getString(0), r.getString(1)));
    }
    return out;
  }

  private static Set<String> keys(Set<LocalDate> dates) {
    Set<String> out = new TreeSet<>();
    dates.forEach(d -> out.add(d.toString()));
    return out;
  }

  /**
   * Rows whose key is not in {@code rebuilt} are the same before and after the night; rows whose
   * key is, computed from what the night reads ({@code read}), are those computed from all of
   * history. Returns how many rows were compared.
   */
  private static int compare(
      String what, List<Keyed> before, List<Keyed> after, List<Keyed> read, Set<String> rebuilt) {
    List<String> keptAfter = select(after, rebuilt, false);
    assertThat(keptAfter)
        .as("%s: rows not rebuilt (rebuilt: %s)", what, rebuilt)
        .isEqualTo(select(before, rebuilt, false));
    List<String> rebuiltAfter = select(after, rebuilt, true);
    assertThat(select(read, rebuilt, true))
        .as("%s: rows rebuilt (%s), from what the night reads", what, rebuilt)
        .isEqualTo(rebuiltAfter);
    return keptAfter.size() + rebuiltAfter.size();
  }

  private static List<String> select(List<Keyed> rows, Set<String> keys, boolean in) {
    List<String> out = new ArrayList<>();
    for (Keyed r : rows) {
      if (keys.contains(r.key()) == in) {
        out.add(r.json());
      }
    }
    out.sort(null);
    return out;
  }

  /**
   * Consensus: the units with a new event are rebuilt from their own events, the others keep their
   * rows; annotator_consensus_daily changes only on the old and new decision dates of those units,
   * rebuilt from the events of the units decided on them.
   */
  private static int consensus(
      String at,
      Map<String, List<Keyed>> before,
      Dataset<Row> after,
      Dataset<Row> keyed,
      Dataset<Row> tasks,
      GoldStep.Index index,
      Dataset<Row> decisions) {
    Sessions.Scope scope = new Sessions.Scope();
    Dataset<Row> touched =
        scope.materialize(
            GoldTransforms.consensusUnitKeys(
                    keyed.join(tasks, new String[] {"task_key"}, "left_semi"))
                .select(col("task_key").as("consensus_unit_id")));
    Set<String> touchedIds = new TreeSet<>();
    touched.collectAsList().forEach(r -> touchedIds.add(r.getString(0)));
    Dataset<Row> unitsAfter = scope.materialize(GoldTransforms.consensusUnits(after, decisions));
    Dataset<Row> rebuilt =
        scope.materialize(
            GoldTransforms.consensusUnits(
                keyed.join(touched, col("task_key").equalTo(col("consensus_unit_id")), "left_semi"),
                decisions));
    List<Keyed> unitRows = keyed(unitsAfter, "consensus_unit_id");
    List<Keyed> unitsBefore = before.getOrDefault("consensus_units", List.of());
    int compared =
        compare(
            at + " consensus_units",
            unitsBefore,
            unitRows,
            keyed(rebuilt, "consensus_unit_id"),
            touchedIds);
    before.put("consensus_units", unitRows);

    // Old and new decision dates of the touched units.
    Set<LocalDate> dates = new TreeSet<>(EventDates.dates(rebuilt));
    for (Keyed u : unitsBefore) {
      String date = unitDate(u.json());
      if (touchedIds.contains(u.key()) && date != null) {
        dates.add(LocalDate.parse(date));
      }
    }
    Dataset<Row> decided =
        unitsAfter.filter(
            col("consensus_reached").and(dates.isEmpty() ? lit(false) : EventDates.inDates(dates)));
    Dataset<Row> decidedTasks = decided.select(col("consensus_unit_id").as("task_key"));
    Dataset<Row> noLabels = EventKeys.keys(after.limit(0), EventKeys.LABEL);
    Dataset<Row> decidedEvents =
        EventKeys.eventsOf(after, index.datesOf(noLabels, decidedTasks), noLabels, decidedTasks);
    List<Keyed> dailyAfter =
        dated(GoldTransforms.annotatorConsensusDaily(after, unitsAfter, decisions));
    compared +=
        compare(
            at + " annotator_consensus_daily",
            before.getOrDefault("annotator_consensus_daily", List.of()),
            dailyAfter,
            dated(GoldTransforms.annotatorConsensusDaily(decidedEvents, decided, decisions)),
            keys(dates));
    before.put("annotator_consensus_daily", dailyAfter);
    scope.close();
    return compared;
  }

  /** The {@code event_date} of a consensus_units row as JSON (absent when undecided). */
  private static String unitDate(String json) {
    Matcher m = Pattern.compile("\"event_date\":\"([0-9-]+)\"").matcher(json);
    return m.find() ? m.group(1) : null;
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
    Dataset<ParsedRecord> parsed = spark.createDataset(records, Encoders.bean(ParsedRecord.class));
    Dataset<Row> events = EmailUsers.attribute(SilverEvents.newEvents(parsed, null, "all"));
    return events.withColumn("run_id", regexp_extract(col("source_file"), "^(night-\\d+)/", 1));
  }
}
