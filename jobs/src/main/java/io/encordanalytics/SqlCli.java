package io.encordanalytics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.encordanalytics.config.Settings;
import io.encordanalytics.io.Warehouse;
import io.encordanalytics.spark.Sessions;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Runs Spark SQL against the warehouse. Used by {@code scripts/sql.sh}.
 *
 * <p>One statement: prints the result as CSV (header row, RFC 4180 quoting, null as an empty field)
 * on stdout; everything else goes to stderr.
 *
 * <p>{@code --serve}: one session for many statements, for the notebooks' stand-in for PySpark
 * ({@code notebooks/tools/sql_shim.py}). Reads requests from stdin, one JSON object per line,
 * {@code {"sql": "..."}}, runs each in order and answers each with one JSON line on stdout: {@code
 * {"schema": <the result's Spark schema as JSON>, "rows": [[v, ...], ...]}} or {@code {"error":
 * "..."}}, after which it reads the next request; it exits at the end of stdin. Values keep their
 * type: numbers as numbers (NaN and infinities as the strings {@code "NaN"}, {@code "Infinity"},
 * {@code "-Infinity"}), decimals as strings (exact), dates as {@code yyyy-MM-dd}, timestamps as
 * {@code yyyy-MM-ddTHH:mm:ss.SSSSSS} in the session time zone (what {@code toPandas()} shows),
 * binary as base64, arrays as arrays, maps as arrays of {@code [key, value]} pairs, structs as
 * objects. Tables are not registered for the caller: like a PySpark session, it runs {@code CREATE
 * TABLE ... LOCATION} itself (the notebooks' setup cell does). Queries run without code generation
 * ({@link Sessions#interpreted}): a notebook's are many and small.
 */
public final class SqlCli {
  private SqlCli() {}

  public static void main(String[] args) throws IOException {
    List<String> rest = new ArrayList<>(List.of(args));
    boolean serve = rest.remove("--serve");
    CommandLine cli = CommandLine.parse(rest.toArray(String[]::new));
    if (cli.positional().size() != (serve ? 0 : 1)) {
      System.err.println(
          "usage: sql.sh [--warehouse DIR] [--config FILE] \"SQL\"\n"
              + "       sql.sh [--warehouse DIR] [--config FILE] --serve   (JSON lines on stdin)");
      System.exit(2);
    }
    Settings settings = cli.settings();
    if (serve) {
      // Only the answers go to stdout: anything else printed there would break the framing.
      OutputStream answers = new FileOutputStream(FileDescriptor.out);
      System.setOut(System.err);
      SparkSession spark = Sessions.create(settings);
      // Notebook queries are many and small: compiling each plan costs more than it saves.
      try (Sessions.Restore interpreted = Sessions.interpreted(spark)) {
        serve(
            spark,
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
            answers);
      }
      System.exit(0);
    }
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    SparkSession spark = Sessions.create(settings);
    int exit = 0;
    try {
      Warehouse wh = new Warehouse(spark, settings);
      String sql = cli.positional().get(0);
      wh.catalog().registerReferenced(sql);
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

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = JSON.getFactory();
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

  /** The {@code --serve} loop: one JSON answer line per request line, until the end of input. */
  static void serve(SparkSession spark, BufferedReader in, OutputStream out) throws IOException {
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      // Each answer is built whole before it is written: a failure halfway through the rows
      // becomes an error answer, never half a line.
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      try {
        JsonNode request = JSON.readTree(line);
        JsonNode sql = request == null ? null : request.get("sql");
        if (sql == null || !sql.isTextual()) {
          throw new IllegalArgumentException("a request is {\"sql\": \"...\"}, got: " + line);
        }
        writeResult(spark.sql(sql.asText()), answer, sessionZone(spark));
      } catch (Exception e) {
        answer.reset();
        try (JsonGenerator g = FACTORY.createGenerator(answer)) {
          g.writeStartObject();
          g.writeStringField("error", e.getClass().getSimpleName() + ": " + e.getMessage());
          g.writeEndObject();
        }
      }
      answer.write('\n');
      answer.writeTo(out);
      out.flush();
    }
  }

  private static ZoneId sessionZone(SparkSession spark) {
    return ZoneId.of(spark.conf().get("spark.sql.session.timeZone"));
  }

  /** {@code {"schema": ..., "rows": [...]}} of a result, values typed as the class doc says. */
  static void writeResult(Dataset<Row> df, OutputStream out, ZoneId zone) throws IOException {
    StructType schema = df.schema();
    List<Row> rows = df.collectAsList();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeFieldName("schema");
      g.writeRawValue(schema.json());
      g.writeArrayFieldStart("rows");
      StructField[] fields = schema.fields();
      for (Row r : rows) {
        g.writeStartArray();
        for (int i = 0; i < fields.length; i++) {
          writeValue(g, fields[i].dataType(), r.get(i), zone);
        }
        g.writeEndArray();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private static void writeValue(JsonGenerator g, DataType type, Object v, ZoneId zone)
      throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (type instanceof BooleanType) {
      g.writeBoolean((Boolean) v);
    } else if (type instanceof IntegralType) {
      g.writeNumber(((Number) v).longValue());
    } else if (type instanceof DoubleType || type instanceof FloatType) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        g.writeString(Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
      } else if (type instanceof FloatType) {
        g.writeNumber((Float) v);
      } else {
        g.writeNumber(d);
      }
    } else if (type instanceof DecimalType) {
      g.writeString(((BigDecimal) v).toPlainString());
    } else if (type instanceof DateType) {
      LocalDate date = v instanceof Date d ? d.toLocalDate() : (LocalDate) v;
      g.writeString(date.toString());
    } else if (type instanceof TimestampType) {
      Instant instant = v instanceof Timestamp t ? t.toInstant() : (Instant) v;
      g.writeString(MICROS.format(LocalDateTime.ofInstant(instant, zone)));
    } else if (type instanceof TimestampNTZType) {
      g.writeString(MICROS.format((LocalDateTime) v));
    } else if (type instanceof BinaryType) {
      g.writeBinary((byte[]) v);
    } else if (type instanceof ArrayType a) {
      g.writeStartArray();
      for (Object e : elements(v)) {
        writeValue(g, a.elementType(), e, zone);
      }
      g.writeEndArray();
    } else if (type instanceof MapType m) {
      g.writeStartArray();
      Map<?, ?> map =
          v instanceof Map<?, ?> jm
              ? jm
              : CollectionConverters.asJava((scala.collection.Map<?, ?>) v);
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeStartArray();
        writeValue(g, m.keyType(), e.getKey(), zone);
        writeValue(g, m.valueType(), e.getValue(), zone);
        g.writeEndArray();
      }
      g.writeEndArray();
    } else if (type instanceof StructType s) {
      Row r = (Row) v;
      g.writeStartObject();
      StructField[] fields = s.fields();
      for (int i = 0; i < fields.length; i++) {
        g.writeFieldName(fields[i].name());
        writeValue(g, fields[i].dataType(), r.get(i), zone);
      }
      g.writeEndObject();
    } else {
      g.writeString(v.toString()); // strings, and types a notebook cannot chart (intervals, ...)
    }
  }

  private static Iterable<?> elements(Object array) {
    if (array instanceof scala.collection.Iterable<?> s) {
      return CollectionConverters.asJava(s);
    }
    if (array instanceof Iterable<?> it) {
      return it;
    }
    return List.of((Object[]) array);
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
