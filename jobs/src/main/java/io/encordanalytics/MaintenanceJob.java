package io.encordanalytics;

import io.delta.tables.DeltaTable;
import io.encordanalytics.config.Settings;
import io.encordanalytics.io.JobRuns;
import io.encordanalytics.io.RunGuard;
import io.encordanalytics.io.TableId;
import io.encordanalytics.io.TableVersions;
import io.encordanalytics.io.TableWriter;
import io.encordanalytics.io.Tables;
import io.encordanalytics.io.Warehouse;
import io.encordanalytics.spark.Sessions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Table maintenance: compacts the small files that nightly appends and date rewrites leave behind,
 * then deletes the data files no table version within the retention period still needs.
 *
 * <p>Inputs: every Delta table found under {@code encord.warehouse} in the configured databases
 * ({@link TableVersions#existing()}). Outputs: for each table, one {@code OPTIMIZE} commit when
 * there was something to compact (same rows, fewer and larger files; Delta marks it {@code
 * dataChange=false}, so no reader sees a change of content), then {@code VACUUM ... RETAIN N HOURS}
 * with N from {@code encord.maintenance.vacuum-retention} (rounded up to whole hours, so a file is
 * never deleted earlier than configured). A log line per table says what was done and how long it
 * took.
 *
 * <p>Safe to re-run: {@code OPTIMIZE} finds nothing left to compact and commits nothing, {@code
 * VACUUM} finds nothing left to delete. A run killed half-way leaves every table readable: an
 * uncommitted compaction leaves only unreferenced files (removed by a later {@code VACUUM} once
 * they are older than the retention), and a partial {@code VACUUM} only deleted files no version
 * within the retention references. The retention bounds time travel and the nightly job's rollback
 * ({@code RESTORE} to the version a run started from), so it must stay well above the length of a
 * nightly run; Delta refuses a retention below the table's {@code
 * delta.deletedFileRetentionDuration} (7 days by default) unless {@code
 * spark.databricks.delta.retentionDurationCheck.enabled=false}.
 *
 * <p>It takes the warehouse's lease like a nightly run ({@link RunGuard}): while a nightly run
 * holds it, maintenance waits ({@code encord.run-guard.wait}) or stops, because a compaction
 * committed under a running nightly job could make its rewrite of the same dates fail; a holder
 * that died is rolled back first (and recorded as aborted), exactly as the next nightly run would.
 * A maintenance run that is killed is rolled back by the next run in the same way (a compaction
 * undone: the same rows).
 *
 * <p>Run it after the nightly job, e.g. weekly: {@code scripts/maintenance.sh [--warehouse DIR]}
 * locally, or {@code spark-submit --class io.encordanalytics.MaintenanceJob encord-jobs.jar
 * --config cluster.conf} on a cluster.
 */
public final class MaintenanceJob {
  private static final Logger LOG = LoggerFactory.getLogger(MaintenanceJob.class);
  public static final String JOB = "maintenance";

  private MaintenanceJob() {}

  /** What maintenance did to one table. */
  public record TableReport(
      TableId table,
      long filesRemoved,
      long filesAdded,
      long optimizeMs,
      long retentionHours,
      long vacuumMs,
      int commentsChanged) {}

  public static void main(String[] args) {
    CommandLine cli = CommandLine.parse(args);
    if (cli.from() != null || cli.rebuildSilver() || !cli.positional().isEmpty()) {
      throw new IllegalArgumentException(
          "the maintenance job takes only --config, --warehouse and --set");
    }
    Settings settings = cli.settings();
    SparkSession spark = Sessions.create(settings);
    int exit = 0;
    try {
      maintain(new Warehouse(spark, settings));
    } catch (RuntimeException e) {
      LOG.error("Maintenance failed: {}", e.getMessage(), e);
      exit = 1;
    } finally {
      spark.stop();
    }
    if (exit != 0) {
      System.exit(exit);
    }
  }

  /** Compacts and vacuums every table of the warehouse; returns what was done, per table. */
  public static List<TableReport> maintain(Warehouse wh) {
    Instant start = Instant.now();
    String runId = JobRuns.newRunId(start);
    Tables names = new Tables(wh.settings());
    try (RunGuard guard = new RunGuard(wh, names.transactional(), JOB)) {
      RunGuard.Recovery recovery =
          guard.begin(runId, start.toString(), id -> JobRuns.has(wh, names.jobRuns, id));
      JobRuns.appendAborted(wh, names.jobRuns, recovery.aborted(), runId, start);
      List<TableReport> reports = maintainAll(wh, guard);
      guard.end();
      return reports;
    }
  }

  private static List<TableReport> maintainAll(Warehouse wh, RunGuard guard) {
    // VACUUM lists a table's directories with this many tasks, 10000 unless set: minutes of task
    // overhead per small table. The shuffle partitions fit the size of this warehouse.
    String listing = "spark.sql.sources.parallelPartitionDiscovery.parallelism";
    if (!wh.spark().conf().contains(listing)) {
      wh.spark().conf().set(listing, wh.settings().shufflePartitions);
    }
    long retentionHours = retentionHours(wh.settings().vacuumRetention);
    List<TableId> tables = wh.versions().existing();
    LOG.info(
        "Maintaining {} tables in {} (VACUUM retention {} hours)",
        tables.size(),
        wh.locations().root(),
        retentionHours);
    List<TableReport> reports = new ArrayList<>();
    List<TableId> archives = new Tables(wh.settings()).archives();
    for (TableId t : tables) {
      TableReport r = maintain(wh, t, retentionHours, guard, archives.contains(t));
      LOG.info(
          "{}: OPTIMIZE compacted {} files into {} in {} ms; VACUUM RETAIN {} HOURS in {} ms;"
              + " {} catalog comments updated",
          t,
          r.filesRemoved(),
          r.filesAdded(),
          r.optimizeMs(),
          r.retentionHours(),
          r.vacuumMs(),
          r.commentsChanged());
      reports.add(r);
    }
    return reports;
  }

  private static TableReport maintain(
      Warehouse wh, TableId t, long retentionHours, RunGuard guard, boolean archive) {
    DeltaTable table = DeltaTable.forPath(wh.spark(), wh.locations().path(t).toString());
    long t0 = System.nanoTime();
    guard.checkOwnership();
    // OPTIMIZE: one row, (path, metrics); the metrics say how many files were rewritten. It writes
    // with the session's codec: an archive's compacted files keep the archive codec.
    Row metrics;
    try (var codec =
        Sessions.withConf(
            wh.spark(),
            archive
                ? Map.of("spark.sql.parquet.compression.codec", TableWriter.ARCHIVE_CODEC)
                : Map.of())) {
      metrics = table.optimize().executeCompaction().first().getStruct(1);
    }
    long t1 = System.nanoTime();
    guard.checkOwnership();
    // VACUUM ... RETAIN retentionHours HOURS
    table.vacuum(retentionHours);
    long t2 = System.nanoTime();
    // Tables created before a README definition changed get the current comments.
    int comments = wh.comments().sync(t);
    return new TableReport(
        t,
        metrics.<Number>getAs("numFilesRemoved").longValue(),
        metrics.<Number>getAs("numFilesAdded").longValue(),
        (t1 - t0) / 1_000_000,
        retentionHours,
        (t2 - t1) / 1_000_000,
        comments);
  }

  /** Whole hours, rounded up: a fractional retention never deletes a file early. */
  static long retentionHours(Duration retention) {
    long hours = retention.toHours();
    return retention.equals(Duration.ofHours(hours)) ? hours : hours + 1;
  }
}
