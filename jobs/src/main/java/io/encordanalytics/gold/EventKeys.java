package io.encordanalytics.gold;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.encordanalytics.spark.EventDates;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code encord_silver.event_keys}, the gold step's index of silver: one row per (key_column,
 * key_value, event_date) for which silver events hold an event with that {@code label_id} or {@code
 * task_key}. The gold tables whose rows look across dates (review attribution, rework, consensus)
 * need every event of a label or task key; with this index a night reads the silver dates that hold
 * the keys it touches, not all of history. A pure function of silver events, so it is rebuilt from
 * them at will (the first night, a backfill, {@code --rebuild-silver}).
 */
public final class EventKeys {
  private EventKeys() {}

  public static final String LABEL = "label_id";
  public static final String TASK = "task_key";

  /** The index rows of {@code events} (silver events: label_id, task_key, event_date). */
  public static Dataset<Row> of(Dataset<Row> events) {
    return keyRows(events, LABEL).union(keyRows(events, TASK)).distinct();
  }

  private static Dataset<Row> keyRows(Dataset<Row> events, String key) {
    return events
        .filter(col(key).isNotNull().and(col("event_date").isNotNull()))
        .select(lit(key).as("key_column"), col(key).as("key_value"), col("event_date"));
  }

  /** The distinct non-null values of {@code key} in {@code events}, as a one-column dataset. */
  public static Dataset<Row> keys(Dataset<Row> events, String key) {
    return events.filter(col(key).isNotNull()).select(key).distinct();
  }

  /**
   * The dates on which the index holds one of {@code labels} (one column, label_id) or {@code
   * tasks} (one column, task_key).
   */
  public static Set<LocalDate> datesOf(
      Dataset<Row> index, Dataset<Row> labels, Dataset<Row> tasks) {
    return EventDates.dates(
        index
            .filter(col("key_column").equalTo(LABEL))
            .join(broadcast(labels), col("key_value").equalTo(labels.col(LABEL)), "left_semi")
            .select("event_date")
            .union(
                index
                    .filter(col("key_column").equalTo(TASK))
                    .join(broadcast(tasks), col("key_value").equalTo(tasks.col(TASK)), "left_semi")
                    .select("event_date")));
  }

  /**
   * The events of {@code silver} on {@code dates} (read by partition) with one of the {@code
   * labels} or one of the {@code tasks}: with the dates of those keys in the index, every event of
   * each key.
   */
  public static Dataset<Row> eventsOf(
      Dataset<Row> silver, Collection<LocalDate> dates, Dataset<Row> labels, Dataset<Row> tasks) {
    if (dates.isEmpty()) {
      return silver.limit(0);
    }
    Dataset<Row> onDates = silver.filter(EventDates.inDates(dates));
    String[] label = {LABEL};
    String[] task = {TASK};
    return onDates
        .join(broadcast(labels), label, "left_semi")
        .unionByName(
            onDates
                .join(broadcast(labels), label, "left_anti")
                .join(broadcast(tasks), task, "left_semi"));
  }
}
