package io.encordanalytics.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encordanalytics.MaintenanceJob;
import io.encordanalytics.NightlyJob;
import io.encordanalytics.config.Settings;
import io.encordanalytics.io.JobRuns;
import io.encordanalytics.io.PausePoints;
import io.encordanalytics.io.Tables;
import io.encordanalytics.io.Warehouse;
import io.encordanalytics.testing.SparkTestBase;
import io.encordanalytics.testing.TableRows;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real faults on real processes: the jobs run in their own JVMs (as spark-submit runs them,
 * local[2]), each under a host name of its own ({@code unshare --uts}, see {@link #hostNames}), and
 * are killed with SIGKILL at named points. Each kill lands where it is aimed: the job blocks at a
 * test-only pause point ({@code -Dencord.test.pause-at}, {@link PausePoints}) and the test checks
 * the tables' Delta versions at that moment before it kills. The tables afterwards must equal those
 * of one uninterrupted run, row for row.
 */
class KillRecoveryTest extends SparkTestBase {
  /** Lease of the job processes: short, so that takeovers happen within the test. */
  private static final long LEASE_MS = 8_000;

  private static final long RENEW_MS = 1_000;

  @TempDir static Path shared;
  private static Path input;
  private static Path hostsFile;

  /** Whether a process can be given its own host name here ({@code unshare --uts}, as root). */
  private static boolean unshare;

  @TempDir Path tmp;

  @BeforeAll
  static void exports() throws IOException, InterruptedException {
    input = shared.resolve("in");
    NightlyJobTest.write(
        input.resolve("labels/2025-04-01/part-0.jsonl"), NightlyJobTest.NIGHT1_LABELS);
    NightlyJobTest.write(
        input.resolve("labels/2025-04-01/camel.json"), NightlyJobTest.NIGHT1_CAMEL);
    NightlyJobTest.write(input.resolve("editor/page-1.json"), NightlyJobTest.NIGHT2_EDITOR);
    NightlyJobTest.write(
        input.resolve("labels/2025-04-02/overlap.ndjson"), NightlyJobTest.NIGHT2_OVERLAP);
    hostsFile = Files.writeString(shared.resolve("hosts"), "127.0.0.1 localhost hosta hostb\n");
    Process probe = new ProcessBuilder("unshare", "--uts", "true").start();
    unshare = probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
  }

  private static Settings settingsFor(Path warehouse) {
    return NightlyJobTest.settingsFor(input, warehouse);
  }

  /**
   * A job in a new JVM with this JVM's module options and classpath, presenting host name {@code
   * host} (null: this machine's), writes one after another ({@code encord.spark.parallel-writes =
   * 1}, so that a pause after one commit leaves every other write of the step undone), a lease of
   * {@link #LEASE_MS}; it blocks at {@code pauseAt} (null: none). Its output goes to {@code log}.
   */
  private static Process start(
      Class<?> job, Path warehouse, String host, String pauseAt, Path log, String... more)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    if (host != null && unshare) {
      // exec keeps the pid: the process the test kills is the JVM.
      cmd.addAll(List.of("unshare", "--uts", "sh", "-c", "hostname \"$0\" && exec \"$@\"", host));
    }
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
    if (host != null) {
      // The new host name resolves (the JDK looks up its own host name at start-up).
      cmd.add("-Djdk.net.hosts.file=" + hostsFile);
      if (!unshare) {
        cmd.add("-Dencord.test.host-name=" + host);
      }
    }
    if (pauseAt != null) {
      cmd.add("-Dencord.test.pause-at=" + pauseAt);
      cmd.add("-Dencord.test.pause-file=" + pauseFile(log));
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
            job.getName()));
    if (job == NightlyJob.class) {
      cmd.addAll(List.of("--input", input.toString()));
    }
    cmd.addAll(
        List.of(
            "--warehouse",
            warehouse.toString(),
            "--set",
            "encord.spark.master=local[2]",
            "--set",
            "encord.spark.shuffle-partitions=2",
            "--set",
            "encord.spark.parallel-writes=1",
            "--set",
            "encord.run-guard.lease=" + LEASE_MS + "ms",
            "--set",
            "encord.run-guard.renew-every=" + RENEW_MS + "ms"));
    cmd.addAll(List.of(more));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static Path pauseFile(Path log) {
    return log.resolveSibling(log.getFileName() + ".paused");
  }

  /** Waits until the job blocks at its pause point; fails if it ends first. */
  private static void awaitPause(Process p, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (!Files.exists(pauseFile(log))) {
      assertThat(p.isAlive())
          .as("job ended before its pause point; its output:\n%s", tail(log))
          .isTrue();
      assertThat(System.nanoTime())
          .as("pause point not reached:\n%s", tail(log))
          .isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  /** Waits until the job's output matches; returns the first group (or the match). */
  private static String awaitLog(Process p, Path log, String regex) throws Exception {
    Pattern pattern = Pattern.compile(regex);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (true) {
      Matcher m = pattern.matcher(Files.readString(log, StandardCharsets.UTF_8));
      if (m.find()) {
        return m.groupCount() > 0 ? m.group(1) : m.group();
      }
      assertThat(p.isAlive())
          .as("job ended without /%s/; its output:\n%s", regex, tail(log))
          .isTrue();
      assertThat(System.nanoTime()).as("no /%s/ in:\n%s", regex, tail(log)).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }

  /** SIGKILL (no shutdown hook, no finally block runs); returns the time of the kill. */
  private static long kill(Process p) throws Exception {
    assertThat(p.isAlive()).as("still running when killed").isTrue();
    long at = System.nanoTime();
    p.destroyForcibly();
    p.waitFor(60, TimeUnit.SECONDS);
    assertThat(p.exitValue()).as("killed, not finished").isEqualTo(137);
    return at;
  }

  private static Map<String, Long> versions(Path warehouse) {
    Warehouse wh = new Warehouse(spark, settingsFor(warehouse));
    return wh.versions().of(new Tables(wh.settings()).transactional());
  }

  /** The tables whose Delta version differs between two snapshots of the versions. */
  private static Set<String> changed(Map<String, Long> before, Map<String, Long> after) {
    Set<String> out = new TreeSet<>();
    after.forEach(
        (t, v) -> {
          if (!v.equals(before.get(t))) {
            out.add(t);
          }
        });
    return out;
  }

  private static Set<String> inLayer(Set<String> tables, String database) {
    Set<String> out = new TreeSet<>();
    for (String t : tables) {
      if (t.startsWith(database + ".")) {
        out.add(t);
      }
    }
    return out;
  }

  /** Every table of a warehouse but the audit as sorted JSON lines (see {@link TableRows}). */
  private static Map<String, List<String>> tables(Path warehouse) {
    return TableRows.of(new Warehouse(spark, settingsFor(warehouse)), input);
  }

  /**
   * One night on one warehouse, with three runs killed with SIGKILL, each at a point the test
   * checks from the tables' Delta versions: during the silver writes (a run and a maintenance job
   * on another host are refused meanwhile), during the rollback of that run, and during the gold
   * writes (by a run on a second host that waited for the first and took over only once it was dead
   * and its lease expired). Maintenance on the first host then waits for that run, and takes over
   * once it is dead and its lease expired. A last run completes the night: every table must equal
   * an uninterrupted run's, and each killed run is recorded as aborted exactly once.
   */
  @Test
  void killsLandWhereAimedAndRunsOnTwoHostsTakeOverOnlyADeadRunWhoseLeaseExpired()
      throws Exception {
    Path wh = tmp.resolve("wh");
    Tables t = new Tables(settingsFor(wh));
    String gold = t.annotatorDailyActivity.database();
    Map<String, Long> empty = versions(wh);

    // 1. Host A, killed during the silver writes: after the commit to attribute_changes.
    Path log1 = tmp.resolve("1-silver.log");
    Process k1 = start(NightlyJob.class, wh, "hosta", "after-commit:" + t.attributeChanges, log1);
    awaitPause(k1, log1);
    Map<String, Long> atKill1 = versions(wh);
    assertThat(changed(empty, atKill1))
        .as("mid-silver: bronze, events and two action tables written; nothing else yet")
        .containsExactly(
            t.rawRecords.toString(),
            t.attributeChanges.toString(),
            t.events.toString(),
            t.objectChanges.toString());
    // Meanwhile a nightly run and a maintenance job here (another host) stop at once.
    assertThatThrownBy(() -> new NightlyJob(new Warehouse(spark, settingsFor(wh))).run())
        .as("a second nightly run while the first is alive on another host")
        .hasMessageStartingWith("another run (nightly run ")
        .hasMessageContaining(
            " on host hosta, pid " + k1.pid() + ") is in progress on this warehouse");
    assertThatThrownBy(() -> MaintenanceJob.maintain(new Warehouse(spark, settingsFor(wh))))
        .as("maintenance while the nightly run is alive on another host")
        .hasMessageContaining(
            " on host hosta, pid " + k1.pid() + ") is in progress on this warehouse");
    assertThat(versions(wh)).as("the refused runs wrote nothing").isEqualTo(atKill1);
    kill(k1);

    // 2. Host A again: the killed run's process is gone from this host, so the next run takes
    // over at once; killed during its rollback, after restoring attribute_changes.
    Path log2 = tmp.resolve("2-rollback.log");
    Process k2 = start(NightlyJob.class, wh, "hosta", "after-restore:" + t.attributeChanges, log2);
    awaitPause(k2, log2);
    assertThat(awaitLog(k2, log2, "took over the warehouse from run \\S+ \\(([^)]*)\\)"))
        .isEqualTo("its process " + k1.pid() + " is gone from this host");
    Map<String, Long> atKill2 = versions(wh);
    assertThat(atKill2.get(t.rawRecords.toString()))
        .as("mid-rollback: bronze restored (removed: the run created it)")
        .isEqualTo(-1L);
    assertThat(atKill2.get(t.attributeChanges.toString())).isEqualTo(-1L);
    assertThat(atKill2.get(t.events.toString()))
        .as("mid-rollback: events not restored yet")
        .isEqualTo(atKill1.get(t.events.toString()));
    assertThat(atKill2.get(t.objectChanges.toString()))
        .isEqualTo(atKill1.get(t.objectChanges.toString()));

    // 3. Host B: waits while the run on host A is alive (paused); once it is killed, takes over
    // only after its lease has expired, rolls both runs back, and is killed during the gold
    // writes, after the commit to annotator_daily_activity.
    Path log3 = tmp.resolve("3-gold.log");
    Process k3 =
        start(
            NightlyJob.class,
            wh,
            "hostb",
            "after-commit:" + t.annotatorDailyActivity,
            log3,
            "--set",
            "encord.run-guard.wait=5m");
    awaitLog(k3, log3, "Waiting up to \\d+ s for another run \\(nightly run \\S+ on host hosta");
    Thread.sleep(2 * RENEW_MS);
    assertThat(Files.readString(log3))
        .as("no takeover while alive")
        .doesNotContain("took over the warehouse");
    assertThat(versions(wh)).as("the waiting run wrote nothing").isEqualTo(atKill2);
    long killed2 = kill(k2);
    assertThat(awaitLog(k3, log3, "took over the warehouse from run \\S+ \\(([^)]*)\\)"))
        .startsWith("its lease expired ");
    assertThat((System.nanoTime() - killed2) / 1_000_000)
        .as("taken over no earlier than a lease after the last renewal")
        .isGreaterThanOrEqualTo(LEASE_MS - RENEW_MS - 500);
    // 4. Maintenance on host A starts while that run works: it waits.
    Path log4 = tmp.resolve("4-maintenance.log");
    Process m4 =
        start(MaintenanceJob.class, wh, "hosta", null, log4, "--set", "encord.run-guard.wait=5m");
    awaitLog(m4, log4, "Waiting up to \\d+ s for another run \\(nightly run \\S+ on host hostb");
    long waitingSince = System.nanoTime();
    awaitPause(k3, log3);
    Map<String, Long> atKill3 = versions(wh);
    // It started from the empty tables its rollback left (versions start again from 0), so what
    // exists now is what it wrote.
    Set<String> written3 = changed(empty, atKill3);
    assertThat(inLayer(written3, gold))
        .as("mid-gold: one gold table written, the others not yet")
        .containsExactly(t.annotatorDailyActivity.toString());
    assertThat(written3)
        .as("mid-gold: the silver writes and the ledger done")
        .contains(
            t.rawRecords.toString(),
            t.events.toString(),
            t.objectChanges.toString(),
            t.attributeChanges.toString(),
            t.reviewDecisions.toString(),
            t.taskDecisions.toString(),
            t.ingestedFiles.toString());
    // The holder stays alive (renewing) for longer than a lease: maintenance keeps waiting.
    long waitedMs = (System.nanoTime() - waitingSince) / 1_000_000;
    Thread.sleep(Math.max(0, LEASE_MS + RENEW_MS - waitedMs));
    assertThat(Files.readString(log4))
        .as("no takeover while alive")
        .doesNotContain("took over the warehouse");
    assertThat(versions(wh)).as("maintenance wrote nothing while waiting").isEqualTo(atKill3);
    long killed3 = kill(k3);
    assertThat(awaitLog(m4, log4, "took over the warehouse from run \\S+ \\(([^)]*)\\)"))
        .startsWith("its lease expired ");
    assertThat((System.nanoTime() - killed3) / 1_000_000)
        .as("maintenance took over no earlier than a lease after the last renewal")
        .isGreaterThanOrEqualTo(LEASE_MS - RENEW_MS - 500);
    assertThat(m4.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(m4.exitValue()).as("maintenance finished:\n%s", tail(log4)).isZero();
    assertThat(versions(wh))
        .as("maintenance rolled the killed runs back (they created every table)")
        .isEqualTo(empty);

    // 5. A run here completes the night.
    JobRuns.Audit done = new NightlyJob(new Warehouse(spark, settingsFor(wh))).run();

    assertThat(done.status).isEqualTo("SUCCEEDED");
    assertThat(done.eventsNew).as("every event stored once, by the completing run").isEqualTo(10);
    Warehouse w = new Warehouse(spark, settingsFor(wh));
    List<Row> runs = w.read(t.jobRuns).orderBy("started_at").collectAsList();
    assertThat(runs.stream().map(r -> r.getAs("status") + " " + r.getAs("job")).toList())
        .as("each killed run aborted once; the completing run succeeded")
        .containsExactly(
            "ABORTED nightly", "ABORTED nightly", "ABORTED nightly", "SUCCEEDED nightly");
    assertThat(runs.stream().map(r -> (String) r.getAs("run_id")).distinct().count()).isEqualTo(4);
    // The same files in one uninterrupted run (shared with NightlyJobTest: built once per JVM).
    Path reference = NightlyJobTest.allWarehouse();
    Map<String, List<String>> expected =
        TableRows.of(
            new Warehouse(spark, NightlyJobTest.settingsFor(NightlyJobTest.allInput(), reference)),
            NightlyJobTest.allInput());
    assertThat(expected.get(t.events.toString()))
        .as("l1..l6, e1..e3, one without log_hash")
        .hasSize(10);
    TableRows.assertSameRows(
        tables(wh), expected, "killed three times, taken over by maintenance, then completed");
  }
}
