package io.encordanalytics.io;

import io.delta.tables.DeltaTable;
import io.encordanalytics.spark.Columns;
import io.encordanalytics.spark.Sessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every commit to a table: rows appended, dates replaced or the whole table overwritten (one write,
 * {@link #commit}, that differs only in its Delta save mode and options), columns of stored events
 * updated (a MERGE), and a table restored to an earlier version (the rollback). Each commit is
 * tagged with the run id ({@code userMetadata}); each write, the MERGE too, first runs the fence,
 * the run guard's check that this run still holds the warehouse.
 */
public final class TableWriter {
  private static final Logger LOG = LoggerFactory.getLogger(TableWriter.class);

  private final SparkSession spark;
  private final TableLocations locations;
  private final TableVersions versions;
  private final CatalogRegistry catalog;
  private final TableComments comments;
  private final Runnable fence;

  TableWriter(
      SparkSession spark,
      TableLocations locations,
      TableVersions versions,
      CatalogRegistry catalog,
      TableComments comments,
      Runnable fence) {
    this.spark = spark;
    this.locations = locations;
    this.versions = versions;
    this.catalog = catalog;
    this.comments = comments;
    this.fence = fence;
  }

  /** Appends rows; creates (and registers) the table on first write. */
  public void append(Dataset<Row> rows, TableId t, String runId, String... partitionBy) {
    appendAsPartitioned(onePartitionPerTask(rows, partitionBy), t, runId, partitionBy);
  }

  /**
   * Appends rows that are already clustered by {@code dateColumn} (each date's rows in one
   * partition, as {@link io.encordanalytics.silver.SilverEvents#byDate} leaves them), partitioned
   * by it: no shuffle, and still one file per date. The events of a run and every per-action table
   * computed from them share one shuffle that way instead of one each.
   */
  public void appendClustered(Dataset<Row> rows, TableId t, String runId, String dateColumn) {
    appendAsPartitioned(rows, t, runId, dateColumn);
  }

  /** Appends rows in the partitions they are in, partitioned by {@code partitionBy} on disk. */
  private void appendAsPartitioned(
      Dataset<Row> rows, TableId t, String runId, String... partitionBy) {
    commit(
        t,
        "append to " + t,
        runId,
        rows,
        (w, created) ->
            partitioned(w.mode(SaveMode.Append).option("mergeSchema", "true"), partitionBy),
        true);
  }

  /**
   * Codec of the raw record text of bronze: zstd keeps it at about the size of a compressed copy of
   * the input (300k records, 197 MB of JSON: 15 MB, against 33 MB with Spark's default snappy and
   * 20.8 MB for {@code gzip -1} of the input), for no measurable write time (1.1–1.2 s against
   * 1.0–1.6 s to write those 33 MB).
   */
  public static final String ARCHIVE_CODEC = "zstd";

  /**
   * Appends rows kept for rebuilding rather than queried (bronze's raw text): as {@link #append},
   * compressed with {@link #ARCHIVE_CODEC}. Files of either codec read alike.
   */
  public void archive(Dataset<Row> rows, TableId t, String runId) {
    commit(
        t,
        "append to " + t,
        runId,
        rows,
        (w, created) ->
            w.mode(SaveMode.Append)
                .option("mergeSchema", "true")
                .option("compression", ARCHIVE_CODEC),
        true);
  }

  /**
   * Replaces exactly the rows of the given dates: one atomic Delta commit that deletes those dates'
   * rows and writes the new ones ({@code replaceWhere}). Dates outside the set are left alone,
   * which is what makes a nightly rebuild of the touched dates safe to re-run.
   */
  public void replaceDates(
      Dataset<Row> rows, TableId t, String dateColumn, Collection<LocalDate> dates, String runId) {
    if (dates.isEmpty()) {
      return;
    }
    String predicate = dateColumn + " IN (" + dateLiterals(dates) + ")";
    commit(
        t,
        "replace " + dates.size() + " dates of " + t,
        runId,
        onePartitionPerTask(rows, dateColumn),
        // A table is partitioned by the date when this creates it; an existing one keeps its own.
        (w, created) ->
            partitioned(
                w.mode(SaveMode.Overwrite).option("replaceWhere", predicate),
                created ? new String[] {dateColumn} : new String[0]),
        false);
  }

  /** Replaces the whole content of a table in one commit. */
  public void overwrite(Dataset<Row> rows, TableId t, String runId, String... partitionBy) {
    commit(
        t,
        "overwrite " + t,
        runId,
        rows,
        (w, created) ->
            partitioned(w.mode(SaveMode.Overwrite).option("overwriteSchema", "true"), partitionBy),
        false);
  }

  /**
   * One commit of rows: checks the fence, names the Spark jobs, writes the rows with their column
   * comments as {@code how} says (given whether the write creates the table), registers the table
   * when the catalog outlives the job and sets the comment of a table it created.
   *
   * @param logTimes whether to log the write's time ({@code scripts/bench.sh} reads the appends')
   */
  private void commit(
      TableId t,
      String what,
      String runId,
      Dataset<Row> rows,
      BiFunction<DataFrameWriter<Row>, Boolean, DataFrameWriter<Row>> how,
      boolean logTimes) {
    fence.run();
    describeJobs(what);
    boolean created = !versions.exists(t);
    DataFrameWriter<Row> w =
        how.apply(
            comments.documented(rows, t).write().format("delta").option("userMetadata", runId),
            created);
    long t0 = System.nanoTime();
    try {
      w.save(locations.path(t).toString());
    } finally {
      // The thread's later jobs (reads, the next write) are not this write's.
      spark.sparkContext().setJobDescription(null);
    }
    long t1 = System.nanoTime();
    catalog.registerIfPersistent(t);
    if (created) {
      comments.describe(t);
    }
    if (logTimes) {
      LOG.info(
          "Appended to {} in {} ms (+{} ms catalog)",
          t,
          (t1 - t0) / 1_000_000,
          (System.nanoTime() - t1) / 1_000_000);
    }
    PausePoints.reached("after-commit:" + t);
  }

  private static DataFrameWriter<Row> partitioned(DataFrameWriter<Row> w, String... columns) {
    return columns.length > 0 ? w.partitionBy(columns) : w;
  }

  /**
   * Rows shuffled so that each table partition (date) is written by one task: one file per date and
   * write instead of one per date and upstream partition (30 dates x 8 shuffle partitions wrote 240
   * small files per table; now 30). Unpartitioned writes are left as they are.
   */
  private static Dataset<Row> onePartitionPerTask(Dataset<Row> rows, String... partitionBy) {
    if (partitionBy.length == 0) {
      return rows;
    }
    return rows.repartition(Columns.of(partitionBy));
  }

  /**
   * Sets {@code columns} of the rows of a date-partitioned event table whose {@code event_id} and
   * {@code event_date} are in {@code changes} to the values there: one Delta MERGE commit, tagged
   * with the run id, that reads only the partitions of {@code dates} (those of the changes).
   */
  public void updateEvents(
      Dataset<Row> changes,
      TableId t,
      Collection<LocalDate> dates,
      List<String> columns,
      String runId) {
    if (dates.isEmpty() || !versions.exists(t)) {
      return;
    }
    describeJobs("update " + columns + " of " + t);
    fence.run();
    String onDates = "t.event_date IN (" + dateLiterals(dates) + ")";
    Map<String, String> set = new TreeMap<>();
    for (String c : columns) {
      set.put(c, "s." + c);
    }
    // MERGE has no per-write userMetadata option; nothing else writes while this runs.
    try (var metadata =
        Sessions.withConf(spark, "spark.databricks.delta.commitInfo.userMetadata", runId)) {
      DeltaTable.forPath(spark, locations.path(t).toString())
          .as("t")
          .merge(
              changes.as("s"),
              onDates + " AND t.event_date = s.event_date AND t.event_id = s.event_id")
          .whenMatched()
          .updateExpr(set)
          .execute();
    } finally {
      spark.sparkContext().setJobDescription(null);
    }
  }

  /**
   * Restores a table to an earlier version ({@code DeltaTable.restoreToVersion}, one commit), or
   * removes it when it did not exist then (version -1).
   */
  public void restore(TableId t, long version) {
    if (version < 0) {
      // Also when the run died before the table's first commit: files but no version.
      try {
        if (locations.fs().exists(locations.path(t))) {
          fence.run();
          LOG.warn("Removing {} created by an unfinished run", t);
          catalog.unregister(t);
          locations.fs().delete(locations.path(t), true);
          PausePoints.reached("after-restore:" + t);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    long current = versions.version(t);
    if (current == version) {
      return;
    }
    fence.run();
    LOG.warn("Restoring {} from version {} to version {}", t, current, version);
    DeltaTable.forPath(spark, locations.path(t).toString()).restoreToVersion(version);
    PausePoints.reached("after-restore:" + t);
  }

  /** {@code DATE'2025-04-01',DATE'2025-04-02'}: the dates sorted, as SQL literals. */
  private static String dateLiterals(Collection<LocalDate> dates) {
    return dates.stream().sorted().map(d -> "DATE'" + d + "'").collect(Collectors.joining(","));
  }

  /**
   * Names the Spark jobs this thread starts from now on (Spark UI, event log): which table they
   * write.
   */
  private void describeJobs(String what) {
    spark.sparkContext().setJobDescription("encord: " + what);
  }
}
