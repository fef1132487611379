package io.encordanalytics.gold;

import static io.encordanalytics.vocabulary.Kind.ATTRIBUTE_CREATED;
import static io.encordanalytics.vocabulary.Kind.ATTRIBUTE_EDITED;
import static io.encordanalytics.vocabulary.Kind.ATTRIBUTE_REJECTED;
import static io.encordanalytics.vocabulary.Kind.LABEL_CREATED;
import static io.encordanalytics.vocabulary.Kind.LABEL_EDITED;
import static io.encordanalytics.vocabulary.Kind.LABEL_REJECTED;
import static io.encordanalytics.vocabulary.Kind.TASK_SUBMITTED;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * {@code encord_gold.annotator_quality_daily}: how well an annotator's work fares in review, one
 * row per (event_date, annotator_id). Not part of the contract (tables.md); it reuses the
 * contract's task key, creator and "strictly before" rules so its numbers line up with {@code
 * review_outcomes_daily}.
 *
 * <p>Terms. A task is a task key ({@code workflow_task_id}, or {@code data_unit_id} when that is
 * empty). A <b>review cycle</b> starts when someone submits the task; its <b>first decision</b> is
 * the first task approval or rejection of the same task after the submission. A decision at the
 * very same instant as a submission does not belong to that submission (as in the contract, a
 * review only sees submissions strictly before it). Ties at one instant are ordered by event id.
 *
 * <p>Columns:
 *
 * <ul>
 *   <li>{@code event_date} (date): the day of the decision (first-pass and latency columns) or of
 *       the edit ({@code labels_reworked}), UTC.
 *   <li>{@code annotator_id} (string): whose work it is: the submitter of the task, or the creator
 *       of the label; {@code unknown} for events without a user.
 *   <li>{@code tasks_first_reviewed} (long): tasks whose very first review decision ever was made
 *       that day. A task's first pass is the first decision after its first-ever submission, and it
 *       counts for the person who made that first submission, even when the task was submitted
 *       again before anyone reviewed it. Later review rounds of the same task never count here.
 *   <li>{@code tasks_first_pass_approved} (long): of those, the tasks approved at first review.
 *   <li>{@code first_pass_approval_rate} (double): tasks_first_pass_approved /
 *       tasks_first_reviewed; null when no task had its first review that day.
 *   <li>{@code reviews_timed} (long): review cycles whose first decision was made that day. Every
 *       submission that gets a decision before the task is submitted again is one cycle, for the
 *       person who submitted; a submission replaced by a new one before any decision is not.
 *   <li>{@code review_latency_p50_ms}, {@code review_latency_p90_ms} (double): the median and 90th
 *       percentile of those cycles' wait for review, first decision time minus submission time in
 *       milliseconds (microsecond precision). Exact percentiles, interpolated between the two
 *       nearest cycles like Spark's {@code percentile}; null when no cycle was timed that day.
 *   <li>{@code labels_reworked} (long): edits the label's creator made to their own label after it
 *       had been rejected, on the edit's date. Labels and attributes are matched separately, as in
 *       {@code review_outcomes_daily}: an object edit (label_edited) counts after an object
 *       rejection (label_rejected) of the same {@code label_id} by the creator of that object (the
 *       earliest label_created of the id in all history, ties by event id); an attribute edit
 *       likewise with attribute_rejected and attribute_created. Edits before the first rejection,
 *       at its very instant, or by anyone else do not count.
 * </ul>
 *
 * <p>A row exists for every day and annotator with any count above zero; absent counts are 0. Like
 * the contract's tables this is a pure function of all event history, so rebuilding a date from
 * silver always gives the same rows; write it partitioned by {@code event_date}.
 */
public final class QualityTransforms {
  private QualityTransforms() {}

  /** {@code encord_gold.annotator_quality_daily}: grain (event_date, annotator_id). */
  public static Dataset<Row> annotatorQualityDaily(Dataset<Row> prepared) {
    return firstPasses(prepared)
        .unionByName(timedCycles(prepared))
        .unionByName(reworkedEdits(prepared))
        .groupBy("event_date", "annotator_id")
        .agg(
            sum("first_pass").as("tasks_first_reviewed"),
            sum("first_pass_approved").as("tasks_first_pass_approved"),
            count("latency_ms").as("reviews_timed"),
            percentile(col("latency_ms"), lit(0.5)).as("review_latency_p50_ms"),
            percentile(col("latency_ms"), lit(0.9)).as("review_latency_p90_ms"),
            sum("reworked").as("labels_reworked"))
        .withColumn(
            "first_pass_approval_rate",
            when(
                col("tasks_first_reviewed").gt(0),
                col("tasks_first_pass_approved")
                    .cast("double")
                    .divide(col("tasks_first_reviewed"))))
        .select(
            col("event_date"),
            col("annotator_id"),
            col("tasks_first_reviewed"),
            col("tasks_first_pass_approved"),
            col("first_pass_approval_rate"),
            col("reviews_timed"),
            col("review_latency_p50_ms"),
            col("review_latency_p90_ms"),
            col("labels_reworked"));
  }

