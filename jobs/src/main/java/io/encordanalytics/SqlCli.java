package io.encordanalytics;

import io.encordanalytics.config.Settings;
import io.encordanalytics.io.Warehouse;
import io.encordanalytics.spark.Sessions;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Runs one Spark SQL statement against the warehouse and prints the result as CSV (header row, RFC
 * 4180 quoting, null as an empty field) on stdout; everything else goes to stderr. Used by {@code
 * scripts/sql.sh}.
 */
public final class SqlCli {
  private SqlCli() {}

  public static void main(String[] args) {
    CommandLine cli = CommandLine.parse(args);
    if (cli.positional().size() != 1) {
      System.err.println("usage: sql.sh [--warehouse DIR] [--config FILE] \"SQL\"");
      System.exit(2);
    }
    Settings settings = cli.settings();
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    SparkSession spark = Sessions.create(settings);
    int exit = 0;
    try {
      Warehouse wh = new Warehouse(spark, settings);
      String sql = cli.positional().get(0);
      wh.registerReferenced(sql);
      Dataset<Row> result = spark.sql(sql);
      printCsv(result, out);
    } catch (Exception e) {
      System.err.println("sql.sh: " + e.getMessage());
      exit = 1;
    } finally {
      out.flush();
    }
    // Nothing to clean up in a read-only session: exiting directly saves seconds per call.
    System.exit(exit);
  }

  /** Prints rows as CSV; complex values as JSON, timestamps in the session time zone (UTC). */
  static void printCsv(Dataset<Row> df, PrintStream out) {
    StructType schema = df.schema();
    List<Column> cols = new ArrayList<>();
    List<String> header = new ArrayList<>();
    for (StructField f : schema.fields()) {
      Column c = functions.col("`" + f.name().replace("`", "``") + "`");
      boolean complex =
          f.dataType() instanceof StructType
              || f.dataType() instanceof ArrayType
              || f.dataType() instanceof MapType;
      cols.add((complex ? functions.to_json(c) : c.cast("string")).as("c" + cols.size()));
      header.add(csv(f.name()));
    }
    out.println(String.join(",", header));
    Iterator<Row> it = df.select(cols.toArray(Column[]::new)).toLocalIterator();
    while (it.hasNext()) {
      Row r = it.next();
      List<String> fields = new ArrayList<>(r.size());
      for (int i = 0; i < r.size(); i++) {
        fields.add(r.isNullAt(i) ? "" : csv(r.getString(i)));
      }
      out.println(String.join(",", fields));
    }
  }

  static String csv(String s) {
    if (s.indexOf(',') >= 0
        || s.indexOf('"') >= 0
        || s.indexOf('\n') >= 0
        || s.indexOf('\r') >= 0) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }
}
