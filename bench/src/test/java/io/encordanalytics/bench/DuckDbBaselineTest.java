package io.encordanalytics.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbBaselineTest {
  @TempDir static Path dir;
  static Map<String, Long> counts;

  // Ann works in a snake_case label log; Bob in a camelCase editor log; Rita reviews both.
  static final String LABEL_LOG =
      String.join(
          "\n",
          "{\"log_hash\":\"L1\",\"user_hash\":\"ann\",\"user_email\":\"ann@x.example\","
              + "\"identifier\":\"lab1\",\"data_hash\":\"du1\",\"action\":0,\"label_name\":\"Car\","
              + "\"time_taken\":4000,\"created_at\":\"2025-04-01T10:00:00Z\",\"branch_name\":\"main\"}",
          "{\"log_hash\":\"L2\",\"user_hash\":\"ann\",\"user_email\":\"ann@x.example\","
              + "\"identifier\":\"lab1\",\"data_hash\":\"du1\",\"action\":1,\"label_name\":\"Car\","
              + "\"time_taken\":1000,\"created_at\":\"2025-04-01 10:01:00.500000\"}",
          // the same event again: counted once
          "{\"log_hash\":\"L2\",\"user_hash\":\"ann\",\"user_email\":\"ann@x.example\","
              + "\"identifier\":\"lab1\",\"data_hash\":\"du1\",\"action\":1,\"label_name\":\"Car\","
              + "\"time_taken\":1000,\"created_at\":\"2025-04-01 10:01:00.500000\"}",
          "<<< export interrupted >>>",
          // an unknown code: activity, but no kind
          "{\"log_hash\":\"L3\",\"user_hash\":\"ann\",\"data_hash\":\"du1\",\"action\":99,"
              + "\"created_at\":\"Tue, 01 Apr 2025 10:03:00 GMT\"}",
          // Rita rejects Ann's label an hour later (idle gap for Rita: first event)
          "{\"log_hash\":\"L4\",\"user_hash\":\"rita\",\"user_email\":\"rita@x.example\","
              + "\"identifier\":\"lab1\",\"data_hash\":\"du1\",\"action\":13,"
              + "\"created_at\":\"2025-04-01T13:00:00+02:00\"}",
          // a bad timestamp: dropped
          "{\"log_hash\":\"L5\",\"user_hash\":\"ann\",\"action\":0,"
              + "\"created_at\":\"2025-13-45T25:61:00Z\"}");

  static final String EDITOR_LOG =
      String.join(
          "\n",
          "{\"id\":\"E1\",\"action\":\"CREATE_OBJECT\",\"dataUnitId\":\"du2\","
              + "\"workflowTaskId\":\"t2\",\"timestamp\":\"2025-04-01T12:00:00.000+02:00\","
              + "\"actorUserId\":\"bob\",\"actorUserEmail\":\"bob@x.example\","
              + "\"objectHash\":\"obj2\",\"labelName\":\"Bus\",\"eventInformation\":{}}",
          "{\"id\":\"E2\",\"action\":\"SUBMIT_TASK\",\"dataUnitId\":\"du2\","
              + "\"workflowTaskId\":\"t2\",\"timestamp\":\"2025-04-01T10:02:00\","
              + "\"actorUserId\":\"bob\"}",
          "{\"id\":\"E3\",\"action\":\"REJECT_TASK\",\"dataUnitId\":\"du2\","
              + "\"workflowTaskId\":\"t2\",\"timestamp\":\"2025-04-01T11:00:00.000000Z\","
              + "\"actorUserId\":\"rita\",\"actorUserEmail\":\"rita@x.example\"}",
          "{\"foo\":1,\"bar\":\"baz\"}");

  @BeforeAll
  static void run() throws Exception {
    Path input = dir.resolve("in");
    Files.createDirectories(input.resolve("label-logs/day=2025-04-01"));
    Files.createDirectories(input.resolve("editor-logs/day=2025-04-01"));
    Files.writeString(input.resolve("label-logs/day=2025-04-01/part-0.jsonl"), LABEL_LOG + "\n");
    Files.writeString(input.resolve("editor-logs/day=2025-04-01/part-0.jsonl"), EDITOR_LOG + "\n");
    counts = DuckDbBaseline.run(input, dir.resolve("out"), 1);
  }

  static List<String> rows(String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("SET TimeZone = 'UTC'");
      try (ResultSet r = s.executeQuery(sql.replace("OUT", dir.resolve("out").toString()))) {
        int n = r.getMetaData().getColumnCount();
        while (r.next()) {
          List<String> f = new ArrayList<>();
          for (int i = 1; i <= n; i++) {
            f.add(r.getString(i));
          }
          out.add(String.join("|", f));
        }
      }
    }
    return out;
  }

  @Test
  void writesEveryContractTable() {
    assertThat(counts).containsOnlyKeys(DuckDbBaseline.TABLES);
    assertThat(counts.get("annotator_daily_activity")).as("ann, bob, rita").isEqualTo(3L);
  }

  @Test
  void activityCountsKindsAndActiveTimeAcrossFormatsKeyStylesAndTimestampForms() throws Exception {
    assertThat(
            rows(
                "SELECT user_id, user_email, labels_created, labels_edited, tasks_submitted,"
                    + " label_time_ms, active_time_ms, events"
                    + " FROM 'OUT/annotator_daily_activity.parquet' ORDER BY user_id"))
        .containsExactly(
            // 10:00:00 -> 10:01:00.5 -> 10:03:00 (the unknown action still counts as activity)
            "ann|ann@x.example|1|1|0|5000|180000|3",
            // 12:00+02:00 = 10:00Z -> 10:02 naive ISO (UTC)
            "bob|bob@x.example|1|0|1|0|120000|2",
            // 11:00Z -> 13:00+02:00 = 11:00Z
            "rita|rita@x.example|0|0|0|0|0|2");
  }

  @Test
  void reviewsAreAttributedToTheCreatorOrTheLatestSubmitter() throws Exception {
    assertThat(
            rows(
                "SELECT annotator_id, target_type, coalesce(label_name, '-'), approved, rejected,"
                    + " rejection_rate FROM 'OUT/review_outcomes_daily.parquet'"
                    + " ORDER BY target_type"))
        .containsExactly("ann|label|Car|0|1|1.0", "bob|task|-|0|1|1.0");
    assertThat(
            rows(
                "SELECT reviewer_id, target_type, reviewer_email, approved, rejected"
                    + " FROM 'OUT/reviewer_daily_decisions.parquet' ORDER BY target_type"))
        .containsExactly("rita|label|rita@x.example|0|1", "rita|task|rita@x.example|0|1");
  }

  @Test
  void noConsensusOrPlaybackRowsWithoutSuchEvents() {
    assertThat(counts.get("consensus_units")).isZero();
    assertThat(counts.get("annotator_consensus_daily")).isZero();
    assertThat(counts.get("playback_incidents_daily")).isZero();
  }

  @Test
  void statementsSplitAtLineEndSemicolonsAndDropComments() {
    assertThat(DuckDbBaseline.statements("-- a; b\nSELECT 1;\n\n-- only a comment;\nSELECT ';';\n"))
        .containsExactly("-- a; b\nSELECT 1", "SELECT ';'");
  }

  @Test
  void renderRejectsUnknownPlaceholders() {
    assertThat(DuckDbBaseline.render("SET threads = ${threads}", Map.of("threads", "2")))
        .isEqualTo("SET threads = 2");
    assertThatThrownBy(() -> DuckDbBaseline.render("${nope}", Map.of()))
        .hasMessageContaining("${nope}");
  }
}
