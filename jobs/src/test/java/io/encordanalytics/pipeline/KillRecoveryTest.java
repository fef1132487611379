package io.encordanalytics.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encordanalytics.NightlyJob;
import io.encordanalytics.config.Settings;
import io.encordanalytics.io.JobRuns;
import io.encordanalytics.io.Tables;
import io.encordanalytics.io.Warehouse;
import io.encordanalytics.testing.SparkTestBase;
import io.encordanalytics.testing.TableRows;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real faults: the nightly job runs in its own JVM (as spark-submit runs it, local[2]) and is
 * killed with SIGKILL at several points, or raced by a second run. The tables afterwards must equal
 * those of one uninterrupted run, row for row (lineage columns aside).
 */
class KillRecoveryTest extends SparkTestBase {

  @TempDir static Path shared;
  private static Path input;

  @TempDir Path tmp;

  @BeforeAll
  static void exports() throws IOException {
    input = shared.resolve("in");
    NightlyJobTest.write(
        input.resolve("labels/2025-04-01/part-0.jsonl"), NightlyJobTest.NIGHT1_LABELS);
    NightlyJobTest.write(
        input.resolve("labels/2025-04-01/camel.json"), NightlyJobTest.NIGHT1_CAMEL);
    NightlyJobTest.write(input.resolve("editor/page-1.json"), NightlyJobTest.NIGHT2_EDITOR);
    NightlyJobTest.write(
        input.resolve("labels/2025-04-02/overlap.ndjson"), NightlyJobTest.NIGHT2_OVERLAP);
  }

  private static Settings settingsFor(Path warehouse) {
    return NightlyJobTest.settingsFor(input, warehouse);
  }

  /** The nightly job in a new JVM with this JVM's module options and classpath. */
  private static Process startJob(Path warehouse) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-")
          || a.startsWith("-XX:+IgnoreUnrecognized")
          || a.startsWith("-Dio.")
          || a.startsWith("-Djdk.")
          || a.startsWith("-Duser.timezone")) {
        cmd.add(a);
      }
    }
    cmd.addAll(
        List.of(
            "-Xmx1g",
            "-Dlog4j.configurationFile=" + Path.of("../conf/log4j2.properties").toAbsolutePath(),
            "-Dspark.ui.enabled=false",
            "-Dspark.driver.host=127.0.0.1",
            "-Dspark.driver.bindAddress=127.0.0.1",
            "-Dspark.databricks.delta.snapshotPartitions=2",
            "-cp",
            System.getProperty("java.class.path"),
            NightlyJob.class.getName(),
            "--input",
            input.toString(),
            "--warehouse",
            warehouse.toString(),
            "--set",
            "encord.spark.master=local[2]",
            "--set",
            "encord.spark.shuffle-partitions=2"));
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  /** Reads the job's log until a line matches; returns the lines read. Fails after a timeout. */
  private static List<String> awaitLine(Process p, Pattern pattern) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    List<String> seen = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    String line;
    while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
      seen.add(line);
      if (pattern.matcher(line).find()) {
        return seen;
      }
    }
    throw new AssertionError("job never logged /" + pattern + "/; its output:\n" + seen);
  }

  /** Lets the job run into the stage its log announced, then kills it with SIGKILL. */
  private static void killAt(Path warehouse, String logPattern, long delayMs) throws Exception {
    killAt(warehouse, logPattern, delayMs, () -> {});
  }

  /**
   * As {@link #killAt(Path, String, long)}, doing {@code whileAlive} when the stage is reached and
   * before the kill.
   */
  private static void killAt(Path warehouse, String logPattern, long delayMs, Step whileAlive)
      throws Exception {
    Process p = startJob(warehouse);
    try {
      awaitLine(p, Pattern.compile(logPattern));
      Thread.sleep(delayMs);
      assertThat(p.isAlive()).as("job still running at /%s/", logPattern).isTrue();
      whileAlive.run();
      assertThat(p.isAlive()).as("job still running when killed at /%s/", logPattern).isTrue();
    } finally {
      p.destroyForcibly(); // SIGKILL on Linux and macOS: no shutdown hook, no finally block runs
      p.waitFor(60, TimeUnit.SECONDS);
    }
    assertThat(p.exitValue()).as("killed, not finished").isEqualTo(137);
    assertThat(warehouse.resolve("_encord_runs/in_progress.json"))
        .as("the killed run left its marker")
        .exists();
  }

  @FunctionalInterface
  private interface Step {
    void run() throws Exception;
  }

  /** Every table of a warehouse but the audit as sorted JSON lines (see {@link TableRows}). */
  private static Map<String, List<String>> tables(Path warehouse) {
    return TableRows.of(new Warehouse(spark, settingsFor(warehouse)), input);
  }

  private static long count(Path warehouse, String status) {
    Warehouse wh = new Warehouse(spark, settingsFor(warehouse));
    return wh.read(new Tables(wh.settings()).jobRuns).filter("status = '" + status + "'").count();
  }

  /**
   * One uninterrupted run (in this JVM) is the reference. On another warehouse the job is started
   * in its own JVM three times and killed with SIGKILL each time: during ingestion (while it runs,
   * a second run on the same warehouse must be refused at once), during the silver writes and
   * during the gold writes. A fourth run completes the work; every table must then equal the
   * reference.
   */
  @Test
  void concurrentRunIsRefusedAndRunsKilledThreeTimesEndExactlyLikeAnUninterruptedRun()
      throws Exception {
    Path reference = tmp.resolve("reference-wh");
    assertThat(new NightlyJob(new Warehouse(spark, settingsFor(reference))).run().status)
        .isEqualTo("SUCCEEDED");

    Path wh = tmp.resolve("wh");
    killAt(
        wh,
        "files under .*new or changed",
        0,
        () -> {
          NightlyJob second = new NightlyJob(new Warehouse(spark, settingsFor(wh)));
          assertThatThrownBy(second::run)
              .as("a second run while the first is alive")
              .hasMessageContaining("another nightly run")
              .hasMessageContaining("is in progress on this warehouse");
        });
    killAt(wh, "new events, \\d+ duplicates", 300); // during the silver writes
    killAt(wh, "Gold: rebuilding", 1500); // during the gold writes

    JobRuns.Audit done = new NightlyJob(new Warehouse(spark, settingsFor(wh))).run();

    assertThat(done.status).isEqualTo("SUCCEEDED");
    assertThat(done.eventsNew).as("every event stored once, by the completing run").isEqualTo(10);
    assertThat(count(wh, "ABORTED")).as("each killed run is recorded as aborted").isEqualTo(3);
    assertThat(count(wh, "SUCCEEDED")).isEqualTo(1);
    Map<String, List<String>> expected = tables(reference);
    Map<String, List<String>> actual = tables(wh);
    assertThat(expected.get("encord_silver.events"))
        .as("l1..l6, e1..e3, one without log_hash")
        .hasSize(10);
    TableRows.assertSameRows(actual, expected, "killed three times, then completed");
  }
}
