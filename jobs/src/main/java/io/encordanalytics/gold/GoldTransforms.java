package io.encordanalytics.gold;

import static io.encordanalytics.vocabulary.Kind.ATTRIBUTE_APPROVED;
import static io.encordanalytics.vocabulary.Kind.ATTRIBUTE_CREATED;
import static io.encordanalytics.vocabulary.Kind.ATTRIBUTE_DELETED;
import static io.encordanalytics.vocabulary.Kind.ATTRIBUTE_EDITED;
import static io.encordanalytics.vocabulary.Kind.ATTRIBUTE_REJECTED;
import static io.encordanalytics.vocabulary.Kind.BITRATE_WARNING;
import static io.encordanalytics.vocabulary.Kind.BUFFERING;
import static io.encordanalytics.vocabulary.Kind.CONSENSUS_IN_AGREEMENT;
import static io.encordanalytics.vocabulary.Kind.CONSENSUS_LABEL_APPROVED;
import static io.encordanalytics.vocabulary.Kind.CONSENSUS_LABEL_CANCELLED;
import static io.encordanalytics.vocabulary.Kind.LABEL_APPROVED;
import static io.encordanalytics.vocabulary.Kind.LABEL_CREATED;
import static io.encordanalytics.vocabulary.Kind.LABEL_DELETED;
import static io.encordanalytics.vocabulary.Kind.LABEL_EDITED;
import static io.encordanalytics.vocabulary.Kind.LABEL_REJECTED;
import static io.encordanalytics.vocabulary.Kind.SEEKING;
import static io.encordanalytics.vocabulary.Kind.TASK_APPROVED;
import static io.encordanalytics.vocabulary.Kind.TASK_REJECTED;
import static io.encordanalytics.vocabulary.Kind.TASK_SKIPPED;
import static io.encordanalytics.vocabulary.Kind.TASK_SUBMITTED;
import static org.apache.spark.sql.functions.array_union;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.last;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import io.encordanalytics.spark.Columns;
import io.encordanalytics.vocabulary.Kind;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Pure transforms from silver events (all history) to the contract's gold tables. Each method takes
 * the full event history it needs and returns every row of its table; the caller decides which
 * dates to write. Definitions follow tables.md word for word; the README explains them.
 */
public final class GoldTransforms {
  private GoldTransforms() {}

  public static final String UNKNOWN = "unknown";
  private static final String EMPTY_ARRAY = "CAST(array() AS array<string>)";

  /** Adds {@code kind} and {@code user_key} (user_id, or 'unknown' when missing). */
  public static Dataset<Row> prepare(Dataset<Row> events) {
    return events
        .withColumn("kind", Kinds.kind())
        .withColumn(
            "user_key",
            when(col("user_id").isNull().or(col("user_id").equalTo("")), lit(UNKNOWN))
                .otherwise(col("user_id")));
  }

  private static WindowSpec userOrder() {
    return Window.partitionBy("user_key").orderBy(col("event_time"), col("event_id"));
  }

  private static Column kindCount(Kind kind) {
    return Aggregates.countIf(Kinds.is(kind));
  }

  /** Latest non-null value of {@code column} by (event_time, event_id). */
  private static Column latestNonNull(String column) {
    return Aggregates.latest(col(column));
  }

  private static Column perHour(Column count, Column activeMs) {
    return when(activeMs.gt(0), count.cast("double").multiply(3_600_000.0).divide(activeMs));
  }

  /** Events on a consensus branch: a branch name other than main. */
  static Column nonMainBranch() {
    return col("branch_name").isNotNull().and(col("branch_name").notEqual("main"));
  }

  /**
   * Per event, the active time credited to it: the gap to the user's previous event when at most
   * the idle timeout ({@code active_us}), and the same gap when both events are on the same data
   * unit ({@code same_unit_active_us}).
   */
  public static Dataset<Row> activeGaps(Dataset<Row> prepared, long idleTimeoutMs) {
    Column prevTime = lag(col("event_time"), 1).over(userOrder());
    Column prevUnit = lag(col("data_unit_id"), 1).over(userOrder());
    Dataset<Row> withPrev =
        prepared.withColumn("prev_time", prevTime).withColumn("prev_unit", prevUnit);
    Column gap = unix_micros(col("event_time")).minus(unix_micros(col("prev_time")));
    Column active =
        when(col("prev_time").isNotNull().and(gap.leq(idleTimeoutMs * 1000L)), gap).otherwise(0L);
    return withPrev
        .withColumn("active_us", active)
        .withColumn(
            "same_unit_active_us",
            when(
                    col("prev_unit").isNotNull().and(col("prev_unit").equalTo(col("data_unit_id"))),
                    col("active_us"))
                .otherwise(0L));
  }

