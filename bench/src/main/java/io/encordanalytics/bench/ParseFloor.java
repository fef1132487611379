package io.encordanalytics.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The floor of the benchmark: a bare Jackson streaming parse of the same bytes the pipeline reads,
 * no Spark, no objects built. Every line of every JSON Lines file under the input directory is
 * parsed token by token; every field name and every scalar value is read (as text or number), so
 * the parser does all the decoding work a reader must do. A line that is not valid JSON counts as
 * bad and parsing goes on with the next line, as the pipeline does.
 *
 * <pre>
 *   ParseFloor INPUT_DIR [THREADS]      (THREADS defaults to 2)
 * </pre>
 *
 * Files are split between the threads by size (largest first, each to the least loaded thread).
 * Prints {@code seconds=S bytes=B lines=L bad_lines=X tokens=T fields=F} on stdout.
 */
public final class ParseFloor {
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
          .build();

  private ParseFloor() {}

  /** What one parse saw. */
  public static final class Counts {
    public long bytes;
    public long lines;
    public long badLines;
    public long tokens;
    public long fields;

    /** Folds the values read into one number, so the JIT cannot drop the reads. */
    public long checksum;

    void add(Counts o) {
      bytes += o.bytes;
      lines += o.lines;
      badLines += o.badLines;
      tokens += o.tokens;
      fields += o.fields;
      checksum += o.checksum;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "bytes=%d lines=%d bad_lines=%d tokens=%d fields=%d",
          bytes,
          lines,
          badLines,
          tokens,
          fields);
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: ParseFloor INPUT_DIR [THREADS]");
      System.exit(2);
    }
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    long t0 = System.nanoTime();
    Counts c = parseAll(DuckDbBaseline.inputFiles(Path.of(args[0])), threads);
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "seconds=%.3f %s%n", seconds, c);
  }

  /** Parses {@code files} on {@code threads} threads and adds up what they saw. */
  public static Counts parseAll(List<Path> files, int threads) throws Exception {
    List<List<Path>> shares = split(files, threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Counts>> futures = new ArrayList<>();
      for (List<Path> share : shares) {
        futures.add(
            pool.submit(
                () -> {
                  Counts c = new Counts();
                  for (Path f : share) {
                    c.add(parseFile(f));
                  }
                  return c;
                }));
      }
      Counts total = new Counts();
      for (Future<Counts> f : futures) {
        total.add(f.get());
      }
      return total;
    } finally {
      pool.shutdown();
    }
  }

  /** Largest file first, each to the share with the fewest bytes so far. */
  static List<List<Path>> split(List<Path> files, int n) {
    List<List<Path>> shares = new ArrayList<>();
    long[] load = new long[n];
    for (int i = 0; i < n; i++) {
      shares.add(new ArrayList<>());
    }
    List<Path> bySize = new ArrayList<>(files);
    bySize.sort(Comparator.comparingLong(ParseFloor::size).reversed());
    for (Path f : bySize) {
      int min = 0;
      for (int i = 1; i < n; i++) {
        if (load[i] < load[min]) {
          min = i;
        }
      }
      shares.get(min).add(f);
      load[min] += size(f);
    }
    return shares;
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses one JSON Lines file line by line. */
  public static Counts parseFile(Path file) throws IOException {
    Counts c = new Counts();
    byte[] buf = new byte[1 << 20];
    int start = 0;
    int end = 0;
    try (InputStream in = Files.newInputStream(file)) {
      while (true) {
        int nl = indexOf(buf, start, end, (byte) '\n');
        if (nl >= 0) {
          parseLine(buf, start, nl - start, c);
          start = nl + 1;
          continue;
        }
        // No full line left in the buffer: keep the partial line, make room, read more.
        if (start > 0) {
          System.arraycopy(buf, start, buf, 0, end - start);
          end -= start;
          start = 0;
        }
        if (end == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
          if (end > start) {
            parseLine(buf, start, end - start, c);
          }
          break;
        }
        c.bytes += n;
        end += n;
      }
    }
    return c;
  }

  private static int indexOf(byte[] b, int from, int to, byte x) {
    for (int i = from; i < to; i++) {
      if (b[i] == x) {
        return i;
      }
    }
    return -1;
  }

  static void parseLine(byte[] buf, int off, int len, Counts c) {
    int end = off + len;
    while (off < end && isSpace(buf[off])) {
      off++;
    }
    if (off == end) {
      return;
    }
    c.lines++;
    try (JsonParser p = FACTORY.createParser(buf, off, end - off)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        c.tokens++;
        switch (t) {
          case FIELD_NAME -> {
            c.fields++;
            c.checksum += p.currentName().length();
          }
          case VALUE_STRING -> c.checksum += p.getText().length();
          case VALUE_NUMBER_INT -> c.checksum += p.getLongValue();
          case VALUE_NUMBER_FLOAT -> c.checksum += (long) p.getDoubleValue();
          case VALUE_TRUE -> c.checksum++;
          default -> {}
        }
      }
    } catch (IOException e) {
      c.badLines++;
    }
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\r';
  }
}
