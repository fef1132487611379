package io.encordanalytics.io;

import io.encordanalytics.model.InputFile;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * The file ledger, {@code encord_ops.ingested_files}: every export file ingested, by path, size and
 * modification time, so that a night reads only the files that are new or changed since. Its
 * entries are kept in a {@link LedgerCache} too, so that a night with nothing new needs no Spark
 * query to know it.
 */
public final class FileLedger {
  public static final StructType SCHEMA =
      new StructType()
          .add("path", "string")
          .add("size", "long")
          .add("modification_time_ms", "long")
          .add("run_id", "string");

  private final Warehouse wh;
  private final TableId table;

  /** The ledger's entries ({@link LedgerCache#entry}) as far as this run has read or added them. */
  private final Set<String> seen = new HashSet<>();

  public FileLedger(Warehouse wh, TableId table) {
    this.wh = wh;
    this.table = table;
  }

  /**
   * Files not ingested before with the same size and modification time, by the ledger as of now:
   * from its cached copy when that is of the ledger's current version (no Spark query), else from
   * the table (and the copy is refreshed).
   */
  public List<InputFile> newFiles(List<InputFile> listed) {
    String stamp = LedgerCache.stamp(wh, table);
    if (stamp != null) {
      LedgerCache cache = new LedgerCache(wh);
      Set<String> cached = cache.read(stamp);
      if (cached != null) {
        seen.addAll(cached);
      } else {
        for (Row r :
            wh.read(table).select("path", "size", "modification_time_ms").collectAsList()) {
          seen.add(LedgerCache.entry(r.getString(0), r.getLong(1), r.getLong(2)));
        }
        cache.write(stamp, seen);
      }
    }
    return listed.stream().filter(f -> !seen.contains(entry(f))).toList();
  }

  /** Appends this run's files to the ledger, and its cached copy. */
  public void record(List<InputFile> files, String runId) {
    wh.append(rows(files, runId), table, runId);
    for (InputFile f : files) {
      seen.add(entry(f));
    }
    new LedgerCache(wh).write(LedgerCache.stamp(wh, table), seen);
  }

  /**
   * The files to record as ingested: all but those that were not read (vanished between listing and
   * reading, changed while read, not readable), so that the next night reads them.
   */
  public static List<InputFile> readable(List<InputFile> files, Map<String, String> notRead) {
    return files.stream().filter(f -> !notRead.containsKey(f.getPath())).toList();
  }

  private static String entry(InputFile f) {
    return LedgerCache.entry(f.getPath(), f.getSize(), f.getModificationTime());
  }

  private Dataset<Row> rows(List<InputFile> files, String runId) {
    List<Row> rows =
        files.stream()
            .map(f -> RowFactory.create(f.getPath(), f.getSize(), f.getModificationTime(), runId))
            .toList();
    return wh.spark().createDataFrame(rows, SCHEMA).coalesce(1);
  }
}
