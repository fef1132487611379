package io.encordanalytics.gold;

import static io.encordanalytics.gold.Aggregates.countIf;
import static io.encordanalytics.gold.Aggregates.latest;
import static io.encordanalytics.vocabulary.Kind.ATTRIBUTE_CREATED;
import static io.encordanalytics.vocabulary.Kind.ATTRIBUTE_DELETED;
import static io.encordanalytics.vocabulary.Kind.ATTRIBUTE_EDITED;
import static io.encordanalytics.vocabulary.Kind.LABEL_CREATED;
import static io.encordanalytics.vocabulary.Kind.LABEL_DELETED;
import static io.encordanalytics.vocabulary.Kind.LABEL_EDITED;
import static io.encordanalytics.vocabulary.Kind.TASK_APPROVED;
import static io.encordanalytics.vocabulary.Kind.TASK_REJECTED;
import static io.encordanalytics.vocabulary.Kind.TASK_SKIPPED;
import static io.encordanalytics.vocabulary.Kind.TASK_SUBMITTED;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.last;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.encordanalytics.spark.ActionSelection;
import io.encordanalytics.vocabulary.EditorAction;
import io.encordanalytics.vocabulary.LabelLogAction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Pure transforms from silver events to the session tables: {@code encord_gold.editor_sessions},
 * {@code encord_gold.task_time} and {@code encord_gold.annotator_sessions_daily}. The README gives
 * the definitions; every row of the first two is a function of the events of one task key, which is
 * how a night rebuilds only the task keys its events touch.
 *
 * <p>Sessions. An editor-log event with a {@code session_id} belongs to the session (session_id,
 * user, task key). Every other event with a task key (label logs, and editor events without a
 * session id) is cut into spans per user and task key in time order: a span starts at a Start
 * labeling (3), and after an End labeling (4) that closed the previous one. A start without an end
 * runs until the next start or the user's last event on the task; events before any start, or after
 * an end and before the next start, make spans of their own (no start logged), cut where a gap is
 * longer than the idle timeout. Events without a task key are in no session.
 */
public final class SessionTransforms {
  private SessionTransforms() {}

  /** The outcome of a session left without a task decision, submission or skip. */
  public static final String NO_OUTCOME = "none";

  /** The {@code task_saves} columns the sessions read: event_id, save_type, success. */
  public static final String[] SAVE_COLUMNS = {"event_id", "save_type", "success"};

  private static final Column START = ActionSelection.labelLog(LabelLogAction.START).column();
  private static final Column END = ActionSelection.labelLog(LabelLogAction.END).column();
  private static final Column SAVE = ActionSelection.editor(EditorAction.SAVE_TASK).column();
  private static final Column CLICK_SAVE =
      ActionSelection.labelLog(LabelLogAction.CLICK_SAVE).column();
  private static final Column RUN_AGENT = ActionSelection.editor(EditorAction.RUN_AGENT).column();
  private static final Column FORCE_OVERWRITE =
      ActionSelection.editor(EditorAction.FORCE_OVERWRITE).column();

  /**
   * Order of a span's events at the same instant, before their ids: an End labeling first (it
   * closes the span before), a Start last (it opens the next), the rest between.
   */
  private static final Column SPAN_TIES = when(END, 0).when(START, 2).otherwise(1);

  /** The outcome an event gives its session and task: the task kinds' own words. */
  private static Column outcomeOf() {
    return when(Kinds.is(TASK_SUBMITTED), lit("submitted"))
        .when(Kinds.is(TASK_SKIPPED), lit("skipped"))
        .when(Kinds.is(TASK_APPROVED), lit("approved"))
        .when(Kinds.is(TASK_REJECTED), lit("rejected"));
  }

  private static Column nonEmpty(String column) {
    return when(col(column).notEqual(""), col(column));
  }

