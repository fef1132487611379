package io.encordanalytics;

import io.encordanalytics.config.Settings;
import io.encordanalytics.gold.GoldStep;
import io.encordanalytics.ingest.EventMapper;
import io.encordanalytics.ingest.FileDiscovery;
import io.encordanalytics.ingest.FileSource;
import io.encordanalytics.ingest.LogFileReader;
import io.encordanalytics.io.FileLedger;
import io.encordanalytics.io.GuardedRun;
import io.encordanalytics.io.JobRuns;
import io.encordanalytics.io.RunGuard;
import io.encordanalytics.io.Tables;
import io.encordanalytics.io.Warehouse;
import io.encordanalytics.model.InputFile;
import io.encordanalytics.model.ParsedRecord;
import io.encordanalytics.silver.ActionOutputs;
import io.encordanalytics.silver.EmailUsers;
import io.encordanalytics.silver.EventCounts;
import io.encordanalytics.silver.SilverEvents;
import io.encordanalytics.spark.Sessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly pipeline: discover new export files, ingest them into bronze and silver, rebuild the
 * gold dates their events touch, and append the run's audit row.
 *
 * <p>Inputs: every {@code .json/.jsonl/.ndjson[.gz]} file under {@code encord.input-root} not yet
 * ingested (by path, size and modification time). Outputs: {@code encord_bronze.raw_records},
 * {@code encord_silver.*}, {@code encord_gold.*}, {@code encord_ops.job_runs} and {@code
 * encord_ops.ingested_files}.
 *
 * <p>Safe to re-run: files already ingested are skipped, events already stored are counted as
 * duplicates, gold dates are replaced whole, and a run that does not finish is rolled back by the
 * next one (see {@link RunGuard}). Run it with {@code scripts/run-local.sh} or {@code spark-submit
 * --class io.encordanalytics.NightlyJob encord-jobs.jar --config conf/cluster.conf}; with {@code
 * --from/--to} it runs a {@link BackfillJob}, with {@code --rebuild-silver} a {@link
 * RebuildSilverJob}.
 */
public final class NightlyJob {
  private static final Logger LOG = LoggerFactory.getLogger(NightlyJob.class);
  public static final String JOB = "nightly";

  /** Up to this many valid records, a run's event ids are broadcast to dedup against history. */
  static final long BROADCAST_RUN_IDS = 2_000_000L;

  private final Warehouse wh;
  private final Tables tables;
  private final Settings settings;

  public NightlyJob(Warehouse wh) {
    this.wh = wh;
    this.settings = wh.settings();
    this.tables = new Tables(settings);
  }

  public static void main(String[] args) {
    CommandLine cli = CommandLine.parse(args);
    Settings settings = cli.settings();
    SparkSession spark = Sessions.create(settings);
    int exit = 0;
    try {
      Warehouse wh = new Warehouse(spark, settings);
      if (wh.catalog().persistent()) {
        wh.catalog().registerAll();
      }
      JobRuns.Audit audit;
      if (cli.from() != null) {
        audit = new BackfillJob(wh).run(cli.from(), cli.to());
      } else if (cli.rebuildSilver()) {
        audit = new RebuildSilverJob(wh).run();
      } else {
        audit = new NightlyJob(wh).run();
      }
      System.err.println(Summary.render(audit));
    } catch (RuntimeException e) {
      LOG.error("Nightly run failed: {}", e.getMessage(), e);
      exit = 1;
    } finally {
      spark.stop();
    }
    if (exit != 0) {
      System.exit(exit);
    }
  }

  /**
   * Runs one night — files, ingest into bronze and silver, gold — under the run guard, which writes
   * its audit row (returned) or rolls it back.
   */
  public JobRuns.Audit run() {
    // Nights with little or nothing new are all fixed cost: many small queries, whose compiled
    // code would cost more than it saves. Code generation comes back for large inputs (ingest).
    try (Sessions.Restore codegen = Sessions.interpreted(wh.spark())) {
      return new GuardedRun(wh, tables).run(JOB, audit -> night(audit, codegen));
    }
  }

