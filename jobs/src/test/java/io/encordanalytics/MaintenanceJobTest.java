package io.encordanalytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encordanalytics.io.TableId;
import io.encordanalytics.io.TableWriter;
import io.encordanalytics.io.Warehouse;
import io.encordanalytics.testing.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OPTIMIZE and VACUUM over a warehouse of small Delta tables in a temp dir. */
class MaintenanceJobTest extends SparkTestBase {

  @TempDir Path dir;

  private Warehouse warehouse() {
    return new Warehouse(spark, settings("warehouse", dir.toString()));
  }

  /** Five appends of two rows each: at least one small file per append. */
  private String smallAppends() {
    String path = dir.resolve("encord_silver.db").resolve("t").toString();
    for (int i = 0; i < 5; i++) {
      spark
          .range(i * 2L, i * 2L + 2)
          .selectExpr("id", "concat('row-', id) AS name")
          .write()
          .format("delta")
          .mode("append")
          .save(path);
    }
    return path;
  }

  /** Bronze written as the job writes it, in three appends. */
  private String bronzeAppends() {
    String bronze = dir.resolve("encord_bronze.db").resolve("raw_records").toString();
    for (int i = 0; i < 3; i++) {
      spark
          .range(i * 2L, i * 2L + 2)
          .selectExpr("concat('record ', id) AS raw")
          .write()
          .format("delta")
          .mode("append")
          .option("compression", TableWriter.ARCHIVE_CODEC)
          .save(bronze);
    }
    return bronze;
  }

  private List<String> rows(String path) {
    return spark.read().format("delta").load(path).orderBy("id").collectAsList().stream()
        .map(Row::toString)
        .toList();
  }

  private int files(String path) {
    return spark.read().format("delta").load(path).inputFiles().length;
  }

  @Test
  void optimizeCompactsSmallFilesKeepsRowsAndARerunChangesNothing() {
    String path = smallAppends();
    String bronze = bronzeAppends();
    List<String> before = rows(path);
    int filesBefore = files(path);
    String codec = "spark.sql.parquet.compression.codec";
    String sessionCodec = spark.conf().get(codec);

    List<MaintenanceJob.TableReport> first = MaintenanceJob.maintain(warehouse());

    assertThat(spark.read().format("delta").load(bronze).inputFiles())
        .as("bronze compacted, and still with its archive codec")
        .hasSize(1)
        .allSatisfy(f -> assertThat(f).endsWith(".zstd.parquet"));
    assertThat(spark.read().format("delta").load(path).inputFiles())
        .as("other tables with the session's codec")
        .allSatisfy(f -> assertThat(f).endsWith(".snappy.parquet"));
    assertThat(spark.conf().get(codec)).as("the session's codec as it was").isEqualTo(sessionCodec);

    assertThat(filesBefore).as("files written by the appends").isGreaterThan(1);
    int filesAfter = files(path);
    assertThat(filesAfter)
        .as("files in the latest snapshot after OPTIMIZE")
        .isLessThan(filesBefore);
    assertThat(rows(path)).as("rows after maintenance").isEqualTo(before).hasSize(10);
    assertThat(first)
        .extracting(MaintenanceJob.TableReport::table)
        .containsExactly(
            new TableId("encord_bronze", "raw_records"), new TableId("encord_silver", "t"));
    assertThat(first.get(1).filesRemoved()).as("files compacted").isEqualTo(filesBefore);
    assertThat(first.get(1).retentionHours()).as("default retention").isEqualTo(168);

    List<MaintenanceJob.TableReport> second = MaintenanceJob.maintain(warehouse());

    assertThat(second)
        .extracting(MaintenanceJob.TableReport::filesRemoved)
        .as("files compacted by the re-run")
        .containsOnly(0L);
    assertThat(files(path)).as("files after the re-run").isEqualTo(filesAfter);
    assertThat(rows(path)).as("rows after the re-run").isEqualTo(before);
  }

  @Test
  void refusesToRunWhileANightlyRunOnAnotherHostHoldsTheWarehouse() throws IOException {
    Path runs = Files.createDirectories(dir.resolve("_encord_runs"));
    Files.writeString(
        runs.resolve("lease-000000.json"),
        "{\"run_id\":\"run-1\",\"job\":\"nightly\",\"host\":\"other-host\",\"pid\":1,"
            + "\"lease_ms\":600000,\"versions\":{}}");
    Files.writeString(runs.resolve("lease-000000.heartbeat"), "{}");

    assertThatThrownBy(() -> MaintenanceJob.maintain(warehouse()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "another run (nightly run run-1 on host other-host, pid 1) is in progress on this"
                + " warehouse");
    assertThat(runs.resolve("lease-000000.json")).as("the holder's lease untouched").exists();
  }

  @Test
  void fractionalRetentionIsRoundedUpToWholeHours() {
    assertThat(MaintenanceJob.retentionHours(Duration.ofHours(168))).isEqualTo(168);
    assertThat(MaintenanceJob.retentionHours(Duration.ofMinutes(90))).isEqualTo(2);
    assertThat(MaintenanceJob.retentionHours(Duration.ofSeconds(1))).isEqualTo(1);
  }

  @Test
  void emptyWarehouseIsNothingToDo() {
    assertThat(MaintenanceJob.maintain(warehouse())).isEmpty();
  }

  @Test
  void tablesCreatedWithoutCommentsGetTheReadmeDefinitions() {
    String path = dir.resolve("encord_gold.db").resolve("reviewer_daily_decisions").toString();
    spark
        .sql("SELECT DATE'2025-04-01' AS event_date, 'r1' AS reviewer_id, 2L AS approved")
        .write()
        .format("delta")
        .save(path);

    List<MaintenanceJob.TableReport> first = MaintenanceJob.maintain(warehouse());

    assertThat(first.get(0).commentsChanged()).as("table + 3 columns").isEqualTo(4);
    var schema = spark.read().format("delta").load(path).schema();
    assertThat(schema.apply("approved").getComment().get())
        .isEqualTo("the reviewer's decisions that day");
    assertThat(
            spark
                .sql("DESCRIBE DETAIL delta.`" + path + "`")
                .select("description")
                .first()
                .getString(0))
        .startsWith("one row per (event_date, reviewer_id, target_type)");
    assertThat(MaintenanceJob.maintain(warehouse()).get(0).commentsChanged())
        .as("nothing left to change")
        .isZero();
  }
}
