package io.encordanalytics.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.encordanalytics.model.InputFile;
import io.encordanalytics.model.ParsedRecord;
import io.encordanalytics.spark.EventDates;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.AccessControlException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read edge of ingestion: turns a list of input files into a Dataset of parsed records, one
 * Spark task per group of files, each file streamed by {@link LogFileReader} on the executor. A
 * JSON Lines file larger than a task's share is read in byte ranges by several tasks ({@link
 * LineRanges}), with the same records as when one task reads it whole.
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
    List<ArrayList<Piece>> groups =
        pack(
            pieces(spark, files, partitionBytes, conf),
            Piece::weight,
            partitionBytes,
            spark.sparkContext().defaultParallelism());
    // One file after the other, each streamed: never more than a record of a file in flight.
    FlatMapFunction<ArrayList<Piece>, ParsedRecord> parse =
        group ->
            new Iterator<ParsedRecord>() {
              private final Iterator<Piece> next = group.iterator();
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
                  Piece piece = next.next();
                  InputFile f = piece.file;
                  LogFileReader.Opener opener = opener(f.getPath(), conf);
                  reading = f;
                  notRead = false;
                  current =
                      piece.whole()
                          ? reader.read(opener, f.getPath(), f.getFileOrder())
                          : reader.readRange(
                              opener,
                              f.getPath(),
                              f.getFileOrder(),
                              piece.start,
                              piece.end,
                              piece.breaksBefore);
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

  /** Opens a file of the job's storage on an executor; seeks instead of skipping. */
  private static LogFileReader.Opener opener(
      String path, Broadcast<SerializableConfiguration> conf) {
    return new LogFileReader.Opener() {
      @Override
      public InputStream open() throws IOException {
        Path p = new Path(path);
        return p.getFileSystem(conf.value().value()).open(p);
      }

      @Override
      public InputStream openAt(long position) throws IOException {
        Path p = new Path(path);
        FSDataInputStream in = p.getFileSystem(conf.value().value()).open(p);
        try {
          in.seek(position);
        } catch (IOException e) {
          in.close();
          throw e;
        }
        return in;
      }
    };
  }

  /**
   * What one read task reads of a file: the whole file, or the lines that start in the byte range
   * {@code [start, end)} of a JSON Lines file, after {@code breaksBefore} line breaks.
   */
  static final class Piece implements Serializable {
    private static final long serialVersionUID = 1L;

    final InputFile file;
    final long start;
    final long end;
    final long breaksBefore;

    Piece(InputFile file, long start, long end, long breaksBefore) {
      this.file = file;
      this.start = start;
      this.end = end;
      this.breaksBefore = breaksBefore;
    }

    static Piece whole(InputFile file) {
      return new Piece(file, 0, -1, 0);
    }

    boolean whole() {
      return end < 0;
    }

    long weight() {
      return whole() ? FileSource.weight(file) : end - start;
    }
  }

  /** A byte range of a file read in ranges; {@code last} at the file's end. */
  private record Span(InputFile file, long start, long end, boolean last) implements Serializable {}

  /**
   * The pieces the files are read in: every file whole, except a JSON Lines file larger than {@code
   * partitionBytes} ({@link LogFileReader#splittable}), which is cut into byte ranges of about that
   * size. The line breaks of each range but a file's last are counted first, by one Spark job over
   * those ranges (a fast scan for two bytes, side by side), so that each range knows the number of
   * the lines it reads. A file that cannot be opened here is read whole (its task then says why).
   */
  static List<Piece> pieces(
      SparkSession spark,
      List<InputFile> files,
      long partitionBytes,
      Broadcast<SerializableConfiguration> conf) {
    List<Piece> out = new ArrayList<>();
    List<Span> ranges = new ArrayList<>();
    int splitFiles = 0;
    for (InputFile f : files) {
      long size = f.getSize() == null ? 0 : f.getSize();
      if (size <= partitionBytes || f.getPath().endsWith(".gz") || !splittable(f, conf)) {
        out.add(Piece.whole(f));
        continue;
      }
      int n = (int) Math.min(Integer.MAX_VALUE, (size + partitionBytes - 1) / partitionBytes);
      splitFiles++;
      for (int i = 0; i < n; i++) {
        ranges.add(new Span(f, size * i / n, size * (i + 1) / n, i == n - 1));
      }
    }
    if (splitFiles == 0) {
      return out;
    }
    // Breaks in each range but the last of its file; the ranges in order, so a running sum per file
    // gives the breaks before each range.
    List<Span> counted = ranges.stream().filter(r -> !r.last()).toList();
    List<Long> breaks =
        counted.isEmpty()
            ? List.of()
            : JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(counted, counted.size())
                .map(
                    r -> {
                      LogFileReader.Opener o = opener(r.file().getPath(), conf);
                      try {
                        return LineRanges.breaks(o.openAt(r.start()), r.end() - r.start());
                      } catch (FileNotFoundException
                          | EOFException
                          | AccessDeniedException
                          | AccessControlException notReadable) {
                        // The file vanished, shrank or became unreadable since its listing: its
                        // ranges say so when they are read, and none of its records is kept
                        // tonight. (Any other failure of the storage fails the task, which Spark
                        // retries.)
                        return 0L;
                      }
                    })
                .collect();
    Iterator<Long> counts = breaks.iterator();
    long before = 0;
    for (Span r : ranges) {
      out.add(new Piece(r.file(), r.start(), r.end(), before));
      before = r.last() ? 0 : before + counts.next();
    }
    LOG.info(
        "{} JSON Lines file(s) larger than {} bytes read in {} byte ranges",
        splitFiles,
        partitionBytes,
        ranges.size());
    return out;
  }

  /** Whether a file can be read in byte ranges; false when it cannot be opened here. */
  private static boolean splittable(InputFile f, Broadcast<SerializableConfiguration> conf) {
    try {
      return LogFileReader.splittable(opener(f.getPath(), conf));
    } catch (IOException e) {
      return false;
    }
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
    return r.getRecordIndex() != null
        && r.getRecordIndex() == 0
        && LogFileReader.notReadReason(r.getReason()) != null;
  }

  /**
   * What a run needs to know of the records it read, counted by one Spark job.
   *
   * @param records the records read
   * @param quarantined those of them with a quarantine reason
   * @param dates the dates of the valid records' events
   * @param notRead the files that were not read ({@link LogFileReader#NOT_READ}: vanished, changed
   *     while read, not readable), each with that reason; they stay out of the file ledger, so the
   *     next night reads them
   */
  public record ReadCounts(
      long records, long quarantined, Set<LocalDate> dates, Map<String, String> notRead) {}

  /** Counts {@code records} (cache them first): one Spark job. */
  public static ReadCounts counts(Dataset<ParsedRecord> records) {
    // count(reason) counts the non-null reasons: the quarantined records.
    Row counts =
        records
            .agg(
                count(lit(1)),
                count(col("reason")),
                collect_set(when(notReadMarker(), struct(col("sourceFile"), col("reason")))),
                collect_set(when(col("reason").isNull(), col("event.eventDate"))))
            .first();
    // A file read in ranges may say it more than once; the first reason in order is the one kept
    // (withoutFilesNotRead).
    Map<String, String> firstReason = new TreeMap<>();
    for (Row marker : counts.<Row>getList(2)) {
      firstReason.merge(
          marker.getString(0), marker.getString(1), (a, b) -> a.compareTo(b) <= 0 ? a : b);
    }
    Map<String, String> notRead = new TreeMap<>();
    firstReason.forEach(
        (file, reason) -> {
          String why = LogFileReader.notReadReason(reason);
          if (why != null) {
            notRead.put(file, why);
          }
        });
    if (!notRead.isEmpty()) {
      LOG.warn("{} file(s) not read tonight, left for the next night: {}", notRead.size(), notRead);
    }
    Set<LocalDate> dates = new TreeSet<>();
    for (Object date : counts.getList(3)) {
      dates.add(EventDates.date(date));
    }
    return new ReadCounts(counts.getLong(0), counts.getLong(1), dates, notRead);
  }

  /**
   * The records of every file that was read whole, and for each file of {@code notRead} ({@link
   * ReadCounts#notRead}: changed while it was read, or gone or unreadable when one of its byte
   * ranges was opened) one record that says so: such a file is not ingested that night, so nothing
   * of a half-replaced or half-written file is stored, and the next night reads it whole. Returns
   * {@code records} itself when every file was read.
   */
  public static Dataset<ParsedRecord> withoutFilesNotRead(
      Dataset<ParsedRecord> records, Collection<String> notRead) {
    if (notRead.isEmpty()) {
      return records;
    }
    // Each range of a file read in ranges says it on its own: one record per file is kept, the
    // same whichever range's it is.
    Dataset<ParsedRecord> markers =
        records
            .filter(notReadMarker())
            .withColumn(
                "_n", row_number().over(Window.partitionBy("sourceFile").orderBy("reason", "raw")))
            .filter(col("_n").equalTo(1))
            .drop("_n")
            .as(Encoders.bean(ParsedRecord.class));
    return records.filter(not(col("sourceFile").isin(notRead.toArray()))).unionByName(markers);
  }

  /**
   * The records that stand for a file that was not read: a {@link LogFileReader#NOT_READ} reason.
   */
  private static Column notReadMarker() {
    Column any = lit(false);
    for (String why : LogFileReader.NOT_READ) {
      any = any.or(col("reason").startsWith(why));
    }
    return any.and(col("recordIndex").equalTo(0));
  }

  /**
   * Groups files into read tasks: largest first, each into the currently lightest group, with as
   * many groups as it takes for none to exceed {@code partitionBytes} on average and at least
   * {@code minGroups} (while there are files) so that every core has work. A {@code .gz} file
   * weighs {@link #GZIP_WEIGHT} times its size; a file larger than {@code partitionBytes} is a
   * group of its own (a JSON Lines file that large arrives here as byte ranges: {@link #pieces}).
   */
  static List<ArrayList<InputFile>> pack(
      List<InputFile> files, long partitionBytes, int minGroups) {
    return pack(files, FileSource::weight, partitionBytes, minGroups);
  }

  /** {@link #pack} of anything read, by its {@code weight}. */
  static <T> List<ArrayList<T>> pack(
      List<T> files, ToLongFunction<T> weight, long partitionBytes, int minGroups) {
    long total = 0;
    for (T f : files) {
      total += weight.applyAsLong(f);
    }
    int n =
        (int)
            Math.min(
                files.size(),
                Math.max(
                    (long) Math.max(1, minGroups), (total + partitionBytes - 1) / partitionBytes));
    List<ArrayList<T>> groups = new ArrayList<>();
    long[] load = new long[n];
    for (int i = 0; i < n; i++) {
      groups.add(new ArrayList<>());
    }
    List<T> bySize = new ArrayList<>(files);
    bySize.sort(Comparator.comparingLong(weight).reversed());
    for (T f : bySize) {
      int lightest = 0;
      for (int i = 1; i < n; i++) {
        if (load[i] < load[lightest]) {
          lightest = i;
        }
      }
      groups.get(lightest).add(f);
      load[lightest] += weight.applyAsLong(f);
    }
    return groups;
  }

  private static long weight(InputFile f) {
    long size = f.getSize() == null ? 0 : f.getSize();
    return f.getPath().endsWith(".gz") ? size * GZIP_WEIGHT : size;
  }
}
