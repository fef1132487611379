package io.encordanalytics.silver;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.encordanalytics.model.ParsedRecord;
import io.encordanalytics.spark.Columns;
import io.encordanalytics.spark.EventDates;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Pure transforms from parsed input records to the bronze, silver events and quarantine rows.
 *
 * <p>Grain of {@code events}: one row per unique {@code event_id}. Within a run the first copy in
 * (file path order, record order) wins; across runs the copy already stored wins, so re-delivered
 * events are counted as duplicates and never stored twice.
 */
public final class SilverEvents {
  private SilverEvents() {}

  /**
   * The silver event columns, in table order (the contract's, then our additions before lineage),
   * each with whether the gold tables read it.
   */
  public enum EventColumn {
    EVENT_ID(true),
    SOURCE_FORMAT(true),
    ACTION(true),
    ACTION_CODE(true),
    EVENT_TIME(true),
    EVENT_DATE(true),
    USER_ID(true),
    USER_EMAIL(true),
    DATA_UNIT_ID(true),
    LABEL_ID(true),
    FEATURE_ID(false),
    LABEL_NAME(true),
    FRAME(false),
    BRANCH_NAME(true),
    WORKFLOW_STAGE_ID(false),
    WORKFLOW_TASK_ID(true),
    SESSION_ID(true),
    TIME_TAKEN_MS(true),
    EVENT_INFORMATION(false),
    TASK_KEY(true),
    IS_CONSENSUS(true),
    ACTION_CATEGORY(false),
    WORKFLOW_STAGE_TYPE(true),
    WORKFLOW_STAGE_TITLE(true),
    PROJECT_ID(false),
    PROJECT_USER_ROLE(false),
    ORGANISATION_ID(false),
    LABEL_ROW_ID(false),
    OBJECT_SHAPE(false),
    LABEL_RANGES(false),
    DATA_UNIT_TITLE(false),
    DATA_UNIT_DATA_TYPE(false),
    DATASET_ID(false),
    ONTOLOGY_ID(false),
    EVENT_ID_DERIVED(false),
    USER_ID_FROM_EMAIL(false),
    EXTRA_FIELDS(false),
    SOURCE_FILE(false),
    RUN_ID(true);

    private final boolean readByGold;

    EventColumn(boolean readByGold) {
      this.readByGold = readByGold;
    }

    /** The column's name in the table. */
    public String column() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Silver event columns, in table order. */
  public static final List<String> EVENT_COLUMNS =
      Arrays.stream(EventColumn.values()).map(EventColumn::column).toList();

  /** The silver event columns the gold tables read, in table order. */
  public static final List<String> GOLD_INPUT =
      Arrays.stream(EventColumn.values())
          .filter(c -> c.readByGold)
          .map(EventColumn::column)
          .toList();

  /** camelCase bean property to snake_case column. */
  public static String snake(String camel) {
    StringBuilder b = new StringBuilder();
    for (char ch : camel.toCharArray()) {
      if (Character.isUpperCase(ch)) {
        b.append('_').append(Character.toLowerCase(ch));
      } else {
        b.append(ch);
      }
    }
    return b.toString();
  }

  /**
   * The task key of the contract: {@code workflow_task_id}, or {@code data_unit_id} when that is
   * null or empty (always so for label logs).
   */
  public static Column taskKey() {
    return when(
            col("workflow_task_id").isNull().or(col("workflow_task_id").equalTo("")),
            col("data_unit_id"))
        .otherwise(col("workflow_task_id"));
  }

  /** Valid events of the records, flattened to snake_case columns, with their input position. */
  public static Dataset<Row> validEvents(Dataset<ParsedRecord> records) {
    Dataset<Row> events =
        records
            .filter(col("reason").isNull())
            .select(
                col("fileOrder").as("file_order"),
                col("recordIndex").as("record_index"),
                col("event.*"));
    List<Column> cols = new ArrayList<>();
    cols.add(col("file_order"));
    cols.add(col("record_index"));
    for (String f : events.columns()) {
      if (!f.equals("file_order") && !f.equals("record_index")) {
        cols.add(col(f).as(snake(f)));
      }
    }
    return events.select(cols.toArray(Column[]::new)).withColumn("task_key", taskKey());
  }

