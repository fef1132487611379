package io.encordanalytics.gold;

import static org.assertj.core.api.Assertions.assertThat;

import io.encordanalytics.testing.EventRows;
import io.encordanalytics.testing.SparkTestBase;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** {@code encord_gold.data_unit_playback_health}: daily playback incidents rolled up per unit. */
class PlaybackHealthTest extends SparkTestBase {
  private static final StructType DAILY =
      new StructType()
          .add("event_date", DataTypes.DateType)
          .add("data_unit_id", DataTypes.StringType)
          .add("user_id", DataTypes.StringType)
          .add("buffering_events", DataTypes.LongType)
          .add("bitrate_warnings", DataTypes.LongType)
          .add("seeking_events", DataTypes.LongType)
          .add("playback_events", DataTypes.LongType)
          .add("incident_episodes", DataTypes.LongType)
          .add("active_time_ms", DataTypes.LongType)
          .add("incidents_per_active_hour", DataTypes.DoubleType);

  private static Row daily(
      String date,
      String unit,
      String user,
      long buffering,
      long bitrate,
      long seeking,
      long episodes,
      long activeMs) {
    long playback = buffering + bitrate + seeking;
    return RowFactory.create(
        LocalDate.parse(date),
        unit,
        user,
        buffering,
        bitrate,
        seeking,
        playback,
        episodes,
        activeMs,
        activeMs > 0 ? playback * 3_600_000.0 / activeMs : null);
  }

  private static Map<String, Object> health(
      String unit,
      long playback,
      long episodes,
      long buffering,
      long bitrate,
      long seeking,
      long users,
      long activeMs,
      Double perHour,
      String first,
      String last) {
    Map<String, Object> m = new TreeMap<>();
    m.put("data_unit_id", unit);
    m.put("playback_events", playback);
    m.put("incident_episodes", episodes);
    m.put("buffering_events", buffering);
    m.put("bitrate_warnings", bitrate);
    m.put("seeking_events", seeking);
    m.put("users_affected", users);
    m.put("active_time_ms", activeMs);
    m.put("events_per_active_hour", perHour);
    m.put("first_seen", LocalDate.parse(first));
    m.put("last_seen", LocalDate.parse(last));
    return m;
  }

  @Test
  void dailyRowsRollUpToOneRowPerDataUnit() {
    Dataset<Row> input =
        spark.createDataFrame(
            List.of(
                daily("2025-04-01", "du1", "u1", 2, 1, 0, 2, 600_000),
                daily("2025-04-03", "du1", "u1", 0, 0, 1, 1, 0),
                daily("2025-04-02", "du1", "u2", 1, 0, 1, 1, 120_000),
                daily("2025-04-02", "du2", "u1", 1, 0, 0, 1, 0),
                daily("2025-04-05", null, "u3", 0, 1, 0, 1, 30_000)),
            DAILY);

    Dataset<Row> out = PlaybackHealth.dataUnitPlaybackHealth(input);

    assertThat(out.schema().simpleString())
        .isEqualTo(
            "struct<data_unit_id:string,playback_events:bigint,incident_episodes:bigint,"
                + "buffering_events:bigint,bitrate_warnings:bigint,seeking_events:bigint,"
                + "users_affected:bigint,active_time_ms:bigint,events_per_active_hour:double,"
                + "first_seen:date,last_seen:date>");
    // du1: 6 events over 720 s of active time = 30 per hour; du2 has no active time.
    assertThat(maps(out))
        .containsExactlyInAnyOrder(
            health("du1", 6, 4, 3, 1, 2, 2, 720_000, 30.0, "2025-04-01", "2025-04-03"),
            health("du2", 1, 1, 1, 0, 0, 1, 0, null, "2025-04-02", "2025-04-02"),
            health(null, 1, 1, 0, 1, 0, 1, 30_000, 120.0, "2025-04-05", "2025-04-05"));
  }

  @Test
  void readsThePlaybackIncidentsDailyTableOfThePipeline() {
    EventRows rows = new EventRows();
    rows.label("p1", 30, "u1", "2025-04-01T10:00:00Z").dataUnit("du1");
    rows.label("p2", 32, "u1", "2025-04-01T10:00:05Z").dataUnit("du1");
    rows.label("p3", 31, "u1", "2025-04-01T10:01:00Z").dataUnit("du1");
    rows.label("p4", 30, "u2", "2025-04-02T10:00:00Z").dataUnit("du1");
    Dataset<Row> daily =
        GoldTransforms.playbackIncidentsDaily(
            GoldTransforms.prepare(rows.toSilver(spark)), 300_000L, 10_000L);

    Dataset<Row> out = PlaybackHealth.dataUnitPlaybackHealth(daily);

    // u1: p2 continues p1's episode, p3 starts one (55 s later); active 5 s + 55 s. u2: 1 episode.
    assertThat(maps(out))
        .containsExactly(
            health("du1", 4, 3, 2, 1, 1, 2, 60_000, 240.0, "2025-04-01", "2025-04-02"));
  }
}
