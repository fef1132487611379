package io.encordanalytics.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/** Aggregate columns the gold tables share. */
final class Aggregates {
  private Aggregates() {}

  /** How many rows of the group satisfy {@code condition} (0, not null, for none). */
  static Column countIf(Column condition) {
    return sum(when(condition, 1L).otherwise(0L));
  }

  /** The group's latest non-null {@code value}, by (event_time, event_id). */
  static Column latest(Column value) {
    return max(when(value.isNotNull(), struct(col("event_time"), col("event_id"), value.as("v"))))
        .getField("v");
  }
}
