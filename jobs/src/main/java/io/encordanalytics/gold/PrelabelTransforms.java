package io.encordanalytics.gold;

import static io.encordanalytics.gold.Aggregates.countIf;
import static io.encordanalytics.gold.Aggregates.latest;
import static io.encordanalytics.vocabulary.Kind.LABEL_APPROVED;
import static io.encordanalytics.vocabulary.Kind.LABEL_DELETED;
import static io.encordanalytics.vocabulary.Kind.LABEL_EDITED;
import static io.encordanalytics.vocabulary.Kind.LABEL_REJECTED;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.encordanalytics.vocabulary.Kind;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Pure transforms for {@code encord_gold.agent_prelabel_daily}: what became of the objects that
 * agents proposed (RUN_AGENT's {@code objectHashes}). The README gives the definitions.
 *
 * <p>A proposal is one object of one run that did not fail ({@code success} not false). It is
 * followed through the object's events (its {@code label_id}) from the run's time until the next
 * run that proposes the same object, and gets one fate: {@code deleted} (a delete in that window),
 * else by the latest review decision: {@code rejected}, {@code approved_after_edit} (a human edit —
 * an object edit by a known user — came before the approval) or {@code approved_unedited}; without
 * a decision {@code superseded} (a later run proposed it again) or {@code pending}. A row belongs
 * to the date of the run.
 */
public final class PrelabelTransforms {
  private PrelabelTransforms() {}

  /** The {@code agent_runs} columns the table reads. */
  public static final String[] RUN_COLUMNS = {
    "event_id", "event_date", "event_time", "agent_uuid", "agent_title", "success", "object_hashes"
  };

  /** The object kinds that decide a proposal's fate. */
  public static final Kind[] OBJECT_KINDS = {
    LABEL_EDITED, LABEL_DELETED, LABEL_APPROVED, LABEL_REJECTED
  };

  public static final String APPROVED_UNEDITED = "approved_unedited";
  public static final String APPROVED_AFTER_EDIT = "approved_after_edit";
  public static final String REJECTED = "rejected";
  public static final String DELETED = "deleted";
  public static final String SUPERSEDED = "superseded";
  public static final String PENDING = "pending";

  /** The agent a run is grouped by: its uuid, {@code unknown} when missing. */
  private static Column agent() {
    return coalesce(col("agent_uuid"), lit(GoldTransforms.UNKNOWN));
  }

  /**
   * One row per (run, object) of the runs that did not fail: run_id, run_time, event_date (the
   * run's), agent_id, label_id (the object), and next_run_time (of the next run proposing it).
   */
  public static Dataset<Row> proposals(Dataset<Row> runs) {
    return runs.filter(coalesce(col("success"), lit(true)))
        .select(
            col("event_id").as("run_id"),
            col("event_time").as("run_time"),
            col("event_date"),
            agent().as("agent_id"),
            explode(array_distinct(col("object_hashes"))).as("label_id"))
        .filter(col("label_id").isNotNull())
        .withColumn(
            "next_run_time",
            lead(col("run_time"), 1)
                .over(Window.partitionBy("label_id").orderBy(col("run_time"), col("run_id"))));
  }

  /**
   * Each proposal with its {@code fate} and {@code edited} (a human edit in its window), from every
   * run that proposes its object ({@code runs}) and every event of the object ({@code prepared}:
   * gold input events, at least those of {@link #OBJECT_KINDS}).
   */
  public static Dataset<Row> fates(Dataset<Row> runs, Dataset<Row> prepared) {
    Dataset<Row> objectEvents =
        prepared
            .filter(Kinds.isAny(OBJECT_KINDS).and(col("label_id").isNotNull()))
            .select(
                col("label_id"), col("event_time"), col("event_id"), col("kind"), col("user_key"));
    Dataset<Row> p = proposals(runs);
    Column inWindow =
        col("e.event_time")
            .geq(col("p.run_time"))
            .and(
                col("p.next_run_time").isNull().or(col("e.event_time").lt(col("p.next_run_time"))));
    Column humanEdit =
        col("e.kind")
            .equalTo(LABEL_EDITED.value())
            .and(col("e.user_key").notEqual(GoldTransforms.UNKNOWN));
    Column decision = col("e.kind").isin(LABEL_APPROVED.value(), LABEL_REJECTED.value());
    Dataset<Row> followed =
        p.as("p")
            .join(
                objectEvents.as("e"),
                col("p.label_id").equalTo(col("e.label_id")).and(inWindow),
                "left")
            .groupBy(
                col("p.run_id"),
                col("p.event_date"),
                col("p.agent_id"),
                col("p.label_id"),
                col("p.next_run_time"))
            .agg(
                max(col("e.kind").equalTo(LABEL_DELETED.value())).as("deleted"),
                max(when(
                        decision,
                        struct(
                            col("e.event_time"),
                            col("e.event_id"),
                            col("e.kind").equalTo(LABEL_APPROVED.value()).as("approved"))))
                    .as("decision"),
                min(when(humanEdit, col("e.event_time"))).as("first_edit"));
    Column fate =
        when(coalesce(col("deleted"), lit(false)), lit(DELETED))
            .when(col("decision").isNull().and(col("next_run_time").isNotNull()), lit(SUPERSEDED))
            .when(col("decision").isNull(), lit(PENDING))
            .when(col("decision.approved").unary_$bang(), lit(REJECTED))
            .when(col("first_edit").leq(col("decision.event_time")), lit(APPROVED_AFTER_EDIT))
            .otherwise(lit(APPROVED_UNEDITED));
    return followed.select(
        col("run_id"),
        col("event_date"),
        col("agent_id"),
        col("label_id"),
        fate.as("fate"),
        col("first_edit").isNotNull().as("edited"));
  }

  /**
   * {@code encord_gold.agent_prelabel_daily}: grain (event_date, agent_id). {@code runs} are agent
   * runs ({@link #RUN_COLUMNS}); the rows of a date are exact when {@code runs} holds every run of
   * that date and every run that proposes one of their objects, and {@code prepared} every event of
   * those objects.
   */
  public static Dataset<Row> agentPrelabelDaily(Dataset<Row> runs, Dataset<Row> prepared) {
    Dataset<Row> perRun =
        runs.groupBy(col("event_date"), agent().as("agent_id"))
            .agg(
                latest(col("agent_title")).as("agent_title"),
                count("event_id").as("runs"),
                countIf(col("success").equalTo(false)).as("failed_runs"));
    Column fate = col("fate");
    Dataset<Row> perObject =
        fates(runs, prepared)
            .groupBy("event_date", "agent_id")
            .agg(
                count("label_id").as("objects_proposed"),
                countIf(fate.equalTo(APPROVED_UNEDITED)).as("approved_unedited"),
                countIf(fate.equalTo(APPROVED_AFTER_EDIT)).as("approved_after_edit"),
                countIf(fate.equalTo(REJECTED)).as("rejected"),
                countIf(fate.equalTo(DELETED)).as("deleted"),
                countIf(fate.equalTo(SUPERSEDED)).as("superseded"),
                countIf(fate.equalTo(PENDING)).as("pending"),
                countIf(col("edited")).as("edited"));
    Column zero = lit(0L);
    Dataset<Row> joined =
        perRun
            .join(perObject, new String[] {"event_date", "agent_id"}, "left")
            .na()
            .fill(
                0L,
                new String[] {
                  "objects_proposed",
                  "approved_unedited",
                  "approved_after_edit",
                  "rejected",
                  "deleted",
                  "superseded",
                  "pending",
                  "edited"
                });
    Column decided =
        col("approved_unedited")
            .plus(col("approved_after_edit"))
            .plus(col("rejected"))
            .plus(col("deleted"));
    return joined
        .withColumn("decided", decided)
        .select(
            col("event_date"),
            col("agent_id"),
            col("agent_title"),
            col("runs"),
            col("failed_runs"),
            col("objects_proposed"),
            col("approved_unedited"),
            col("approved_after_edit"),
            col("rejected"),
            col("deleted"),
            col("superseded"),
            col("pending"),
            col("decided"),
            col("edited"),
            when(
                    col("decided").gt(zero),
                    col("approved_unedited").cast("double").divide(col("decided")))
                .as("acceptance_rate"),
            when(
                    col("objects_proposed").gt(zero),
                    col("edited").cast("double").divide(col("objects_proposed")))
                .as("edit_rate"));
  }
}
