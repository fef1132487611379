package io.encordanalytics.gold;

import static io.encordanalytics.gold.Kinds.ATTRIBUTE_CREATED;
import static io.encordanalytics.gold.Kinds.LABEL_CREATED;
import static io.encordanalytics.gold.Kinds.TASK_SUBMITTED;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;

import io.encordanalytics.config.Settings;
import io.encordanalytics.io.Tables;
import io.encordanalytics.io.Warehouse;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gold step of the nightly pipeline: rebuilds, from silver history, exactly the gold dates that
 * this run's new events can change, each table with one {@code replaceWhere} commit per run.
 *
 * <p>Which dates a new event touches, per table:
 *
 * <ul>
 *   <li>activity and playback: its own date, and the date of the same user's next event (whose
 *       active-time gap it changes), and of the next playback event of the same user and data unit
 *       (whose episode start it changes);
 *   <li>review outcomes: the dates of every review of a label whose creation is new, and of every
 *       review of a task key with a new submission, plus the new reviews' own dates;
 *   <li>consensus: the old and the new decision date of every unit with a new event.
 * </ul>
 *
 * Rebuilding a date recomputes it whole from silver, so the result equals a full rebuild;
 * re-running a night with nothing new writes nothing.
 *
 * <p>What a later night computes over: all of silver's gold columns, cached once (review
 * attribution, rework and consensus look across all dates). Activity and playback depend on a
 * user's previous event only when it is at most the idle timeout (or episode gap) earlier, so the
 * dates they touch, and the rows those dates need, all lie within {@link #lookbackDays} days of a
 * new event's date: their searches and windows run over those days only. The first night (silver
 * was empty) rebuilds every date without searching.
 */
public final class GoldStep {
  private static final Logger LOG = LoggerFactory.getLogger(GoldStep.class);

  private final Warehouse wh;
  private final Tables tables;
  private final Settings settings;

  public GoldStep(Warehouse wh, Tables tables) {
    this.wh = wh;
    this.tables = tables;
    this.settings = wh.settings();
  }

  /**
   * Storage of the gold step's caches: deserialized, spilled to disk when they do not fit. Unlike
   * the ingest caches ({@link io.encordanalytics.spark.Sessions#CACHE}) they are scanned many times
   * a night, and each scan of a serialized block deserializes it whole again (with serialized
   * caches, a later night of a 3M-event history took 230 s of gold, and one such run ran out of
   * heap).
   */
  static final org.apache.spark.storage.StorageLevel GOLD_CACHE =
      org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK();

  /** Silver columns the gold tables read. */
  private static final List<String> GOLD_INPUT =
      List.of(
          "event_id",
          "source_format",
          "action",
          "action_code",
          "event_time",
          "event_date",
          "user_id",
          "user_email",
          "data_unit_id",
          "label_id",
          "label_name",
          "branch_name",
          "workflow_task_id",
          "workflow_stage_type",
          "task_key",
          "is_consensus",
          "time_taken_ms",
          "run_id");

  /** Rebuilds what this run's events touch; returns the dates rebuilt (any table). */
  public Set<LocalDate> run(String runId) {
    return run(runId, false);
  }

  /**
   * As {@link #run(String)}; {@code firstLoad} says that silver held no event before this run, so
   * every event is new and every date of silver is touched: the per-table searches for touched
   * dates (window and join jobs over all of silver) are skipped.
   */
  public Set<LocalDate> run(String runId, boolean firstLoad) {
    return withCodegen(() -> touched(runId, firstLoad));
  }

