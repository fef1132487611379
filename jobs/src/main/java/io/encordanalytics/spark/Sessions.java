package io.encordanalytics.spark;

import io.encordanalytics.config.Settings;
import io.encordanalytics.io.NioLocalFileSystem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.storage.StorageLevel;

/** The one place that builds a SparkSession: Delta extension and catalog, UTC, our tuning. */
public final class Sessions {
  /**
   * The storage level of every cache of the jobs (the parsed records of ingest, the history a full
   * gold rebuild reads): Spark's columnar cache as built, spilled to local disk when it does not
   * fit. Not serialized: a serialized block is deserialized whole, every column of it, at each
   * scan, and each cache is scanned many times, each scan for a few of its columns (the records for
   * bronze's raw text, quarantine's few rows, the new events; with a serialized history a later
   * night of a 3M-event history took 230 s of gold, and one such run ran out of heap). 1M records,
   * first night: ingest 93.6 s serialized, 80.1 s not (quarantine's append 14.3 s of task time
   * against 5.3 s, bronze's 19.3 s against 11.2 s). The columnar buffers are byte arrays, whose
   * size the block manager counts exactly; with 32 MB G1 regions (scripts/common.sh) a column's
   * buffer of a 10,000-row batch is a humongous object only when its values average over 1.6 KB
   * (the raw text of the bench's records: about 700 bytes).
   */
  public static final StorageLevel CACHE = StorageLevel.MEMORY_AND_DISK();

  private Sessions() {}

  /**
   * Builds (or returns) the session. A master set by spark-submit wins over the configured one, so
   * the same code runs locally and on a cluster.
   */
  public static SparkSession create(Settings settings) {
    SparkConf probe = new SparkConf();
    SparkSession.Builder builder =
        configure(SparkSession.builder(), settings)
            .appName(settings.appName)
            .config("spark.sql.shuffle.partitions", settings.shufflePartitions)
            .config("spark.sql.warehouse.dir", new Path(settings.warehouse).toString())
            .config(
                "spark.databricks.delta.snapshotPartitions",
                Math.max(2, settings.shufflePartitions))
            .config("spark.sql.adaptive.enabled", "true");
    if (!probe.contains("spark.master")) {
      builder.master(settings.master).config("spark.ui.enabled", "false");
    }
    return builder.getOrCreate();
  }

  /**
   * What every session of the project needs, the job's and the tests' alike: Delta, UTC, the
   * java.time API and the storage settings below.
   */
  public static SparkSession.Builder configure(SparkSession.Builder builder, Settings settings) {
    return builder
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config(
            "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.datetime.java8API.enabled", "true")
        // Local files without a chmod/readlink process per file (see NioLocalFileSystem).
        .config("spark.hadoop.fs.file.impl", NioLocalFileSystem.class.getName())
        .config(
            "spark.hadoop.fs.AbstractFileSystem.file.impl", NioLocalFileSystem.Fs.class.getName())
        // The parsed records and new events are cached once and read a dozen times; encoding
        // the cache (dictionary, run-length) cost more than it saved: 300k records, ingest
        // 82 s -> 70 s without it.
        .config("spark.sql.inMemoryColumnarStorage.compressed", "false")
        // Statistics columns of new tables (encord.delta.stats-columns).
        .config(
            "spark.databricks.delta.properties.defaults.dataSkippingNumIndexedCols",
            settings.statsColumns)
        // Delta's metadata-only answers to min/max subqueries fail with the java.time API on.
        .config("spark.databricks.delta.optimizeMetadataQuery.enabled", "false");
  }

  /**
   * A dataset computed once and kept in the block manager: its plan is the stored rows, not the
   * query that made them, so nothing can compute it again. Spark re-runs a cached query when a
   * table it reads is written (Delta refreshes the caches of plans over that table after each
   * commit): a set such as "this run's events not yet stored", cached, became empty once the run
   * had stored its events, and every write still reading it lost its rows. Closing releases the
   * blocks; closing twice is harmless.
   *
   * <p>Like any local checkpoint, the blocks live on the executors: losing an executor fails the
   * run (which is then rolled back), it never recomputes different rows.
   */
  public static final class Materialized<T> implements AutoCloseable {
    private final Dataset<T> rows;

    private Materialized(Dataset<T> rows) {
      this.rows = rows;
    }

    public Dataset<T> rows() {
      return rows;
    }

    @Override
    public void close() {
      if (rows instanceof org.apache.spark.sql.classic.Dataset<T> d
          && d.logicalPlan() instanceof LogicalRDD plan) {
        plan.rdd().unpersist(false);
      }
    }
  }

  /**
   * Computes {@code query} now, once, into blocks of {@link #MATERIALIZED} storage, and returns the
   * stored rows (see {@link Materialized}).
   */
  public static <T> Materialized<T> materialize(Dataset<T> query) {
    return new Materialized<>(query.localCheckpoint(true, MATERIALIZED));
  }

  /**
   * Materialized rows that are released together: {@link #materialize} them within a
   * try-with-resources block. Materialized rows also cut the query plans of what is computed from
   * them short: a plan built on several cached queries carries each one's whole plan, and Spark
   * plans it again at every stage (a gold step of thirty such queries spent a minute planning).
   */
  public static final class Scope implements AutoCloseable {
    private final List<Materialized<?>> held = new ArrayList<>();

    public <T> Dataset<T> materialize(Dataset<T> query) {
      Materialized<T> m = Sessions.materialize(query);
      held.add(m);
      return m.rows();
    }

    @Override
    public void close() {
      held.forEach(Materialized::close);
      held.clear();
    }
  }

  /**
   * Storage of materialized rows: Spark's compact binary rows as they are (serializing them again
   * would only copy them), spilled to local disk when they do not fit in memory.
   */
  public static final StorageLevel MATERIALIZED = StorageLevel.MEMORY_AND_DISK();

  /** Settings taken back when closed; closing cannot fail. */
  public interface Restore extends AutoCloseable {
    @Override
    void close();
  }

  private static final Map<String, String> INTERPRETED =
      Map.of(
          "spark.sql.codegen.wholeStage", "false", "spark.sql.codegen.factoryMode", "NO_CODEGEN");

  /**
   * Turns Spark's code generation off for this session until the returned handle is closed, which
   * restores the settings as they were (closing twice is harmless). For work whose queries are many
   * and small: compiling each plan costs more than interpreting its rows.
   */
  public static Restore interpreted(SparkSession spark) {
    return withConf(spark, INTERPRETED);
  }

  /**
   * Sets {@code key} to {@code value} until the returned handle is closed (see {@link #withConf}).
   */
  public static Restore withConf(SparkSession spark, String key, String value) {
    return withConf(spark, Map.of(key, value));
  }

  /**
   * Sets the session's {@code settings} until the returned handle is closed, which restores them as
   * they were (closing twice is harmless).
   */
  public static Restore withConf(SparkSession spark, Map<String, String> settings) {
    var conf = spark.conf();
    Map<String, String> before = new HashMap<>();
    settings.forEach(
        (k, v) -> {
          before.put(k, conf.getOption(k).getOrElse(() -> null));
          conf.set(k, v);
        });
    return () ->
        before.forEach(
            (k, v) -> {
              if (v == null) {
                conf.unset(k);
              } else {
                conf.set(k, v);
              }
            });
  }
}
