package io.encordanalytics.silver;

import static org.assertj.core.api.Assertions.assertThat;

import io.encordanalytics.io.Tables;
import io.encordanalytics.spark.EventDates;
import io.encordanalytics.testing.EventRows;
import io.encordanalytics.testing.SparkTestBase;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The per-action silver tables flatten event_information into typed columns. */
class ActionTablesTest extends SparkTestBase {
  static Dataset<Row> silver;

  @BeforeAll
  static void events() {
    EventRows rows = new EventRows();
    rows.editor("c1", "CREATE_OBJECT", "u1", "2025-04-01T10:00:00Z")
        .labelId("o1")
        .task("t1")
        .info("{\"coordinates\":{\"x\":0.1,\"y\":0.2,\"w\":0.3,\"h\":0.4}}")
        .event()
        .setLabelRanges("[[3,5],[8,9]]");
    rows.editor("c2", "CREATE_OBJECT", "u1", "2025-04-01T10:00:01Z")
        .labelId("o2")
        .info("{\"coordinates\":{\"x\":0.1,\"y\":0.2,\"w\":0.3,\"h\":0.4,\"theta\":30}}");
    rows.editor("c3", "CREATE_OBJECT", "u1", "2025-04-01T10:00:02Z")
        .labelId("o3")
        .info("{\"coordinates\":[{\"x\":0,\"y\":0},{\"x\":1,\"y\":0},{\"x\":0,\"y\":1}]}");
    rows.editor("u1", "UPDATE_OBJECT", "u1", "2025-04-01T10:01:00Z")
        .labelId("o1")
        .info(
            "{\"oldCoordinates\":{\"x\":0.1,\"y\":0.2,\"w\":0.3,\"h\":0.4},"
                + "\"newCoordinates\":{\"x\":0.2,\"y\":0.2,\"w\":0.3,\"h\":0.4},\"lastEditedBy\":\"u1\"}");
    rows.editor("u2", "UPDATE_OBJECT", "u1", "2025-04-01T10:02:00Z")
        .labelId("o1")
        .info("{\"old_range\":[[3,5]],\"new_range\":[[3,7]],\"last_edited_by\":\"u1\"}");
    rows.editor("u3", "UPDATE_OBJECT", "u1", "2025-04-01T10:03:00Z").labelId("o1");
    rows.editor("d1", "DELETE_OBJECT", "u1", "2025-04-01T10:04:00Z").labelId("o3");
    rows.editor("r1", "REJECT_OBJECT", "r", "2025-04-01T11:00:00Z")
        .labelId("o1")
        .info("{\"isConsensus\":false,\"previousAction\":\"APPROVE\"}");
    rows.editor("r2", "REVERT_TO_PENDING_CLASSIFICATION", "r", "2025-04-01T11:01:00Z")
        .labelId("cl1");
    rows.label("r3", 13, "r", "2025-04-01T11:02:00Z").labelId("o9");
    rows.editor("a1", "APPROVE_TASK", "r", "2025-04-01T12:00:00Z")
        .task("t1")
        .info(
            "{\"approvedLabelHashes\":[\"o1\"],\"isConsensus\":true,\"isDetermineConsensus\":true,"
                + "\"selectedAnnotators\":[{\"email\":\"a@x\",\"hash\":\"h1\"},\"h2\"],"
                + "\"winningSetAnnotator\":{\"email\":\"a@x\",\"hash\":\"h1\"}}");
    rows.editor("g1", "RUN_AGENT", null, "2025-04-01T12:01:00Z")
        .info(
            "{\"objectHashes\":[\"o7\"],\"agentUuid\":\"ag\",\"agentEndpoint\":\"https://agent\","
                + "\"agentTitle\":\"Prelabel\",\"agentDescription\":\"boxes\",\"success\":true}");
    rows.editor("s1", "SAVE_TASK", "u1", "2025-04-01T12:02:00Z")
        .info("{\"saveType\":\"autosave\",\"success\":false}");
    rows.editor("k1", "SKIP_TASK", "u1", "2025-04-01T12:03:00Z")
        .info("{\"skipReason\":\"blurry\"}");
    rows.label("p1", 31, "u1", "2025-04-01T12:04:00Z").dataUnit("v1").frame(12);
    rows.label("x1", 37, "u1", "2025-04-01T12:05:00Z").branch("b-u1").labelId("o1");
    silver = rows.toSilver(spark);
  }

  private static Map<String, Object> row(Dataset<Row> df, String id) {
    List<Map<String, Object>> m = maps(df.filter(df.col("event_id").equalTo(id)));
    assertThat(m).as(id).hasSize(1);
    return m.get(0);
  }