  private Set<LocalDate> touched(String runId, boolean firstLoad) {
    if (firstLoad) {
      Dataset<Row> history = loadHistory().persist(GOLD_CACHE);
      try {
        Set<LocalDate> all = dates(history);
        return write(Inputs.of(history), all, all, all, all, null, runId);
      } finally {
        history.unpersist();
      }
    }
    // All of silver (the gold input columns), for the tables whose rows depend on events of any
    // date: review attribution, rework and consensus. Cached: they and the searches for touched
    // dates scan it about fifteen times (docs/benchmarks.md: read lazily instead, the gold
    // step of a 1M-event history took 124 s).
    Dataset<Row> history = loadHistory().persist(GOLD_CACHE);
    try {
      Column isNew = col("run_id").equalTo(runId);
      Set<LocalDate> newDates = dates(history.filter(isNew));
      // Activity and playback rows depend only on the user's previous event when it is at most the
      // idle timeout (or episode gap) earlier, so at most `lookback` days earlier: the dates a new
      // event can change, and their rows, all lie within `lookback` days of a new event's date.
      Dataset<Row> recent =
          history.filter(inDates(around(newDates, lookbackDays(settings)))).persist(GOLD_CACHE);
      try {
        Set<LocalDate> activity = activityDates(recent, isNew);
        Set<LocalDate> playback = new TreeSet<>(activity);
        playback.addAll(playbackDates(recent, isNew));
        Set<LocalDate> reviews = reviewDates(history, isNew);
        Set<LocalDate> quality = qualityDates(history, isNew);
        // Attribution and rework look across all dates, but only within one label or task key:
        // the rows of the keys that have a review (or a decision or edit) on a rewritten date.
        // Cached: each transform reads its input several times, and each read of the uncached
        // selection would scan all history again (3M events: 20 scans for one night's rework).
        Dataset<Row> reviewInput =
            needed(history, reviews, LABEL_REVIEWS, TASK_REVIEWS).persist(GOLD_CACHE);
        Dataset<Row> qualityInput =
            needed(history, quality, EDITS, TASK_REVIEWS).persist(GOLD_CACHE);
        try {
          return write(
              new Inputs(history, recent, reviewInput, qualityInput),
              activity,
              reviews,
              playback,
              quality,
              isNew,
              runId);
        } finally {
          reviewInput.unpersist();
          qualityInput.unpersist();
        }
      } finally {
        recent.unpersist();
      }
    } finally {
      history.unpersist();
    }
  }

  /**
   * Whole days that cover the idle timeout and the episode gap: how far back a user's previous
   * event can matter to an event's active time or episode start.
   */
  static int lookbackDays(Settings settings) {
    long longest = Math.max(settings.idleTimeoutMs, settings.episodeGapMs);
    return (int) Math.max(1, (longest + 86_399_999L) / 86_400_000L);
  }

  /** Every date within {@code days} days of one of {@code dates}. */
  static Set<LocalDate> around(Set<LocalDate> dates, int days) {
    Set<LocalDate> out = new TreeSet<>();
    for (LocalDate d : dates) {
      for (int i = -days; i <= days; i++) {
        out.add(d.plusDays(i));
      }
    }
    return out;
  }

  /** Backfill: rebuilds every gold table for the inclusive date range from silver. */
  public Set<LocalDate> rebuild(LocalDate from, LocalDate to, String runId) {
    return withCodegen(() -> range(from, to, runId));
  }