  /**
   * Each event with a task key and its session: {@code session_id} (the editor's, or {@code span:}
   * and the first event id of a span) and, for spans, {@code span_start} and {@code span_end} (the
   * event is a Start, resp. End labeling). {@code saves} are silver task_saves ({@link
   * #SAVE_COLUMNS}) of at least these events.
   */
  public static Dataset<Row> sessionEvents(
      Dataset<Row> prepared, Dataset<Row> saves, long idleTimeoutMs) {
    Dataset<Row> withTask =
        prepared
            .filter(col("task_key").isNotNull())
            .join(
                saves.select(SAVE_COLUMNS[0], SAVE_COLUMNS[1], SAVE_COLUMNS[2]),
                "event_id",
                "left");
    Column editorSession =
        col("source_format")
            .equalTo("editor_log")
            .and(col("session_id").isNotNull())
            .and(col("session_id").notEqual(""));
    Dataset<Row> editor = withTask.filter(editorSession);
    Dataset<Row> spans = withTask.filter(coalesce(editorSession, lit(false)).unary_$bang());
    WindowSpec order =
        Window.partitionBy("user_key", "task_key")
            .orderBy(col("event_time"), col("tie_rank"), col("event_id"));
    // Outside a span a Start opened (the last Start or End before the event is not a Start), a
    // gap longer than the idle timeout also ends a span: the user left without logging it.
    Column startedBefore =
        coalesce(
            last(when(START, lit(true)).when(END, lit(false)), true)
                .over(order.rowsBetween(Window.unboundedPreceding(), -1)),
            lit(false));
    Column idleGap =
        unix_micros(col("event_time"))
            .minus(unix_micros(lag(col("event_time"), 1).over(order)))
            .gt(idleTimeoutMs * 1000L);
    Column opens =
        START
            .or(coalesce(lag(END, 1).over(order), lit(true)))
            .or(idleGap.and(startedBefore.unary_$bang()))
            .cast("int");
    Dataset<Row> numbered =
        spans
            .withColumn("tie_rank", SPAN_TIES)
            .withColumn("span_no", sum(opens).over(order))
            .withColumn(
                "session_id",
                concat(
                    lit("span:"),
                    first(col("event_id"))
                        .over(
                            Window.partitionBy("user_key", "task_key", "span_no")
                                .orderBy(col("event_time"), col("tie_rank"), col("event_id")))))
            .drop("span_no")
            .withColumn("span_start", START)
            .withColumn("span_end", END);
    return editor
        .withColumn("tie_rank", lit(1))
        .withColumn("span_start", lit(null).cast("boolean"))
        .withColumn("span_end", lit(null).cast("boolean"))
        .unionByName(numbered);
  }

  /**
   * {@code encord_gold.editor_sessions}: grain (session_id, user_id, task_key), from {@link
   * #sessionEvents} of every event of the task keys.
   */
  public static Dataset<Row> editorSessions(Dataset<Row> sessionEvents, long idleTimeoutMs) {
    WindowSpec inSession =
        Window.partitionBy("session_id", "user_key", "task_key")
            .orderBy(col("event_time"), col("event_id"));
    Column gap =
        unix_micros(col("event_time"))
            .minus(unix_micros(lag(col("event_time"), 1).over(inSession)));
    Column saveType = lower(col("save_type"));
    Column reviewStage = upper(coalesce(col("workflow_stage_type"), lit(""))).contains("REVIEW");
    Dataset<Row> g =
        sessionEvents
            .withColumn("active_us", when(gap.leq(idleTimeoutMs * 1000L), gap).otherwise(0L))
            .withColumn("outcome", outcomeOf())
            .groupBy(col("session_id"), col("user_key").as("user_id"), col("task_key"))
            .agg(
                min(struct(
                        col("event_time"),
                        col("tie_rank"),
                        col("event_id"),
                        col("event_date"),
                        col("source_format"),
                        col("span_start")))
                    .as("first"),
                max(struct(col("event_time"), col("tie_rank"), col("event_id"), col("span_end")))
                    .as("last"),
                latest(col("user_email")).as("user_email"),
                latest(col("data_unit_id")).as("data_unit_id"),
                latest(nonEmpty("workflow_stage_type")).as("workflow_stage_type"),
                latest(nonEmpty("workflow_stage_title")).as("workflow_stage_title"),
                min("event_time").as("session_start"),
                max("event_time").as("session_end"),
                expr("coalesce(sum(active_us), 0) div 1000").as("active_time_ms"),
                count("event_id").as("events"),
                countIf(Kinds.is(LABEL_CREATED)).as("objects_created"),
                countIf(Kinds.is(LABEL_EDITED)).as("objects_edited"),
                countIf(Kinds.is(LABEL_DELETED)).as("objects_deleted"),
                countIf(Kinds.is(ATTRIBUTE_CREATED)).as("attributes_created"),
                countIf(Kinds.is(ATTRIBUTE_EDITED)).as("attributes_edited"),
                countIf(Kinds.is(ATTRIBUTE_DELETED)).as("attributes_deleted"),
                countIf(CLICK_SAVE.or(SAVE.and(saveType.equalTo("manual")))).as("manual_saves"),
                countIf(SAVE.and(saveType.equalTo("autosave"))).as("autosaves"),
                countIf(SAVE.and(col("success").equalTo(false))).as("failed_saves"),
                countIf(RUN_AGENT).as("agent_runs"),
                countIf(FORCE_OVERWRITE).as("forced_overwrites"),
                countIf(Kinds.isAny(GoldTransforms.REVIEW_KINDS)).as("review_decisions"),
                max(reviewStage).as("review_stage"),
                latest(col("outcome")).as("last_outcome"));
    return g.select(
        col("first.event_date").as("event_date"),
        col("session_id"),
        col("user_id"),
        col("user_email"),
        col("first.source_format").as("source_format"),
        col("data_unit_id"),
        col("task_key"),
        col("workflow_stage_type"),
        col("workflow_stage_title"),
        when(col("review_stage").or(col("review_decisions").gt(0)), lit(REVIEW))
            .otherwise(lit(ANNOTATION))
            .as("role"),
        col("session_start"),
        col("session_end"),
        expr("(unix_micros(session_end) - unix_micros(session_start)) div 1000").as("duration_ms"),
        col("active_time_ms"),
        col("events"),
        col("objects_created"),
        col("objects_edited"),
        col("objects_deleted"),
        col("attributes_created"),
        col("attributes_edited"),
        col("attributes_deleted"),
        col("manual_saves"),
        col("autosaves"),
        col("failed_saves"),
        col("agent_runs"),
        col("forced_overwrites"),
        col("review_decisions"),
        coalesce(col("last_outcome"), lit(NO_OUTCOME)).as("outcome"),
        col("first.span_start").as("start_logged"),
        col("last.span_end").as("end_logged"));
  }