  /** One fact row: which measure it feeds, for whom, on which date. */
  private static Dataset<Row> fact(
      Dataset<Row> in,
      Column annotator,
      Column firstPass,
      Column firstPassApproved,
      Column latencyMs,
      Column reworked) {
    return in.select(
        col("event_date"),
        annotator.as("annotator_id"),
        firstPass.cast("long").as("first_pass"),
        firstPassApproved.cast("long").as("first_pass_approved"),
        latencyMs.cast("double").as("latency_ms"),
        reworked.cast("long").as("reworked"));
  }

  private static Dataset<Row> taskDecisions(Dataset<Row> prepared) {
    return GoldTransforms.reviews(prepared)
        .filter(col("target_type").equalTo("task").and(col("task_key").isNotNull()));
  }

  private static Dataset<Row> submissions(Dataset<Row> prepared) {
    return prepared.filter(Kinds.is(TASK_SUBMITTED).and(col("task_key").isNotNull()));
  }

  /** Per task key, the first decision strictly after its first-ever submission. */
  private static Dataset<Row> firstPasses(Dataset<Row> prepared) {
    Dataset<Row> firstSubmission =
        submissions(prepared)
            .groupBy("task_key")
            .agg(
                min(struct(col("event_time"), col("event_id"), col("user_key")))
                    .as("first_submission"))
            .select(
                col("task_key"),
                col("first_submission.event_time").as("submitted_at"),
                col("first_submission.user_key").as("submitter"));
    Dataset<Row> firsts =
        taskDecisions(prepared)
            .join(firstSubmission, "task_key")
            .filter(col("event_time").gt(col("submitted_at")))
            .withColumn(
                "rn",
                row_number()
                    .over(
                        Window.partitionBy("task_key").orderBy(col("event_time"), col("event_id"))))
            .filter(col("rn").equalTo(1));
    return fact(firsts, col("submitter"), lit(1), col("approved"), lit(null), lit(0));
  }

  /**
   * Each cycle's first decision with its latency: in one time line per task key, a decision whose
   * immediate predecessor is a submission. Decisions sort before submissions at the same instant,
   * so that predecessor is always strictly earlier.
   */
  private static Dataset<Row> timedCycles(Dataset<Row> prepared) {
    Column[] timeline = {
      col("task_key"),
      col("event_time"),
      col("event_date"),
      col("event_id"),
      col("user_key"),
      col("is_submission")
    };
    Dataset<Row> events =
        submissions(prepared)
            .withColumn("is_submission", lit(true))
            .select(timeline)
            .unionByName(
                taskDecisions(prepared).withColumn("is_submission", lit(false)).select(timeline));
    WindowSpec order =
        Window.partitionBy("task_key")
            .orderBy(col("event_time"), col("is_submission"), col("event_id"));
    Dataset<Row> cycles =
        events
            .withColumn("prev_is_submission", lag(col("is_submission"), 1).over(order))
            .withColumn("prev_time", lag(col("event_time"), 1).over(order))
            .withColumn("prev_user", lag(col("user_key"), 1).over(order))
            .filter(col("is_submission").equalTo(false).and(col("prev_is_submission")));
    Column latencyMs =
        unix_micros(col("event_time")).minus(unix_micros(col("prev_time"))).divide(1000.0);
    return fact(cycles, col("prev_user"), lit(0), lit(0), latencyMs, lit(0));
  }

  /** label_edited / attribute_edited by the creator strictly after the first rejection. */
  private static Dataset<Row> reworkedEdits(Dataset<Row> prepared) {
    Dataset<Row> withLabel = prepared.filter(col("label_id").isNotNull());
    Column targetType =
        when(col("kind").startsWith("label_"), lit("label")).otherwise(lit("attribute"));
    Dataset<Row> creators =
        withLabel
            .filter(Kinds.isAny(LABEL_CREATED, ATTRIBUTE_CREATED))
            .withColumn("target_type", targetType)
            .groupBy("target_type", "label_id")
            .agg(
                min(struct(col("event_time"), col("event_id"), col("user_key")))
                    .getField("user_key")
                    .as("creator_id"));
    Dataset<Row> firstRejections =
        withLabel
            .filter(Kinds.isAny(LABEL_REJECTED, ATTRIBUTE_REJECTED))
            .withColumn("target_type", targetType)
            .groupBy("target_type", "label_id")
            .agg(min("event_time").as("first_rejected_at"));
    Dataset<Row> reworked =
        withLabel
            .filter(Kinds.isAny(LABEL_EDITED, ATTRIBUTE_EDITED))
            .withColumn("target_type", targetType)
            .join(creators, new String[] {"target_type", "label_id"})
            .join(firstRejections, new String[] {"target_type", "label_id"})
            .filter(
                col("user_key")
                    .equalTo(col("creator_id"))
                    .and(col("event_time").gt(col("first_rejected_at"))));
    return fact(reworked, col("creator_id"), lit(0), lit(0), lit(null), lit(1));
  }
}