  /**
   * Events of this run that are not yet stored: the first copy of each id within the run, minus ids
   * already in {@code storedIds} (a one-column {@code event_id} frame of silver history).
   *
   * <p>Both steps work on narrow keys, never on whole events: the later copies are found from
   * (event_id, file_order, record_index) alone, and the ids already stored from the run's distinct
   * ids; each result is small (duplicates are rare) and is broadcast to an anti-join with the
   * events. The wide event rows are never shuffled or sorted.
   */
  public static Dataset<Row> newEvents(
      Dataset<ParsedRecord> records, Dataset<Row> storedIds, String runId) {
    return newEvents(records, storedIds, runId, false);
  }

  /**
   * As {@link #newEvents(Dataset, Dataset, String)}; {@code fewRunIds} says that this run's ids are
   * few enough (a night, not a backlog) to broadcast, so the stored ids are streamed past them once
   * instead of being shuffled and sorted: a night's dedup then costs one scan of one column of
   * history, whatever its size.
   */
  public static Dataset<Row> newEvents(
      Dataset<ParsedRecord> records, Dataset<Row> storedIds, String runId, boolean fewRunIds) {
    Dataset<Row> valid = validEvents(records);
    Dataset<Row> keys = valid.select("event_id", "file_order", "record_index");
    // Per id seen more than once: the position of its first copy in (file path, record) order.
    Dataset<Row> firsts =
        keys.groupBy("event_id")
            .agg(
                count(lit(1)).as("copies"),
                min(struct(col("file_order"), col("record_index"))).as("first"))
            .filter(col("copies").gt(1))
            .select(
                col("event_id"),
                col("first.file_order").as("first_file"),
                col("first.record_index").as("first_record"));
    Dataset<Row> laterCopies =
        keys.join(firsts, "event_id")
            .filter(
                col("file_order")
                    .notEqual(col("first_file"))
                    .or(col("record_index").notEqual(col("first_record"))))
            .select("file_order", "record_index");
    Dataset<Row> fresh =
        valid.join(
            broadcast(laterCopies), new String[] {"file_order", "record_index"}, "left_anti");
    if (storedIds != null) {
      Dataset<Row> runIds = keys.select("event_id").distinct();
      Dataset<Row> alreadyStored =
          fewRunIds
              ? storedIds.join(broadcast(runIds), "event_id")
              : runIds.join(storedIds, "event_id");
      fresh = fresh.join(broadcast(alreadyStored), "event_id", "left_anti");
    }
    return fresh.withColumn("run_id", lit(runId)).select(Columns.of(EVENT_COLUMNS));
  }

  /**
   * The events with each date's rows in one partition (hashed by {@code event_date} into the
   * session's shuffle partitions): what a date-partitioned append writes as one file per date
   * without a shuffle of its own ({@link io.encordanalytics.io.TableWriter#appendClustered}), and
   * what the per-action tables, filtered and mapped from them row by row, keep.
   */
  public static Dataset<Row> byDate(Dataset<Row> events) {
    return events.repartition(col("event_date"));
  }

  /**
   * The ids of the {@code stored} events on {@code dates} and the day either side of each: what a
   * run's events are deduplicated against. The same event id is one event (inputs.md), and a
   * re-delivery (an overlapping export window, the other key style, a re-export) carries the
   * event's original time, so the copy already stored is on the date the re-delivery falls on; the
   * neighbouring days also catch a re-export whose time slipped across midnight (a local time
   * written as UTC, a rounded instant). Reading only those date partitions keeps a night's dedup
   * proportional to the night, not to history.
   */
  public static Dataset<Row> storedIdsOn(Dataset<Row> stored, Set<LocalDate> dates) {
    return stored.filter(EventDates.inDates(EventDates.around(dates, 1))).select("event_id");
  }

  /** Quarantine rows: raw text, source file, reason, run id, time. */
  public static Dataset<Row> quarantine(Dataset<ParsedRecord> records, String runId, Instant at) {
    return records
        .filter(col("reason").isNotNull())
        .select(
            col("raw"),
            col("sourceFile").as("source_file"),
            col("reason"),
            lit(runId).as("run_id"),
            lit(Timestamp.from(at)).as("quarantined_at"),
            col("recordIndex").as("record_index"));
  }

  /** Bronze rows: every record exactly as read, so silver can be rebuilt without re-exporting. */
  public static Dataset<Row> bronze(Dataset<ParsedRecord> records, String runId) {
    return records.select(
        col("sourceFile").as("source_file"),
        col("recordIndex").as("record_index"),
        col("raw"),
        lit(runId).as("run_id"));
  }
}
