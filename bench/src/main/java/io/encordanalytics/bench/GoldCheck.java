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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the DuckDB baseline's gold tables with the pipeline's: row counts and column totals per
 * table ({@code totals.sql} beside this class, one query that runs unchanged in Spark SQL and in
 * DuckDB).
 *
 * <pre>
 *   GoldCheck sql                      prints the totals query (for scripts/sql.sh)
 *   GoldCheck compare PARQUET_DIR CSV  CSV: the pipeline's totals as scripts/sql.sh prints them;
 *                                      prints one line per total and exits 1 on any mismatch
 * </pre>
 */
public final class GoldCheck {
  /**
   * Counts and sums of integers must be equal; sums of rates may differ in the last bits with the
   * summation order.
   */
  static final double RELATIVE_TOLERANCE = 1e-9;

  private GoldCheck() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 1 && args[0].equals("sql")) {
      System.out.println(totalsSql());
      return;
    }
    if (args.length != 3 || !args[0].equals("compare")) {
      System.err.println(
          "usage: GoldCheck sql | GoldCheck compare PARQUET_DIR PIPELINE_TOTALS_CSV");
      System.exit(2);
    }
    Map<String, Double> duck = duckDbTotals(Path.of(args[1]));
    Map<String, Double> pipeline = parseCsv(Files.readAllLines(Path.of(args[2])));
    int mismatches = 0;
    Set<String> keys = new TreeSet<>(pipeline.keySet());
    keys.addAll(duck.keySet());
    for (String key : keys) {
      Double p = pipeline.get(key);
      Double d = duck.get(key);
      boolean ok = same(p, d);
      if (!ok) {
        mismatches++;
      }
      System.out.printf(
          Locale.ROOT, "%-4s %-52s pipeline=%s duckdb=%s%n", ok ? "ok" : "DIFF", key, p, d);
    }
    System.out.printf(
        Locale.ROOT, "gold_check: %d totals, %d mismatches%n", keys.size(), mismatches);
    if (mismatches > 0) {
      System.exit(1);
    }
  }

  static boolean same(Double a, Double b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a == Math.rint(a) && b == Math.rint(b)) {
      return a.equals(b);
    }
    return Math.abs(a - b)
        <= RELATIVE_TOLERANCE * Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
  }

  static String totalsSql() {
    try (InputStream in = GoldCheck.class.getResourceAsStream("totals.sql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code table.metric -> value} of the CSV that scripts/sql.sh prints (header first). */
  static Map<String, Double> parseCsv(List<String> lines) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(",", -1);
      out.put(f[0] + "." + f[1], f[2].isEmpty() ? null : Double.valueOf(f[2]));
    }
    return out;
  }

  /** The totals of the Parquet files {@link DuckDbBaseline} wrote. */
  static Map<String, Double> duckDbTotals(Path parquetDir) throws SQLException {
    Map<String, Double> out = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("SET TimeZone = 'UTC'");
      s.execute("CREATE SCHEMA encord_gold");
      s.execute("CREATE MACRO unix_timestamp(t) AS CAST(floor(epoch(t)) AS BIGINT)");
      for (String table : DuckDbBaseline.TABLES) {
        String file = parquetDir.resolve(table + ".parquet").toAbsolutePath().toString();
        s.execute(
            "CREATE VIEW encord_gold."
                + table
                + " AS SELECT * FROM read_parquet('"
                + file.replace("'", "''")
                + "')");
      }
      try (ResultSet r = s.executeQuery(totalsSql())) {
        while (r.next()) {
          double v = r.getDouble(3);
          out.put(r.getString(1) + "." + r.getString(2), r.wasNull() ? null : v);
        }
      }
    }
    return out;
  }
}
