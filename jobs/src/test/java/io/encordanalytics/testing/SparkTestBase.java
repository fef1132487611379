package io.encordanalytics.testing;

import io.encordanalytics.config.Settings;
import io.encordanalytics.spark.Sessions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * One local SparkSession per test class, with the test-only settings that make Delta fast on a
 * laptop: two shuffle and snapshot partitions, no UI, driver bound to 127.0.0.1.
 */
public abstract class SparkTestBase {
  protected static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark =
        Sessions.configure(SparkSession.builder(), Settings.load(null, Map.of()))
            .master("local[2]")
            .appName("encord-tests")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.databricks.delta.snapshotPartitions", "2")
            .config("spark.ui.enabled", "false")
            // Test rows are few: compiling generated code costs more than interpreting it
            // (measured: QualityTransformsTest 50 s -> 36 s). Results are the same.
            .config("spark.sql.codegen.wholeStage", "false")
            .config("spark.sql.codegen.factoryMode", "NO_CODEGEN")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config(
                "spark.sql.warehouse.dir",
                // One per test JVM: surefire runs two side by side.
                System.getProperty("java.io.tmpdir")
                    + "/encord-test-wh-"
                    + ProcessHandle.current().pid())
            .getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    if (spark != null) {
      spark.stop();
      spark = null;
    }
  }

  /** Settings for tests: defaults plus overrides ({@code encord.}-relative keys). */
  protected static Settings settings(String... keyValues) {
    Map<String, String> o = new TreeMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      o.put("encord." + keyValues[i], keyValues[i + 1]);
    }
    return Settings.load(null, o);
  }

  /** Rows as maps of column to value, for order-insensitive comparisons. */
  protected static List<Map<String, Object>> maps(Dataset<Row> df) {
    List<Map<String, Object>> out = new ArrayList<>();
    String[] cols = df.columns();
    for (Row r : df.collectAsList()) {
      Map<String, Object> m = new TreeMap<>();
      for (int i = 0; i < cols.length; i++) {
        Object v = r.get(i);
        m.put(cols[i], v instanceof java.sql.Date d ? d.toLocalDate() : v);
      }
      out.add(m);
    }
    return out;
  }
}
