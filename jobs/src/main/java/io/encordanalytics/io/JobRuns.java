package io.encordanalytics.io;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.encordanalytics.model.ParsedRecord;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The audit row of one run, appended to {@code encord_ops.job_runs}, and run ids. */
public final class JobRuns {
  private JobRuns() {}

  public static final StructType SCHEMA =
      new StructType()
          .add("run_id", DataTypes.StringType, false)
          .add("job", DataTypes.StringType, false)
          .add("started_at", DataTypes.TimestampType)
          .add("finished_at", DataTypes.TimestampType)
          .add("status", DataTypes.StringType, false)
          .add("input_files", DataTypes.LongType)
          .add("records_read", DataTypes.LongType)
          .add("events_new", DataTypes.LongType)
          .add("duplicates", DataTypes.LongType)
          .add("quarantined", DataTypes.LongType)
          .add("dates_rebuilt", DataTypes.LongType)
          .add("rebuilt_dates", DataTypes.createArrayType(DataTypes.DateType))
          .add("files_empty", DataTypes.LongType)
          .add("table_versions", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType))
          .add("message", DataTypes.StringType)
          .add("unknown_actions", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType))
          .add("files_skipped", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType));

  /** Sortable, unique run id: start time plus a random suffix. */
  public static String newRunId(Instant start) {
    return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC)
            .format(start)
        + "-"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Mutable collector of a run's figures. */
  public static final class Audit {
    public final String runId;
    public final String job;
    public final Instant startedAt;
    public Instant finishedAt;
    public String status = "RUNNING";
    public Long inputFiles;
    public Long recordsRead;
    public Long eventsNew;
    public Long duplicates;
    public Long quarantined;
    public List<LocalDate> rebuiltDates = new ArrayList<>();
    public Long filesEmpty;
    public Map<String, Long> tableVersions = new TreeMap<>();
    public String message;

    /**
     * New events per action that no vocabulary knows, keyed {@code <source_format>:<action>} (see
     * {@code UnknownActions}); empty when all were known.
     */
    public Map<String, Long> unknownActions = new TreeMap<>();

    /** Files and folders of the input tree left out, by reason (FileDiscovery, LogFileReader). */
    public Map<String, Long> filesSkipped = new TreeMap<>();

    public Audit(String runId, String job, Instant startedAt) {
      this.runId = runId;
      this.job = job;
      this.startedAt = startedAt;
    }

    /** Sets records read and quarantined, in one pass over the (cached) parsed records. */
    public void countRecords(Dataset<ParsedRecord> records) {
      // count(reason) counts the non-null reasons: the quarantined records.
      Row counts = records.agg(count(lit(1)), count(col("reason"))).first();
      recordsRead = counts.getLong(0);
      quarantined = counts.getLong(1);
    }

    public Row toRow() {
      return RowFactory.create(
          runId,
          job,
          ts(startedAt),
          ts(finishedAt),
          status,
          inputFiles,
          recordsRead,
          eventsNew,
          duplicates,
          quarantined,
          status.equals("SUCCEEDED") ? (long) rebuiltDates.size() : null,
          rebuiltDates.stream().sorted().map(Date::valueOf).toList(),
          filesEmpty,
          tableVersions,
          message,
          status.equals("SUCCEEDED") ? unknownActions : null,
          filesSkipped);
    }

    private static Timestamp ts(Instant i) {
      return i == null ? null : Timestamp.from(i);
    }
  }

  public static void append(Warehouse wh, TableId table, Audit audit) {
    Dataset<Row> row = wh.spark().createDataFrame(List.of(audit.toRow()), SCHEMA).coalesce(1);
    wh.append(row, table, audit.runId);
  }

  /** Whether the run already has its audit row (it finished, whatever its status). */
  public static boolean has(Warehouse wh, TableId table, String runId) {
    return wh.exists(table) && !wh.read(table).filter(col("run_id").equalTo(runId)).isEmpty();
  }

  /**
   * One {@code ABORTED} row for each interrupted run whose work {@code byRunId} rolled back (see
   * {@link RunGuard#begin}).
   */
  public static void appendAborted(
      Warehouse wh, TableId table, List<RunGuard.Aborted> aborted, String byRunId, Instant at) {
    for (RunGuard.Aborted a : aborted) {
      Audit row =
          new Audit(
              a.runId(), a.job(), a.startedAt() == null ? null : Instant.parse(a.startedAt()));
      row.status = "ABORTED";
      row.finishedAt = at;
      row.message = "interrupted; rolled back and redone by run " + byRunId;
      append(wh, table, row);
    }
  }
}