  /** {@code encord_gold.annotator_daily_activity}: grain (event_date, user_id). */
  public static Dataset<Row> annotatorDailyActivity(Dataset<Row> prepared, long idleTimeoutMs) {
    Dataset<Row> g =
        activeGaps(prepared, idleTimeoutMs)
            .groupBy(col("event_date"), col("user_key").as("user_id"))
            .agg(
                latestNonNull("user_email").as("user_email"),
                kindCount(LABEL_CREATED).as("labels_created"),
                kindCount(LABEL_EDITED).as("labels_edited"),
                kindCount(LABEL_DELETED).as("labels_deleted"),
                kindCount(ATTRIBUTE_CREATED).as("attributes_created"),
                kindCount(ATTRIBUTE_EDITED).as("attributes_edited"),
                kindCount(ATTRIBUTE_DELETED).as("attributes_deleted"),
                kindCount(TASK_SUBMITTED).as("tasks_submitted"),
                kindCount(TASK_SKIPPED).as("tasks_skipped"),
                coalesce(sum(col("time_taken_ms")), lit(0L)).cast("long").as("label_time_ms"),
                expr("sum(active_us) div 1000").as("active_time_ms"),
                count("event_id").as("events"));
    return g.withColumn(
            "labels_per_active_hour", perHour(col("labels_created"), col("active_time_ms")))
        .select(
            "event_date",
            "user_id",
            "user_email",
            "labels_created",
            "labels_edited",
            "labels_deleted",
            "attributes_created",
            "attributes_edited",
            "attributes_deleted",
            "tasks_submitted",
            "tasks_skipped",
            "label_time_ms",
            "active_time_ms",
            "labels_per_active_hour",
            "events");
  }

  static final Kind[] REVIEW_KINDS = {
    LABEL_APPROVED,
    LABEL_REJECTED,
    ATTRIBUTE_APPROVED,
    ATTRIBUTE_REJECTED,
    TASK_APPROVED,
    TASK_REJECTED
  };

  /** Review events with {@code target_type} (label, attribute, task) and {@code approved}. */
  public static Dataset<Row> reviews(Dataset<Row> prepared) {
    return prepared
        .filter(Kinds.isAny(REVIEW_KINDS))
        .withColumn(
            "target_type",
            when(col("kind").startsWith("label_"), lit("label"))
                .when(col("kind").startsWith("attribute_"), lit("attribute"))
                .otherwise(lit("task")))
        .withColumn("approved", col("kind").endsWith("_approved"));
  }

  /**
   * Each review with {@code annotator_id} (whose work was reviewed) and the row's {@code
   * label_name}: for labels and attributes the creator of the label in all history, for tasks the
   * latest submitter strictly before the review.
   */
  public static Dataset<Row> attributedReviews(Dataset<Row> prepared) {
    Dataset<Row> reviews = reviews(prepared);
    Dataset<Row> creators =
        prepared
            .filter(Kinds.isAny(LABEL_CREATED, ATTRIBUTE_CREATED).and(col("label_id").isNotNull()))
            .withColumn(
                "target_type", when(Kinds.is(LABEL_CREATED), "label").otherwise("attribute"))
            .withColumn(
                "rn",
                row_number()
                    .over(
                        Window.partitionBy("target_type", "label_id")
                            .orderBy(col("event_time"), col("event_id"))))
            .filter(col("rn").equalTo(1))
            .select(
                col("target_type"),
                col("label_id"),
                col("user_key").as("creator_id"),
                col("label_name").as("creator_label_name"));
    Dataset<Row> labelReviews =
        reviews
            .filter(col("target_type").notEqual("task"))
            .join(creators, new String[] {"target_type", "label_id"}, "left")
            .withColumn("annotator_id", coalesce(col("creator_id"), lit(UNKNOWN)))
            .withColumn(
                "label_name", coalesce(col("label_name"), col("creator_label_name"), lit(UNKNOWN)));

    // Submissions and task reviews in one time line per task key: a review sees the latest
    // submission strictly before it (reviews sort first among events at the same instant).
    Dataset<Row> submissions =
        prepared
            .filter(Kinds.is(TASK_SUBMITTED).and(col("task_key").isNotNull()))
            .select(
                col("task_key"),
                col("event_time"),
                col("event_id"),
                lit(1).as("order_class"),
                col("user_key").as("submitter"),
                lit(null).cast("string").as("review_id"));
    Dataset<Row> taskReviews = reviews.filter(col("target_type").equalTo("task"));
    Dataset<Row> reviewPoints =
        taskReviews
            .filter(col("task_key").isNotNull())
            .select(
                col("task_key"),
                col("event_time"),
                col("event_id"),
                lit(0).as("order_class"),
                lit(null).cast("string").as("submitter"),
                col("event_id").as("review_id"));
    Dataset<Row> lastSubmitter =
        submissions
            .unionByName(reviewPoints)
            .withColumn(
                "last_submitter",
                last(col("submitter"), true)
                    .over(
                        Window.partitionBy("task_key")
                            .orderBy(col("event_time"), col("order_class"), col("event_id"))
                            .rowsBetween(Window.unboundedPreceding(), Window.currentRow())))
            .filter(col("review_id").isNotNull())
            .select(col("review_id").as("event_id"), col("last_submitter"));
    Dataset<Row> attributedTasks =
        taskReviews
            .join(lastSubmitter, new String[] {"event_id"}, "left")
            .withColumn("annotator_id", coalesce(col("last_submitter"), lit(UNKNOWN)))
            .withColumn("label_name", lit(null).cast("string"));
    List<String> cols =
        List.of(
            "event_id",
            "event_time",
            "event_date",
            "user_key",
            "user_email",
            "task_key",
            "label_id",
            "target_type",
            "approved",
            "annotator_id",
            "label_name");
    Column[] sel = Columns.of(cols);
    return labelReviews.select(sel).unionByName(attributedTasks.select(sel));
  }

