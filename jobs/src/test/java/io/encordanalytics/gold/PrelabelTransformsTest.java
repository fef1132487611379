package io.encordanalytics.gold;

import static org.assertj.core.api.Assertions.assertThat;

import io.encordanalytics.silver.ActionTables;
import io.encordanalytics.spark.Columns;
import io.encordanalytics.testing.EventRows;
import io.encordanalytics.testing.SparkTestBase;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code agent_prelabel_daily} ({@link PrelabelTransforms}) on one hand-built history where the
 * agents' objects meet every fate: approved untouched, edited then approved, deleted, rejected
 * (after an approval that came before the run), approved after a rejection, proposed again by a
 * later run, and left pending; a failed run; an edit by an unknown user, which is not a human edit.
 */
class PrelabelTransformsTest extends SparkTestBase {
  private static Dataset<Row> silver;

  @BeforeAll
  static void build() {
    EventRows rows = new EventRows();
    run(
        rows,
        "R1",
        "u1",
        "2025-04-01T10:00:00Z",
        "A1",
        "Box detector",
        true,
        "o1",
        "o2",
        "o3",
        "o4",
        "o5",
        "o6",
        "o7");
    run(rows, "R2", "u1", "2025-04-01T12:00:00Z", "A1", "Box detector", false, "o8");
    run(rows, "R3", "u1", "2025-04-02T09:00:00Z", "A1", "Box detector", true, "o6");
    run(rows, "R4", "u2", "2025-04-01T10:00:00Z", "A2", "Segmenter", true, "o9");
    object(rows, "e1", "APPROVE_OBJECT", "r1", "2025-04-01T11:00:00Z", "o1");
    object(rows, "e2", "UPDATE_OBJECT", null, "2025-04-01T10:30:00Z", "o1");
    object(rows, "e3", "UPDATE_OBJECT", "u1", "2025-04-01T10:10:00Z", "o2");
    object(rows, "e4", "APPROVE_OBJECT", "r1", "2025-04-01T11:00:00Z", "o2");
    object(rows, "e5", "DELETE_OBJECT", "u1", "2025-04-01T10:05:00Z", "o3");
    object(rows, "e6", "APPROVE_OBJECT", "r1", "2025-04-01T09:00:00Z", "o4");
    object(rows, "e7", "REJECT_OBJECT", "r1", "2025-04-01T11:00:00Z", "o4");
    object(rows, "e8", "APPROVE_OBJECT", "r1", "2025-04-02T10:00:00Z", "o6");
    object(rows, "e9", "REJECT_OBJECT", "r1", "2025-04-01T10:20:00Z", "o7");
    object(rows, "e10", "APPROVE_OBJECT", "r1", "2025-04-01T10:40:00Z", "o7");
    object(rows, "e11", "UPDATE_OBJECT", "u2", "2025-04-01T10:15:00Z", "o9");
    silver = rows.toSilver(spark).cache();
  }

  private static void run(
      EventRows rows,
      String id,
      String user,
      String time,
      String agent,
      String title,
      boolean success,
      String... objects) {
    String hashes =
        Arrays.stream(objects).map(o -> "\"" + o + "\"").collect(Collectors.joining(","));
    rows.editor(id, "RUN_AGENT", user, time)
        .dataUnit("D1")
        .task("T1")
        .info(
            "{\"objectHashes\":["
                + hashes
                + "],\"agentUuid\":\""
                + agent
                + "\",\"agentTitle\":\""
                + title
                + "\",\"success\":"
                + success
                + "}");
  }

  private static void object(
      EventRows rows, String id, String action, String user, String time, String object) {
    rows.editor(id, action, user, time).dataUnit("D1").task("T1").labelId(object);
  }

  /** The agent runs of the silver events {@code s}, in the columns the gold step reads. */
  private static Dataset<Row> runs(Dataset<Row> s) {
    return ActionTables.agentRuns(s).select(Columns.of(PrelabelTransforms.RUN_COLUMNS));
  }

  @Test
  void everyProposalGetsOneFate() {
    Map<String, String> fates =
        PrelabelTransforms.fates(runs(silver), GoldTransforms.prepare(silver))
            .collectAsList()
            .stream()
            .collect(
                Collectors.toMap(
                    r -> r.getAs("run_id") + "/" + r.getAs("label_id"),
                    r -> r.<String>getAs("fate") + (r.<Boolean>getAs("edited") ? "+edited" : "")));
    assertThat(fates)
        .isEqualTo(
            new TreeMap<>(
                Map.of(
                    "R1/o1", "approved_unedited",
                    "R1/o2", "approved_after_edit+edited",
                    "R1/o3", "deleted",
                    "R1/o4", "rejected",
                    "R1/o5", "pending",
                    "R1/o6", "superseded",
                    "R1/o7", "approved_unedited",
                    "R3/o6", "approved_unedited",
                    "R4/o9", "pending+edited")));
  }