  @Test
  void objectChangesCarryGeometryRangesAndUpdateKinds() {
    Dataset<Row> t = ActionTables.objectChanges(silver);
    assertThat(t.count()).isEqualTo(7);
    assertThat(row(t, "c1"))
        .containsEntry("change_kind", "created")
        .containsEntry("object_hash", "o1")
        .containsEntry("task_key", "t1")
        .containsEntry("geometry_type", "bounding_box")
        .containsEntry("bbox_x", 0.1)
        .containsEntry("bbox_h", 0.4)
        .containsEntry("first_frame", 3)
        .containsEntry("last_frame", 9);
    assertThat(row(t, "c2"))
        .containsEntry("geometry_type", "rotatable_bounding_box")
        .containsEntry("theta", 30.0);
    assertThat(row(t, "c3"))
        .containsEntry("geometry_type", "polygon")
        .containsEntry("point_count", 3);
    assertThat(row(t, "u1"))
        .containsEntry("change_kind", "coordinates")
        .containsEntry("bbox_x", 0.2)
        .containsEntry("last_edited_by", "u1");
    assertThat(row(t, "u2"))
        .containsEntry("change_kind", "range")
        .containsEntry("new_range", "[[3,7]]");
    assertThat(row(t, "u3")).as("no event_information").containsEntry("change_kind", "other");
    assertThat(row(t, "d1")).containsEntry("change_kind", "deleted");
  }

  @Test
  void reviewDecisionsFromBothFormats() {
    Dataset<Row> t = ActionTables.reviewDecisions(silver);
    assertThat(t.count()).isEqualTo(3);
    assertThat(row(t, "r1"))
        .containsEntry("target_type", "label")
        .containsEntry("decision", "rejected")
        .containsEntry("is_consensus", false)
        .containsEntry("previous_action", "APPROVE");
    assertThat(row(t, "r2"))
        .containsEntry("target_type", "attribute")
        .containsEntry("decision", "reverted");
    assertThat(row(t, "r3")).containsEntry("decision", "rejected").containsEntry("label_id", "o9");
  }

  @Test
  void taskDecisionsAgentRunsSavesSkipsPlaybackAndConsensus() {
    Map<String, Object> a = row(ActionTables.taskDecisions(silver), "a1");
    assertThat(a)
        .containsEntry("decision", "approved")
        .containsEntry("is_consensus", true)
        .containsEntry("is_determine_consensus", true)
        .containsEntry("winning_set_annotator_hash", "h1")
        .containsEntry("winning_set_annotator_email", "a@x");
    assertThat(a.get("selected_annotators").toString()).contains("h1").contains("h2");
    assertThat(row(ActionTables.agentRuns(silver), "g1"))
        .containsEntry("agent_uuid", "ag")
        .containsEntry("agent_title", "Prelabel")
        .containsEntry("success", true)
        .containsEntry("user_id", null);
    assertThat(row(ActionTables.taskSaves(silver), "s1"))
        .containsEntry("save_type", "autosave")
        .containsEntry("success", false);
    assertThat(row(ActionTables.taskSkips(silver), "k1")).containsEntry("skip_reason", "blurry");
    assertThat(row(ActionTables.playbackEvents(silver), "p1"))
        .containsEntry("incident_type", "bitrate_warning")
        .containsEntry("frame", 12)
        .containsEntry("data_unit_id", "v1");
    assertThat(row(ActionTables.consensusEvents(silver), "x1"))
        .containsEntry("kind", "in_agreement")
        .containsEntry("branch_name", "b-u1");
  }

  @Test
  void countsGiveEachTableItsNumberOfRowsInOnePass() {
    Tables tables = new Tables(settings());
    EventCounts all = EventCounts.of(silver);
    Map<String, Long> counts = all.rowsPerTable();
    Map<String, Long> expected = new java.util.LinkedHashMap<>();
    ActionOutputs.of(tables)
        .forEach(
            (table, transform) -> expected.put(table.table(), transform.apply(silver).count()));
    assertThat(counts).as("every table the pipeline writes, by name").isEqualTo(expected);
    assertThat(counts)
        .as("c1 c2 c3 u1 u2 u3 d1; r1 r2 r3")
        .containsEntry("object_changes", 7L)
        .containsEntry("review_decisions", 3L);
    assertThat(all.events()).as("every event").isEqualTo(silver.count());
    assertThat(all.dates())
        .as("the dates of the events")
        .isEqualTo(EventDates.dates(silver))
        .isNotEmpty();
  }

  @Test
  void unknownActionsAreTheEventsNoSelectionMatches() {
    assertThat(EventCounts.of(silver).unknownActions())
        .as("every action of the test events is known")
        .isEmpty();
    EventRows rows = new EventRows();
    rows.editor("n1", "NEW_FANCY_ACTION", "u1", "2025-04-01T10:00:00Z");
    rows.editor("n2", "NEW_FANCY_ACTION", "u1", "2025-04-01T10:00:01Z");
    rows.label("n4", 99, "u1", "2025-04-01T10:00:03Z");
    rows.label("n5", 18, "u1", "2025-04-01T10:00:04Z");
    rows.label("n6", 3, "u1", "2025-04-01T10:00:05Z");
    assertThat(EventCounts.of(rows.toSilver(spark)).unknownActions())
        .as("18 is not a label-log code")
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("editor_log:NEW_FANCY_ACTION", 2L, "label_log:99", 1L, "label_log:18", 1L));
  }
}