  /**
   * {@code encord_gold.review_outcomes_daily}: grain (event_date, annotator_id, target_type,
   * label_name).
   */
  public static Dataset<Row> reviewOutcomesDaily(Dataset<Row> attributedReviews) {
    return attributedReviews
        .groupBy("event_date", "annotator_id", "target_type", "label_name")
        .agg(
            sum(when(col("approved"), 1L).otherwise(0L)).as("approved"),
            sum(when(col("approved"), 0L).otherwise(1L)).as("rejected"))
        .withColumn(
            "rejection_rate",
            col("rejected").cast("double").divide(col("approved").plus(col("rejected"))))
        .select(
            "event_date",
            "annotator_id",
            "target_type",
            "label_name",
            "approved",
            "rejected",
            "rejection_rate");
  }

  /** {@code encord_gold.reviewer_daily_decisions}: grain (event_date, reviewer_id, target_type). */
  public static Dataset<Row> reviewerDailyDecisions(Dataset<Row> prepared) {
    return reviews(prepared)
        .groupBy(col("event_date"), col("user_key").as("reviewer_id"), col("target_type"))
        .agg(
            latestNonNull("user_email").as("reviewer_email"),
            sum(when(col("approved"), 1L).otherwise(0L)).as("approved"),
            sum(when(col("approved"), 0L).otherwise(1L)).as("rejected"))
        .select(
            "event_date", "reviewer_id", "target_type", "reviewer_email", "approved", "rejected");
  }

  // ---- consensus ------------------------------------------------------------------------------

  private static final Kind[] BRANCH_WORK = {
    LABEL_CREATED, LABEL_EDITED, ATTRIBUTE_CREATED, TASK_SUBMITTED
  };

  /** Task keys that are consensus units (any consensus marker on any of their events). */
  public static Dataset<Row> consensusUnitKeys(Dataset<Row> prepared) {
    Column marker =
        nonMainBranch()
            .or(
                Kinds.isAny(
                    CONSENSUS_LABEL_APPROVED, CONSENSUS_LABEL_CANCELLED, CONSENSUS_IN_AGREEMENT))
            .or(coalesce(col("workflow_stage_type"), lit("")).startsWith("CONSENSUS_"))
            .or(coalesce(col("is_consensus"), lit(false)));
    return prepared.filter(col("task_key").isNotNull().and(marker)).select("task_key").distinct();
  }

  /** Events of consensus units, tagged with whether they are a consensus task approval. */
  public static Dataset<Row> unitEvents(Dataset<Row> prepared) {
    return prepared
        .join(consensusUnitKeys(prepared), "task_key")
        .withColumn(
            "consensus_approval",
            Kinds.is(TASK_APPROVED).and(coalesce(col("is_consensus"), lit(false))));
  }

