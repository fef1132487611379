package io.encordanalytics.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.encordanalytics.NightlyJob;
import io.encordanalytics.ingest.FileDiscovery;
import io.encordanalytics.ingest.LogFileReader;
import io.encordanalytics.io.JobRuns;
import io.encordanalytics.io.Tables;
import io.encordanalytics.io.Warehouse;
import io.encordanalytics.testing.HostileFileSystem;
import io.encordanalytics.testing.SparkTestBase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nights over an export tree that misbehaves while it is read ({@link HostileFileSystem}): a
 * folder that cannot be listed, a file that cannot be opened, a file replaced while it is read, a
 * file still being written, and names with spaces and a newline. Each gets a clear message and a
 * count in the audit; nothing is stored twice, and what can be read is read by the second night.
 * Symbolic links and undecodable names are skipped at listing, before any record exists ({@code
 * FileDiscoveryTest}).
 */
class HostileTreeTest extends SparkTestBase {
  @TempDir Path tmp;

  @BeforeAll
  static void hostileScheme() {
    spark
        .sparkContext()
        .hadoopConfiguration()
        .set("fs.hostile.impl", HostileFileSystem.class.getName());
  }

  private static String event(String id, String time) {
    return "{\"log_hash\":\""
        + id
        + "\",\"user_hash\":\"u7\",\"action\":0,\"created_at\":\""
        + time
        + "\"}\n";
  }

  @Test
  void hostileTreeIsReadOnceWithEverySkipCountedAndNothingLost() throws Exception {
    Path in = tmp.resolve("in");
    NightlyJobTest.write(
        in.resolve("labels/2025-04-01/a b.jsonl"),
        event("h1", "2025-04-01T10:00:00Z") + event("h2", "2025-04-01T10:01:00Z"));
    NightlyJobTest.write(in.resolve("labels/new\nline.jsonl"), event("h3", "2025-04-01T10:02:00Z"));
    NightlyJobTest.write(in.resolve("locked/x.jsonl"), event("h4", "2025-04-01T10:03:00Z"));
    NightlyJobTest.write(in.resolve("labels/denied.jsonl"), event("h5", "2025-04-02T10:00:00Z"));
    NightlyJobTest.write(
        in.resolve("labels/replaced.jsonl"),
        event("r0", "2025-04-02T11:00:00Z") + event("r1", "2025-04-02T11:01:00Z"));
    NightlyJobTest.write(in.resolve("labels/growing.jsonl"), event("g1", "2025-04-02T12:00:00Z"));
    Path wh = tmp.resolve("wh");
    Warehouse w =
        new Warehouse(
            spark,
            NightlyJobTest.settingsFor(Path.of("unused"), wh, "input-root", "hostile:" + in));
    Tables t = new Tables(w.settings());

    JobRuns.Audit night1 = new NightlyJob(w).run();

    assertThat(night1.filesSkipped)
        .as("night 1: what was left out, by reason")
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                FileDiscovery.UNREADABLE_FOLDER, 1L,
                LogFileReader.UNREADABLE, 1L,
                LogFileReader.CHANGED, 2L));
    assertThat(events(w, t))
        .as("night 1: only the files read whole, names with spaces and a newline included")
        .containsExactlyInAnyOrder("h1", "h2", "h3");
    assertThat(
            w.read(t.quarantine).select("reason").as(Encoders.STRING()).collectAsList().stream()
                .map(r -> r.substring(0, r.indexOf(':')))
                .toList())
        .as("one record says why each file was not read")
        .containsExactlyInAnyOrder(
            LogFileReader.UNREADABLE, LogFileReader.CHANGED, LogFileReader.CHANGED);
    assertThat(night1.recordsRead)
        .as("records read = new + duplicates + quarantined")
        .isEqualTo(night1.eventsNew + night1.duplicates + night1.quarantined)
        .isEqualTo(6);
    assertThat(ledger(w, t))
        .as("only the files read whole are ledgered")
        .containsExactlyInAnyOrder("a b.jsonl", "new\nline.jsonl");

    JobRuns.Audit night2 = new NightlyJob(w).run();

    assertThat(night2.filesSkipped)
        .as("night 2: the locked folder still is")
        .containsExactly(Map.entry(FileDiscovery.UNREADABLE_FOLDER, 1L));
    assertThat(night2.inputFiles)
        .as("the three files not read on night 1, and only they")
        .isEqualTo(3);
    assertThat(night2.eventsNew).isEqualTo(5);
    assertThat(night2.duplicates).as("nothing of night 1's partial reads was stored").isZero();
    assertThat(events(w, t))
        .as("each event once: the replaced file as it is now, the grown file whole")
        .containsExactlyInAnyOrder("h1", "h2", "h3", "h5", "r2", "r3", "g1", "g9");
  }

  private static List<String> events(Warehouse w, Tables t) {
    return w.read(t.events).select("event_id").as(Encoders.STRING()).collectAsList();
  }

  private static List<String> ledger(Warehouse w, Tables t) {
    return w.read(t.ingestedFiles).select("path").collectAsList().stream()
        .map((Row r) -> r.getString(0))
        .map(p -> p.substring(p.lastIndexOf('/') + 1))
        .toList();
  }
}
