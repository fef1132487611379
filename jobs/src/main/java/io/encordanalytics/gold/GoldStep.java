package io.encordanalytics.gold;

import static io.encordanalytics.vocabulary.Kind.ATTRIBUTE_APPROVED;
import static io.encordanalytics.vocabulary.Kind.ATTRIBUTE_CREATED;
import static io.encordanalytics.vocabulary.Kind.ATTRIBUTE_EDITED;
import static io.encordanalytics.vocabulary.Kind.ATTRIBUTE_REJECTED;
import static io.encordanalytics.vocabulary.Kind.BITRATE_WARNING;
import static io.encordanalytics.vocabulary.Kind.BUFFERING;
import static io.encordanalytics.vocabulary.Kind.LABEL_APPROVED;
import static io.encordanalytics.vocabulary.Kind.LABEL_CREATED;
import static io.encordanalytics.vocabulary.Kind.LABEL_EDITED;
import static io.encordanalytics.vocabulary.Kind.LABEL_REJECTED;
import static io.encordanalytics.vocabulary.Kind.SEEKING;
import static io.encordanalytics.vocabulary.Kind.TASK_APPROVED;
import static io.encordanalytics.vocabulary.Kind.TASK_REJECTED;
import static io.encordanalytics.vocabulary.Kind.TASK_SUBMITTED;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.min;