  /**
   * Agreeing annotator hashes per unit: selectedAnnotators ∪ annotatorsWithApprovedLabels of its
   * consensus APPROVE_TASK events ({@code taskDecisions} is the silver task_decisions table).
   */
  public static Dataset<Row> agreeingAnnotators(
      Dataset<Row> unitEvents, Dataset<Row> taskDecisions) {
    Dataset<Row> approvals =
        unitEvents.filter(col("consensus_approval")).select("task_key", "event_id");
    return approvals
        .join(
            taskDecisions.select(
                col("event_id"),
                array_union(
                        coalesce(col("selected_annotators"), expr(EMPTY_ARRAY)),
                        coalesce(col("annotators_with_approved_labels"), expr(EMPTY_ARRAY)))
                    .as("hashes")),
            "event_id")
        .select(col("task_key"), explode(col("hashes")).as("annotator_hash"))
        .filter(col("annotator_hash").isNotNull())
        .distinct();
  }

  /** Winning annotator per unit: of the latest consensus approval that names one. */
  private static Dataset<Row> winners(Dataset<Row> unitEvents, Dataset<Row> taskDecisions) {
    return unitEvents
        .filter(col("consensus_approval"))
        .select("task_key", "event_id", "event_time")
        .join(
            taskDecisions
                .filter(col("winning_set_annotator_hash").isNotNull())
                .select("event_id", "winning_set_annotator_hash"),
            "event_id")
        .groupBy("task_key")
        .agg(
            max(struct(col("event_time"), col("event_id"), col("winning_set_annotator_hash")))
                .getField("winning_set_annotator_hash")
                .as("winning_user_id"));
  }

  /** {@code encord_gold.consensus_units}: grain (consensus_unit_id). */
  public static Dataset<Row> consensusUnits(Dataset<Row> prepared, Dataset<Row> taskDecisions) {
    Dataset<Row> ev = unitEvents(prepared);
    Column decision = Kinds.is(CONSENSUS_IN_AGREEMENT).or(col("consensus_approval"));
    Dataset<Row> base =
        ev.groupBy("task_key")
            .agg(
                min("data_unit_id").as("data_unit_id"),
                countDistinct(
                        when(Kinds.isAny(BRANCH_WORK).and(nonMainBranch()), col("branch_name")))
                    .as("annotator_branches"),
                countDistinct(
                        when(
                            Kinds.is(CONSENSUS_IN_AGREEMENT).and(nonMainBranch()),
                            col("branch_name")))
                    .as("agreeing_branch_count"),
                kindCount(CONSENSUS_LABEL_APPROVED)
                    .minus(kindCount(CONSENSUS_LABEL_CANCELLED))
                    .as("consensus_labels_approved"),
                min(when(decision, col("event_time"))).as("decided_at"));
    Dataset<Row> hashes =
        agreeingAnnotators(ev, taskDecisions)
            .groupBy("task_key")
            .agg(count("annotator_hash").as("agreeing_annotator_count"));
    return base.join(hashes, new String[] {"task_key"}, "left")
        .join(winners(ev, taskDecisions), new String[] {"task_key"}, "left")
        .withColumn(
            "agreeing_branches",
            col("agreeing_branch_count").plus(coalesce(col("agreeing_annotator_count"), lit(0L))))
        .withColumn(
            "agreement_rate",
            when(
                col("annotator_branches").gt(0),
                col("agreeing_branches").cast("double").divide(col("annotator_branches"))))
        .withColumn("consensus_reached", col("decided_at").isNotNull())
        .withColumn("event_date", to_date(col("decided_at")))
        .select(
            col("task_key").as("consensus_unit_id"),
            col("data_unit_id"),
            col("annotator_branches"),
            col("agreeing_branches"),
            col("agreement_rate"),
            col("consensus_reached"),
            col("winning_user_id"),
            col("consensus_labels_approved"),
            col("decided_at"),
            col("event_date"));
  }

  /** Owner of each non-main branch of each unit: most branch-work events, ties to smallest id. */
  public static Dataset<Row> branchOwners(Dataset<Row> unitEvents) {
    return unitEvents
        .filter(Kinds.isAny(BRANCH_WORK).and(nonMainBranch()))
        .groupBy("task_key", "branch_name", "user_key")
        .agg(count("event_id").as("work"))
        .withColumn(
            "rn",
            row_number()
                .over(
                    Window.partitionBy("task_key", "branch_name")
                        .orderBy(col("work").desc(), col("user_key"))))
        .filter(col("rn").equalTo(1))
        .select(col("task_key"), col("branch_name"), col("user_key").as("owner_id"));
  }