  private void night(JobRuns.Audit audit, Sessions.Restore codegen) {
    FileLedger ledger = new FileLedger(wh, tables.ingestedFiles);
    List<InputFile> files = newFiles(ledger, audit);
    if (files.isEmpty()) {
      audit.recordsRead = audit.eventsNew = audit.duplicates = audit.quarantined = 0L;
      return;
    }
    Ingested ingested = ingest(files, ledger, audit, codegen);
    // After the ingest caches are released: the gold step keeps what it reads of silver.
    if (audit.eventsNew > 0) {
      audit.rebuiltDates.addAll(
          new GoldStep(wh, tables).run(audit.runId, ingested.firstLoad(), ingested.runDates()));
    }
  }

  /** The export files under the input root that the ledger does not have yet. */
  private List<InputFile> newFiles(FileLedger ledger, JobRuns.Audit audit) {
    List<InputFile> listed;
    try {
      FileDiscovery.Listing listing =
          FileDiscovery.scan(
              settings.inputRoot,
              settings.extensions,
              wh.spark().sparkContext().hadoopConfiguration());
      listed = listing.files();
      audit.filesSkipped.putAll(listing.skipped());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<InputFile> files = ledger.newFiles(listed);
    audit.inputFiles = (long) files.size();
    audit.filesEmpty = files.stream().filter(f -> f.getSize() == 0).count();
    LOG.info(
        "{} files under {}, {} new or changed", listed.size(), settings.inputRoot, files.size());
    return files;
  }

  /**
   * What ingestion leaves for the gold step: whether silver was empty before, and the dates that
   * hold the run's events in silver once written.
   */
  private record Ingested(boolean firstLoad, Set<LocalDate> runDates) {}

  /**
   * Reads the files into bronze, silver events, the per-action tables and quarantine, then records
   * them in the ledger.
   */
  private Ingested ingest(
      List<InputFile> files, FileLedger ledger, JobRuns.Audit audit, Sessions.Restore codegen) {
    String runId = audit.runId;
    Set<LocalDate> runDates = new TreeSet<>();
    long inputBytes = files.stream().mapToLong(InputFile::getSize).sum();
    if (inputBytes >= settings.codegenMinBytes) {
      codegen.close();
    }
    long ingestStart = System.nanoTime();
    LogFileReader reader =
        new LogFileReader(
            new EventMapper(settings.minYear, settings.maxYear),
            settings.maxRecordChars,
            settings.pseudonymizer());
    long storedVersion = wh.version(tables.events);
    boolean firstLoad = storedVersion < 0;
    Dataset<ParsedRecord> read =
        FileSource.read(wh.spark(), files, reader, settings.partitionBytes).persist(Sessions.CACHE);
    try {
      long t0 = System.nanoTime();
      // A file replaced or still written while it was read is not ingested tonight (one record
      // says so); nothing of it is stored, and the next night reads it whole.
      FileSource.ReadCounts counts = FileSource.counts(read);
      Dataset<ParsedRecord> records =
          FileSource.withoutFilesNotRead(read, counts.notRead().keySet());
      if (counts.notRead().isEmpty()) {
        audit.recordsRead = counts.records();
        audit.quarantined = counts.quarantined();
      } else {
        audit.countRecords(records);
      }
      LOG.info(
          "Parsed {} records ({} quarantined) in {} ms",
          audit.recordsRead,
          audit.quarantined,
          (System.nanoTime() - t0) / 1_000_000);

      // The ids stored before this run on the dates the run's events fall on (and the day either
      // side), as of the events table's version now: the same set however often the dedup runs,
      // whatever this run commits meanwhile. A re-delivered event carries its original time, so
      // its stored copy is on its date; reading those date partitions, not every stored id, makes
      // the dedup cost what the night holds. (The dates are counted before the records of files
      // not read are dropped: a date more only reads more ids.)
      Dataset<Row> storedIds =
          firstLoad
              ? null
              : SilverEvents.storedIdsOn(
                  wh.readVersion(tables.events, storedVersion), counts.dates());
      // Every silver output of the run derives from this one set of new events, computed once.
      // A cached query would not do: each commit to silver events makes Spark compute it again,
      // and "not yet stored" is empty once the run's events are stored (issue #13: per-action
      // rows written after the events commit were lost).
      try (Sessions.Materialized<Row> fresh =
          Sessions.materialize(
              SilverEvents.byDate(
                  SilverEvents.newEvents(
                      records,
                      storedIds,
                      runId,
                      audit.recordsRead - audit.quarantined <= BROADCAST_RUN_IDS)))) {
        Dataset<Row> newEvents = fresh.rows();
        EventCounts eventCounts = EventCounts.of(newEvents);
        audit.eventsNew = eventCounts.events();
        audit.duplicates = audit.recordsRead - audit.quarantined - audit.eventsNew;
        audit.unknownActions = eventCounts.unknownActions();
        LOG.info("{} new events, {} duplicates", audit.eventsNew, audit.duplicates);
        // Users of e-mail-only events (and stored ones they change), before anything is written.
        EmailUsers.Attributed attributed =
            audit.eventsNew > 0
                ? EmailUsers.attribute(wh, tables, newEvents, runId, firstLoad)
                : new EmailUsers.Attributed(newEvents, Set.of());
        Dataset<Row> rows = attributed.rows();
        // The dates that hold the run's events in silver once written: the gold step reads them.
        runDates.addAll(attributed.movedDates());
        runDates.addAll(eventCounts.dates());
        wh.inParallel(silverWrites(records, rows, eventCounts.rowsPerTable(), audit));
        long ingestMs = (System.nanoTime() - ingestStart) / 1_000_000;
        LOG.info(
            "Ingested {} files ({} bytes) into bronze and silver in {} ms ({} MB/s)",
            files.size(),
            inputBytes,
            ingestMs,
            String.format(Locale.ROOT, "%.1f", inputBytes / 1e3 / Math.max(1, ingestMs)));
        counts.notRead().values().forEach(why -> audit.filesSkipped.merge(why, 1L, Long::sum));
        ledger.record(FileLedger.readable(files, counts.notRead()), runId);
      }
    } finally {
      read.unpersist();
    }
    return new Ingested(firstLoad, runDates);
  }

  /**
   * Bronze, silver events, the per-action tables and quarantine: they depend only on the cached
   * records and the materialized new events, so they are written side by side. The ledger goes
   * last.
   */
  private List<Runnable> silverWrites(
      Dataset<ParsedRecord> records,
      Dataset<Row> rows,
      Map<String, Long> rowsPerTable,
      JobRuns.Audit audit) {
    String runId = audit.runId;
    List<Runnable> writes = new ArrayList<>();
    writes.add(() -> wh.archive(SilverEvents.bronze(records, runId), tables.rawRecords, runId));
    if (audit.eventsNew > 0) {
      // The rows are clustered by date (SilverEvents.byDate), and so is every per-action table's.
      writes.add(() -> wh.appendClustered(rows, tables.events, runId, "event_date"));
      // Per-action tables: independent of each other; on small nights their cost is commit
      // latency, not compute. A table without rows tonight gets no commit (it is created empty).
      ActionOutputs.of(tables)
          .forEach(
              (table, transform) -> {
                if (!wh.exists(table) || rowsPerTable.get(table.table()) > 0) {
                  writes.add(
                      () -> wh.appendClustered(transform.apply(rows), table, runId, "event_date"));
                }
              });
    }
    if (audit.quarantined > 0) {
      writes.add(
          () ->
              wh.append(
                  SilverEvents.quarantine(records, runId, audit.startedAt),
                  tables.quarantine,
                  runId));
    }
    return writes;
  }
}