  private Set<LocalDate> range(LocalDate from, LocalDate to, String runId) {
    Dataset<Row> history = loadHistory().persist(GOLD_CACHE);
    try {
      Set<LocalDate> dates = new TreeSet<>();
      for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
        dates.add(d);
      }
      return write(Inputs.of(history), dates, dates, dates, dates, null, runId);
    } finally {
      history.unpersist();
    }
  }

  /**
   * Runs the gold step with Spark's code generation as {@code encord.spark.gold-codegen} says (off
   * by default). The gold step plans about a hundred distinct queries, each over at most a few
   * hundred thousand rows a night: compiling them cost more than it saved (300k records, gold 53 s
   * with code generation, 35 s without).
   */
  private <T> T withCodegen(java.util.function.Supplier<T> work) {
    if (settings.goldCodegen) {
      return work.get();
    }
    try (var restore = io.encordanalytics.spark.Sessions.interpreted(wh.spark())) {
      return work.get();
    }
  }

  /** Silver events with the gold input columns, {@code kind} and {@code user_key}. */
  private Dataset<Row> loadHistory() {
    return GoldTransforms.prepare(
        wh.read(tables.events).select(GOLD_INPUT.stream().map(c -> col(c)).toArray(Column[]::new)));
  }

  private static Column inDates(java.util.Collection<LocalDate> dates) {
    return col("event_date").isInCollection(dates.stream().map(java.sql.Date::valueOf).toList());
  }

  /**
   * What the gold tables are computed from: {@code history} is all of silver (consensus); {@code
   * recent} holds at least the events that the activity and playback dates (and the days before
   * them) need; {@code reviews} and {@code quality} at least every event of each label and task key
   * with a review (resp. a task decision or edit) on a date to rewrite, and every event of those
   * dates.
   */
  record Inputs(
      Dataset<Row> history, Dataset<Row> recent, Dataset<Row> reviews, Dataset<Row> quality) {
    static Inputs of(Dataset<Row> all) {
      return new Inputs(all, all, all, all);
    }
  }

  private static final List<String> LABEL_REVIEWS =
      List.of(
          Kinds.LABEL_APPROVED,
          Kinds.LABEL_REJECTED,
          Kinds.ATTRIBUTE_APPROVED,
          Kinds.ATTRIBUTE_REJECTED);
  private static final List<String> TASK_REVIEWS =
      List.of(Kinds.TASK_APPROVED, Kinds.TASK_REJECTED);
  private static final List<String> EDITS = List.of(Kinds.LABEL_EDITED, Kinds.ATTRIBUTE_EDITED);

  /**
   * The events a per-key gold table needs to rebuild {@code dates}: every event of those dates, and
   * every event (of any date) of each label id with a {@code labelKinds} event and of each task key
   * with a {@code taskKinds} event on one of those dates. A table whose rows of a date are each
   * computed from the events of one label or task key (review attribution, rework) gets the same
   * rows for those dates from this as from all of history.
   */
  static Dataset<Row> needed(
      Dataset<Row> history,
      Collection<LocalDate> dates,
      List<String> labelKinds,
      List<String> taskKinds) {
    if (dates.isEmpty()) {
      return history.limit(0);
    }
    Column on = coalesce(inDates(dates), lit(false));
    Dataset<Row> onDates = history.filter(on);
    Dataset<Row> labels =
        onDates
            .filter(col("kind").isInCollection(labelKinds).and(col("label_id").isNotNull()))
            .select("label_id")
            .distinct();
    Dataset<Row> tasks =
        onDates
            .filter(col("kind").isInCollection(taskKinds).and(col("task_key").isNotNull()))
            .select("task_key")
            .distinct();
    Dataset<Row> others = history.filter(not(on));
    String[] label = {"label_id"};
    String[] task = {"task_key"};
    return onDates
        .unionByName(others.join(broadcast(labels), label, "left_semi"))
        .unionByName(
            others
                .join(broadcast(labels), label, "left_anti")
                .join(broadcast(tasks), task, "left_semi"));
  }

  /** Rebuilds the given dates of every table from {@code in}. */
  private Set<LocalDate> write(
      Inputs in,
      Set<LocalDate> activity,
      Set<LocalDate> reviews,
      Set<LocalDate> playback,
      Set<LocalDate> quality,
      Column isNew,
      String runId) {
    long idle = settings.idleTimeoutMs;
    Dataset<Row> history = in.history();
    Dataset<Row> recent = in.recent();
    Set<LocalDate> all = new TreeSet<>();

    long t0 = System.nanoTime();
    LOG.info(
        "Gold: rebuilding activity {} / review {} / playback {} / quality {} dates",
        activity.size(),
        reviews.size(),
        playback.size(),
        quality.size());
    Set<LocalDate> consensusDates = java.util.Collections.synchronizedSet(new TreeSet<>());
    // The gold tables are independent given silver: write them side by side.
    wh.inParallel(
        List.of(
            () ->
                replace(
                    GoldTransforms.annotatorDailyActivity(recent, idle),
                    tables.annotatorDailyActivity,
                    activity,
                    runId),
            () ->
                replace(
                    GoldTransforms.reviewOutcomesDaily(
                        GoldTransforms.attributedReviews(in.reviews())),
                    tables.reviewOutcomesDaily,
                    reviews,
                    runId),
            () ->
                replace(
                    // One reviewer's decisions of one date: those dates only, from the cached
                    // review input (it holds every event of them), not all history again.
                    GoldTransforms.reviewerDailyDecisions(in.reviews().filter(inDates(reviews))),
                    tables.reviewerDailyDecisions,
                    reviews,
                    runId),
            () -> {
              replace(
                  GoldTransforms.playbackIncidentsDaily(recent, idle, settings.episodeGapMs),
                  tables.playbackIncidentsDaily,
                  playback,
                  runId);
              // Per data unit over all dates: small, so rewritten whole when playback changed.
              if (!playback.isEmpty() || !wh.exists(tables.dataUnitPlaybackHealth)) {
                wh.overwrite(
                    PlaybackHealth.dataUnitPlaybackHealth(wh.read(tables.playbackIncidentsDaily)),
                    tables.dataUnitPlaybackHealth,
                    runId);
              }
            },
            () ->
                replace(
                    QualityTransforms.annotatorQualityDaily(in.quality()),
                    tables.annotatorQualityDaily,
                    quality,
                    runId),
            // The consensus tables are small (one row per unit or per decision date and owner):
            // they are rebuilt whole on every night with new events.
            () -> consensusDates.addAll(writeConsensus(history, isNew, runId))));
    all.addAll(activity);
    all.addAll(reviews);
    all.addAll(playback);
    all.addAll(quality);
    all.addAll(consensusDates);
    LOG.info("Gold rebuilt {} dates in {} ms", all.size(), (System.nanoTime() - t0) / 1_000_000);
    return all;
  }

  /**
   * Rewrites consensus_units and consensus_geometry whole, and the consensus decision dates (old
   * and new) of every unit with a new event ({@code isNew}; every unit when null); returns those
   * dates. A unit's rows depend on its own events only, so other dates are unchanged.
   */
  private Set<LocalDate> writeConsensus(Dataset<Row> history, Column isNew, String runId) {
    Dataset<Row> taskDecisions =
        taskDecisionsOrEmpty(
            wh.exists(tables.taskDecisions) ? wh.read(tables.taskDecisions) : null);
    Dataset<Row> units = GoldTransforms.consensusUnits(history, taskDecisions).persist(GOLD_CACHE);
    try {
      Set<LocalDate> consensusDates =
          consensusDates(
              units,
              isNew == null
                  ? null
                  : history
                      .filter(isNew.and(col("task_key").isNotNull()))
                      .select(col("task_key").as("consensus_unit_id"))
                      .distinct());
      wh.overwrite(units, tables.consensusUnits, runId);
      if (wh.exists(tables.objectChanges)) {
        wh.overwrite(
            GeometryAgreement.consensusGeometry(
                wh.read(tables.objectChanges),
                units,
                GoldTransforms.branchOwners(GoldTransforms.unitEvents(history))),
            tables.consensusGeometry,
            runId);
      }
      replace(
          GoldTransforms.annotatorConsensusDaily(history, units, taskDecisions),
          tables.annotatorConsensusDaily,
          consensusDates,
          runId);
      return consensusDates;
    } finally {
      units.unpersist();
    }
  }

  private Dataset<Row> taskDecisionsOrEmpty(Dataset<Row> taskDecisions) {
    if (taskDecisions != null) {
      return taskDecisions;
    }
    return wh.spark()
        .sql(
            "SELECT CAST(NULL AS STRING) AS event_id, CAST(NULL AS array<string>) AS selected_annotators,"
                + " CAST(NULL AS array<string>) AS annotators_with_approved_labels,"
                + " CAST(NULL AS STRING) AS winning_set_annotator_hash WHERE false");
  }

  private void replace(
      Dataset<Row> rows,
      io.encordanalytics.io.TableId table,
      Collection<LocalDate> dates,
      String runId) {
    if (dates.isEmpty()) {
      if (!wh.exists(table)) {
        wh.replaceDates(rows.limit(0), table, "event_date", List.of(LocalDate.EPOCH), runId);
      }
      return;
    }
    Column in =
        col("event_date").isInCollection(dates.stream().map(java.sql.Date::valueOf).toList());
    wh.replaceDates(rows.filter(in), table, "event_date", dates, runId);
  }

  // ---- which dates a run touches ---------------------------------------------------------------

  private static Set<LocalDate> dates(Dataset<Row> rows) {
    Set<LocalDate> out = new TreeSet<>();
    for (Row r : rows.select("event_date").distinct().collectAsList()) {
      Object d = r.get(0);
      if (d != null) {
        out.add(d instanceof java.sql.Date sd ? sd.toLocalDate() : (LocalDate) d);
      }
    }
    return out;
  }

  /** New events' dates and the dates of the events right after a new one in the user's order. */
  static Set<LocalDate> activityDates(Dataset<Row> history, Column isNew) {
    Column prevNew =
        lag(isNew, 1)
            .over(Window.partitionBy("user_key").orderBy(col("event_time"), col("event_id")));
    return dates(
        history.withColumn("prev_new", prevNew).filter(isNew.or(col("prev_new").equalTo(true))));
  }

  /** Dates of the playback event right after a new playback event (same user, same data unit). */
  static Set<LocalDate> playbackDates(Dataset<Row> history, Column isNew) {
    Dataset<Row> playback =
        history.filter(col("kind").isin(Kinds.BUFFERING, Kinds.BITRATE_WARNING, Kinds.SEEKING));
    Column prevNew =
        lag(isNew, 1)
            .over(
                Window.partitionBy("user_key", "data_unit_id")
                    .orderBy(col("event_time"), col("event_id")));
    return dates(playback.withColumn("prev_new", prevNew).filter(col("prev_new").equalTo(true)));
  }

  /**
   * New reviews' dates, and those of reviews whose attribution a new event can change: every review
   * of a label with a new creation (its creator may change), and every review of a task key that is
   * not earlier than the key's earliest new submission (a review is attributed to the latest
   * submission strictly before it, so earlier reviews keep theirs).
   */
  static Set<LocalDate> reviewDates(Dataset<Row> history, Column isNew) {
    Dataset<Row> reviews = GoldTransforms.reviews(history);
    Set<LocalDate> out = dates(reviews.filter(isNew));
    Dataset<Row> newCreations = newCreations(history, isNew);
    out.addAll(
        dates(reviews.filter(col("target_type").notEqual("task")).join(newCreations, "label_id")));
    out.addAll(
        dates(
            since(
                reviews.filter(col("target_type").equalTo("task")),
                "task_key",
                history.filter(isNew.and(col("kind").equalTo(TASK_SUBMITTED))))));
    return out;
  }

  /**
   * Dates of annotator_quality_daily a run can change. Its rows are facts of one task key (the
   * first pass and the review cycles, from its submissions and decisions) or of one label id
   * (rework, from its creations, rejections and edits), dated by a decision or an edit. A new
   * submission or decision at time t can change only the key's decisions at t or later (each
   * depends on the first submission, the first decision after it, and its predecessor in the key's
   * time line); a new rejection or edit only the label's edits at t or later (they depend on the
   * first rejection); a new creation can change the creator, so every edit of the label. Other
   * events change no fact.
   */
  static Set<LocalDate> qualityDates(Dataset<Row> history, Column isNew) {
    Set<LocalDate> out =
        dates(
            since(
                history.filter(col("kind").isInCollection(TASK_REVIEWS)),
                "task_key",
                history.filter(
                    isNew.and(
                        col("kind")
                            .isin(TASK_SUBMITTED, Kinds.TASK_APPROVED, Kinds.TASK_REJECTED)))));
    Dataset<Row> edits = history.filter(col("kind").isInCollection(EDITS));
    Dataset<Row> newCreations = newCreations(history, isNew);
    out.addAll(dates(edits.join(newCreations, "label_id")));
    out.addAll(
        dates(
            since(
                edits,
                "label_id",
                history.filter(
                    isNew.and(
                        col("kind")
                            .isin(
                                Kinds.LABEL_REJECTED,
                                Kinds.ATTRIBUTE_REJECTED,
                                Kinds.LABEL_EDITED,
                                Kinds.ATTRIBUTE_EDITED))))));
    return out;
  }

  /** Label ids (one column) with a new label or attribute creation. */
  private static Dataset<Row> newCreations(Dataset<Row> history, Column isNew) {
    return history
        .filter(isNew.and(col("kind").isin(LABEL_CREATED, ATTRIBUTE_CREATED)))
        .filter(col("label_id").isNotNull())
        .select("label_id")
        .distinct();
  }

  /**
   * The {@code rows} at or after the earliest of the {@code changes} with the same (non-null)
   * {@code key}.
   */
  private static Dataset<Row> since(Dataset<Row> rows, String key, Dataset<Row> changes) {
    Dataset<Row> earliest =
        changes.filter(col(key).isNotNull()).groupBy(key).agg(min("event_time").as("changed_from"));
    return rows.join(earliest, key).filter(col("event_time").geq(col("changed_from")));
  }

  /**
   * Decision dates of the units now and as stored before this run: of the units in {@code touched}
   * (one column, {@code consensus_unit_id}), or of every unit when it is null.
   */
  private Set<LocalDate> consensusDates(Dataset<Row> units, Dataset<Row> touched) {
    java.util.function.UnaryOperator<Dataset<Row>> only =
        u -> touched == null ? u : u.join(touched, "consensus_unit_id");
    Set<LocalDate> all = dates(only.apply(units));
    if (wh.exists(tables.consensusUnits)) {
      all.addAll(dates(only.apply(wh.read(tables.consensusUnits))));
    }
    return all;
  }
}
