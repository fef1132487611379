import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.Trigger;

/**
 * What Spark's incremental file source and Delta's idempotent writes cost on the benchmark's
 * inputs, measured for issue #15's decision (docs/benchmarks.md, "Spark's incremental file source
 * and Delta's idempotent writes"). Run by scripts/eval-incremental-source.sh.
 *
 * <pre>
 *   IncrementalSource INPUT_DIR WORK_DIR [NEW_FILES_DIR]
 * </pre>
 *
 * 1. Structured Streaming's file source (text, every file under INPUT_DIR) run as a batch with
 *    Trigger.AvailableNow, its checkpoint in WORK_DIR: a first run over every file, a run with
 *    nothing new, and (with NEW_FILES_DIR, copied into INPUT_DIR) a run with new files.
 * 2. Delta's idempotent writes: the same 1,000 rows appended with txnAppId/txnVersion, replayed
 *    with the same pair, and appended without them.
 * Prints one line per measurement: name=value (ms, rows, files).
 */
public class IncrementalSource {
  public static void main(String[] args) throws Exception {
    Path input = Path.of(args[0]);
    Path work = Path.of(args[1]);
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("incremental-source-eval")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "2")
            // As the job sets it: state reconstruction of small Delta logs in 2 tasks, not 50.
            .config("spark.databricks.delta.snapshotPartitions", "2")
            // As the job: local files without a process per file status.
            .config("spark.hadoop.fs.file.impl", "io.encordanalytics.io.NioLocalFileSystem")
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config(
                "spark.sql.catalog.spark_catalog",
                "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    String checkpoint = work.resolve("checkpoint").toUri().toString();

    run(spark, input, checkpoint, "stream_first_run");
    run(spark, input, checkpoint, "stream_noop_run");
    if (args.length > 2) {
      Path fresh = Path.of(args[2]);
      try (Stream<Path> files = Files.walk(fresh)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          Path to = input.resolve(fresh.relativize(f));
          Files.createDirectories(to.getParent());
          Files.copy(f, to);
        }
      }
      run(spark, input, checkpoint, "stream_new_files_run");
    }
    try (Stream<Path> log = Files.list(work.resolve("checkpoint").resolve("sources").resolve("0"))) {
      long bytes = 0;
      long entries = 0;
      for (Path p : log.toList()) {
        bytes += Files.size(p);
        entries++;
      }
      System.out.println("stream_source_log_files=" + entries + " stream_source_log_bytes=" + bytes);
    }

    // Delta's idempotent writes.
    String table = work.resolve("txn-table").toUri().toString();
    Dataset<Row> rows = spark.range(1000).toDF("id");
    rows.write().format("delta").save(table); // created, and warmed up
    for (int i = 0; i < 3; i++) {
      long t0 = System.nanoTime();
      rows.write().format("delta").mode("append").save(table);
      System.out.println("delta_append_ms=" + ms(t0));
    }
    for (int v = 1; v <= 3; v++) {
      long t0 = System.nanoTime();
      rows.write()
          .format("delta")
          .mode("append")
          .option("txnAppId", "night")
          .option("txnVersion", v)
          .save(table);
      System.out.println("delta_append_with_txn_ms=" + ms(t0));
    }
    long before = spark.read().format("delta").load(table).count();
    long t0 = System.nanoTime();
    rows.write()
        .format("delta")
        .mode("append")
        .option("txnAppId", "night")
        .option("txnVersion", 3)
        .save(table);
    long replayMs = ms(t0);
    long after = spark.read().format("delta").load(table).count();
    System.out.println(
        "delta_replayed_txn_ms=" + replayMs + " rows_before=" + before + " rows_after=" + after);
    spark.stop();
  }

  private static void run(SparkSession spark, Path input, String checkpoint, String name)
      throws Exception {
    AtomicLong rows = new AtomicLong();
    AtomicLong batches = new AtomicLong();
    long t0 = System.nanoTime();
    VoidFunction2<Dataset<Row>, Long> count =
        (batch, id) -> {
          rows.addAndGet(batch.count());
          batches.incrementAndGet();
        };
    spark
        .readStream()
        .format("text")
        .option("recursiveFileLookup", "true")
        .option("maxFilesPerTrigger", "100000")
        .load(input.toUri().toString())
        .writeStream()
        .foreachBatch(count)
        .trigger(Trigger.AvailableNow())
        .option("checkpointLocation", checkpoint)
        .start()
        .awaitTermination();
    System.out.println(
        name + "_ms=" + ms(t0) + " " + name + "_lines=" + rows.get() + " batches=" + batches.get());
  }

  private static long ms(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }
}
