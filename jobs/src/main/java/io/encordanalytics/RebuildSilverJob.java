package io.encordanalytics;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import io.encordanalytics.config.Settings;
import io.encordanalytics.gold.GoldStep;
import io.encordanalytics.ingest.EventMapper;
import io.encordanalytics.ingest.LogFileReader;
import io.encordanalytics.io.GuardedRun;
import io.encordanalytics.io.JobRuns;
import io.encordanalytics.io.TableId;
import io.encordanalytics.io.Tables;
import io.encordanalytics.io.Warehouse;
import io.encordanalytics.model.ParsedRecord;
import io.encordanalytics.silver.ActionOutputs;
import io.encordanalytics.silver.EmailUsers;
import io.encordanalytics.silver.SilverEvents;
import io.encordanalytics.spark.EventDates;
import io.encordanalytics.spark.Sessions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * Rebuilds silver from bronze after a parser fix ({@code NightlyJob --rebuild-silver}): re-parses
 * every bronze record in the order it was first ingested (run, file path, record), rewrites silver
 * events, the per-action tables and quarantine, then rebuilds every gold date. No re-export from
 * Encord is needed. Rolled back like a nightly run if it fails.
 */
public final class RebuildSilverJob {
  public static final String JOB = "rebuild-silver";

  private static final StructType FILE_ORDER =
      new StructType()
          .add("run_id", "string")
          .add("source_file", "string")
          .add("file_order", "int");

  private final Warehouse wh;
  private final Tables tables;
  private final Settings settings;

  public RebuildSilverJob(Warehouse wh) {
    this.wh = wh;
    this.settings = wh.settings();
    this.tables = new Tables(settings);
  }

  /** Rebuilds silver, then gold; returns the run's audit row (already written). */
  public JobRuns.Audit run() {
    return new GuardedRun(wh, tables).run(JOB, this::rebuildFromBronze);
  }

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
          RowFactory.create(fileKeys.get(i).getString(0), fileKeys.get(i).getString(1), i));
    }
    Dataset<Row> fileOrder = wh.spark().createDataFrame(orderRows, FILE_ORDER);
    LogFileReader reader =
        new LogFileReader(
            new EventMapper(settings.minYear, settings.maxYear),
            settings.maxRecordChars,
            settings.pseudonymizer());
    MapFunction<Row, ParsedRecord> parse =
        r ->
            reader.parseRecord(
                r.getAs("raw"),
                r.getAs("source_file"),
                r.<Integer>getAs("file_order"),
                r.<Long>getAs("record_index"));
    Dataset<ParsedRecord> records =
        bronze
            .join(broadcast(fileOrder), new String[] {"run_id", "source_file"})
            .map(parse, Encoders.bean(ParsedRecord.class))
            .persist(Sessions.CACHE);
    try {
      audit.countRecords(records);
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
        for (Map.Entry<TableId, UnaryOperator<Dataset<Row>>> e :
            ActionOutputs.of(tables).entrySet()) {
          writes.add(() -> wh.overwrite(e.getValue().apply(rows), e.getKey(), runId, "event_date"));
        }
        wh.inParallel(writes);
        List<Row> range = events.agg(min("event_date"), max("event_date")).collectAsList();
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
}
