package io.encordanalytics;

import static org.apache.spark.sql.functions.col;

import io.encordanalytics.config.Settings;
import io.encordanalytics.gold.GoldStep;
import io.encordanalytics.ingest.EventMapper;
import io.encordanalytics.ingest.FileDiscovery;
import io.encordanalytics.ingest.FileSource;
import io.encordanalytics.ingest.LogFileReader;
import io.encordanalytics.io.JobRuns;
import io.encordanalytics.io.LedgerCache;
import io.encordanalytics.io.RunGuard;
import io.encordanalytics.io.TableId;
import io.encordanalytics.io.Tables;
import io.encordanalytics.io.Warehouse;
import io.encordanalytics.model.InputFile;
import io.encordanalytics.model.ParsedRecord;
import io.encordanalytics.silver.ActionTables;
import io.encordanalytics.silver.EmailUsers;
import io.encordanalytics.silver.SilverEvents;
import io.encordanalytics.silver.UnknownActions;
import io.encordanalytics.spark.EventDates;
import io.encordanalytics.spark.Sessions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
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
 * --class io.encordanalytics.NightlyJob encord-jobs.jar --config conf/cluster.conf}.
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
      NightlyJob job = new NightlyJob(wh);
      JobRuns.Audit audit;
      if (cli.from() != null) {
        audit = job.backfill(cli.from(), cli.to());
      } else if (cli.rebuildSilver()) {
        audit = job.rebuildSilver();
      } else {
        audit = job.run();
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

  /** Sortable, unique run id: start time plus a random suffix. */
  public static String newRunId(Instant start) {
    return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC)
            .format(start)
        + "-"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Runs one night; returns its audit row (already written). */
  public JobRuns.Audit run() {
    // Nights with little or nothing new are all fixed cost: many small queries, whose compiled
    // code would cost more than it saves. Code generation comes back for large inputs (ingest).
    try (Sessions.Restore codegen = Sessions.interpreted(wh.spark())) {
      return guarded(JOB, audit -> ingest(audit, codegen));
    }
  }

  /**
   * Backfill: rebuilds every gold table for the inclusive date range from silver, with no
   * ingestion. Safe to re-run; rolled back like a nightly run if it fails.
   */
  public JobRuns.Audit backfill(java.time.LocalDate from, java.time.LocalDate to) {
    return guarded(
        "backfill",
        audit -> {
          audit.message = "backfill " + from + " .. " + to;
          if (wh.exists(tables.events)) {
            audit.rebuiltDates.addAll(new GoldStep(wh, tables).rebuild(from, to, audit.runId));
          }
        });
  }

  /**
   * Rebuilds silver from bronze after a parser fix: re-parses every bronze record in the order it
   * was first ingested (run, file path, record), rewrites silver events, the per-action tables and
   * quarantine, then rebuilds every gold date. No re-export from Encord is needed.
   */
  public JobRuns.Audit rebuildSilver() {
    return guarded("rebuild-silver", this::rebuildFromBronze);
  }

  private JobRuns.Audit guarded(String job, java.util.function.Consumer<JobRuns.Audit> work) {
    Instant start = Instant.now();
    String runId = newRunId(start);
    JobRuns.Audit audit = new JobRuns.Audit(runId, job, start);
    RunGuard guard = new RunGuard(wh, tables.transactional(), job);
    RunGuard.Recovery recovery = guard.begin(runId, start.toString(), this::hasAuditRow);
    try {
      JobRuns.appendAborted(wh, tables.jobRuns, recovery.aborted(), runId, start);
      work.accept(audit);
      audit.status = "SUCCEEDED";
    } catch (RuntimeException e) {
      audit.status = "FAILED";
      audit.message = String.valueOf(e.getMessage());
      audit.recordsRead = audit.eventsNew = audit.duplicates = audit.quarantined = null;
      try {
        // Throws at once, restoring nothing, when another run has taken the warehouse over.
        guard.rollback();
      } catch (RuntimeException rollbackFailure) {
        guard.close();
        if (rollbackFailure instanceof RunGuard.LeaseLostException lost) {
          lost.addSuppressed(e); // the failure was the lost lease: say that first
          throw lost;
        }
        e.addSuppressed(rollbackFailure);
        throw e;
      }
      finish(audit, guard);
      throw e;
    }
    finish(audit, guard);
    return audit;
  }

  private void finish(JobRuns.Audit audit, RunGuard guard) {
    try {
      audit.finishedAt = Instant.now();
      for (TableId t : tables.transactional()) {
        long v = wh.version(t);
        if (v >= 0) {
          audit.tableVersions.put(t.toString(), v);
        }
      }
      JobRuns.append(wh, tables.jobRuns, audit);
      guard.end();
    } finally {
      guard.close();
    }
  }

  private boolean hasAuditRow(String runId) {
    return JobRuns.has(wh, tables.jobRuns, runId);
  }

  private void ingest(JobRuns.Audit audit, Sessions.Restore codegen) {
    String runId = audit.runId;
    SparkSession spark = wh.spark();
    List<InputFile> listed;
    try {
      FileDiscovery.Listing listing =
          FileDiscovery.scan(
              settings.inputRoot, settings.extensions, spark.sparkContext().hadoopConfiguration());
      listed = listing.files();
      audit.filesSkipped.putAll(listing.skipped());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Set<String> seen = new HashSet<>();
    Set<java.time.LocalDate> runDates = new java.util.TreeSet<>();
    List<InputFile> files = newFiles(listed, seen);
    audit.inputFiles = (long) files.size();
    audit.filesEmpty = files.stream().filter(f -> f.getSize() == 0).count();
    LOG.info(
        "{} files under {}, {} new or changed", listed.size(), settings.inputRoot, files.size());
    if (files.isEmpty()) {
      audit.recordsRead = audit.eventsNew = audit.duplicates = audit.quarantined = 0L;
      return;
    }
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
        FileSource.read(spark, files, reader, settings.partitionBytes).persist(Sessions.CACHE);
    try {
      long t0 = System.nanoTime();
      // A file replaced or still written while it was read is not ingested tonight (one record
      // says so); nothing of it is stored, and the next night reads it whole.
      Dataset<ParsedRecord> records = FileSource.withoutChangedFiles(read);
      countRecords(records, audit);
      LOG.info(
          "Parsed {} records ({} quarantined) in {} ms",
          audit.recordsRead,
          audit.quarantined,
          (System.nanoTime() - t0) / 1_000_000);

      // The ids stored before this run, as of the events table's version now: the same set
      // however often the dedup runs, whatever this run commits meanwhile.
      Dataset<Row> storedIds =
          firstLoad ? null : wh.readVersion(tables.events, storedVersion).select("event_id");
      // Every silver output of the run derives from this one set of new events, computed once.
      // A cached query would not do: each commit to silver events makes Spark compute it again,
      // and "not yet stored" is empty once the run's events are stored (issue #13: per-action
      // rows written after the events commit were lost).
      try (Sessions.Materialized<Row> fresh =
          Sessions.materialize(
              SilverEvents.newEvents(
                  records,
                  storedIds,
                  runId,
                  audit.recordsRead - audit.quarantined <= BROADCAST_RUN_IDS))) {
        Dataset<Row> newEvents = fresh.rows();
        audit.eventsNew = newEvents.count();
        audit.duplicates = audit.recordsRead - audit.quarantined - audit.eventsNew;
        audit.unknownActions = UnknownActions.count(newEvents);
        LOG.info("{} new events, {} duplicates", audit.eventsNew, audit.duplicates);
        // Users of e-mail-only events (and stored ones they change), before anything is written.
        EmailUsers.Attributed attributed =
            audit.eventsNew > 0
                ? EmailUsers.attribute(wh, tables, newEvents, runId, firstLoad)
                : new EmailUsers.Attributed(newEvents, Set.of());
        Dataset<Row> rows = attributed.rows();
        // The dates that hold the run's events in silver once written: the gold step reads them.
        runDates.addAll(attributed.movedDates());
        runDates.addAll(EventDates.dates(newEvents));
        // Bronze, silver events, the per-action tables and quarantine depend only on the cached
        // records and the materialized new events: write them side by side. The ledger goes last.
        List<Runnable> writes = new ArrayList<>();
        writes.add(() -> wh.append(SilverEvents.bronze(records, runId), tables.rawRecords, runId));
        if (audit.eventsNew > 0) {
          writes.add(() -> wh.append(rows, tables.events, runId, "event_date"));
          writes.addAll(actionTableWrites(rows, runId));
        }
        if (audit.quarantined > 0) {
          writes.add(
              () ->
                  wh.append(
                      SilverEvents.quarantine(records, runId, audit.startedAt),
                      tables.quarantine,
                      runId));
        }
        wh.inParallel(writes);
        long ingestMs = (System.nanoTime() - ingestStart) / 1_000_000;
        LOG.info(
            "Ingested {} files ({} bytes) into bronze and silver in {} ms ({} MB/s)",
            files.size(),
            inputBytes,
            ingestMs,
            String.format(java.util.Locale.ROOT, "%.1f", inputBytes / 1e3 / Math.max(1, ingestMs)));
        Map<String, String> notRead =
            audit.quarantined == 0 ? Map.of() : FileSource.notRead(records);
        notRead.values().forEach(why -> audit.filesSkipped.merge(why, 1L, Long::sum));
        recordIngested(readable(files, notRead), seen, runId);
      }
    } finally {
      read.unpersist();
    }
    // After the ingest caches are released: the gold step keeps what it reads of silver.
    if (audit.eventsNew > 0) {
      audit.rebuiltDates.addAll(new GoldStep(wh, tables).run(runId, firstLoad, runDates));
    }
  }

  /**
   * The appends of this run's rows to every per-action silver table (independent of each other; on
   * small nights their cost is commit latency, not compute).
   */
  private void rebuildFromBronze(JobRuns.Audit audit) {
    String runId = audit.runId;
    if (!wh.exists(tables.rawRecords)) {
      throw new IllegalStateException("no bronze table to rebuild from: " + tables.rawRecords);
    }
    Dataset<Row> bronze = wh.read(tables.rawRecords);
    // Files in the order they were first ingested: run ids sort by start time, then path.
    List<Row> fileKeys =
        bronze
            .select("run_id", "source_file")
            .distinct()
            .orderBy("run_id", "source_file")
            .collectAsList();
    List<Row> orderRows = new ArrayList<>();
    for (int i = 0; i < fileKeys.size(); i++) {
      orderRows.add(
          org.apache.spark.sql.RowFactory.create(
              fileKeys.get(i).getString(0), fileKeys.get(i).getString(1), i));
    }
    Dataset<Row> fileOrder =
        wh.spark()
            .createDataFrame(
                orderRows,
                new org.apache.spark.sql.types.StructType()
                    .add("run_id", "string")
                    .add("source_file", "string")
                    .add("file_order", "int"));
    LogFileReader reader =
        new LogFileReader(
            new EventMapper(settings.minYear, settings.maxYear),
            settings.maxRecordChars,
            settings.pseudonymizer());
    org.apache.spark.api.java.function.MapFunction<Row, ParsedRecord> parse =
        r ->
            reader.parseRecord(
                r.getAs("raw"),
                r.getAs("source_file"),
                r.<Integer>getAs("file_order"),
                r.<Long>getAs("record_index"));
    Dataset<ParsedRecord> records =
        bronze
            .join(
                org.apache.spark.sql.functions.broadcast(fileOrder),
                new String[] {"run_id", "source_file"})
            .map(parse, org.apache.spark.sql.Encoders.bean(ParsedRecord.class))
            .persist(Sessions.CACHE);
    try {
      countRecords(records, audit);
      try (Sessions.Materialized<Row> rebuilt =
          Sessions.materialize(SilverEvents.newEvents(records, null, runId))) {
        Dataset<Row> events = rebuilt.rows();
        audit.eventsNew = events.count();
        audit.duplicates = audit.recordsRead - audit.quarantined - audit.eventsNew;
        Dataset<Row> rows = EmailUsers.attribute(events);
        List<Runnable> writes = new ArrayList<>();
        writes.add(() -> wh.overwrite(rows, tables.events, runId, "event_date"));
        writes.add(
            () ->
                wh.overwrite(
                    SilverEvents.quarantine(records, runId, audit.startedAt),
                    tables.quarantine,
                    runId));
        for (Map.Entry<TableId, UnaryOperator<Dataset<Row>>> e : actionTables().entrySet()) {
          writes.add(() -> wh.overwrite(e.getValue().apply(rows), e.getKey(), runId, "event_date"));
        }
        wh.inParallel(writes);
        java.util.List<Row> range =
            events
                .agg(
                    org.apache.spark.sql.functions.min("event_date"),
                    org.apache.spark.sql.functions.max("event_date"))
                .collectAsList();
        if (audit.eventsNew > 0) {
          audit.rebuiltDates.addAll(
              new GoldStep(wh, tables)
                  .rebuild(
                      EventDates.date(range.get(0).get(0)),
                      EventDates.date(range.get(0).get(1)),
                      runId));
        }
        // The rebuild's counts describe silver as rebuilt, not new input: keep them out of the
        // nightly totals so that records read still add up over nightly runs.
        audit.message =
            String.format(
                "rebuilt from %d bronze records: %d events, %d duplicates, %d quarantined",
                audit.recordsRead, audit.eventsNew, audit.duplicates, audit.quarantined);
        audit.recordsRead = audit.eventsNew = audit.duplicates = audit.quarantined = 0L;
        audit.inputFiles = 0L;
      }
    } finally {
      records.unpersist();
    }
  }

  private Map<TableId, UnaryOperator<Dataset<Row>>> actionTables() {
    Map<TableId, UnaryOperator<Dataset<Row>>> outputs = new LinkedHashMap<>();
    outputs.put(tables.objectChanges, ActionTables::objectChanges);
    outputs.put(tables.attributeChanges, ActionTables::attributeChanges);
    outputs.put(tables.reviewDecisions, ActionTables::reviewDecisions);
    outputs.put(tables.taskDecisions, ActionTables::taskDecisions);
    outputs.put(tables.agentRuns, ActionTables::agentRuns);
    outputs.put(tables.taskSaves, ActionTables::taskSaves);
    outputs.put(tables.taskSkips, ActionTables::taskSkips);
    outputs.put(tables.playbackEvents, ActionTables::playbackEvents);
    outputs.put(tables.consensusEvents, ActionTables::consensusEvents);
    return outputs;
  }

  private List<Runnable> actionTableWrites(Dataset<Row> newEvents, String runId) {
    List<Runnable> writes = new ArrayList<>();
    actionTables()
        .forEach(
            (table, transform) ->
                writes.add(
                    () -> {
                      Dataset<Row> rows = transform.apply(newEvents);
                      if (!wh.exists(table) || !rows.isEmpty()) {
                        wh.append(rows, table, runId, "event_date");
                      }
                    }));
    return writes;
  }

  /**
   * Files not ingested before with the same size and modification time, by the ledger as of now:
   * from its cached copy when that is of the ledger's current version (no Spark query), else from
   * the table (and the copy is refreshed).
   */
  private List<InputFile> newFiles(List<InputFile> listed, Set<String> seen) {
    String stamp = LedgerCache.stamp(wh, tables.ingestedFiles);
    if (stamp != null) {
      LedgerCache cache = new LedgerCache(wh);
      Set<String> cached = cache.read(stamp);
      if (cached != null) {
        seen.addAll(cached);
      } else {
        for (Row r :
            wh.read(tables.ingestedFiles)
                .select("path", "size", "modification_time_ms")
                .collectAsList()) {
          seen.add(LedgerCache.entry(r.getString(0), r.getLong(1), r.getLong(2)));
        }
        cache.write(stamp, seen);
      }
    }
    return listed.stream()
        .filter(
            f ->
                !seen.contains(
                    LedgerCache.entry(f.getPath(), f.getSize(), f.getModificationTime())))
        .toList();
  }

  /** Appends this run's files to the ledger, and its cached copy. */
  private void recordIngested(List<InputFile> files, Set<String> seen, String runId) {
    wh.append(ledger(files, runId), tables.ingestedFiles, runId);
    for (InputFile f : files) {
      seen.add(LedgerCache.entry(f.getPath(), f.getSize(), f.getModificationTime()));
    }
    new LedgerCache(wh).write(LedgerCache.stamp(wh, tables.ingestedFiles), seen);
  }

  /** Records read and quarantined, in one pass over the cached records. */
  private static void countRecords(Dataset<ParsedRecord> records, JobRuns.Audit audit) {
    // count(reason) counts the non-null reasons: the quarantined records.
    Row counts =
        records
            .agg(
                org.apache.spark.sql.functions.count(org.apache.spark.sql.functions.lit(1)),
                org.apache.spark.sql.functions.count(col("reason")))
            .first();
    audit.recordsRead = counts.getLong(0);
    audit.quarantined = counts.getLong(1);
  }

  /**
   * The files to record as ingested: all but those that were not read (vanished between listing and
   * reading, changed while read, not readable), so that the next night reads them.
   */
  public static List<InputFile> readable(List<InputFile> files, Map<String, String> notRead) {
    return files.stream().filter(f -> !notRead.containsKey(f.getPath())).toList();
  }

  private Dataset<Row> ledger(List<InputFile> files, String runId) {
    List<Row> rows =
        files.stream()
            .map(
                f ->
                    org.apache.spark.sql.RowFactory.create(
                        f.getPath(), f.getSize(), f.getModificationTime(), runId))
            .toList();
    var schema =
        new org.apache.spark.sql.types.StructType()
            .add("path", "string")
            .add("size", "long")
            .add("modification_time_ms", "long")
            .add("run_id", "string");
    return wh.spark().createDataFrame(rows, schema).coalesce(1);
  }
}
