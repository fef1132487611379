package io.encordanalytics.io;

import io.encordanalytics.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Delta warehouse: where each table lives, how it is registered in the session catalog, and the
 * only place that writes tables.
 *
 * <p>Every table is stored at {@code <warehouse>/<database>.db/<table>} and registered as {@code
 * <database>.<table>} at start-up, so tables resolve by name from any new session pointed at the
 * same warehouse, with no external metastore.
 */
public final class Warehouse {
  private static final Logger LOG = LoggerFactory.getLogger(Warehouse.class);

  private final SparkSession spark;
  private final Settings settings;
  private final Path root;
  private final FileSystem fs;

  /** Run before every table write: the run guard's check that this run still holds the lease. */
  private volatile Runnable fence = () -> {};

  public Warehouse(SparkSession spark, Settings settings) {
    this.spark = spark;
    this.settings = settings;
    try {
      Path p = new Path(settings.warehouse);
      this.fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      this.root = fs.makeQualified(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public SparkSession spark() {
    return spark;
  }

  public Settings settings() {
    return settings;
  }

  public FileSystem fs() {
    return fs;
  }

  public Path root() {
    return root;
  }

  /**
   * Installs the check that runs before every write, restore and comment change ({@code null}
   * removes it). The run guard installs its lease check, so that a run whose lease was taken over
   * stops before its next write.
   */
  public void fence(Runnable check) {
    this.fence = check == null ? () -> {} : check;
  }

  public Path path(TableId t) {
    return new Path(new Path(root, t.database() + ".db"), t.table());
  }

  /**
   * Whether the table has at least one commit. A run killed while creating a table can leave a
   * {@code _delta_log} directory without any commit: that is no table (and is removed by the next
   * run's recovery).
   */
  public boolean exists(TableId t) {
    return version(t) >= 0;
  }

  /** The latest committed Delta version of the table, or -1 when it does not exist. */
  public long version(TableId t) {
    try {
      Path log = new Path(path(t), "_delta_log");
      if (!fs.exists(log)) {
        return -1;
      }
      long max = -1;
      for (FileStatus st : fs.listStatus(log)) {
        String n = st.getPath().getName();
        if (n.endsWith(".json") && n.matches("\\d{20}\\.json")) {
          max = Math.max(max, Long.parseLong(n.substring(0, 20)));
        }
      }
      return max;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Registers every Delta table found in the warehouse whose database is in {@code databases}. */
  public void registerExisting(Collection<String> databases) {
    for (String db : databases) {
      Path dbPath = new Path(root, db + ".db");
      try {
        ensureDatabase(db);
        if (!fs.exists(dbPath)) {
          continue;
        }
        for (FileStatus st : fs.listStatus(dbPath)) {
          TableId t = new TableId(db, st.getPath().getName());
          if (st.isDirectory() && exists(t)) {
            register(t);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * Registers only the tables a SQL statement names ({@code db.table}), or every table of a
   * database it names alone (e.g. {@code SHOW TABLES IN db}); all tables when it names none.
   * Registration reads each table's Delta log, so naming fewer tables starts faster.
   */
  public void registerReferenced(String sql) {
    String lower = sql.toLowerCase(Locale.ROOT);
    List<String> named = new ArrayList<>();
    for (String db : databases()) {
      if (lower.matches("(?s).*\\b" + db.toLowerCase(Locale.ROOT) + "\\b.*")) {
        named.add(db);
      }
    }
    if (named.isEmpty()) {
      registerExisting(databases());
      return;
    }
    for (String db : named) {
      ensureDatabase(db);
      String d = db.toLowerCase(Locale.ROOT);
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("\\b" + d + "\\s*\\.\\s*`?(\\w+)").matcher(lower);
      boolean anyTable = false;
      while (m.find()) {
        anyTable = true;
        TableId t = new TableId(db, m.group(1));
        if (exists(t)) {
          register(t);
        }
      }
      if (!anyTable) {
        registerExisting(List.of(db));
      }
    }
  }

  private void ensureDatabase(String db) {
    if (!spark.catalog().databaseExists(db)) {
      spark.sql(
          "CREATE DATABASE IF NOT EXISTS " + db + " LOCATION '" + new Path(root, db + ".db") + "'");
    }
  }

  /** All configured databases. */
  public List<String> databases() {
    return List.of(settings.bronzeDb, settings.silverDb, settings.goldDb, settings.opsDb);
  }

  /** Where each table name was registered in this JVM's session catalog. */
  private static final Map<String, String> REGISTERED =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Registers {@code <database>.<table>} for this warehouse (re-pointing it if needed). */
  public void register(TableId t) {
    String location = path(t).toString();
    // The external catalog answers without loading the table (the old location may be gone).
    boolean exists =
        spark.catalog().databaseExists(t.database())
            && spark.sharedState().externalCatalog().tableExists(t.database(), t.table());
    if (exists && location.equals(REGISTERED.get(t.toString()))) {
      return;
    }
    ensureDatabase(t.database());
    if (exists) {
      // Straight to the catalog: a Delta DROP would first try to load the old location.
      spark.sharedState().externalCatalog().dropTable(t.database(), t.table(), true, false);
      spark.sessionState().catalog().invalidateAllCachedTables();
    }
    spark.sql(
        "CREATE TABLE IF NOT EXISTS "
            + t
            + " USING delta LOCATION '"
            + location.replace("'", "\\'")
            + "'");
    REGISTERED.put(t.toString(), location);
  }

  /**
   * Whether the session's catalog outlives the job (a Hive metastore, Databricks): only then is
   * registering tables from the job worth its cost (each registration reads the table's log). With
   * Spark's in-memory catalog, readers (sql.sh, the notebooks) register the tables themselves.
   */
  public boolean persistentCatalog() {
    return !"in-memory".equals(spark.conf().get("spark.sql.catalogImplementation", "in-memory"));
  }

  private void registerIfPersistent(TableId t) {
    if (persistentCatalog()) {
      register(t);
    }
  }

  public Dataset<Row> read(TableId t) {
    return spark.read().format("delta").load(path(t).toString());
  }

  /**
   * The table as of one committed version: the same rows however often the query runs, whatever is
   * committed to the table meanwhile.
   */
  public Dataset<Row> readVersion(TableId t, long version) {
    return spark.read().format("delta").option("versionAsOf", version).load(path(t).toString());
  }

  /** Appends rows; creates (and registers) the table on first write. */
  public void append(Dataset<Row> rows, TableId t, String runId, String... partitionBy) {
    fence.run();
    describeJobs("append to " + t);
    boolean created = !exists(t);
    var w =
        documented(onePartitionPerTask(rows, partitionBy), t)
            .write()
            .format("delta")
            .mode("append")
            .option("userMetadata", runId)
            .option("mergeSchema", "true");
    if (partitionBy.length > 0) {
      w = w.partitionBy(partitionBy);
    }
    long t0 = System.nanoTime();
    w.save(path(t).toString());
    long t1 = System.nanoTime();
    registerIfPersistent(t);
    if (created) {
      describe(t);
    }
    LOG.info(
        "Appended to {} in {} ms (+{} ms catalog)",
        t,
        (t1 - t0) / 1_000_000,
        (System.nanoTime() - t1) / 1_000_000);
    PausePoints.reached("after-commit:" + t);
  }

  /**
   * Replaces exactly the rows of the given dates: one atomic Delta commit that deletes those dates'
   * rows and writes the new ones ({@code replaceWhere}). Dates outside the set are left alone,
   * which is what makes a nightly rebuild of the touched dates safe to re-run.
   */
  public void replaceDates(
      Dataset<Row> rows,
      TableId t,
      String dateColumn,
      Collection<java.time.LocalDate> dates,
      String runId) {
    if (dates.isEmpty()) {
      return;
    }
    fence.run();
    describeJobs("replace " + dates.size() + " dates of " + t);
    String predicate =
        dateColumn
            + " IN ("
            + dates.stream().sorted().map(d -> "DATE'" + d + "'").collect(Collectors.joining(","))
            + ")";
    boolean created = !exists(t);
    var w =
        documented(onePartitionPerTask(rows, dateColumn), t)
            .write()
            .format("delta")
            .mode("overwrite")
            .option("userMetadata", runId)
            .option("replaceWhere", predicate);
    if (created) {
      w = w.partitionBy(dateColumn);
    }
    w.save(path(t).toString());
    registerIfPersistent(t);
    if (created) {
      describe(t);
    }
    PausePoints.reached("after-commit:" + t);
  }

  /**
   * Sets {@code columns} of the rows of a date-partitioned event table whose {@code event_id} and
   * {@code event_date} are in {@code changes} to the values there: one Delta MERGE commit, tagged
   * with the run id, that reads only the partitions of {@code dates} (those of the changes).
   */
  public void updateEvents(
      Dataset<Row> changes,
      TableId t,
      Collection<java.time.LocalDate> dates,
      List<String> columns,
      String runId) {
    if (dates.isEmpty() || !exists(t)) {
      return;
    }
    describeJobs("update " + columns + " of " + t);
    String onDates =
        "t.event_date IN ("
            + dates.stream().sorted().map(d -> "DATE'" + d + "'").collect(Collectors.joining(","))
            + ")";
    Map<String, String> set = new TreeMap<>();
    for (String c : columns) {
      set.put(c, "s." + c);
    }
    // MERGE has no per-write userMetadata option; nothing else writes while this runs.
    String key = "spark.databricks.delta.commitInfo.userMetadata";
    scala.Option<String> before = spark.conf().getOption(key);
    spark.conf().set(key, runId);
    try {
      io.delta.tables.DeltaTable.forPath(spark, path(t).toString())
          .as("t")
          .merge(
              changes.as("s"),
              onDates + " AND t.event_date = s.event_date AND t.event_id = s.event_id")
          .whenMatched()
          .updateExpr(set)
          .execute();
    } finally {
      if (before.isDefined()) {
        spark.conf().set(key, before.get());
      } else {
        spark.conf().unset(key);
      }
    }
  }

  /** Replaces the whole content of a table in one commit. */
  public void overwrite(Dataset<Row> rows, TableId t, String runId, String... partitionBy) {
    fence.run();
    describeJobs("overwrite " + t);
    boolean created = !exists(t);
    var w =
        documented(rows, t)
            .write()
            .format("delta")
            .mode("overwrite")
            .option("userMetadata", runId)
            .option("overwriteSchema", "true");
    if (partitionBy.length > 0) {
      w = w.partitionBy(partitionBy);
    }
    w.save(path(t).toString());
    registerIfPersistent(t);
    if (created) {
      describe(t);
    }
    PausePoints.reached("after-commit:" + t);
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
    return rows.repartition(
        java.util.Arrays.stream(partitionBy)
            .map(org.apache.spark.sql.functions::col)
            .toArray(org.apache.spark.sql.Column[]::new));
  }

  // ---------------------------------------------------------------------------------------------
  // Catalog comments (from the README, see TableDocs)

  /** The README's documentation of a table, by the layer its database stands for. */
  public TableDocs.Doc doc(TableId t) {
    String db = t.database();
    String layer =
        db.equals(settings.bronzeDb)
            ? "bronze"
            : db.equals(settings.silverDb)
                ? "silver"
                : db.equals(settings.goldDb) ? "gold" : db.equals(settings.opsDb) ? "ops" : db;
    return TableDocs.of(layer, t.table());
  }

  /**
   * The rows with each documented column's comment in its schema metadata: Delta stores it with the
   * schema when the write creates the table, so column comments cost no extra commit.
   */
  private Dataset<Row> documented(Dataset<Row> rows, TableId t) {
    TableDocs.Doc d = doc(t);
    if (d == null) {
      return rows;
    }
    Dataset<Row> out = rows;
    for (org.apache.spark.sql.types.StructField f : rows.schema().fields()) {
      String comment = d.columns().get(f.name());
      if (comment != null) {
        out =
            out.withMetadata(
                f.name(),
                new org.apache.spark.sql.types.MetadataBuilder()
                    .withMetadata(f.metadata())
                    .putString("comment", comment)
                    .build());
      }
    }
    return out;
  }

  /** Sets the table comment of a newly created table (one metadata commit). */
  private void describe(TableId t) {
    TableDocs.Doc d = doc(t);
    if (d != null && !d.comment().isEmpty()) {
      spark.sql(
          "ALTER TABLE "
              + pathIdentifier(t)
              + " SET TBLPROPERTIES ('comment' = "
              + sqlString(d.comment())
              + ")");
    }
  }

  /**
   * Brings the table and column comments of an existing table in line with the README (tables
   * created before a definition changed); returns how many comments were changed.
   */
  public int syncComments(TableId t) {
    TableDocs.Doc d = doc(t);
    if (d == null || !exists(t)) {
      return 0;
    }
    fence.run();
    int changed = 0;
    String current =
        spark
            .sql("DESCRIBE DETAIL " + pathIdentifier(t))
            .select("description")
            .first()
            .getString(0);
    if (!d.comment().isEmpty() && !d.comment().equals(current)) {
      describe(t);
      changed++;
    }
    for (org.apache.spark.sql.types.StructField f : read(t).schema().fields()) {
      String want = d.columns().get(f.name());
      String have = f.getComment().isDefined() ? f.getComment().get() : null;
      if (want != null && !want.equals(have)) {
        spark.sql(
            "ALTER TABLE "
                + pathIdentifier(t)
                + " ALTER COLUMN "
                + f.name()
                + " COMMENT "
                + sqlString(want));
        changed++;
      }
    }
    return changed;
  }

  /** {@code delta.`<path>`}: works whether or not the table is in the session catalog. */
  private String pathIdentifier(TableId t) {
    return "delta.`" + path(t).toString().replace("`", "``") + "`";
  }

  private static String sqlString(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /**
   * Names the Spark jobs this thread starts from now on (Spark UI, event log): which table they
   * write.
   */
  private void describeJobs(String what) {
    spark.sparkContext().setJobDescription("encord: " + what);
  }

  /**
   * Runs independent table writes side by side, at most {@code encord.spark.parallel-writes} at a
   * time (Spark schedules their jobs together; Delta commits to different tables do not conflict),
   * and rethrows the first failure. With one, they run one after another in the given order. The
   * rows a write produces must not depend on this: each write reads materialized inputs only, never
   * a lazy query over a table another write of the same step commits to.
   */
  public void inParallel(List<Runnable> writes) {
    int threads = Math.min(settings.parallelWrites, Math.max(1, writes.size()));
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
      for (Runnable w : writes) {
        futures.add(pool.submit(w));
      }
      RuntimeException first = null;
      for (java.util.concurrent.Future<?> f : futures) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          RuntimeException cause =
              e.getCause() instanceof RuntimeException r ? r : new RuntimeException(e.getCause());
          if (first == null) {
            first = cause;
          } else {
            first.addSuppressed(cause);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while writing tables", e);
        }
      }
      if (first != null) {
        throw first;
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Restores a table to an earlier version, or removes it when it did not exist then. */
  public void restore(TableId t, long version) {
    if (version < 0) {
      // Also when the run died before the table's first commit: files but no version.
      try {
        if (fs.exists(path(t))) {
          fence.run();
          LOG.warn("Removing {} created by an unfinished run", t);
          spark.sql("DROP TABLE IF EXISTS " + t);
          fs.delete(path(t), true);
          PausePoints.reached("after-restore:" + t);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    long current = version(t);
    if (current == version) {
      return;
    }
    fence.run();
    LOG.warn("Restoring {} from version {} to version {}", t, current, version);
    spark.sql("RESTORE TABLE delta.`" + path(t) + "` TO VERSION AS OF " + version);
    PausePoints.reached("after-restore:" + t);
  }

  /** Versions of the given tables, in a stable order (-1 for tables that do not exist). */
  public Map<String, Long> versions(Collection<TableId> tables) {
    Map<String, Long> out = new TreeMap<>();
    for (TableId t : tables) {
      out.put(t.toString(), version(t));
    }
    return out;
  }

  /** Table ids of every Delta table currently in the warehouse. */
  public List<TableId> existingTables() {
    List<TableId> out = new ArrayList<>();
    for (String db : databases()) {
      Path dbPath = new Path(root, db + ".db");
      try {
        if (!fs.exists(dbPath)) {
          continue;
        }
        for (FileStatus st : fs.listStatus(dbPath)) {
          TableId t = new TableId(db, st.getPath().getName().toLowerCase(Locale.ROOT));
          if (st.isDirectory() && exists(t)) {
            out.add(t);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }
}
