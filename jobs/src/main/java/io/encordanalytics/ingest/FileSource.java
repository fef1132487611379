package io.encordanalytics.ingest;

import io.encordanalytics.model.InputFile;
import io.encordanalytics.model.ParsedRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

/**
 * The read edge of ingestion: turns a list of input files into a Dataset of parsed records, one
 * Spark task per group of files, each file streamed by {@link LogFileReader} on the executor.
 */
public final class FileSource {
  private FileSource() {}

  /** Default input bytes per read task (the default of {@code encord.ingest.partition-size}). */
  public static final long DEFAULT_PARTITION_BYTES = 64L << 20;

  /** How much larger than its size a compressed file is counted when packing. */
  static final int GZIP_WEIGHT = 8;

  public static Dataset<ParsedRecord> read(
      SparkSession spark, List<InputFile> files, LogFileReader reader) {
    return read(spark, files, reader, DEFAULT_PARTITION_BYTES);
  }

  /**
   * Parsed records of {@code files}, read in tasks of about {@code partitionBytes} of input each
   * (see {@link #pack}).
   */
  public static Dataset<ParsedRecord> read(
      SparkSession spark, List<InputFile> files, LogFileReader reader, long partitionBytes) {
    Broadcast<SerializableConfiguration> conf =
        spark
            .sparkContext()
            .broadcast(
                new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()),
                scala.reflect.ClassTag$.MODULE$.apply(SerializableConfiguration.class));
    List<ArrayList<InputFile>> groups =
        pack(files, partitionBytes, spark.sparkContext().defaultParallelism());
    // One file after the other, each streamed: never more than a record of a file in flight.
    FlatMapFunction<ArrayList<InputFile>, ParsedRecord> parse =
        group ->
            new java.util.Iterator<ParsedRecord>() {
              private final java.util.Iterator<InputFile> next = group.iterator();
              private java.util.Iterator<ParsedRecord> current =
                  java.util.Collections.emptyIterator();

              @Override
              public boolean hasNext() {
                while (!current.hasNext() && next.hasNext()) {
                  InputFile f = next.next();
                  Path p = new Path(f.getPath());
                  var hadoop = conf.value().value();
                  current =
                      reader.read(
                          () -> p.getFileSystem(hadoop).open(p), f.getPath(), f.getFileOrder());
                }
                return current.hasNext();
              }

              @Override
              public ParsedRecord next() {
                if (!hasNext()) {
                  throw new java.util.NoSuchElementException();
                }
                return current.next();
              }
            };
    var rdd =
        JavaSparkContext.fromSparkContext(spark.sparkContext())
            .parallelize(groups, Math.max(1, groups.size()))
            .flatMap(parse);
    return spark.createDataset(rdd.rdd(), Encoders.bean(ParsedRecord.class));
  }

  /**
   * Groups files into read tasks: largest first, each into the currently lightest group, with as
   * many groups as it takes for none to exceed {@code partitionBytes} on average and at least
   * {@code minGroups} (while there are files) so that every core has work. A {@code .gz} file
   * weighs {@link #GZIP_WEIGHT} times its size; a file larger than {@code partitionBytes} is a
   * group of its own (files are not split).
   */
  static List<ArrayList<InputFile>> pack(
      List<InputFile> files, long partitionBytes, int minGroups) {
    long total = 0;
    for (InputFile f : files) {
      total += weight(f);
    }
    int n =
        (int)
            Math.min(
                files.size(),
                Math.max(
                    (long) Math.max(1, minGroups), (total + partitionBytes - 1) / partitionBytes));
    List<ArrayList<InputFile>> groups = new ArrayList<>();
    long[] load = new long[n];
    for (int i = 0; i < n; i++) {
      groups.add(new ArrayList<>());
    }
    List<InputFile> bySize = new ArrayList<>(files);
    bySize.sort(Comparator.comparingLong(FileSource::weight).reversed());
    for (InputFile f : bySize) {
      int lightest = 0;
      for (int i = 1; i < n; i++) {
        if (load[i] < load[lightest]) {
          lightest = i;
        }
      }
      groups.get(lightest).add(f);
      load[lightest] += weight(f);
    }
    return groups;
  }

  private static long weight(InputFile f) {
    long size = f.getSize() == null ? 0 : f.getSize();
    return f.getPath().endsWith(".gz") ? size * GZIP_WEIGHT : size;
  }
}