  /** A session's role: review when its stage is a review stage or it holds a review decision. */
  public static final String REVIEW = "review";

  public static final String ANNOTATION = "annotation";

  /**
   * {@code encord_gold.task_time}: grain (task_key), from {@link #sessionEvents} of every event of
   * the task keys and their {@link #editorSessions}.
   */
  public static Dataset<Row> taskTime(Dataset<Row> sessionEvents, Dataset<Row> sessions) {
    Dataset<Row> facts =
        sessionEvents
            .withColumn("outcome", outcomeOf())
            .groupBy("task_key")
            .agg(
                min(struct(col("event_time"), col("event_id"), col("event_date"))).as("first"),
                latest(col("data_unit_id")).as("data_unit_id"),
                max("event_time").as("last_event_at"),
                countIf(Kinds.is(TASK_SUBMITTED)).as("submissions"),
                countIf(Kinds.is(TASK_SKIPPED)).as("skips"),
                countIf(Kinds.is(TASK_APPROVED)).as("approvals"),
                countIf(Kinds.is(TASK_REJECTED)).as("rejections"),
                latest(col("outcome")).as("last_outcome"),
                max(when(Kinds.is(TASK_APPROVED), col("event_time"))).as("last_approved_at"));
    Column annotation = col("role").equalTo(ANNOTATION);
    Column review = col("role").equalTo(REVIEW);
    Dataset<Row> time =
        sessions
            .groupBy("task_key")
            .agg(
                count("session_id").as("sessions"),
                countIf(annotation).as("annotation_sessions"),
                countIf(review).as("review_sessions"),
                sum(when(annotation, col("active_time_ms")).otherwise(0L)).as("annotation_time_ms"),
                sum(when(review, col("active_time_ms")).otherwise(0L)).as("review_time_ms"),
                countDistinct(when(annotation, col("user_id"))).as("annotators"),
                countDistinct(when(review, col("user_id"))).as("reviewers"));
    Column state = coalesce(col("last_outcome"), lit(NO_OUTCOME));
    Column completedAt = when(state.equalTo("approved"), col("last_approved_at"));
    return facts
        .join(time, "task_key")
        .select(
            col("first.event_date").as("event_date"),
            col("task_key"),
            col("data_unit_id"),
            col("first.event_time").as("first_opened_at"),
            col("last_event_at"),
            completedAt.as("completed_at"),
            expr("(unix_micros(completed_at) - unix_micros(first_opened_at)) div 1000")
                .as("time_to_completion_ms"),
            col("annotation_time_ms"),
            col("review_time_ms"),
            col("sessions"),
            col("annotation_sessions"),
            col("review_sessions"),
            col("annotators"),
            col("reviewers"),
            col("submissions"),
            col("skips"),
            col("approvals"),
            col("rejections"),
            col("approvals").plus(col("rejections")).as("review_rounds"),
            state.as("current_state"));
  }

  /** {@code encord_gold.annotator_sessions_daily}: grain (event_date, user_id), from sessions. */
  public static Dataset<Row> annotatorSessionsDaily(Dataset<Row> sessions) {
    Column none = col("outcome").equalTo(NO_OUTCOME);
    return sessions
        .groupBy("event_date", "user_id")
        .agg(
            max(when(
                    col("user_email").isNotNull(),
                    struct(col("session_start"), col("session_id"), col("user_email"))))
                .getField("user_email")
                .as("user_email"),
            count("session_id").as("sessions"),
            countIf(col("role").equalTo(ANNOTATION)).as("annotation_sessions"),
            countIf(col("role").equalTo(REVIEW)).as("review_sessions"),
            sum("active_time_ms").as("active_time_ms"),
            expr("percentile(active_time_ms, 0.5)").as("median_session_active_ms"),
            countIf(none).as("sessions_without_outcome"),
            sum("failed_saves").as("failed_saves"),
            sum("forced_overwrites").as("forced_overwrites"))
        .withColumn(
            "share_without_outcome",
            col("sessions_without_outcome").cast("double").divide(col("sessions")))
        .select(
            "event_date",
            "user_id",
            "user_email",
            "sessions",
            "annotation_sessions",
            "review_sessions",
            "active_time_ms",
            "median_session_active_ms",
            "sessions_without_outcome",
            "share_without_outcome",
            "failed_saves",
            "forced_overwrites");
  }
}