import io.encordanalytics.config.Settings;
import io.encordanalytics.io.TableId;
import io.encordanalytics.io.Tables;
import io.encordanalytics.io.Warehouse;
import io.encordanalytics.model.AgentRun;
import io.encordanalytics.model.AttributeChange;
import io.encordanalytics.model.ObjectChange;
import io.encordanalytics.model.TaskDecision;
import io.encordanalytics.model.TaskSave;
import io.encordanalytics.silver.ActionTables;
import io.encordanalytics.silver.SilverEvents;
import io.encordanalytics.spark.Columns;
import io.encordanalytics.spark.EventDates;
import io.encordanalytics.spark.Sessions;
import io.encordanalytics.vocabulary.Kind;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
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
 * <p>What a later night reads: silver by date, never all of it. The night's own events (from the
 * dates that hold them); the events within {@link #lookbackDays} days of their dates (activity and
 * playback depend on a user's previous event only when it is at most the idle timeout, or episode
 * gap, earlier); and every event of each label and task key the night touches, from the dates that
 * the index of silver's keys ({@link EventKeys}, {@code encord_silver.event_keys}) gives for them
 * (review attribution, rework and consensus look across dates, but only within one label or task
 * key). {@link Touched} decides the dates from those; {@code NightDecisionPropertyTest} checks the
 * decision and the reads against full recomputation on random histories. The first night (silver
 * was empty), a backfill and a rebuild read all of silver and rebuild every date.
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
   * Rebuilds what this run's events touch; returns the dates rebuilt (any table). {@code firstLoad}
   * says that silver held no event before this run, so every event is new and every date of silver
   * is touched: the per-table searches for touched dates are skipped. {@code runDates} are the
   * dates that hold this run's events in silver (its new events, and stored events whose user it
   * re-attributed): the run's events are read from those dates only.
   */
  public Set<LocalDate> run(String runId, boolean firstLoad, Set<LocalDate> runDates) {
    return withCodegen(() -> touched(runId, firstLoad, runDates));
  }

  private Set<LocalDate> touched(String runId, boolean firstLoad, Set<LocalDate> runDates) {
    if (firstLoad) {
      Dataset<Row> history = loadHistory().persist(Sessions.CACHE);
      try {
        wh.overwrite(EventKeys.of(history), tables.eventKeys, runId, "event_date");
        Set<LocalDate> all = dates(history);
        return write(Inputs.of(history), all, all, all, all, null, runId);
      } finally {
        history.unpersist();
      }
    }
    // A later night reads silver by date: the dates of its own events, the days before them that
    // activity and playback look back on, and the dates that hold the labels and task keys whose
    // rows it rebuilds (from the index of silver's keys, encord_silver.event_keys).
    Dataset<Row> silver = loadHistory();
    Column isNew = col("run_id").equalTo(runId);
    // Materialized, not cached: the queries built on them keep short plans (see Sessions.Scope).
    try (Sessions.Scope scope = new Sessions.Scope()) {
      Dataset<Row> fresh =
          scope.materialize(silver.filter(EventDates.inDates(runDates).and(isNew)));
      Set<LocalDate> newDates = dates(fresh);
      Index index = index(silver, newDates, runDates, runId);
      // Activity and playback rows depend only on the user's previous event when it is at most the
      // idle timeout (or episode gap) earlier, so at most `lookback` days earlier: the dates a new
      // event can change, and their rows, all lie within `lookback` days of a new event's date.
      Dataset<Row> recent = scope.materialize(recent(silver, newDates, settings));
      // Every event of each label and task key with a new event (review attribution, rework and
      // consensus change only within one label or task key), and the new events without either.
      Dataset<Row> labels = scope.materialize(EventKeys.keys(fresh, EventKeys.LABEL));
      Dataset<Row> tasks = scope.materialize(EventKeys.keys(fresh, EventKeys.TASK));
      Set<LocalDate> keyDates = index.datesOf(labels, tasks);
      Dataset<Row> keyed = scope.materialize(keyed(silver, fresh, keyDates, labels, tasks));
      long t0 = System.nanoTime();
      Touched touched = Touched.of(recent, keyed, isNew);
      LOG.info(
          "Gold: {} dates read for the night's keys, decided in {} ms",
          keyDates.size(),
          (System.nanoTime() - t0) / 1_000_000);
      // Attribution and rework look across all dates, but only within one label or task key:
      // the rows of the keys that have a review (or a decision or edit) on a rewritten date.
      Dataset<Row> reviewInput =
          scope.materialize(needed(silver, index, touched.reviews(), LABEL_REVIEWS, TASK_REVIEWS));
      Dataset<Row> qualityInput =
          scope.materialize(needed(silver, index, touched.quality(), EDITS, TASK_REVIEWS));
      Set<LocalDate> out =
          write(
              new Inputs(keyed, recent, reviewInput, qualityInput, silver, index),
              touched.activity(),
              touched.reviews(),
              touched.playback(),
              touched.quality(),
              tasks,
              runId);
      index.write().run();
      return out;
    }
  }

  /**
   * What a night's new events ({@code isNew}) change: per date-partitioned gold table, the dates to
   * rebuild; a pure function of the night's events and the events around them. {@code recent} holds
   * every event within {@link #lookbackDays} of a new event's date; {@code keyed} every event of
   * each label and task key of a new event, and the new events without either. (Consensus tables
   * are rebuilt per unit: {@link GoldTransforms#consensusUnitKeys} of the task keys of the new
   * events.)
   */
  record Touched(
      Set<LocalDate> activity,
      Set<LocalDate> playback,
      Set<LocalDate> reviews,
      Set<LocalDate> quality) {
    static Touched of(Dataset<Row> recent, Dataset<Row> keyed, Column isNew) {
      // Every table's dates in one query: a night's decision is many small questions, and each
      // query of its own costs more to plan and schedule than to answer.
      Map<String, Set<LocalDate>> dates =
          EventDates.datesOf(
              Map.of(
                  "activity", activityDates(recent, isNew),
                  "playback", playbackDates(recent, isNew),
                  "reviews", reviewDates(keyed, isNew),
                  "quality", qualityDates(keyed, isNew)));
      // Playback rows change with activity (a new event can start an episode) and on their own.
      Set<LocalDate> playback = new TreeSet<>(dates.get("activity"));
      playback.addAll(dates.get("playback"));
      return new Touched(
          dates.get("activity"), playback, dates.get("reviews"), dates.get("quality"));
    }
  }

  /** The events of {@code silver} within {@link #lookbackDays} of one of {@code newDates}. */
  static Dataset<Row> recent(Dataset<Row> silver, Set<LocalDate> newDates, Settings settings) {
    return silver.filter(EventDates.inDates(EventDates.around(newDates, lookbackDays(settings))));
  }

  /**
   * Every event of {@code silver} on {@code keyDates} with one of the {@code labels} or {@code
   * tasks} (the keys of the night's events, {@code fresh}), and the night's events with neither.
   */
  static Dataset<Row> keyed(
      Dataset<Row> silver,
      Dataset<Row> fresh,
      Set<LocalDate> keyDates,
      Dataset<Row> labels,
      Dataset<Row> tasks) {
    return EventKeys.eventsOf(silver, keyDates, labels, tasks)
        .unionByName(fresh.filter(col(EventKeys.LABEL).isNull().and(col(EventKeys.TASK).isNull())));
  }

  /** Silver events with the gold input columns, {@code kind} and {@code user_key}. */
  static Dataset<Row> prepare(Dataset<Row> silverEvents) {
    return GoldTransforms.prepare(silverEvents.select(Columns.of(SilverEvents.GOLD_INPUT)));
  }

  /**
   * The index of silver's keys as it stands before this run's rows ({@code lookup}, read into
   * memory from a pinned Delta version; when built by this run, with them) and the write that
   * brings it up to date with this run's events. A warehouse whose index is missing, or stored in
   * an earlier form, gets it built from all of silver (this run's events included) here.
   */
  record Index(EventKeys.Lookup lookup, Set<LocalDate> runDates, Runnable write) {
    /**
     * The dates that hold events of the {@code labels} or {@code tasks} (one column each): those
     * the stored index gives, and the dates of this run's events (not in the stored index yet).
     */
    Set<LocalDate> datesOf(Dataset<Row> labels, Dataset<Row> tasks) {
      Set<LocalDate> out = new TreeSet<>(lookup.datesOf(labels, tasks));
      out.addAll(runDates);
      return out;
    }
  }

  private Index index(
      Dataset<Row> silver, Set<LocalDate> newDates, Set<LocalDate> runDates, String runId) {
    boolean built = !wh.exists(tables.eventKeys) || lacks(tables.eventKeys, EventKeys.HASHES);
    if (built) {
      LOG.info("Building {} from all of silver", tables.eventKeys);
      wh.overwrite(EventKeys.of(silver), tables.eventKeys, runId, "event_date");
    }
    // Read once into memory: a night looks keys up five times or more, each lookup then a merge of
    // sorted hashes on the driver, not a query over the index.
    long t0 = System.nanoTime();
    EventKeys.Lookup stored =
        EventKeys.Lookup.load(wh.readVersion(tables.eventKeys, wh.version(tables.eventKeys)));
    LOG.info(
        "Gold: key index read ({} key column dates) in {} ms",
        stored.rows(),
        (System.nanoTime() - t0) / 1_000_000);
    if (built) {
      // Built from all of silver, this run's events included: nothing to add.
      return new Index(stored, runDates, () -> {});
    }
    // A date's row is a function of every event silver holds on it: the dates of this run's new
    // events are computed again from silver as it now stands (the run's events are stored).
    return new Index(
        stored,
        runDates,
        () ->
            wh.replaceDates(
                EventKeys.of(silver.filter(EventDates.inDates(newDates))),
                tables.eventKeys,
                "event_date",
                newDates,
                runId));
  }

  /**
   * Whole days that cover the idle timeout and the episode gap: how far back a user's previous
   * event can matter to an event's active time or episode start.
   */
  static int lookbackDays(Settings settings) {
    long longest = Math.max(settings.idleTimeoutMs, settings.episodeGapMs);
    return (int) Math.max(1, (longest + 86_399_999L) / 86_400_000L);
  }

  /** Backfill: rebuilds every gold table for the inclusive date range from silver. */
  public Set<LocalDate> rebuild(LocalDate from, LocalDate to, String runId) {
    return withCodegen(() -> range(from, to, runId));
  }

  private Set<LocalDate> range(LocalDate from, LocalDate to, String runId) {
    Dataset<Row> history = loadHistory().persist(Sessions.CACHE);
    try {
      // The index is a function of silver, which a rebuild from bronze has just rewritten.
      wh.overwrite(EventKeys.of(history), tables.eventKeys, runId, "event_date");
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
  private <T> T withCodegen(Supplier<T> work) {
    if (settings.goldCodegen) {
      return work.get();
    }
    try (var restore = Sessions.interpreted(wh.spark())) {
      return work.get();
    }
  }

  /** Silver events with the gold input columns, {@code kind} and {@code user_key}. */
  private Dataset<Row> loadHistory() {
    return prepare(wh.read(tables.events));
  }

  /**
   * What the gold tables are computed from. {@code keyed} holds every event of each label and task
   * key of the units to rebuild (all of silver on a full rebuild); {@code recent} at least the
   * events that the activity and playback dates (and the days before them) need; {@code reviews}
   * and {@code quality} at least every event of each label and task key with a review (resp. a task
   * decision or edit) on a date to rewrite, and every event of those dates. {@code silver} is all
   * of silver (read lazily, by date) and {@code index} its key index, or null on a full rebuild.
   */
  record Inputs(
      Dataset<Row> keyed,
      Dataset<Row> recent,
      Dataset<Row> reviews,
      Dataset<Row> quality,
      Dataset<Row> silver,
      Index index) {
    static Inputs of(Dataset<Row> all) {
      return new Inputs(all, all, all, all, all, null);
    }

    boolean full() {
      return index == null;
    }
  }

  static final Kind[] LABEL_REVIEWS = {
    LABEL_APPROVED, LABEL_REJECTED, ATTRIBUTE_APPROVED, ATTRIBUTE_REJECTED
  };
  static final Kind[] TASK_REVIEWS = {TASK_APPROVED, TASK_REJECTED};
  static final Kind[] EDITS = {LABEL_EDITED, ATTRIBUTE_EDITED};

  /**
   * The events a per-key gold table needs to rebuild {@code dates}: every event of those dates, and
   * every event (of any date) of each label id with a {@code labelKinds} event and of each task key
   * with a {@code taskKinds} event on one of those dates, read from the dates the {@code index}
   * gives for them. A table whose rows of a date are each computed from the events of one label or
   * task key (review attribution, rework) gets the same rows for those dates from this as from all
   * of history.
   */
  static Dataset<Row> needed(
      Dataset<Row> silver,
      Index index,
      Collection<LocalDate> dates,
      Kind[] labelKinds,
      Kind[] taskKinds) {
    if (dates.isEmpty()) {
      return silver.limit(0);
    }
    Dataset<Row> onDates = silver.filter(EventDates.inDates(dates));
    Dataset<Row> labels =
        onDates
            .filter(Kinds.isAny(labelKinds).and(col("label_id").isNotNull()))
            .select("label_id")
            .distinct();
    Dataset<Row> tasks =
        onDates
            .filter(Kinds.isAny(taskKinds).and(col("task_key").isNotNull()))
            .select("task_key")
            .distinct();
    Set<LocalDate> others = index.datesOf(labels, tasks);
    others.removeAll(dates);
    return onDates.unionByName(EventKeys.eventsOf(silver, others, labels, tasks));
  }

  /** Rebuilds the given dates of every table from {@code in}. */
  private Set<LocalDate> write(
      Inputs in,
      Set<LocalDate> activity,
      Set<LocalDate> reviews,
      Set<LocalDate> playback,
      Set<LocalDate> quality,
      Dataset<Row> newTasks,
      String runId) {
    long idle = settings.idleTimeoutMs;
    Dataset<Row> recent = in.recent();
    Set<LocalDate> all = new TreeSet<>();

    long t0 = System.nanoTime();
    LOG.info(
        "Gold: rebuilding activity {} / review {} / playback {} / quality {} dates",
        activity.size(),
        reviews.size(),
        playback.size(),
        quality.size());
    Set<LocalDate> consensusDates = Collections.synchronizedSet(new TreeSet<>());
    Set<LocalDate> sessionDates = Collections.synchronizedSet(new TreeSet<>());
    Set<LocalDate> agentDates = Collections.synchronizedSet(new TreeSet<>());
    try (Sessions.Scope shared = new Sessions.Scope()) {
      // The consensus units and their inputs, computed once for the two tasks that need them.
      Supplier<Units> units = once(() -> units(in, newTasks, shared));
      // The gold tables are independent given silver: write them side by side.
      wh.inParallel(
          List.of(
              timed(
                  "annotator_daily_activity",
                  () ->
                      replace(
                          GoldTransforms.annotatorDailyActivity(recent, idle),
                          tables.annotatorDailyActivity,
                          activity,
                          runId)),
              timed(
                  "review_outcomes_daily",
                  () ->
                      replace(
                          GoldTransforms.reviewOutcomesDaily(
                              GoldTransforms.attributedReviews(in.reviews())),
                          tables.reviewOutcomesDaily,
                          reviews,
                          runId)),
              timed(
                  "reviewer_daily_decisions",
                  () ->
                      replace(
                          // One reviewer's decisions of one date: those dates only, from the cached
                          // review input (it holds every event of them), not all history again.
                          GoldTransforms.reviewerDailyDecisions(
                              in.reviews().filter(EventDates.inDates(reviews))),
                          tables.reviewerDailyDecisions,
                          reviews,
                          runId)),
              timed(
                  "playback_incidents_daily, data_unit_playback_health",
                  () -> {
                    replace(
                        GoldTransforms.playbackIncidentsDaily(recent, idle, settings.episodeGapMs),
                        tables.playbackIncidentsDaily,
                        playback,
                        runId);
                    // Per data unit over all dates: small, so rewritten whole when playback
                    // changed.
                    if (!playback.isEmpty() || !wh.exists(tables.dataUnitPlaybackHealth)) {
                      wh.overwrite(
                          PlaybackHealth.dataUnitPlaybackHealth(
                              wh.read(tables.playbackIncidentsDaily)),
                          tables.dataUnitPlaybackHealth,
                          runId);
                    }
                  }),
              timed(
                  "annotator_quality_daily",
                  () ->
                      replace(
                          QualityTransforms.annotatorQualityDaily(in.quality()),
                          tables.annotatorQualityDaily,
                          quality,
                          runId)),
              // Consensus rows are rebuilt per unit: those of the units with a new event.
              timed(
                  "consensus tables",
                  () -> consensusDates.addAll(writeConsensus(in, units.get(), runId))),
              // Session rows are rebuilt per task key: those of the task keys with a new event.
              timed(
                  "session tables", () -> sessionDates.addAll(writeSessions(in, newTasks, runId))),
              // Agent rows by the date of the run: those of new runs and of runs whose objects have
              // a new event.
              timed("agent_prelabel_daily", () -> agentDates.addAll(writeAgents(in, runId))),
              // Classification answers are rebuilt per consensus unit with a new event; the
              // agreement tables follow from all answers when those changed.
              timed("classification agreement", () -> writeClassifications(in, units, runId))));
    }
    all.addAll(activity);
    all.addAll(reviews);
    all.addAll(playback);
    all.addAll(quality);
    all.addAll(consensusDates);
    all.addAll(sessionDates);
    all.addAll(agentDates);
    LOG.info("Gold rebuilt {} dates in {} ms", all.size(), (System.nanoTime() - t0) / 1_000_000);
    return all;
  }

  /**
   * The consensus units a night rebuilds, and what both the consensus and the classification tables
   * compute from them: the units' task keys ({@code keys}, one column), their events, those events'
   * dates ({@code eventDates}, null for all) and the units' branch owners. Every unit on a full
   * rebuild; on a later night the units among the task keys with a new event, or null when there is
   * none.
   */
  record Units(
      Dataset<Row> keys, Dataset<Row> events, Set<LocalDate> eventDates, Dataset<Row> owners) {}

  private Units units(Inputs in, Dataset<Row> newTasks, Sessions.Scope scope) {
    if (in.full()) {
      return allUnits(in.keyed(), scope);
    }
    // Every event of the task keys with a new event (`keyed` holds them all), and which of those
    // keys are consensus units.
    Dataset<Row> unitInput =
        in.keyed().join(broadcast(newTasks), new String[] {"task_key"}, "left_semi");
    Dataset<Row> keys = scope.materialize(GoldTransforms.consensusUnitKeys(unitInput));
    if (keys.isEmpty()) {
      return null;
    }
    Dataset<Row> events =
        scope.materialize(unitInput.join(broadcast(keys), "task_key", "left_semi"));
    return new Units(
        keys,
        events,
        dates(events),
        scope.materialize(GoldTransforms.branchOwners(GoldTransforms.unitEvents(events))));
  }

  /** Every consensus unit of {@code history} and the units' branch owners, in {@code scope}. */
  private static Units allUnits(Dataset<Row> history, Sessions.Scope scope) {
    return new Units(
        scope.materialize(GoldTransforms.consensusUnitKeys(history)),
        history,
        null,
        scope.materialize(GoldTransforms.branchOwners(GoldTransforms.unitEvents(history))));
  }

  /**
   * {@code make}, run once by the first caller; later callers wait for it and get its result, or
   * the exception it threw.
   */
  private static <T> Supplier<T> once(Supplier<T> make) {
    return new Supplier<>() {
      private boolean done;
      private T value;
      private RuntimeException failed;

      @Override
      public synchronized T get() {
        if (failed != null) {
          throw failed;
        }
        if (!done) {
          try {
            value = make.get();
          } catch (RuntimeException e) {
            failed = e;
            throw e;
          }
          done = true;
        }
        return value;
      }
    };
  }

  /** {@code work}, logging how long it took. */
  private static Runnable timed(String what, Runnable work) {
    return () -> {
      long t0 = System.nanoTime();
      work.run();
      LOG.info("Gold: {} in {} ms", what, (System.nanoTime() - t0) / 1_000_000);
    };
  }

  /**
   * Rebuilds the consensus tables: the rows of consensus_units and consensus_geometry of every unit
   * with a new event ({@code shared}, null when there is none; every unit on a full rebuild), and
   * the dates of annotator_consensus_daily on which one of those units was decided, before this run
   * or now; returns those dates. A unit's rows depend on its own events only, so other units and
   * dates are unchanged.
   */
  private Set<LocalDate> writeConsensus(Inputs in, Units shared, String runId) {
    if (in.full()) {
      Dataset<Row> history = in.keyed();
      Dataset<Row> decisions = taskDecisions(null);
      // Materialized, not cached, as are the other full rebuilds' intermediate rows: the queries
      // over them plan over their rows, not again over what made them (see Sessions.Scope).
      try (Sessions.Scope scope = new Sessions.Scope()) {
        Dataset<Row> units = scope.materialize(GoldTransforms.consensusUnits(history, decisions));
        Set<LocalDate> dates = dates(units);
        if (wh.exists(tables.consensusUnits)) {
          dates.addAll(dates(wh.read(tables.consensusUnits)));
        }
        wh.overwrite(units, tables.consensusUnits, runId);
        if (wh.exists(tables.objectChanges)) {
          wh.overwrite(
              GeometryAgreement.consensusGeometry(
                  wh.read(tables.objectChanges), units, shared.owners()),
              tables.consensusGeometry,
              runId);
        }
        replace(
            GoldTransforms.annotatorConsensusDaily(history, units, decisions),
            tables.annotatorConsensusDaily,
            dates,
            runId);
        return dates;
      }
    }
    if (shared == null) {
      return Set.of();
    }
    try (Sessions.Scope scope = new Sessions.Scope()) {
      Dataset<Row> touched = shared.keys().select(col("task_key").as("consensus_unit_id"));
      Dataset<Row> unitEvents = shared.events();
      Set<LocalDate> eventDates = shared.eventDates();
      Dataset<Row> units =
          scope.materialize(
              GoldTransforms.consensusUnits(
                  unitEvents, scope.materialize(taskDecisions(eventDates))));
      // Decision dates of the touched units before this run and now.
      Dataset<Row> stored =
          wh.exists(tables.consensusUnits)
              ? wh.readVersion(tables.consensusUnits, wh.version(tables.consensusUnits))
              : units.limit(0);
      Set<LocalDate> dates = dates(units);
      dates.addAll(
          dates(stored.join(broadcast(touched), new String[] {"consensus_unit_id"}, "left_semi")));
      Dataset<Row> allUnits = scope.materialize(replaceUnits(stored, touched, units));
      if (wh.exists(tables.objectChanges)) {
        Dataset<Row> geometry =
            GeometryAgreement.consensusGeometry(objectChanges(eventDates), units, shared.owners());
        wh.overwrite(
            wh.exists(tables.consensusGeometry)
                ? replaceUnits(
                    wh.readVersion(tables.consensusGeometry, wh.version(tables.consensusGeometry)),
                    touched,
                    geometry)
                : geometry,
            tables.consensusGeometry,
            runId);
      }
      // annotator_consensus_daily of those dates: every unit decided on one of them, from all of
      // its events.
      Dataset<Row> decided =
          scope.materialize(
              allUnits.filter(col("consensus_reached").and(EventDates.inDates(dates))));
      Dataset<Row> decidedTasks =
          scope.materialize(decided.select(col("consensus_unit_id").as("task_key")));
      Dataset<Row> noLabels = EventKeys.keys(in.keyed().limit(0), EventKeys.LABEL);
      Set<LocalDate> decidedDates = in.index().datesOf(noLabels, decidedTasks);
      replace(
          GoldTransforms.annotatorConsensusDaily(
              scope.materialize(
                  EventKeys.eventsOf(in.silver(), decidedDates, noLabels, decidedTasks)),
              decided,
              scope.materialize(taskDecisions(decidedDates))),
          tables.annotatorConsensusDaily,
          dates,
          runId);
      wh.overwrite(allUnits, tables.consensusUnits, runId);
      return dates;
    }
  }

  /**
   * Rebuilds the session tables: the rows of editor_sessions and task_time of every task key with a
   * new event (a task key of {@code newTasks}; every key on a full rebuild, or when one of the
   * tables does not exist yet), and the dates of annotator_sessions_daily that hold one of their
   * sessions, before this run or now; returns those dates. A task key's sessions and task_time row
   * depend on its own events only, so other keys are unchanged.
   */
  private Set<LocalDate> writeSessions(Inputs in, Dataset<Row> newTasks, String runId) {
    long idle = settings.idleTimeoutMs;
    if (fromAllHistory(in, tables.editorSessions, tables.taskTime, tables.annotatorSessionsDaily)) {
      Dataset<Row> history = allHistory(in);
      Dataset<Row> events = SessionTransforms.sessionEvents(history, taskSaves(null), idle);
      try (Sessions.Scope scope = new Sessions.Scope()) {
        Dataset<Row> sessions = scope.materialize(SessionTransforms.editorSessions(events, idle));
        wh.overwrite(sessions, tables.editorSessions, runId, "event_date");
        wh.overwrite(
            SessionTransforms.taskTime(events, sessions), tables.taskTime, runId, "event_date");
        wh.overwrite(
            SessionTransforms.annotatorSessionsDaily(sessions),
            tables.annotatorSessionsDaily,
            runId,
            "event_date");
        return dates(sessions);
      }
    }
    try (Sessions.Scope scope = new Sessions.Scope()) {
      // Every event of the task keys with a new event (`keyed` holds them all).
      Dataset<Row> keyEvents =
          scope.materialize(
              in.keyed().join(broadcast(newTasks), new String[] {"task_key"}, "left_semi"));
      if (keyEvents.isEmpty()) {
        return Set.of();
      }
      Set<LocalDate> eventDates = dates(keyEvents);
      Dataset<Row> events =
          scope.materialize(
              SessionTransforms.sessionEvents(keyEvents, taskSaves(eventDates), idle));
      Dataset<Row> sessions = scope.materialize(SessionTransforms.editorSessions(events, idle));
      Keyed written =
          replaceKeys(scope, sessions, tables.editorSessions, newTasks, eventDates, runId);
      replaceKeys(
          scope,
          SessionTransforms.taskTime(events, sessions),
          tables.taskTime,
          newTasks,
          eventDates,
          runId);
      // The sessions of each of those dates are all in `written`: the day's roll-up from them.
      replace(
          SessionTransforms.annotatorSessionsDaily(written.rows()),
          tables.annotatorSessionsDaily,
          written.dates(),
          runId);
      return written.dates();
    }
  }

  /**
   * Rebuilds agent_prelabel_daily: every date on a full rebuild (or when the table does not exist
   * yet); on a later night the dates of this run's agent runs and of the runs that proposed an
   * object with a new event or one a new run proposes again, each from all runs of that date, every
   * run proposing one of their objects (whose next proposal ends a proposal's window) and every
   * event of those objects (found through the key index). Returns those dates. Silver agent_runs,
   * one row per run, is read whole: it is small beside the events.
   */
  private Set<LocalDate> writeAgents(Inputs in, String runId) {
    Dataset<Row> runs =
        wh.exists(tables.agentRuns)
            ? wh.read(tables.agentRuns)
            : ActionTables.empty(wh.spark(), AgentRun.class);
    Column[] runColumns = Columns.of(PrelabelTransforms.RUN_COLUMNS);
    if (fromAllHistory(in, tables.agentPrelabelDaily)) {
      Dataset<Row> history = allHistory(in);
      wh.overwrite(
          PrelabelTransforms.agentPrelabelDaily(runs.select(runColumns), history),
          tables.agentPrelabelDaily,
          runId,
          "event_date");
      return dates(runs);
    }
    try (Sessions.Scope scope = new Sessions.Scope()) {
      // Every run, and whether this run stored it.
      Dataset<Row> all =
          scope.materialize(
              runs.select(
                  Stream.concat(
                          Arrays.stream(runColumns),
                          Stream.of(col("run_id").equalTo(runId).as("new")))
                      .toArray(Column[]::new)));
      Dataset<Row> proposed = scope.materialize(PrelabelTransforms.proposals(all));
      // The objects whose proposals tonight can change: those with a new event, and those a new
      // run proposes (which ends the window of an earlier run's proposal of the same object).
      Dataset<Row> changedObjects =
          EventKeys.keys(in.keyed().filter(col("run_id").equalTo(runId)), EventKeys.LABEL)
              .union(PrelabelTransforms.proposals(all.filter(col("new"))).select(EventKeys.LABEL))
              .distinct();
      Set<LocalDate> dates = dates(all.filter(col("new")));
      dates.addAll(dates(proposed.join(broadcast(changedObjects), EventKeys.LABEL, "left_semi")));
      if (dates.isEmpty()) {
        return Set.of();
      }
      Dataset<Row> objects =
          scope.materialize(
              proposed.filter(EventDates.inDates(dates)).select(EventKeys.LABEL).distinct());
      Dataset<Row> runIds =
          proposed
              .join(broadcast(objects), EventKeys.LABEL, "left_semi")
              .select(col("run_id").as("event_id"))
              .union(all.filter(EventDates.inDates(dates)).select("event_id"))
              .distinct();
      Dataset<Row> inputRuns =
          scope.materialize(all.join(broadcast(runIds), "event_id", "left_semi").drop("new"));
      Dataset<Row> noTasks = EventKeys.keys(in.keyed().limit(0), EventKeys.TASK);
      Dataset<Row> objectEvents =
          scope.materialize(
              EventKeys.eventsOf(
                      in.silver(), in.index().datesOf(objects, noTasks), objects, noTasks)
                  .filter(Kinds.isAny(PrelabelTransforms.OBJECT_KINDS)));
      replace(
          PrelabelTransforms.agentPrelabelDaily(inputRuns, objectEvents),
          tables.agentPrelabelDaily,
          dates,
          runId);
      return dates;
    }
  }

  /**
   * Rebuilds classification_answers, per consensus unit: every unit on a full rebuild (or when one
   * of the three tables does not exist yet or the answers predate object answers), else the units
   * among the task keys with a new event; and when the answers changed, classification_agreement
   * and classification_agreement_by_feature from all of them. A unit's answers depend on its own
   * events only. The answers (one row per unit, feature and annotator) are small, so the three
   * tables are rewritten whole.
   */
  private void writeClassifications(Inputs in, Supplier<Units> shared, String runId) {
    if (fromAllHistory(
            in,
            tables.classificationAnswers,
            tables.classificationAgreement,
            tables.classificationAgreementByFeature)
        // Tables stored before objects' values were answers too: rebuilt with them.
        || lacks(tables.classificationAnswers, "object_hash")
        || lacks(tables.classificationAgreement, "object_pairs")
        || lacks(tables.classificationAgreementByFeature, "object_pairs_compared")) {
      // Materialized, not cached: the agreement queries over the answers then plan over their
      // rows, not again over the replay that made them (see Sessions.Scope).
      try (Sessions.Scope scope = new Sessions.Scope()) {
        // On a full rebuild, its units, shared with the consensus tables.
        Units all = in.full() ? shared.get() : allUnits(allHistory(in), scope);
        Dataset<Row> units = all.keys();
        Dataset<Row> owners = all.owners();
        writeAgreement(
            scope.materialize(
                ClassificationAgreement.answers(
                    attributeChanges(null),
                    units,
                    owners,
                    GeometryAgreement.objectAnswers(objectChanges(null), units, owners))),
            runId);
      }
      return;
    }
    Units night = shared.get();
    if (night == null) {
      return;
    }
    try (Sessions.Scope scope = new Sessions.Scope()) {
      Dataset<Row> touched = night.keys();
      Set<LocalDate> eventDates = night.eventDates();
      Dataset<Row> owners = night.owners();
      Dataset<Row> rebuilt =
          scope.materialize(
              ClassificationAgreement.answers(
                  attributeChanges(eventDates).join(broadcast(touched), "task_key", "left_semi"),
                  touched,
                  owners,
                  GeometryAgreement.objectAnswers(objectChanges(eventDates), touched, owners)));
      Dataset<Row> stored =
          scope.materialize(
              wh.readVersion(
                  tables.classificationAnswers, wh.version(tables.classificationAnswers)));
      Dataset<Row> units = touched.select(col("task_key").as("consensus_unit_id"));
      Dataset<Row> storedOfUnits = stored.join(broadcast(units), "consensus_unit_id", "left_semi");
      if (storedOfUnits.exceptAll(rebuilt).isEmpty()
          && rebuilt.exceptAll(storedOfUnits).isEmpty()) {
        return;
      }
      writeAgreement(scope.materialize(replaceUnits(stored, units, rebuilt)), runId);
    }
  }

  /** Writes the answers and the two agreement tables that follow from them. */
  private void writeAgreement(Dataset<Row> answers, String runId) {
    wh.overwrite(answers, tables.classificationAnswers, runId);
    try (Sessions.Scope scope = new Sessions.Scope()) {
      Dataset<Row> pairs = scope.materialize(ClassificationAgreement.pairs(answers));
      wh.overwrite(pairs, tables.classificationAgreement, runId);
      wh.overwrite(
          ClassificationAgreement.byFeature(answers, pairs),
          tables.classificationAgreementByFeature,
          runId);
    }
  }

  /** Whether the stored table {@code t} lacks {@code column} (written by an earlier version). */
  private boolean lacks(TableId t, String column) {
    return !Arrays.asList(wh.read(t).columns()).contains(column);
  }

  /** Silver object_changes (of {@code dates}, unless null). */
  private Dataset<Row> objectChanges(Set<LocalDate> dates) {
    Dataset<Row> all =
        wh.exists(tables.objectChanges)
            ? wh.read(tables.objectChanges)
            : ActionTables.empty(wh.spark(), ObjectChange.class);
    return dates == null ? all : all.filter(EventDates.inDates(dates));
  }

  /**
   * Silver attribute_changes' {@link ClassificationAgreement#CHANGE_COLUMNS} (of {@code dates}).
   */
  private Dataset<Row> attributeChanges(Set<LocalDate> dates) {
    Dataset<Row> all =
        wh.exists(tables.attributeChanges)
            ? wh.read(tables.attributeChanges)
            : ActionTables.empty(wh.spark(), AttributeChange.class);
    return (dates == null ? all : all.filter(EventDates.inDates(dates)))
        .select(Columns.of(ClassificationAgreement.CHANGE_COLUMNS));
  }

  /**
   * Whether {@code tables} are computed from all of silver this run: on a full rebuild, and on the
   * first night after one of them was added to the pipeline (it does not exist yet).
   */
  private boolean fromAllHistory(Inputs in, TableId... tables) {
    return in.full() || Arrays.stream(tables).anyMatch(t -> !wh.exists(t));
  }

  /** All of silver's gold input: the full rebuild's cached history, else read now. */
  private Dataset<Row> allHistory(Inputs in) {
    return in.full() ? in.keyed() : loadHistory();
  }

  /** The rows a {@link #replaceKeys} wrote, all of the table's rows on {@code dates}. */
  private record Keyed(Dataset<Row> rows, Set<LocalDate> dates) {}

  /**
   * Replaces the rows of the task keys {@code touched} (one column, task_key) in a table of rows
   * per task key, partitioned by event_date, with {@code rebuilt}: the dates on which the stored
   * rows of those keys and the rebuilt ones differ are rewritten, with their other rows as stored.
   * The stored rows of those keys lie on {@code keyDates}, the dates of the keys' events (a row's
   * date is one of its events' dates).
   */
  private Keyed replaceKeys(
      Sessions.Scope scope,
      Dataset<Row> rebuilt,
      TableId table,
      Dataset<Row> touched,
      Set<LocalDate> keyDates,
      String runId) {
    String[] key = {"task_key"};
    Dataset<Row> stored =
        scope.materialize(
            wh.readVersion(table, wh.version(table)).filter(EventDates.inDates(keyDates)));
    Dataset<Row> mine = scope.materialize(rebuilt);
    Column[] columns = Columns.of(mine.columns());
    // Only the dates whose rows of those keys differ from the stored ones are rewritten.
    Dataset<Row> before = stored.join(broadcast(touched), key, "left_semi").select(columns);
    Set<LocalDate> dates = dates(before.exceptAll(mine).unionByName(mine.exceptAll(before)));
    if (dates.isEmpty()) {
      return new Keyed(mine.limit(0), dates);
    }
    Dataset<Row> rows =
        scope.materialize(
            stored
                .filter(EventDates.inDates(dates))
                .join(broadcast(touched), key, "left_anti")
                .select(columns)
                .unionByName(mine.filter(EventDates.inDates(dates))));
    wh.replaceDates(rows, table, "event_date", dates, runId);
    return new Keyed(rows, dates);
  }

  /** Silver task_saves' {@link SessionTransforms#SAVE_COLUMNS} (of {@code dates}, unless null). */
  private Dataset<Row> taskSaves(Set<LocalDate> dates) {
    Dataset<Row> all =
        wh.exists(tables.taskSaves)
            ? wh.read(tables.taskSaves)
            : ActionTables.empty(wh.spark(), TaskSave.class);
    return (dates == null ? all : all.filter(EventDates.inDates(dates)))
        .select(Columns.of(SessionTransforms.SAVE_COLUMNS));
  }

  /**
   * The {@code stored} rows of the units not in {@code touched} (one column, consensus_unit_id) and
   * the {@code rebuilt} rows, in the columns of the latter.
   */
  private static Dataset<Row> replaceUnits(
      Dataset<Row> stored, Dataset<Row> touched, Dataset<Row> rebuilt) {
    return stored
        .join(broadcast(touched), new String[] {"consensus_unit_id"}, "left_anti")
        .unionByName(rebuilt)
        .select(Columns.of(rebuilt.columns()));
  }

  /** The task_decisions columns the consensus tables read. */
  private static final Column[] TASK_DECISION_INPUT = {
    col("event_id"),
    col("event_date"),
    col("selected_annotators"),
    col("annotators_with_approved_labels"),
    col("winning_set_annotator_hash")
  };

  /** Silver task_decisions (of {@code dates} only, unless null), or none when it does not exist. */
  private Dataset<Row> taskDecisions(Set<LocalDate> dates) {
    if (!wh.exists(tables.taskDecisions)) {
      return noTaskDecisions();
    }
    Dataset<Row> all = wh.read(tables.taskDecisions).select(TASK_DECISION_INPUT);
    return dates == null ? all : all.filter(EventDates.inDates(dates));
  }

  private Dataset<Row> noTaskDecisions() {
    return ActionTables.empty(wh.spark(), TaskDecision.class).select(TASK_DECISION_INPUT);
  }

  private void replace(
      Dataset<Row> rows, TableId table, Collection<LocalDate> dates, String runId) {
    if (dates.isEmpty()) {
      if (!wh.exists(table)) {
        wh.replaceDates(rows.limit(0), table, "event_date", List.of(LocalDate.EPOCH), runId);
      }
      return;
    }
    wh.replaceDates(rows.filter(EventDates.inDates(dates)), table, "event_date", dates, runId);
  }

  // ---- which dates a run touches ---------------------------------------------------------------

  private static Set<LocalDate> dates(Dataset<Row> rows) {
    return EventDates.dates(rows);
  }

  /** New events' dates and the dates of the events right after a new one in the user's order. */
  static Dataset<Row> activityDates(Dataset<Row> history, Column isNew) {
    Column prevNew =
        lag(isNew, 1)
            .over(Window.partitionBy("user_key").orderBy(col("event_time"), col("event_id")));
    return history
        .withColumn("prev_new", prevNew)
        .filter(isNew.or(col("prev_new").equalTo(true)))
        .select("event_date");
  }

  /** Dates of the playback event right after a new playback event (same user, same data unit). */
  static Dataset<Row> playbackDates(Dataset<Row> history, Column isNew) {
    Dataset<Row> playback = history.filter(Kinds.isAny(BUFFERING, BITRATE_WARNING, SEEKING));
    Column prevNew =
        lag(isNew, 1)
            .over(
                Window.partitionBy("user_key", "data_unit_id")
                    .orderBy(col("event_time"), col("event_id")));
    return playback
        .withColumn("prev_new", prevNew)
        .filter(col("prev_new").equalTo(true))
        .select("event_date");
  }

  /**
   * New reviews' dates, and those of reviews whose attribution a new event can change: every review
   * of a label with a new creation (its creator may change), and every review of a task key that is
   * not earlier than the key's earliest new submission (a review is attributed to the latest
   * submission strictly before it, so earlier reviews keep theirs).
   */
  static Dataset<Row> reviewDates(Dataset<Row> history, Column isNew) {
    Dataset<Row> reviews = GoldTransforms.reviews(history);
    Dataset<Row> newCreations = newCreations(history, isNew);
    return reviews
        .filter(isNew)
        .select("event_date")
        .union(
            reviews
                .filter(col("target_type").notEqual("task"))
                .join(newCreations, "label_id")
                .select("event_date"))
        .union(
            since(
                    reviews.filter(col("target_type").equalTo("task")),
                    "task_key",
                    history.filter(isNew.and(Kinds.is(TASK_SUBMITTED))))
                .select("event_date"));
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
  static Dataset<Row> qualityDates(Dataset<Row> history, Column isNew) {
    Dataset<Row> edits = history.filter(Kinds.isAny(EDITS));
    Dataset<Row> newCreations = newCreations(history, isNew);
    return since(
            history.filter(Kinds.isAny(TASK_REVIEWS)),
            "task_key",
            history.filter(isNew.and(Kinds.isAny(TASK_SUBMITTED, TASK_APPROVED, TASK_REJECTED))))
        .select("event_date")
        .union(edits.join(newCreations, "label_id").select("event_date"))
        .union(
            since(
                    edits,
                    "label_id",
                    history.filter(
                        isNew.and(
                            Kinds.isAny(
                                LABEL_REJECTED,
                                ATTRIBUTE_REJECTED,
                                LABEL_EDITED,
                                ATTRIBUTE_EDITED))))
                .select("event_date"));
  }

  /** Label ids (one column) with a new label or attribute creation. */
  private static Dataset<Row> newCreations(Dataset<Row> history, Column isNew) {
    return history
        .filter(isNew.and(Kinds.isAny(LABEL_CREATED, ATTRIBUTE_CREATED)))
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
}
