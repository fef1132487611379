package io.encordanalytics.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import io.encordanalytics.model.InputFile;
import io.encordanalytics.model.ParsedRecord;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read edge of ingestion: turns a list of input files into a Dataset of parsed records, one
 * Spark task per group of files, each file streamed by {@link LogFileReader} on the executor.
 */
public final class FileSource {
  private static final Logger LOG = LoggerFactory.getLogger(FileSource.class);

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
            new Iterator<ParsedRecord>() {
              private final Iterator<InputFile> next = group.iterator();
              private Iterator<ParsedRecord> current = Collections.emptyIterator();

              /** The file being read; null once it was checked against its listing. */
              private InputFile reading;

              /** Whether the file being read turned out not to be readable (one record says so). */
              private boolean notRead;

              @Override
              public boolean hasNext() {
                var hadoop = conf.value().value();
                while (!current.hasNext()) {
                  if (reading != null) {
                    InputFile done = reading;
                    reading = null;
                    ParsedRecord changed =
                        notRead ? null : changedSinceListing(done, hadoop, reader);
                    if (changed != null) {
                      current = List.of(changed).iterator();
                      continue;
                    }
                  }
                  if (!next.hasNext()) {
                    return false;
                  }
                  InputFile f = next.next();
                  Path p = new Path(f.getPath());
                  reading = f;
                  notRead = false;
                  current =
                      reader.read(
                          () -> p.getFileSystem(hadoop).open(p), f.getPath(), f.getFileOrder());
                }
                return true;
              }

              @Override
              public ParsedRecord next() {
                if (!hasNext()) {
                  throw new NoSuchElementException();
                }
                ParsedRecord r = current.next();
                notRead |= reading != null && isNotRead(r);
                return r;
              }
            };
    var rdd =
        JavaSparkContext.fromSparkContext(spark.sparkContext())
            .parallelize(groups, Math.max(1, groups.size()))
            .flatMap(parse);
    return spark.createDataset(rdd.rdd(), Encoders.bean(ParsedRecord.class));
  }

  /**
   * The one record that says a file changed between its listing and the end of its reading (its
   * size or modification time differs now), or null when it did not. A file gone by now was read
   * whole before it went: not a change.
   */
  static ParsedRecord changedSinceListing(InputFile f, Configuration hadoop, LogFileReader reader) {
    Path p = new Path(f.getPath());
    FileStatus now;
    try {
      now = p.getFileSystem(hadoop).getFileStatus(p);
    } catch (FileNotFoundException gone) {
      return null;
    } catch (IOException e) {
      // A storage failure, as when reading: the task fails and Spark retries it.
      throw new UncheckedIOException("cannot check " + f.getPath(), e);
    }
    if (now.getLen() == f.getSize() && now.getModificationTime() == f.getModificationTime()) {
      return null;
    }
    return reader.notRead(
        f.getPath(),
        f.getFileOrder(),
        String.format(
            Locale.ROOT,
            "%s: listed with %d bytes modified at %s, %d bytes modified at %s when read; none"
                + " of its records are stored tonight and the next night reads it whole",
            LogFileReader.CHANGED,
            f.getSize(),
            Instant.ofEpochMilli(f.getModificationTime()),
            now.getLen(),
            Instant.ofEpochMilli(now.getModificationTime())));
  }

  private static boolean isNotRead(ParsedRecord r) {
    if (r.getReason() == null || r.getRecordIndex() == null || r.getRecordIndex() != 0) {
      return false;
    }
    for (String why : LogFileReader.NOT_READ) {
      if (r.getReason().startsWith(why)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The records of every file that did not change while it was read, and the one record of each
   * that did ({@link LogFileReader#CHANGED}): such a file is not ingested that night, so nothing of
   * a half-replaced or half-written file is stored. Runs one Spark job over {@code records} (cache
   * them first); returns {@code records} itself when no file changed.
   */
  public static Dataset<ParsedRecord> withoutChangedFiles(Dataset<ParsedRecord> records) {
    Column marker = col("reason").startsWith(LogFileReader.CHANGED);
    List<String> changed =
        records
            .filter(marker)
            .select("sourceFile")
            .distinct()
            .as(Encoders.STRING())
            .collectAsList();
    if (changed.isEmpty()) {
      return records;
    }
    return records.filter(marker.or(not(col("sourceFile").isin(changed.toArray()))));
  }

  /**
   * The files that were not read ({@link LogFileReader#NOT_READ}: vanished, changed while read, not
   * readable), each with that reason; they stay out of the file ledger, so the next night reads
   * them. One Spark job over {@code records}.
   */
  public static Map<String, String> notRead(Dataset<ParsedRecord> records) {
    Column any = lit(false);
    for (String why : LogFileReader.NOT_READ) {
      any = any.or(col("reason").startsWith(why));
    }
    Map<String, String> out = new TreeMap<>();
    for (Row r :
        records
            .filter(any.and(col("recordIndex").equalTo(0)))
            .select("sourceFile", "reason")
            .collectAsList()) {
      for (String why : LogFileReader.NOT_READ) {
        if (r.getString(1).startsWith(why)) {
          out.put(r.getString(0), why);
        }
      }
    }
    if (!out.isEmpty()) {
      LOG.warn("{} file(s) not read tonight, left for the next night: {}", out.size(), out);
    }
    return out;
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
