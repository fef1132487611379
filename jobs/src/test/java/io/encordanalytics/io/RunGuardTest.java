package io.encordanalytics.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encordanalytics.testing.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lease of {@link RunGuard} in one JVM, with holders on "other hosts" written by hand: their
 * lease files and heartbeats are all another host leaves on the storage. Real processes on two host
 * names: {@code KillRecoveryTest}.
 */
class RunGuardTest extends SparkTestBase {
  private static final TableId T = new TableId("encord_silver", "t");
  private static final String OTHER_HOST = "some-other-host";

  @TempDir Path dir;

  private Warehouse warehouse(String wait) {
    return new Warehouse(
        spark,
        settings(
            "warehouse",
            dir.toString(),
            "run-guard.lease",
            "2s",
            "run-guard.renew-every",
            "250ms",
            "run-guard.wait",
            wait));
  }

  private static RunGuard guard(Warehouse wh) {
    return new RunGuard(wh, List.of(T), "nightly");
  }

  /** Appends rows {@code from} .. {@code to - 1} to the table (creating it). */
  private static void rows(Warehouse wh, long from, long to) {
    wh.append(spark.range(from, to).toDF("id"), T, "test");
  }

  private static long count(Warehouse wh) {
    return wh.read(T).count();
  }

  private Path runs() {
    return dir.resolve(RunGuard.DIR);
  }

  /** A lease as another host's run leaves it: its file and, if given, its heartbeat's time. */
  private void lease(
      int gen, String runId, String host, long pid, long tableVersion, Instant beat, String aborted)
      throws IOException {
    Files.createDirectories(runs());
    String name = String.format("lease-%06d", gen);
    Files.writeString(
        runs().resolve(name + ".json"),
        "{\"run_id\":\""
            + runId
            + "\",\"job\":\"nightly\",\"host\":\""
            + host
            + "\",\"pid\":"
            + pid
            + ",\"started_at\":\"2025-04-01T02:30:00Z\",\"lease_ms\":2000,\"versions\":{\""
            + T
            + "\":"
            + tableVersion
            + "},\"aborted\":["
            + aborted
            + "]}");
    Files.setLastModifiedTime(
        runs().resolve(name + ".json"), FileTime.from(Instant.parse("2025-04-01T02:30:00Z")));
    if (beat != null) {
      Path hb = runs().resolve(name + ".heartbeat");
      Files.writeString(hb, "{}");
      Files.setLastModifiedTime(hb, FileTime.from(beat));
    }
  }

  private List<String> leaseFiles() throws IOException {
    try (var s = Files.list(runs())) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void leaseIsRenewedWhileHeldAndRemovedWhenTheRunEnds() throws Exception {
    Warehouse wh = warehouse("0s");
    RunGuard g = guard(wh);

    g.begin("run-1", "2025-04-01T02:30:00Z", id -> false);
    Path beat = runs().resolve("lease-000000.heartbeat");
    FileTime first = Files.getLastModifiedTime(beat);
    String lease = Files.readString(runs().resolve("lease-000000.json"));
    Thread.sleep(1200);

    assertThat(lease)
        .as("the lease names the run, its host and pid, and the versions to restore")
        .contains("\"run_id\" : \"run-1\"")
        .contains("\"host\" : \"" + RunGuard.hostName() + "\"")
        .contains("\"pid\" : " + ProcessHandle.current().pid())
        .contains("\"" + T + "\" : -1");
    assertThat(Files.getLastModifiedTime(beat)).as("renewed by the heartbeat").isGreaterThan(first);
    g.end();
    assertThat(leaseFiles()).as("nothing left once the run is complete").isEmpty();
  }

  @Test
  void liveHolderOnAnotherHostIsRefusedOrWaitedForAndTakenOverOnlyOnceItsLeaseExpired()
      throws Exception {
    Warehouse wh = warehouse("0s");
    rows(wh, 0, 2);
    // Another host's run took the lease at version 0 and appended a row; it is renewing.
    lease(0, "run-other", OTHER_HOST, 1, 0, Instant.now(), "");
    rows(wh, 2, 3);
    Files.setLastModifiedTime(
        runs().resolve("lease-000000.heartbeat"), FileTime.from(Instant.now()));

    assertThatThrownBy(() -> guard(wh).begin("run-2", "2025-04-02T02:30:00Z", id -> false))
        .as("a second run while the holder's lease is fresh")
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "another run (nightly run run-other on host "
                + OTHER_HOST
                + ", pid 1) is in progress on this warehouse: ")
        .hasMessageMatching("(?s).*; its lease was renewed [01] s ago and expires after 2 s\\..*");
    assertThat(count(wh)).as("nothing rolled back under a live holder").isEqualTo(3);

    // The holder renews for 3 s (longer than its lease), then dies; a run waits for it.
    AtomicBoolean holderAlive = new AtomicBoolean(true);
    Thread holder =
        new Thread(
            () -> {
              long until = System.nanoTime() + 3_000_000_000L;
              while (System.nanoTime() < until) {
                try {
                  Files.setLastModifiedTime(
                      runs().resolve("lease-000000.heartbeat"), FileTime.from(Instant.now()));
                  Thread.sleep(200);
                } catch (IOException | InterruptedException e) {
                  return;
                }
              }
              holderAlive.set(false);
            });
    holder.start();
    Warehouse waiting = warehouse("20s");
    RunGuard g = guard(waiting);
    long t0 = System.nanoTime();

    RunGuard.Recovery r = g.begin("run-3", "2025-04-02T02:31:00Z", id -> false);

    long waitedMs = (System.nanoTime() - t0) / 1_000_000;
    assertThat(holderAlive.get()).as("taken over only after the holder stopped renewing").isFalse();
    assertThat(waitedMs)
        .as("waited for the holder and then for its lease to expire")
        .isGreaterThan(4500);
    assertThat(r.aborted())
        .extracting(RunGuard.Aborted::runId)
        .as("the dead holder is recorded as aborted")
        .containsExactly("run-other");
    assertThat(count(waiting)).as("the holder's row rolled back").isEqualTo(2);
    assertThat(leaseFiles())
        .as("the next generation is the new run's; the dead holder's lease is gone")
        .containsExactly("lease-000001.heartbeat", "lease-000001.json");
    g.end();
  }

