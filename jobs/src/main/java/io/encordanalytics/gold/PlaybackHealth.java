package io.encordanalytics.gold;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code encord_gold.data_unit_playback_health} — grain (data_unit_id): playback trouble of each
 * data unit over all history, rolled up from the contract table {@code
 * encord_gold.playback_incidents_daily}.
 *
 * <p>Columns: {@code data_unit_id}; the sums of {@code playback_events}, {@code incident_episodes},
 * {@code buffering_events}, {@code bitrate_warnings}, {@code seeking_events} and {@code
 * active_time_ms}; {@code users_affected} (distinct users with a daily row, i.e. with a playback
 * event on the unit); {@code events_per_active_hour} = playback_events × 3,600,000 / active_time_ms
 * (null when active_time_ms is 0); {@code first_seen}, {@code last_seen} (first and last date with
 * playback events). Not partitioned: one row per data unit, rebuilt whole from the daily table, so
 * re-running it gives the same rows.
 */
public final class PlaybackHealth {
  private PlaybackHealth() {}

  /** Rolls all of {@code playback_incidents_daily} up to one row per data unit. */
  public static Dataset<Row> dataUnitPlaybackHealth(Dataset<Row> playbackIncidentsDaily) {
    return playbackIncidentsDaily
        .groupBy(col("data_unit_id"))
        .agg(
            total("playback_events"),
            total("incident_episodes"),
            total("buffering_events"),
            total("bitrate_warnings"),
            total("seeking_events"),
            countDistinct(col("user_id")).as("users_affected"),
            total("active_time_ms"),
            min(col("event_date")).as("first_seen"),
            max(col("event_date")).as("last_seen"))
        .withColumn(
            "events_per_active_hour",
            when(
                col("active_time_ms").gt(0),
                col("playback_events")
                    .cast("double")
                    .multiply(3_600_000.0)
                    .divide(col("active_time_ms"))))
        .select(
            "data_unit_id",
            "playback_events",
            "incident_episodes",
            "buffering_events",
            "bitrate_warnings",
            "seeking_events",
            "users_affected",
            "active_time_ms",
            "events_per_active_hour",
            "first_seen",
            "last_seen");
  }

  /** Sum as bigint, 0 for a unit whose rows are all null. */
  private static Column total(String column) {
    return coalesce(sum(col(column).cast("long")), lit(0L)).as(column);
  }
}
