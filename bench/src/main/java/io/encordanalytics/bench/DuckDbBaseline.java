package io.encordanalytics.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The DuckDB baseline of the benchmark: the contract's six gold tables computed by DuckDB (in
 * process, in memory) straight from the JSON Lines exports under an input directory, each written
 * to {@code <out>/<table>.parquet}. The SQL is {@code gold.sql} beside this class.
 *
 * <pre>
 *   DuckDbBaseline INPUT_DIR OUT_DIR [THREADS]     (THREADS defaults to 2)
 * </pre>
 *
 * Prints {@code seconds=S} (from opening the database to the last Parquet file) on stdout and the
 * row count of each table on stderr. Re-running overwrites the Parquet files.
 */
public final class DuckDbBaseline {

  /** The gold tables written, in the order gold.sql writes them. */
  public static final List<String> TABLES =
      List.of(
          "annotator_daily_activity",
          "review_outcomes_daily",
          "reviewer_daily_decisions",
          "consensus_units",
          "annotator_consensus_daily",
          "playback_incidents_daily");

  /** Defaults of reference.conf: metrics.idle-timeout, metrics.episode-gap, ingest years. */
  static final long IDLE_TIMEOUT_MS = 300_000L;

  static final long EPISODE_GAP_MS = 10_000L;
  static final int MIN_YEAR = 2000;
  static final int MAX_YEAR = 2100;

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)}");

  private DuckDbBaseline() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2 || args.length > 3) {
      System.err.println("usage: DuckDbBaseline INPUT_DIR OUT_DIR [THREADS]");
      System.exit(2);
    }
    Path input = Path.of(args[0]);
    Path out = Path.of(args[1]);
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    long t0 = System.nanoTime();
    Map<String, Long> counts = run(input, out, threads);
    double seconds = (System.nanoTime() - t0) / 1e9;
    counts.forEach((t, n) -> System.err.printf(Locale.ROOT, "duckdb: %-26s %d rows%n", t, n));
    System.out.printf(Locale.ROOT, "seconds=%.3f%n", seconds);
  }

  /**
   * Computes every gold table of the files under {@code input} into {@code out}; returns the row
   * count of each table.
   */
  public static Map<String, Long> run(Path input, Path out, int threads)
      throws IOException, SQLException {
    List<Path> files = inputFiles(input);
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no .jsonl/.ndjson/.json files under " + input);
    }
    Files.createDirectories(out);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("threads", Integer.toString(threads));
    params.put("files", sqlList(files));
    params.put("out", out.toAbsolutePath().toString().replace("'", "''"));
    params.put("idle_us", Long.toString(IDLE_TIMEOUT_MS * 1000L));
    params.put("gap_us", Long.toString(EPISODE_GAP_MS * 1000L));
    params.put("min_year", Integer.toString(MIN_YEAR));
    params.put("max_year", Integer.toString(MAX_YEAR));
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      for (String sql : statements(render(goldSql(), params))) {
        s.execute(sql);
      }
      for (String table : TABLES) {
        String file = out.resolve(table + ".parquet").toAbsolutePath().toString();
        try (ResultSet r =
            s.executeQuery(
                "SELECT count(*) FROM read_parquet('" + file.replace("'", "''") + "')")) {
          r.next();
          counts.put(table, r.getLong(1));
        }
      }
    }
    return counts;
  }

  /** Every JSON Lines file under {@code root} in path order, hidden ones ({@code .x, _x}) aside. */
  static List<Path> inputFiles(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> !hidden(root, p))
          .filter(
              p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json");
              })
          .sorted()
          .collect(Collectors.toList());
    }
  }

  private static boolean hidden(Path root, Path p) {
    for (Path part : root.relativize(p)) {
      String n = part.toString();
      if (n.startsWith(".") || n.startsWith("_")) {
        return true;
      }
    }
    return false;
  }

  private static String sqlList(List<Path> files) {
    return files.stream()
        .map(p -> "'" + p.toAbsolutePath().toString().replace("'", "''") + "'")
        .collect(Collectors.joining(", ", "[", "]"));
  }

  static String goldSql() {
    try (InputStream in = DuckDbBaseline.class.getResourceAsStream("gold.sql")) {
      if (in == null) {
        throw new IllegalStateException("gold.sql missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces every {@code ${name}}; an unknown name is an error, not an empty string. */
  static String render(String sql, Map<String, String> params) {
    Matcher m = PLACEHOLDER.matcher(sql);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String v = params.get(m.group(1));
      if (v == null) {
        throw new IllegalArgumentException("no value for ${" + m.group(1) + "} in gold.sql");
      }
      m.appendReplacement(b, Matcher.quoteReplacement(v));
    }
    m.appendTail(b);
    return b.toString();
  }

  /** Splits the script at every ';' that ends a line; comment-only pieces are dropped. */
  static List<String> statements(String script) {
    List<String> out = new ArrayList<>();
    for (String piece : script.split(";[ \\t]*\\R")) {
      boolean code =
          piece
              .lines()
              .map(String::strip)
              .anyMatch(line -> !line.isEmpty() && !line.startsWith("--"));
      if (code) {
        out.add(piece.strip());
      }
    }
    return out;
  }
}