  @Test
  void dailyRowsCountRunsFatesAndRates() {
    Map<String, Map<String, Object>> byKey =
        maps(PrelabelTransforms.agentPrelabelDaily(runs(silver), GoldTransforms.prepare(silver)))
            .stream()
            .collect(Collectors.toMap(m -> m.get("event_date") + "/" + m.get("agent_id"), m -> m));
    assertThat(byKey.keySet())
        .containsExactlyInAnyOrder("2025-04-01/A1", "2025-04-02/A1", "2025-04-01/A2");
    assertThat(byKey.get("2025-04-01/A1"))
        .isEqualTo(
            row(
                "2025-04-01",
                "A1",
                "Box detector",
                2,
                1,
                7,
                2,
                1,
                1,
                1,
                1,
                1,
                5,
                1,
                2.0 / 5,
                1.0 / 7));
    assertThat(byKey.get("2025-04-02/A1"))
        .isEqualTo(
            row("2025-04-02", "A1", "Box detector", 1, 0, 1, 1, 0, 0, 0, 0, 0, 1, 0, 1.0, 0.0));
    assertThat(byKey.get("2025-04-01/A2"))
        .isEqualTo(
            row("2025-04-01", "A2", "Segmenter", 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1, null, 1.0));
  }

  private static Map<String, Object> row(
      String date,
      String agent,
      String title,
      long runs,
      long failed,
      long proposed,
      long unedited,
      long afterEdit,
      long rejected,
      long deleted,
      long superseded,
      long pending,
      long decided,
      long edited,
      Double acceptance,
      Double editRate) {
    Map<String, Object> m = new TreeMap<>();
    m.put("event_date", LocalDate.parse(date));
    m.put("agent_id", agent);
    m.put("agent_title", title);
    m.put("runs", runs);
    m.put("failed_runs", failed);
    m.put("objects_proposed", proposed);
    m.put("approved_unedited", unedited);
    m.put("approved_after_edit", afterEdit);
    m.put("rejected", rejected);
    m.put("deleted", deleted);
    m.put("superseded", superseded);
    m.put("pending", pending);
    m.put("decided", decided);
    m.put("edited", edited);
    m.put("acceptance_rate", acceptance);
    m.put("edit_rate", editRate);
    return m;
  }

  /**
   * A run without a success flag proposes (only success false fails); an object listed twice in one
   * run is one proposal; a delete after an approval makes the object deleted.
   */
  @Test
  void successMissingDuplicateHashesAndDeleteAfterApproval() {
    EventRows rows = new EventRows();
    rows.editor("Y1", "RUN_AGENT", "u1", "2025-04-04T10:00:00Z")
        .dataUnit("D1")
        .task("T1")
        .info("{\"objectHashes\":[\"q1\",\"q1\",\"q2\"],\"agentUuid\":\"A3\"}");
    object(rows, "f1", "APPROVE_OBJECT", "r1", "2025-04-04T11:00:00Z", "q1");
    object(rows, "f2", "DELETE_OBJECT", "u1", "2025-04-04T12:00:00Z", "q1");
    object(rows, "f3", "APPROVE_OBJECT", "r1", "2025-04-04T11:00:00Z", "q2");
    Dataset<Row> s = rows.toSilver(spark);
    Dataset<Row> runs = runs(s);
    Map<String, Object> row =
        maps(PrelabelTransforms.agentPrelabelDaily(runs, GoldTransforms.prepare(s))).get(0);
    assertThat(row)
        .containsEntry("runs", 1L)
        .containsEntry("failed_runs", 0L)
        .containsEntry("objects_proposed", 2L)
        .containsEntry("deleted", 1L)
        .containsEntry("approved_unedited", 1L)
        .containsEntry("decided", 2L)
        .containsEntry("acceptance_rate", 0.5);
  }

  @Test
  void aRunWithoutObjectsOrUuidStillCounts() {
    EventRows rows = new EventRows();
    rows.editor("Z1", "RUN_AGENT", "u1", "2025-04-03T10:00:00Z")
        .dataUnit("D1")
        .info("{\"success\":false}");
    Dataset<Row> s = rows.toSilver(spark);
    List<Map<String, Object>> out =
        maps(PrelabelTransforms.agentPrelabelDaily(runs(s), GoldTransforms.prepare(s)));
    assertThat(out).hasSize(1);
    assertThat(out.get(0))
        .containsEntry("agent_id", "unknown")
        .containsEntry("runs", 1L)
        .containsEntry("failed_runs", 1L)
        .containsEntry("objects_proposed", 0L)
        .containsEntry("acceptance_rate", null)
        .containsEntry("edit_rate", null);
  }
}
