package io.encordanalytics.gold;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.encordanalytics.silver.ActionTables;
import io.encordanalytics.testing.EventRows;
import io.encordanalytics.testing.SparkTestBase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Consensus and playback gold transforms against tables.md: {@code consensus_units}, {@code
 * annotator_consensus_daily}, {@code playback_incidents_daily}, and the silver task decisions they
 * read. Every expected row is computed by hand from the tiny input built in the test.
 */
class ConsensusAndPlaybackTransformsTest extends SparkTestBase {
  private static final long IDLE_MS = 300_000L;
  private static final long EPISODE_GAP_MS = 10_000L;

  private static final String D1 = "2025-04-01";
  private static final String D2 = "2025-04-02";

  // ---- helpers --------------------------------------------------------------------------------

  private static String at(String date, String time) {
    return date + "T" + time + "Z";
  }

  private static Instant instant(String date, String time) {
    return Instant.parse(at(date, time));
  }

  /** A row as a map; values may be null. */
  private static Map<String, Object> row(Object... kv) {
    Map<String, Object> m = new TreeMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static Map<String, Object> unit(
      String id,
      String dataUnit,
      long annotatorBranches,
      long agreeingBranches,
      Double agreementRate,
      boolean reached,
      String winner,
      long labelsApproved,
      Instant decidedAt) {
    return row(
        "consensus_unit_id", id,
        "data_unit_id", dataUnit,
        "annotator_branches", annotatorBranches,
        "agreeing_branches", agreeingBranches,
        "agreement_rate", agreementRate,
        "consensus_reached", reached,
        "winning_user_id", winner,
        "consensus_labels_approved", labelsApproved,
        "decided_at", decidedAt,
        "event_date",
            decidedAt == null ? null : LocalDate.ofInstant(decidedAt, java.time.ZoneOffset.UTC));
  }

  /** An undecided unit with no agreement, no winner and no consensus label approvals. */
  private static Map<String, Object> undecided(String id, String dataUnit, long branches) {
    return unit(id, dataUnit, branches, 0, branches > 0 ? 0.0 : null, false, null, 0, null);
  }

  private static Map<String, Object> daily(
      String date, String user, long units, long inAgreement, long wins) {
    return row(
        "event_date", LocalDate.parse(date),
        "user_id", user,
        "consensus_units", units,
        "units_in_agreement", inAgreement,
        "agreement_rate", (double) inAgreement / units,
        "wins", wins);
  }

  private static Map<String, Object> playback(
      String date,
      String dataUnit,
      String user,
      long buffering,
      long bitrate,
      long seeking,
      long episodes,
      long activeMs) {
    long events = buffering + bitrate + seeking;
    return row(
        "event_date", LocalDate.parse(date),
        "data_unit_id", dataUnit,
        "user_id", user,
        "buffering_events", buffering,
        "bitrate_warnings", bitrate,
        "seeking_events", seeking,
        "playback_events", events,
        "incident_episodes", episodes,
        "active_time_ms", activeMs,
        "incidents_per_active_hour", activeMs == 0 ? null : events * 3_600_000.0 / activeMs);
  }

  private static List<Map<String, Object>> units(EventRows rows) {
    Dataset<Row> silver = rows.toSilver(spark);
    return maps(
        GoldTransforms.consensusUnits(
            GoldTransforms.prepare(silver), ActionTables.taskDecisions(silver)));
  }

  private static List<Map<String, Object>> consensusDaily(EventRows rows) {
    Dataset<Row> silver = rows.toSilver(spark);
    Dataset<Row> prepared = GoldTransforms.prepare(silver);
    Dataset<Row> decisions = ActionTables.taskDecisions(silver);
    Dataset<Row> units = GoldTransforms.consensusUnits(prepared, decisions);
    return maps(GoldTransforms.annotatorConsensusDaily(prepared, units, decisions));
  }

  private static List<Map<String, Object>> playbackDaily(EventRows rows, long episodeGapMs) {
    return maps(
        GoldTransforms.playbackIncidentsDaily(
            GoldTransforms.prepare(rows.toSilver(spark)), IDLE_MS, episodeGapMs));
  }

  // ---- consensus unit detection ---------------------------------------------------------------

  @Test
  void unitIsDetectedByNonMainBranch() {
    EventRows rows = new EventRows();
    rows.label("a1", 0, "u1", at(D1, "10:00:00")).dataUnit("duA").branch("b1");
    rows.label("a2", 0, "u2", at(D1, "10:00:00")).dataUnit("duA").branch("main");
    rows.label("m1", 0, "u1", at(D1, "10:00:00")).dataUnit("duMain").branch("main");
    rows.label("n1", 0, "u1", at(D1, "10:00:00")).dataUnit("duNone");
    // A non-main branch on an event that is no branch work still marks the unit.
    rows.label("z1", 3, "u1", at(D1, "10:00:00")).dataUnit("duStart").branch("b9");

    assertThat(units(rows))
        .as("only data units with an event on a non-main branch are units")
        .containsExactlyInAnyOrder(undecided("duA", "duA", 1), undecided("duStart", "duStart", 0));
  }

  @Test
  void unitIsDetectedByConsensusCodes() {
    EventRows rows = new EventRows();
    rows.label("a", 35, "r1", at(D1, "10:00:00")).dataUnit("du35").branch("main");
    rows.label("b", 36, "r1", at(D1, "10:00:00")).dataUnit("du36");
    rows.label("c", 37, "r1", at(D1, "11:00:00")).dataUnit("du37").branch("main");
    rows.label("d", 33, "r1", at(D1, "10:00:00")).dataUnit("du33").branch("main");

    assertThat(units(rows))
        .as("codes 35, 36 and 37 mark a unit even on main; 33 does not")
        .containsExactlyInAnyOrder(
            unit("du35", "du35", 0, 0, null, false, null, 1, null),
            unit("du36", "du36", 0, 0, null, false, null, -1, null),
            // A 37 on main decides the unit but is not an agreeing branch.
            unit("du37", "du37", 0, 0, null, true, null, 0, instant(D1, "11:00:00")));
  }

  @Test
  void unitIsDetectedByConsensusStageType() {
    EventRows rows = new EventRows();
    rows.editor("e1", "CREATE_OBJECT", "h1", at(D1, "10:00:00"))
        .task("t1")
        .dataUnit("du1")
        .stageType("CONSENSUS_ANNOTATION");
    rows.editor("e2", "ENTER_EDITOR", "h1", at(D1, "10:00:00"))
        .task("t2")
        .dataUnit("du2")
        .stageType("CONSENSUS_REVIEW");
    rows.editor("e3", "CREATE_OBJECT", "h1", at(D1, "10:00:00"))
        .task("t3")
        .dataUnit("du3")
        .stageType("ANNOTATION");
    rows.editor("e4", "APPROVE_TASK", "r1", at(D1, "10:00:00"))
        .task("t4")
        .dataUnit("du4")
        .stageType("REVIEW");

    assertThat(units(rows))
        .as("CONSENSUS_* stage types mark a unit, other stage types do not")
        .containsExactlyInAnyOrder(undecided("t1", "du1", 0), undecided("t2", "du2", 0));
  }

  @Test
  void unitIsDetectedByIsConsensusFlag() {
    EventRows rows = new EventRows();
    rows.editor("e1", "APPROVE_OBJECT", "r1", at(D1, "10:00:00"))
        .task("t1")
        .dataUnit("du1")
        .info("{\"isConsensus\":true,\"previousAction\":\"REJECT\"}");
    rows.editor("e2", "APPROVE_OBJECT", "r1", at(D1, "10:00:00"))
        .task("t2")
        .dataUnit("du2")
        .info("{\"isConsensus\":false}");
    rows.editor("e3", "APPROVE_TASK", "r1", at(D1, "10:00:00"))
        .task("t3")
        .dataUnit("du3")
        .info("{\"isConsensus\":false,\"approvedLabelHashes\":[\"o1\"]}");

    assertThat(units(rows))
        .as("isConsensus=true on any event marks a unit; a consensus object review decides nothing")
        .containsExactly(undecided("t1", "du1", 0));
  }

  @Test
  void unitIdIsWorkflowTaskIdOrDataUnitWhenNullOrEmpty() {
    EventRows rows = new EventRows();
    rows.editor("e1", "CREATE_OBJECT", "h1", at(D1, "10:00:00"))
        .task("t1")
        .dataUnit("du1")
        .branch("b1");
    rows.editor("e2", "CREATE_OBJECT", "h2", at(D1, "10:00:01"))
        .task("t1")
        .dataUnit("du1")
        .branch("b2");
    rows.editor("e3", "CREATE_OBJECT", "h1", at(D1, "10:00:00"))
        .task("")
        .dataUnit("duEmpty")
        .branch("b1");
    rows.editor("e4", "CREATE_OBJECT", "h1", at(D1, "10:00:00")).dataUnit("duNull").branch("b1");
    rows.label("l1", 0, "u1", at(D1, "10:00:00")).dataUnit("duLabel").branch("b1");

    assertThat(units(rows))
        .as("task key: workflow_task_id, else data_unit_id")
        .containsExactlyInAnyOrder(
            undecided("t1", "du1", 2),
            undecided("duEmpty", "duEmpty", 1),
            undecided("duNull", "duNull", 1),
            undecided("duLabel", "duLabel", 1));
  }

  // ---- consensus unit columns -----------------------------------------------------------------

  @Test
  void annotatorBranchesCountBranchWorkOnNonMainBranchesOnly() {
    EventRows rows = new EventRows();
    String du = "du1";
    rows.label("w1", 0, "u1", at(D1, "10:00:00")).dataUnit(du).branch("b1");
    rows.label("w2", 0, "u1", at(D1, "10:00:01")).dataUnit(du).branch("b1");
    rows.label("w3", 1, "u2", at(D1, "10:00:02")).dataUnit(du).branch("b2");
    rows.label("w4", 23, "u3", at(D1, "10:00:03")).dataUnit(du).branch("b3");
    rows.label("w5", 11, "u4", at(D1, "10:00:04")).dataUnit(du).branch("b4");
    // Not branch work: deletions, attribute edits, reviews, starts.
    rows.label("x1", 2, "u5", at(D1, "10:00:05")).dataUnit(du).branch("b5");
    rows.label("x2", 24, "u6", at(D1, "10:00:06")).dataUnit(du).branch("b6");
    rows.label("x3", 12, "u7", at(D1, "10:00:07")).dataUnit(du).branch("b7");
    rows.label("x4", 3, "u8", at(D1, "10:00:08")).dataUnit(du).branch("b8");
    // Branch work on main or without a branch.
    rows.label("x5", 0, "u9", at(D1, "10:00:09")).dataUnit(du).branch("main");
    rows.label("x6", 0, "u9", at(D1, "10:00:10")).dataUnit(du);
    // Editor actions of the same kinds.
    String t = "t1";
    rows.editor("e1", "CREATE_OBJECT", "h1", at(D1, "10:00:00"))
        .task(t)
        .dataUnit("du2")
        .branch("c1");
    rows.editor("e2", "UPDATE_OBJECT", "h2", at(D1, "10:00:00"))
        .task(t)
        .dataUnit("du2")
        .branch("c2");
    rows.editor("e3", "CREATE_ATTRIBUTE", "h3", at(D1, "10:00:00"))
        .task(t)
        .dataUnit("du2")
        .branch("c3");
    rows.editor("e4", "SUBMIT_TASK", "h4", at(D1, "10:00:00")).task(t).dataUnit("du2").branch("c4");
    rows.editor("e5", "DELETE_OBJECT", "h5", at(D1, "10:00:00"))
        .task(t)
        .dataUnit("du2")
        .branch("c5");
    rows.editor("e6", "SAVE_TASK", "h6", at(D1, "10:00:00")).task(t).dataUnit("du2").branch("c6");

    assertThat(units(rows))
        .as(
            "annotator_branches: distinct non-main branches of label_created/edited,"
                + " attribute_created, task_submitted")
        .containsExactlyInAnyOrder(undecided("du1", "du1", 4), undecided("t1", "du2", 4));
  }

  @Test
  void labelLogAgreementCountsDistinctNonMainBranchesOfCode37() {
    EventRows rows = new EventRows();
    String du = "du1";
    rows.label("w1", 0, "u1", at(D1, "09:00:00")).dataUnit(du).branch("b1");
    rows.label("w2", 0, "u2", at(D1, "09:00:00")).dataUnit(du).branch("b2");
    rows.label("w3", 0, "u3", at(D1, "09:00:00")).dataUnit(du).branch("b3");
    // The first decision is a 37 on main: it decides but does not count as an agreeing branch.
    rows.label("c0", 37, "r1", at(D1, "10:00:00")).dataUnit(du).branch("main");
    rows.label("c1", 37, "r1", at(D1, "10:00:01")).dataUnit(du).branch("b1");
    rows.label("c2", 37, "r1", at(D1, "10:00:02")).dataUnit(du).branch("b1");
    rows.label("c3", 37, "r1", at(D2, "10:00:03")).dataUnit(du).branch("b2");
    rows.label("p1", 35, "r1", at(D1, "10:00:04")).dataUnit(du).branch("b1");
    rows.label("p2", 35, "r1", at(D1, "10:00:05")).dataUnit(du).branch("b2");
    rows.label("p3", 35, "r1", at(D1, "10:00:06")).dataUnit(du).branch("b2");
    rows.label("p4", 36, "r1", at(D1, "10:00:07")).dataUnit(du).branch("b2");

    assertThat(units(rows))
        .as("2 of 3 branches agree; decided at the first 37; 3 approvals - 1 cancellation")
        .containsExactly(unit("du1", "du1", 3, 2, 2.0 / 3, true, null, 2, instant(D1, "10:00:00")));
  }

  @Test
  void editorLogAgreementUnionsSelectedAndApprovedAnnotatorsOfConsensusApprovals() {
    EventRows rows = new EventRows();
    String t = "t1";
    for (String h : List.of("h1", "h2", "h3", "h4")) {
      rows.editor("w-" + h, "CREATE_OBJECT", h, at(D1, "09:00:00"))
          .task(t)
          .dataUnit("du1")
          .branch("branch-" + h)
          .stageType("CONSENSUS_ANNOTATION");
    }
    // Object entries and plain hash strings; h1 in both lists and in both events.
    rows.editor("a1", "APPROVE_TASK", "r1", at(D2, "08:00:00"))
        .task(t)
        .dataUnit("du1")
        .stageType("CONSENSUS_REVIEW")
        .info(
            "{\"approvedLabelHashes\":[\"o1\"],\"isConsensus\":true,\"isDetermineConsensus\":false,"
                + "\"annotatorsWithApprovedLabels\":[{\"email\":\"h1@x.io\",\"hash\":\"h1\"},\"h2\"]}");
    rows.editor("a2", "APPROVE_TASK", "r1", at(D2, "09:00:00"))
        .task(t)
        .dataUnit("du1")
        .stageType("CONSENSUS_REVIEW")
        .info(
            "{\"approvedLabelHashes\":[\"o1\"],\"isConsensus\":true,\"isDetermineConsensus\":true,"
                + "\"selectedAnnotators\":[\"h1\",{\"email\":\"h3@x.io\",\"hash\":\"h3\"}],"
                + "\"annotatorsWithApprovedLabels\":[{\"email\":\"h1@x.io\",\"hash\":\"h1\"}],"
                + "\"winningSetAnnotator\":{\"email\":\"h3@x.io\",\"hash\":\"h3\"}}");

    assertThat(units(rows))
        .as("{h1,h2,h3} agree out of 4 branches; h3 wins; decided at the first approval")
        .containsExactly(unit("t1", "du1", 4, 3, 0.75, true, "h3", 0, instant(D2, "08:00:00")));
  }

  @Test
  void sameHashInBothListsOfOneApprovalCountsOnce() {
    EventRows rows = new EventRows();
    rows.editor("w1", "SUBMIT_TASK", "h1", at(D1, "09:00:00"))
        .task("t1")
        .dataUnit("du1")
        .branch("b1");
    rows.editor("w2", "SUBMIT_TASK", "h2", at(D1, "09:00:00"))
        .task("t1")
        .dataUnit("du1")
        .branch("b2");
    rows.editor("a1", "APPROVE_TASK", "r1", at(D1, "10:00:00"))
        .task("t1")
        .dataUnit("du1")
        .info(
            "{\"isConsensus\":true,\"selectedAnnotators\":[{\"email\":\"e\",\"hash\":\"h2\"}],"
                + "\"annotatorsWithApprovedLabels\":[\"h2\",\"h2\"],"
                + "\"winningSetAnnotator\":\"h2\"}");

    assertThat(units(rows))
        .as("h2 named three times is one agreeing annotator; a plain-string winner is read")
        .containsExactly(unit("t1", "du1", 2, 1, 0.5, true, "h2", 0, instant(D1, "10:00:00")));
  }

  @Test
  void nonConsensusTaskApprovalDecidesNothing() {
    EventRows rows = new EventRows();
    rows.editor("w1", "CREATE_OBJECT", "h1", at(D1, "09:00:00"))
        .task("t1")
        .dataUnit("du1")
        .branch("b1");
    rows.editor("w2", "CREATE_OBJECT", "h2", at(D1, "09:00:00"))
        .task("t1")
        .dataUnit("du1")
        .branch("b2");
    rows.editor("a1", "APPROVE_TASK", "r1", at(D1, "10:00:00"))
        .task("t1")
        .dataUnit("du1")
        .info(
            "{\"isConsensus\":false,\"approvedLabelHashes\":[\"o1\"],"
                + "\"selectedAnnotators\":[\"h1\"],\"annotatorsWithApprovedLabels\":[\"h2\"],"
                + "\"winningSetAnnotator\":{\"email\":\"e\",\"hash\":\"h1\"}}");
    rows.editor("a2", "APPROVE_TASK", "r1", at(D1, "11:00:00")).task("t1").dataUnit("du1");
    rows.label("a3", 33, "r1", at(D1, "12:00:00")).dataUnit("du2").branch("b1");
    // A consensus rejection marks a unit but is no decision, and its annotators do not agree.
    rows.editor("a4", "REJECT_TASK", "r1", at(D1, "13:00:00"))
        .task("t1")
        .dataUnit("du1")
        .info("{\"isConsensus\":true,\"isDetermineConsensus\":true,\"annotators\":[\"h1\"]}");

    assertThat(units(rows))
        .as(
            "APPROVE_TASK with isConsensus false or without event_information, and REJECT_TASK,"
                + " decide nothing")
        .containsExactlyInAnyOrder(undecided("t1", "du1", 2), undecided("du2", "du2", 0));
  }

  @Test
  void winnerComesFromLatestConsensusApprovalNamingOne() {
    EventRows rows = new EventRows();
    rows.editor("w1", "CREATE_OBJECT", "hA", at(D1, "09:00:00"))
        .task("t1")
        .dataUnit("du1")
        .branch("b1");
    rows.editor("w2", "CREATE_OBJECT", "hB", at(D1, "09:00:00"))
        .task("t1")
        .dataUnit("du1")
        .branch("b2");
    rows.editor("a1", "APPROVE_TASK", "r1", at(D1, "10:00:00"))
        .task("t1")
        .dataUnit("du1")
        .info(
            "{\"isConsensus\":true,\"isDetermineConsensus\":true,"
                + "\"winningSetAnnotator\":{\"email\":\"a\",\"hash\":\"hA\"}}");
    rows.editor("a2", "APPROVE_TASK", "r1", at(D1, "11:00:00"))
        .task("t1")
        .dataUnit("du1")
        .info(
            "{\"isConsensus\":true,\"isDetermineConsensus\":true,"
                + "\"winningSetAnnotator\":{\"email\":\"b\",\"hash\":\"hB\"}}");
    // Later, but naming no winner, or not a consensus approval.
    rows.editor("a3", "APPROVE_TASK", "r1", at(D1, "12:00:00"))
        .task("t1")
        .dataUnit("du1")
        .info("{\"isConsensus\":true,\"isDetermineConsensus\":false}");
    rows.editor("a4", "APPROVE_TASK", "r1", at(D1, "13:00:00"))
        .task("t1")
        .dataUnit("du1")
        .info("{\"isConsensus\":false,\"winningSetAnnotator\":{\"email\":\"c\",\"hash\":\"hC\"}}");

    assertThat(units(rows))
        .as("winner of a2, the latest consensus approval naming one")
        .containsExactly(unit("t1", "du1", 2, 0, 0.0, true, "hB", 0, instant(D1, "10:00:00")));
  }

  @Test
  void undecidedUnitHasNoDecisionTimeAndCountsLabelApprovalsMinusCancellations() {
    EventRows rows = new EventRows();
    rows.label("w1", 0, "u1", at(D1, "09:00:00")).dataUnit("du1").branch("b1");
    rows.label("p1", 35, "r1", at(D1, "10:00:00")).dataUnit("du1").branch("b1");
    rows.label("p2", 35, "r1", at(D1, "10:00:01")).dataUnit("du1").branch("b1");
    rows.label("p3", 35, "r1", at(D1, "10:00:02")).dataUnit("du1").branch("main");
    rows.label("p4", 36, "r1", at(D1, "10:00:03")).dataUnit("du1").branch("b1");

    assertThat(units(rows))
        .as("35/36 do not decide; 3 - 1 = 2 labels approved")
        .containsExactly(unit("du1", "du1", 1, 0, 0.0, false, null, 2, null));
  }

  @Test
  void decidedAtIsTheFirstDecisionOfEitherKind() {
    EventRows rows = new EventRows();
    // Label log: a 37 later than a non-decision; editor: a non-consensus approval first.
    rows.label("w1", 0, "u1", at(D1, "23:00:00")).dataUnit("du1").branch("b1");
    rows.label("c1", 37, "r1", at(D2, "00:00:01")).dataUnit("du1").branch("b1");
    rows.label("c2", 37, "r1", at(D1, "23:59:59")).dataUnit("du1").branch("b1");
    rows.editor("w2", "CREATE_OBJECT", "h1", at(D1, "09:00:00"))
        .task("t1")
        .dataUnit("du2")
        .branch("b1");
    rows.editor("a0", "APPROVE_TASK", "r1", at(D1, "09:30:00"))
        .task("t1")
        .dataUnit("du2")
        .info("{\"isConsensus\":false}");
    rows.editor("a1", "APPROVE_TASK", "r1", at(D2, "10:00:00"))
        .task("t1")
        .dataUnit("du2")
        .info("{\"isConsensus\":true,\"annotatorsWithApprovedLabels\":[\"h1\"]}");

    assertThat(units(rows))
        .as("decided_at and event_date from the first decision event")
        .containsExactlyInAnyOrder(
            unit("du1", "du1", 1, 1, 1.0, true, null, 0, instant(D1, "23:59:59")),
            unit("t1", "du2", 1, 1, 1.0, true, null, 0, instant(D2, "10:00:00")));
  }

  // ---- silver task decisions ------------------------------------------------------------------

  @Test
  void taskDecisionsReadAnnotatorEntriesAsObjectsOrHashes() {
    EventRows rows = new EventRows();
    rows.editor("a1", "APPROVE_TASK", "r1", at(D1, "10:00:00"))
        .task("t1")
        .info(
            "{\"isConsensus\":true,\"isDetermineConsensus\":true,"
                + "\"selectedAnnotators\":[{\"email\":\"a@x.io\",\"hash\":\"h1\"},\"h2\"],"
                + "\"annotatorsWithApprovedLabels\":[\"h3\",{\"email\":\"d@x.io\",\"hash\":\"h4\"}],"
                + "\"winningSetAnnotator\":{\"email\":\"a@x.io\",\"hash\":\"h1\"}}");
    rows.editor("a2", "APPROVE_TASK", "r1", at(D1, "10:00:00"))
        .task("t2")
        .info(
            "{\"is_consensus\":true,\"selected_annotators\":[\"h5\"],"
                + "\"winning_set_annotator\":\"h5\"}");
    rows.editor("a3", "APPROVE_TASK", "r1", at(D1, "10:00:00")).task("t3");
    rows.editor("x1", "APPROVE_OBJECT", "r1", at(D1, "10:00:00")).task("t3");

    List<Map<String, Object>> actual = new ArrayList<>();
    for (Row r :
        ActionTables.taskDecisions(rows.toSilver(spark))
            .select(
                col("event_id"),
                col("decision"),
                col("is_consensus"),
                col("selected_annotators"),
                col("annotators_with_approved_labels"),
                col("winning_set_annotator_hash"))
            .collectAsList()) {
      actual.add(
          row(
              "event_id",
              r.getString(0),
              "decision",
              r.getString(1),
              "is_consensus",
              r.isNullAt(2) ? null : r.getBoolean(2),
              "selected_annotators",
              r.isNullAt(3) ? null : r.getList(3),
              "annotators_with_approved_labels",
              r.isNullAt(4) ? null : r.getList(4),
              "winning_set_annotator_hash",
              r.getString(5)));
    }
    assertThat(actual)
        .as("annotator hashes from {email,hash} objects and plain strings, both key styles")
        .containsExactlyInAnyOrder(
            row(
                "event_id",
                "a1",
                "decision",
                "approved",
                "is_consensus",
                true,
                "selected_annotators",
                List.of("h1", "h2"),
                "annotators_with_approved_labels",
                List.of("h3", "h4"),
                "winning_set_annotator_hash",
                "h1"),
            row(
                "event_id",
                "a2",
                "decision",
                "approved",
                "is_consensus",
                true,
                "selected_annotators",
                List.of("h5"),
                "annotators_with_approved_labels",
                null,
                "winning_set_annotator_hash",
                "h5"),
            row(
                "event_id", "a3",
                "decision", "approved",
                "is_consensus", null,
                "selected_annotators", null,
                "annotators_with_approved_labels", null,
                "winning_set_annotator_hash", null));
  }

  // ---- annotator_consensus_daily --------------------------------------------------------------

  @Test
  void branchOwnerHasMostBranchWorkWithTiesToSmallestUserId() {
    EventRows rows = new EventRows();
    String du = "du1";
    rows.label("o1", 0, "u2", at(D1, "09:00:00")).dataUnit(du).branch("b1");
    rows.label("o2", 1, "u2", at(D1, "09:00:01")).dataUnit(du).branch("b1");
    rows.label("o3", 23, "u1", at(D1, "09:00:02")).dataUnit(du).branch("b1");
    rows.label("o4", 11, "u3", at(D1, "09:00:03")).dataUnit(du).branch("b2");
    rows.label("o5", 0, "u1", at(D1, "09:00:04")).dataUnit(du).branch("b2");
    // Not branch work: u9 deletes and reviews a lot on b2, and works on main.
    rows.label("x1", 2, "u9", at(D1, "09:00:05")).dataUnit(du).branch("b2");
    rows.label("x2", 2, "u9", at(D1, "09:00:06")).dataUnit(du).branch("b2");
    rows.label("x3", 12, "u9", at(D1, "09:00:07")).dataUnit(du).branch("b2");
    rows.label("x4", 0, "u9", at(D1, "09:00:08")).dataUnit(du).branch("main");
    rows.label("x5", 0, "u9", at(D1, "09:00:08")).dataUnit(du).branch("main");

    Dataset<Row> prepared = GoldTransforms.prepare(rows.toSilver(spark));
    assertThat(maps(GoldTransforms.branchOwners(GoldTransforms.unitEvents(prepared))))
        .as("b1: u2 has 2 events to u1's 1; b2: u1 and u3 tie, u1 is smaller")
        .containsExactlyInAnyOrder(
            row("task_key", du, "branch_name", "b1", "owner_id", "u2"),
            row("task_key", du, "branch_name", "b2", "owner_id", "u1"));
  }

  @Test
  void annotatorConsensusDailyCountsOwnedDecidedUnitsByDecisionDate() {
    EventRows rows = new EventRows();
    // Unit A (label log), decided on D1: u1, u2, u3 own b1..b3; b1 and b2 agree.
    rows.label("A1", 0, "u1", at("2025-03-31", "09:00:00")).dataUnit("duA").branch("b1");
    rows.label("A2", 0, "u2", at("2025-03-31", "09:00:00")).dataUnit("duA").branch("b2");
    rows.label("A3", 0, "u3", at("2025-03-31", "09:00:00")).dataUnit("duA").branch("b3");
    rows.label("A4", 37, "r1", at(D1, "10:00:00")).dataUnit("duA").branch("b1");
    rows.label("A5", 37, "r1", at(D1, "10:00:01")).dataUnit("duA").branch("b2");
    // Unit E (label log), decided on D1: u1 owns b1, u4 owns b2; only b2 agrees.
    rows.label("E1", 0, "u1", at(D1, "08:00:00")).dataUnit("duE").branch("b1");
    rows.label("E2", 0, "u4", at(D1, "08:00:00")).dataUnit("duE").branch("b2");
    rows.label("E3", 37, "r1", at(D1, "10:00:00")).dataUnit("duE").branch("b2");
    // Unit B (editor log), decided on D1: h1, h2 own branches; h2 agrees by hash and wins.
    rows.editor("B1", "CREATE_OBJECT", "h1", at(D1, "08:00:00"))
        .task("tB")
        .dataUnit("duB")
        .branch("x1");
    rows.editor("B2", "CREATE_OBJECT", "h2", at(D1, "08:00:00"))
        .task("tB")
        .dataUnit("duB")
        .branch("x2");
    rows.editor("B3", "APPROVE_TASK", "r1", at(D1, "12:00:00"))
        .task("tB")
        .dataUnit("duB")
        .info(
            "{\"isConsensus\":true,\"isDetermineConsensus\":true,"
                + "\"selectedAnnotators\":[{\"email\":\"h2@x.io\",\"hash\":\"h2\"}],"
                + "\"winningSetAnnotator\":{\"email\":\"h2@x.io\",\"hash\":\"h2\"}}");
    // Unit C (label log), decided on D2: u1 owns both branches, only c2 agrees.
    rows.label("C1", 0, "u1", at(D1, "08:00:00")).dataUnit("duC").branch("c1");
    rows.label("C2", 0, "u1", at(D1, "08:00:00")).dataUnit("duC").branch("c2");
    rows.label("C3", 37, "r1", at(D2, "10:00:00")).dataUnit("duC").branch("c2");
    // Unit D, undecided: not counted for anyone.
    rows.label("D1", 0, "u1", at(D1, "08:00:00")).dataUnit("duD").branch("d1");
    rows.label("D2", 0, "u5", at(D1, "08:00:00")).dataUnit("duD").branch("d2");

    assertThat(consensusDaily(rows))
        .as("owners of decided units by decision date; agreement by branch or by hash")
        .containsExactlyInAnyOrder(
            daily(D1, "u1", 2, 1, 0),
            daily(D1, "u2", 1, 1, 0),
            daily(D1, "u3", 1, 0, 0),
            daily(D1, "u4", 1, 1, 0),
            daily(D1, "h1", 1, 0, 0),
            daily(D1, "h2", 1, 1, 1),
            daily(D2, "u1", 1, 1, 0));
  }

  @Test
  void annotatorAgreesByHashOnlyInItsOwnUnit() {
    EventRows rows = new EventRows();
    // h1 owns branches in two units decided the same day, but is named only in tX's approval.
    rows.editor("X1", "SUBMIT_TASK", "h1", at(D1, "08:00:00"))
        .task("tX")
        .dataUnit("du1")
        .branch("b1");
    rows.editor("Y1", "SUBMIT_TASK", "h1", at(D1, "08:00:00"))
        .task("tY")
        .dataUnit("du1")
        .branch("b1");
    rows.editor("X2", "APPROVE_TASK", "r1", at(D1, "09:00:00"))
        .task("tX")
        .dataUnit("du1")
        .info("{\"isConsensus\":true,\"annotatorsWithApprovedLabels\":[\"h1\"]}");
    rows.editor("Y2", "APPROVE_TASK", "r1", at(D1, "09:00:00"))
        .task("tY")
        .dataUnit("du1")
        .info(
            "{\"isConsensus\":true,\"annotatorsWithApprovedLabels\":[\"h2\"],"
                + "\"winningSetAnnotator\":\"h1\"}");

    assertThat(consensusDaily(rows))
        .as("agreement in tX only; the win in tY")
        .containsExactly(daily(D1, "h1", 2, 1, 1));
  }

  // ---- playback_incidents_daily ---------------------------------------------------------------

  @Test
  void playbackCountsPerKindPerDateDataUnitAndUser() {
    EventRows rows = new EventRows();
    rows.label("p1", 30, "u1", at(D1, "10:00:00")).dataUnit("du1");
    rows.label("p2", 30, "u1", at(D1, "10:00:01")).dataUnit("du1");
    rows.label("p3", 31, "u1", at(D1, "10:00:02")).dataUnit("du1");
    rows.label("p4", 32, "u1", at(D1, "10:00:03")).dataUnit("du1");
    rows.label("q1", 32, "u2", at(D1, "10:00:00")).dataUnit("du1");
    rows.label("q2", 31, "u1", at(D2, "10:00:00")).dataUnit("du1");
    // Not playback: no row of its own.
    rows.label("x1", 0, "u3", at(D1, "10:00:00")).dataUnit("du1");

    assertThat(playbackDaily(rows, EPISODE_GAP_MS))
        .as("one row per (date, data unit, user) with playback events")
        .containsExactlyInAnyOrder(
            playback(D1, "du1", "u1", 2, 1, 1, 1, 3_000),
            playback(D1, "du1", "u2", 0, 0, 1, 1, 0),
            playback(D2, "du1", "u1", 0, 1, 0, 1, 0));
  }

  @Test
  void episodeContinuesBelowGapWhateverLiesBetweenAndRestartsAtExactlyTheGap() {
    EventRows rows = new EventRows();
    rows.label("p1", 30, "u1", at(D1, "10:00:00")).dataUnit("du1");
    rows.label("x1", 0, "u1", at(D1, "10:00:05")).dataUnit("du1");
    rows.label("p2", 31, "u1", at(D1, "10:00:09.999")).dataUnit("du1");
    rows.label("p3", 30, "u1", at(D1, "10:00:12")).dataUnit("du2");
    rows.label("p4", 32, "u1", at(D1, "10:00:19.999")).dataUnit("du1");
    // Another user's playback on du1 in between changes nothing for u1.
    rows.label("o1", 30, "u2", at(D1, "10:00:15")).dataUnit("du1");

    // u1 order: p1(du1) x1(du1) p2(du1) p3(du2) p4(du1): gaps 5000, 4999 on du1; 2001 and 7999
    // cross units. Episodes on du1: p1..p2 (9.999 s), p4 starts anew (exactly 10 s after p2).
    assertThat(playbackDaily(rows, EPISODE_GAP_MS))
        .as("episodes per user and data unit; active time only between events on the same unit")
        .containsExactlyInAnyOrder(
            playback(D1, "du1", "u1", 1, 1, 1, 2, 9_999),
            playback(D1, "du2", "u1", 1, 0, 0, 1, 0),
            playback(D1, "du1", "u2", 1, 0, 0, 1, 0));
  }

  @Test
  void episodeGapIsConfigurable() {
    EventRows rows = new EventRows();
    rows.label("p1", 30, "u1", at(D1, "10:00:00")).dataUnit("du1");
    rows.label("p2", 30, "u1", at(D1, "10:00:04")).dataUnit("du1");
    rows.label("p3", 30, "u1", at(D1, "10:00:09")).dataUnit("du1");

    assertThat(playbackDaily(rows, 5_000))
        .as("with a 5 s gap, 4 s continues and 5 s starts a new episode")
        .containsExactly(playback(D1, "du1", "u1", 3, 0, 0, 2, 9_000));
  }

  @Test
  void episodeSpanningMidnightCountsOnceOnItsStartDate() {
    EventRows rows = new EventRows();
    rows.label("p1", 30, "u1", at(D1, "23:59:55")).dataUnit("du1");
    rows.label("p2", 31, "u1", at(D2, "00:00:03")).dataUnit("du1");

    // The 8 s gap is credited to the later event's date.
    assertThat(playbackDaily(rows, EPISODE_GAP_MS))
        .as("one episode, counted on D1; D2's event continues it")
        .containsExactlyInAnyOrder(
            playback(D1, "du1", "u1", 1, 0, 0, 1, 0), playback(D2, "du1", "u1", 0, 1, 0, 0, 8_000));
  }

  @Test
  void activeTimeNeedsBothAdjacentEventsOnTheUnitAndAGapWithinTheIdleTimeout() {
    EventRows rows = new EventRows();
    rows.label("p1", 30, "u1", at(D1, "10:00:00")).dataUnit("du1");
    // Exactly the idle timeout: active.
    rows.label("x1", 1, "u1", at(D1, "10:05:00")).dataUnit("du1");
    // Over the idle timeout: idle.
    rows.label("p2", 30, "u1", at(D1, "10:10:00.001")).dataUnit("du1");
    // An unknown action on another data unit breaks adjacency; an editor event on du1 does not.
    rows.label("y1", 99, "u1", at(D1, "10:10:01")).dataUnit("du9");
    rows.label("p3", 32, "u1", at(D1, "10:10:03")).dataUnit("du1");
    rows.editor("y2", "ENTER_EDITOR", "u1", at(D1, "10:10:04")).dataUnit("du1");
    rows.label("p4", 32, "u1", at(D1, "10:10:06")).dataUnit("du1");
    // Another user's events on du1 do not add to u1's active time.
    rows.label("z1", 0, "u2", at(D1, "10:00:01")).dataUnit("du1");
    rows.label("z2", 0, "u2", at(D1, "10:00:02")).dataUnit("du1");

    // du1 active for u1: 300000 (p1->x1) + 1000 (p3->y2) + 2000 (y2->p4) = 303000 ms.
    // Episodes: p1; p2 (10 min later); p3 continues p2 (2.999 s) and p4 continues p3 (3 s).
    assertThat(playbackDaily(rows, EPISODE_GAP_MS))
        .as("only same-unit adjacent gaps within the idle timeout")
        .containsExactly(playback(D1, "du1", "u1", 2, 0, 2, 2, 303_000));
  }

  @Test
  void incidentsPerActiveHourIsNullWithoutActiveTime() {
    EventRows rows = new EventRows();
    rows.label("p1", 31, "u1", at(D1, "10:00:00")).dataUnit("du1");
    rows.label("x1", 0, "u1", at(D1, "10:00:01")).dataUnit("du2");

    assertThat(playbackDaily(rows, EPISODE_GAP_MS))
        .as("a lone playback event has no active time on its unit")
        .containsExactly(playback(D1, "du1", "u1", 0, 1, 0, 1, 0));
  }
}
