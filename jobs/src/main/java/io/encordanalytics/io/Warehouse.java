package io.encordanalytics.io;

import io.encordanalytics.config.Settings;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The Delta warehouse a job works on: its session and settings, and what the pipeline's steps do
 * with tables — read them, ask their version, write them, several writes side by side.
 *
 * <p>Each of those is one call to the part that knows how:
 *
 * <ul>
 *   <li>{@link TableLocations}: where each table lives ({@code <warehouse>/<database>.db/<table>});
 *   <li>{@link TableVersions}: each table's committed Delta version, read cheaply from its log;
 *   <li>{@link TableWriter}: every commit — append, replace dates, overwrite, update, restore;
 *   <li>{@link TableComments}: the README's table and column comments in each table's metadata;
 *   <li>{@link CatalogRegistry}: the tables' names in the session catalog;
 *   <li>{@link ParallelWrites}: independent writes side by side.
 * </ul>
 *
 * The run guard, the maintenance job and the SQL tool use those parts directly.
 */
public final class Warehouse {
  private final SparkSession spark;
  private final Settings settings;
  private final TableLocations locations;
  private final TableVersions versions;
  private final CatalogRegistry catalog;
  private final TableComments comments;
  private final TableWriter writer;

  /** Run before every commit: the run guard's check that this run still holds the lease. */
  private volatile Runnable fence = () -> {};

  public Warehouse(SparkSession spark, Settings settings) {
    this.spark = spark;
    this.settings = settings;
    this.locations = new TableLocations(spark, settings);
    this.versions = new TableVersions(locations);
    this.catalog = new CatalogRegistry(spark, locations, versions);
    Runnable check = () -> fence.run();
    this.comments = new TableComments(spark, settings, locations, versions, check);
    this.writer = new TableWriter(spark, locations, versions, catalog, comments, check);
  }

  public SparkSession spark() {
    return spark;
  }

  public Settings settings() {
    return settings;
  }

  public TableLocations locations() {
    return locations;
  }

  public TableVersions versions() {
    return versions;
  }

  public CatalogRegistry catalog() {
    return catalog;
  }

  public TableComments comments() {
    return comments;
  }

  /** The writer behind {@link #append} and the others, and the run guard's {@code restore}. */
  TableWriter writer() {
    return writer;
  }

  /**
   * Installs the check that runs before every write, restore and comment change ({@code null}
   * removes it). The run guard installs its lease check, so that a run whose lease was taken over
   * stops before its next write.
   */
  public void fence(Runnable check) {
    this.fence = check == null ? () -> {} : check;
  }

  /** Whether the table has at least one commit (see {@link TableVersions#exists}). */
  public boolean exists(TableId t) {
    return versions.exists(t);
  }

  /** The latest committed Delta version of the table, or -1 when it does not exist. */
  public long version(TableId t) {
    return versions.version(t);
  }

  public Dataset<Row> read(TableId t) {
    return spark.read().format("delta").load(locations.path(t).toString());
  }

  /**
   * The table as of one committed version: the same rows however often the query runs, whatever is
   * committed to the table meanwhile.
   */
  public Dataset<Row> readVersion(TableId t, long version) {
    return spark
        .read()
        .format("delta")
        .option("versionAsOf", version)
        .load(locations.path(t).toString());
  }

  /** See {@link TableWriter#append}. */
  public void append(Dataset<Row> rows, TableId t, String runId, String... partitionBy) {
    writer.append(rows, t, runId, partitionBy);
  }

  /** See {@link TableWriter#appendClustered}. */
  public void appendClustered(Dataset<Row> rows, TableId t, String runId, String dateColumn) {
    writer.appendClustered(rows, t, runId, dateColumn);
  }

  /** See {@link TableWriter#archive}. */
  public void archive(Dataset<Row> rows, TableId t, String runId) {
    writer.archive(rows, t, runId);
  }

  /** See {@link TableWriter#replaceDates}. */
  public void replaceDates(
      Dataset<Row> rows, TableId t, String dateColumn, Collection<LocalDate> dates, String runId) {
    writer.replaceDates(rows, t, dateColumn, dates, runId);
  }

  /** See {@link TableWriter#overwrite}. */
  public void overwrite(Dataset<Row> rows, TableId t, String runId, String... partitionBy) {
    writer.overwrite(rows, t, runId, partitionBy);
  }

  /** See {@link TableWriter#updateEvents}. */
  public void updateEvents(
      Dataset<Row> changes,
      TableId t,
      Collection<LocalDate> dates,
      List<String> columns,
      String runId) {
    writer.updateEvents(changes, t, dates, columns, runId);
  }

  /**
   * Runs independent table writes side by side, at most {@code encord.spark.parallel-writes} at a
   * time (see {@link ParallelWrites#run}).
   */
  public void inParallel(List<Runnable> writes) {
    ParallelWrites.run(settings.parallelWrites, writes);
  }
}