  @Test
  void holderWhoseLeaseWasTakenOverStopsBeforeItsNextWriteAndRestoresNothing() throws Exception {
    Warehouse wh = warehouse("0s");
    RunGuard g = guard(wh);
    g.begin("run-paused", "2025-04-01T02:30:00Z", id -> false);
    rows(wh, 0, 2);
    // While this run was paused, a run on another host found its lease expired and took over.
    lease(1, "run-taker", OTHER_HOST, 1, -1, Instant.now(), "");

    assertThatThrownBy(() -> rows(wh, 2, 3))
        .as("the next write")
        .isInstanceOf(RunGuard.LeaseLostException.class)
        .hasMessage(
            "run run-paused lost its lease: run run-taker on host "
                + OTHER_HOST
                + " took the warehouse over; this run stops without writing, and that run rolls"
                + " its work back");
    assertThatThrownBy(g::rollback)
        .as("no rollback under the run that took over")
        .isInstanceOf(RunGuard.LeaseLostException.class);
    assertThatThrownBy(g::end).isInstanceOf(RunGuard.LeaseLostException.class);
    g.close();
    assertThat(count(wh)).as("its committed rows are left to the taker").isEqualTo(2);
    assertThat(leaseFiles()).as("the taker's lease untouched").contains("lease-000001.json");
  }

  @Test
  void deadTakerAndTheRunItTookOverAreRolledBackTogetherAndEachReportedOnce() throws Exception {
    Warehouse wh = warehouse("0s");
    rows(wh, 0, 2);
    // A run of an older version (legacy marker, no heartbeat) on this host was killed after a
    // write; a run that took it over was killed during its rollback (before its audit rows).
    Files.createDirectories(runs());
    Files.writeString(
        runs().resolve(RunGuard.LEGACY_MARKER),
        "{\"run_id\":\"run-old\",\"started_at\":\"2025-04-01T02:30:00Z\",\"pid\":999999999,"
            + "\"host\":\""
            + RunGuard.hostName()
            + "\",\"versions\":{\""
            + T
            + "\":0}}");
    rows(wh, 2, 4);
    lease(
        0,
        "run-taker",
        RunGuard.hostName(),
        999_999_999,
        0,
        null,
        "{\"run_id\":\"run-old\",\"job\":\"nightly\",\"started_at\":\"2025-04-01T02:30:00Z\"}");

    RunGuard g = guard(wh);
    RunGuard.Recovery r = g.begin("run-4", "2025-04-02T02:30:00Z", "run-old"::equals);

    assertThat(count(wh)).as("restored to the state before the first dead run").isEqualTo(2);
    assertThat(r.aborted())
        .extracting(RunGuard.Aborted::runId)
        .as("the dead runs without an audit row (run-old has one)")
        .containsExactly("run-taker");
    assertThat(leaseFiles())
        .as("the legacy marker and the dead lease removed")
        .containsExactly("lease-000001.heartbeat", "lease-000001.json");
    g.end();
  }

  @Test
  void storageWithoutAtomicCreateIfAbsentIsNamed() {
    Configuration off = new Configuration(false);
    off.set("fs.s3a.create.conditional.enabled", "false");

    for (String scheme : List.of("file", "hdfs", "abfss", "gs", "s3a")) {
      assertThat(RunGuard.storageProblem(scheme, new Configuration(false)))
          .as("%s creates a file only if absent, atomically", scheme)
          .isNull();
    }
    assertThat(RunGuard.storageProblem("s3a", off))
        .isEqualTo(
            "S3A conditional writes are switched off (fs.s3a.create.conditional.enabled ="
                + " false), so creating a file is not atomic");
    assertThat(RunGuard.storageProblem("wasbs", new Configuration(false)))
        .isEqualTo(
            "the wasbs: file system is not known to create a file only if it is absent,"
                + " atomically");
  }
}