  /** {@code encord_gold.annotator_consensus_daily}: grain (event_date, user_id). */
  public static Dataset<Row> annotatorConsensusDaily(
      Dataset<Row> prepared, Dataset<Row> consensusUnits, Dataset<Row> taskDecisions) {
    Dataset<Row> ev = unitEvents(prepared);
    Dataset<Row> agreeBranches =
        ev.filter(Kinds.is(CONSENSUS_IN_AGREEMENT).and(nonMainBranch()))
            .select("task_key", "branch_name")
            .distinct()
            .withColumn("branch_agrees", lit(true));
    Dataset<Row> agreeHashes =
        agreeingAnnotators(ev, taskDecisions)
            .select(col("task_key"), col("annotator_hash").as("owner_id"))
            .withColumn("hash_agrees", lit(true));
    Dataset<Row> decided =
        consensusUnits
            .filter(col("consensus_reached"))
            .select(
                col("consensus_unit_id").as("task_key"), col("event_date"), col("winning_user_id"));
    return branchOwners(ev)
        .join(decided, "task_key")
        .join(agreeBranches, new String[] {"task_key", "branch_name"}, "left")
        .join(agreeHashes, new String[] {"task_key", "owner_id"}, "left")
        .withColumn(
            "agrees",
            coalesce(col("branch_agrees"), lit(false)).or(coalesce(col("hash_agrees"), lit(false))))
        .groupBy(col("event_date"), col("owner_id").as("user_id"))
        .agg(
            countDistinct("task_key").as("consensus_units"),
            countDistinct(when(col("agrees"), col("task_key"))).as("units_in_agreement"),
            countDistinct(when(col("winning_user_id").equalTo(col("owner_id")), col("task_key")))
                .as("wins"))
        .withColumn(
            "agreement_rate",
            col("units_in_agreement").cast("double").divide(col("consensus_units")))
        .select(
            "event_date",
            "user_id",
            "consensus_units",
            "units_in_agreement",
            "agreement_rate",
            "wins");
  }

  // ---- playback -------------------------------------------------------------------------------

  private static final Kind[] PLAYBACK_KINDS = {BUFFERING, BITRATE_WARNING, SEEKING};

  /** Playback events with {@code new_episode}: no earlier playback event within the episode gap. */
  public static Dataset<Row> playbackEpisodes(Dataset<Row> prepared, long episodeGapMs) {
    Column prev =
        lag(col("event_time"), 1)
            .over(
                Window.partitionBy("user_key", "data_unit_id")
                    .orderBy(col("event_time"), col("event_id")));
    Dataset<Row> p = prepared.filter(Kinds.isAny(PLAYBACK_KINDS)).withColumn("prev_playback", prev);
    Column gap = unix_micros(col("event_time")).minus(unix_micros(col("prev_playback")));
    return p.withColumn(
        "new_episode", col("prev_playback").isNull().or(gap.geq(episodeGapMs * 1000L)));
  }

  /** {@code encord_gold.playback_incidents_daily}: grain (event_date, data_unit_id, user_id). */
  public static Dataset<Row> playbackIncidentsDaily(
      Dataset<Row> prepared, long idleTimeoutMs, long episodeGapMs) {
    Dataset<Row> incidents =
        playbackEpisodes(prepared, episodeGapMs)
            .groupBy(col("event_date"), col("data_unit_id"), col("user_key"))
            .agg(
                kindCount(BUFFERING).as("buffering_events"),
                kindCount(BITRATE_WARNING).as("bitrate_warnings"),
                kindCount(SEEKING).as("seeking_events"),
                count("event_id").as("playback_events"),
                sum(when(col("new_episode"), 1L).otherwise(0L)).as("incident_episodes"));
    Dataset<Row> active =
        activeGaps(prepared, idleTimeoutMs)
            .filter(col("same_unit_active_us").gt(0))
            .groupBy("event_date", "data_unit_id", "user_key")
            .agg(expr("sum(same_unit_active_us) div 1000").as("active_time_ms"));
    return incidents
        .join(
            active,
            incidents
                .col("event_date")
                .equalTo(active.col("event_date"))
                .and(incidents.col("data_unit_id").eqNullSafe(active.col("data_unit_id")))
                .and(incidents.col("user_key").equalTo(active.col("user_key"))),
            "left")
        .select(
            incidents.col("event_date"),
            incidents.col("data_unit_id"),
            incidents.col("user_key").as("user_id"),
            col("buffering_events"),
            col("bitrate_warnings"),
            col("seeking_events"),
            col("playback_events"),
            col("incident_episodes"),
            coalesce(active.col("active_time_ms"), lit(0L)).as("active_time_ms"))
        .withColumn(
            "incidents_per_active_hour", perHour(col("playback_events"), col("active_time_ms")));
  }
}
