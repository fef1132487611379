package io.encordanalytics.gold;

import static org.assertj.core.api.Assertions.assertThat;

import io.encordanalytics.silver.ActionTables;
import io.encordanalytics.testing.EventRows;
import io.encordanalytics.testing.SparkTestBase;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The session tables ({@link SessionTransforms}) on one hand-built history with known answers:
 * editor sessions with every counted action, a review round trip, and label-log spans with a start
 * and an end, events outside any span, and a start without an end. Times are whole minutes, the
 * idle timeout five minutes.
 */
class SessionTransformsTest extends SparkTestBase {
  private static final long IDLE_MS = 300_000L;
  private static final long MIN = 60_000L;

  private static Dataset<Row> events;
  private static Dataset<Row> sessions;

  @BeforeAll
  static void build() {
    EventRows rows = new EventRows();
    // u1 annotates task T1 on 1 April (session S1): one gap longer than the idle timeout.
    editor(rows, "s1-1", "ENTER_EDITOR", "u1", "2025-04-01T10:00:00Z", "S1", "ANNOTATION");
    editor(rows, "s1-2", "CREATE_OBJECT", "u1", "2025-04-01T10:01:00Z", "S1", "ANNOTATION")
        .labelId("o1");
    editor(rows, "s1-3", "SAVE_TASK", "u1", "2025-04-01T10:02:00Z", "S1", "ANNOTATION")
        .info("{\"saveType\":\"autosave\",\"success\":true}");
    editor(rows, "s1-4", "SAVE_TASK", "u1", "2025-04-01T10:03:00Z", "S1", "ANNOTATION")
        .info("{\"saveType\":\"manual\",\"success\":false}");
    editor(rows, "s1-5", "RUN_AGENT", "u1", "2025-04-01T10:04:00Z", "S1", "ANNOTATION")
        .info("{\"objectHashes\":[\"o2\"],\"success\":true}");
    editor(rows, "s1-6", "FORCE_OVERWRITE", "u1", "2025-04-01T10:20:00Z", "S1", "ANNOTATION");
    editor(rows, "s1-7", "SUBMIT_TASK", "u1", "2025-04-01T10:21:00Z", "S1", "ANNOTATION");
    // r1 reviews it and rejects the task (S2); u1 fixes and resubmits the next day (S3); r1
    // approves (S4). The first session has no stage type: its review decision makes it a review.
    editor(rows, "s2-1", "APPROVE_OBJECT", "r1", "2025-04-01T11:00:00Z", "S2", null).labelId("o1");
    editor(rows, "s2-2", "REJECT_TASK", "r1", "2025-04-01T11:02:00Z", "S2", null);
    editor(rows, "s3-1", "UPDATE_OBJECT", "u1", "2025-04-02T09:00:00Z", "S3", "ANNOTATION")
        .labelId("o1");
    editor(rows, "s3-2", "SUBMIT_TASK", "u1", "2025-04-02T09:03:00Z", "S3", "ANNOTATION");
    editor(rows, "s4-1", "ENTER_EDITOR", "r1", "2025-04-02T10:00:00Z", "S4", "REVIEW");
    editor(rows, "s4-2", "APPROVE_TASK", "r1", "2025-04-02T10:01:00Z", "S4", "REVIEW");
    // An event without a task key is in no session.
    rows.editor("x-1", "ENTER_EDITOR", "u1", "2025-04-01T10:05:00Z").session("S1");
    // u2's label logs on data unit D1: a closed span, an event outside any span, a start without
    // an end (the next start ends it), and a span with a submission.
    rows.label("l-1", 3, "u2", "2025-04-01T12:00:00Z").dataUnit("D1");
    rows.label("l-2", 0, "u2", "2025-04-01T12:01:00Z").dataUnit("D1").labelId("a1");
    rows.label("l-3", 4, "u2", "2025-04-01T12:02:00Z").dataUnit("D1");
    rows.label("l-4", 0, "u2", "2025-04-01T12:10:00Z").dataUnit("D1").labelId("a2");
    rows.label("l-5", 3, "u2", "2025-04-01T12:30:00Z").dataUnit("D1");
    rows.label("l-6", 1, "u2", "2025-04-01T12:31:00Z").dataUnit("D1").labelId("a1");
    rows.label("l-7", 14, "u2", "2025-04-01T12:32:00Z").dataUnit("D1");
    rows.label("l-8", 3, "u2", "2025-04-01T13:00:00Z").dataUnit("D1");
    rows.label("l-9", 11, "u2", "2025-04-01T13:01:00Z").dataUnit("D1");
    Dataset<Row> silver = rows.toSilver(spark);
    events =
        SessionTransforms.sessionEvents(
                GoldTransforms.prepare(silver),
                ActionTables.taskSaves(silver)
                    .select(
                        SessionTransforms.SAVE_COLUMNS[0],
                        SessionTransforms.SAVE_COLUMNS[1],
                        SessionTransforms.SAVE_COLUMNS[2]),
                IDLE_MS)
            .cache();
    sessions = SessionTransforms.editorSessions(events, IDLE_MS).cache();
  }

  private static EventRows.Builder editor(
      EventRows rows,
      String id,
      String action,
      String user,
      String time,
      String session,
      String stage) {
    return rows.editor(id, action, user, time)
        .dataUnit("D0")
        .task("T1")
        .session(session)
        .stageType(stage);
  }

  private static Map<String, Map<String, Object>> bySession() {
    return maps(sessions).stream()
        .collect(Collectors.toMap(m -> (String) m.get("session_id"), m -> m));
  }

  private static Map<String, Object> pick(Map<String, Object> row, String... columns) {
    Map<String, Object> m = new TreeMap<>();
    for (String c : columns) {
      m.put(c, row.get(c));
    }
    return m;
  }

  private static Map<String, Object> of(Object... kv) {
    Map<String, Object> m = new TreeMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void anEditorSessionCountsItsActionsAndCreditsOnlyGapsWithinTheIdleTimeout() {
    Map<String, Object> s1 = bySession().get("S1");
    assertThat(s1)
        .containsEntry("user_id", "u1")
        .containsEntry("task_key", "T1")
        .containsEntry("data_unit_id", "D0")
        .containsEntry("event_date", LocalDate.parse("2025-04-01"))
        .containsEntry("source_format", "editor_log")
        .containsEntry("workflow_stage_type", "ANNOTATION")
        .containsEntry("role", "annotation")
        .containsEntry("duration_ms", 21 * MIN)
        // 10:00 -> 10:04 in minute steps, and 10:20 -> 10:21; the 16-minute gap is idle.
        .containsEntry("active_time_ms", 5 * MIN)
        .containsEntry("events", 7L)
        .containsEntry("objects_created", 1L)
        .containsEntry("manual_saves", 1L)
        .containsEntry("autosaves", 1L)
        .containsEntry("failed_saves", 1L)
        .containsEntry("agent_runs", 1L)
        .containsEntry("forced_overwrites", 1L)
        .containsEntry("review_decisions", 0L)
        .containsEntry("outcome", "submitted")
        .containsEntry("start_logged", null)
        .containsEntry("end_logged", null);
  }

  @Test
  void reviewSessionsAndOutcomes() {
    Map<String, Map<String, Object>> s = bySession();
    assertThat(pick(s.get("S2"), "role", "outcome", "active_time_ms", "review_decisions"))
        .isEqualTo(
            of(
                "role",
                "review",
                "outcome",
                "rejected",
                "active_time_ms",
                2 * MIN,
                "review_decisions",
                2L));
    assertThat(pick(s.get("S4"), "role", "outcome", "workflow_stage_type"))
        .isEqualTo(of("role", "review", "outcome", "approved", "workflow_stage_type", "REVIEW"));
    assertThat(pick(s.get("S3"), "role", "outcome", "event_date", "objects_edited"))
        .isEqualTo(
            of(
                "role",
                "annotation",
                "outcome",
                "submitted",
                "event_date",
                LocalDate.parse("2025-04-02"),
                "objects_edited",
                1L));
  }

  @Test
  void labelLogSpansRunFromStartToEndAndKeepEveryEvent() {
    Map<String, Map<String, Object>> s = bySession();
    String[] cols = {
      "task_key",
      "events",
      "active_time_ms",
      "duration_ms",
      "start_logged",
      "end_logged",
      "outcome",
      "objects_created",
      "objects_edited",
      "manual_saves"
    };
    assertThat(pick(s.get("span:l-1"), cols))
        .isEqualTo(
            of(
                "task_key",
                "D1",
                "events",
                3L,
                "active_time_ms",
                2 * MIN,
                "duration_ms",
                2 * MIN,
                "start_logged",
                true,
                "end_logged",
                true,
                "outcome",
                "none",
                "objects_created",
                1L,
                "objects_edited",
                0L,
                "manual_saves",
                0L));
    assertThat(pick(s.get("span:l-4"), cols))
        .isEqualTo(
            of(
                "task_key",
                "D1",
                "events",
                1L,
                "active_time_ms",
                0L,
                "duration_ms",
                0L,
                "start_logged",
                false,
                "end_logged",
                false,
                "outcome",
                "none",
                "objects_created",
                1L,
                "objects_edited",
                0L,
                "manual_saves",
                0L));
    assertThat(pick(s.get("span:l-5"), cols))
        .isEqualTo(
            of(
                "task_key",
                "D1",
                "events",
                3L,
                "active_time_ms",
                2 * MIN,
                "duration_ms",
                2 * MIN,
                "start_logged",
                true,
                "end_logged",
                false,
                "outcome",
                "none",
                "objects_created",
                0L,
                "objects_edited",
                1L,
                "manual_saves",
                1L));
    assertThat(pick(s.get("span:l-8"), cols))
        .isEqualTo(
            of(
                "task_key",
                "D1",
                "events",
                2L,
                "active_time_ms",
                MIN,
                "duration_ms",
                MIN,
                "start_logged",
                true,
                "end_logged",
                false,
                "outcome",
                "submitted",
                "objects_created",
                0L,
                "objects_edited",
                0L,
                "manual_saves",
                0L));
    assertThat(s).hasSize(8);
    // Every event with a task key is in exactly one session; the one without is in none.
    assertThat(maps(sessions).stream().mapToLong(m -> (Long) m.get("events")).sum())
        .isEqualTo(events.count())
        .isEqualTo(22L);
  }

  /**
   * Events before any start make a span of their own; an End and a Start at the same instant close
   * the one span and open the next whatever their ids; editor events without a session id are cut
   * into spans too; a session id seen on two tasks gives a row for each.
   */
  @Test
  void spansBeforeAStartAtATieWithoutSessionIdAndASessionOnTwoTasks() {
    EventRows rows = new EventRows();
    rows.label("b-0", 0, "u3", "2025-04-03T08:00:00Z").dataUnit("D2").labelId("z1");
    rows.label("b-1", 3, "u3", "2025-04-03T08:05:00Z").dataUnit("D2");
    rows.label("z-end", 4, "u3", "2025-04-03T08:06:00Z").dataUnit("D2");
    rows.label("a-start", 3, "u3", "2025-04-03T08:06:00Z").dataUnit("D2");
    rows.label("b-4", 1, "u3", "2025-04-03T08:07:00Z").dataUnit("D2").labelId("z1");
    rows.label("b-5", 4, "u3", "2025-04-03T08:08:00Z").dataUnit("D2");
    rows.editor("n-1", "ENTER_EDITOR", "u4", "2025-04-03T09:00:00Z").dataUnit("D3").task("T9");
    rows.editor("n-2", "SUBMIT_TASK", "u4", "2025-04-03T09:02:00Z").dataUnit("D3").task("T9");
    // Outside a started span a gap longer than the idle timeout ends a span; inside one it does
    // not.
    rows.label("g-1", 0, "u6", "2025-04-03T11:00:00Z").dataUnit("D4").labelId("z2");
    rows.label("g-2", 1, "u6", "2025-04-03T11:01:00Z").dataUnit("D4").labelId("z2");
    rows.label("g-3", 1, "u6", "2025-04-03T11:30:00Z").dataUnit("D4").labelId("z2");
    rows.label("g-4", 3, "u6", "2025-04-03T12:00:00Z").dataUnit("D4");
    rows.label("g-5", 1, "u6", "2025-04-03T12:30:00Z").dataUnit("D4").labelId("z2");
    rows.editor("m-1", "ENTER_EDITOR", "u5", "2025-04-03T10:00:00Z").task("T7").session("S9");
    rows.editor("m-2", "ENTER_EDITOR", "u5", "2025-04-03T10:01:00Z").task("T8").session("S9");
    Dataset<Row> silver = rows.toSilver(spark);
    Dataset<Row> ev =
        SessionTransforms.sessionEvents(
            GoldTransforms.prepare(silver),
            ActionTables.taskSaves(silver)
                .select(
                    SessionTransforms.SAVE_COLUMNS[0],
                    SessionTransforms.SAVE_COLUMNS[1],
                    SessionTransforms.SAVE_COLUMNS[2]),
            IDLE_MS);
    Map<String, String> got =
        maps(SessionTransforms.editorSessions(ev, IDLE_MS)).stream()
            .collect(
                Collectors.toMap(
                    m -> m.get("session_id") + "/" + m.get("task_key"),
                    m ->
                        m.get("events")
                            + " "
                            + m.get("start_logged")
                            + " "
                            + m.get("end_logged")
                            + " "
                            + m.get("outcome")));
    assertThat(got)
        .isEqualTo(
            Map.of(
                "span:b-0/D2", "1 false false none",
                "span:b-1/D2", "2 true true none",
                "span:a-start/D2", "3 true true none",
                "span:n-1/T9", "2 false false submitted",
                "span:g-1/D4", "2 false false none",
                "span:g-3/D4", "1 false false none",
                "span:g-4/D4", "2 true false none",
                "S9/T7", "1 null null none",
                "S9/T8", "1 null null none"));
  }

  @Test
  void taskTimeFromFirstOpenToApprovalWithItsReviewRounds() {
    List<Map<String, Object>> t = maps(SessionTransforms.taskTime(events, sessions));
    Map<String, Object> t1 =
        t.stream().filter(m -> m.get("task_key").equals("T1")).findFirst().orElseThrow();
    assertThat(t1)
        .containsEntry("event_date", LocalDate.parse("2025-04-01"))
        .containsEntry("data_unit_id", "D0")
        .containsEntry("time_to_completion_ms", 24 * 60 * MIN + MIN)
        .containsEntry("annotation_time_ms", 5 * MIN + 3 * MIN)
        .containsEntry("review_time_ms", 2 * MIN + MIN)
        .containsEntry("sessions", 4L)
        .containsEntry("annotation_sessions", 2L)
        .containsEntry("review_sessions", 2L)
        .containsEntry("annotators", 1L)
        .containsEntry("reviewers", 1L)
        .containsEntry("submissions", 2L)
        .containsEntry("approvals", 1L)
        .containsEntry("rejections", 1L)
        .containsEntry("review_rounds", 2L)
        .containsEntry("current_state", "approved");
    Map<String, Object> d1 =
        t.stream().filter(m -> m.get("task_key").equals("D1")).findFirst().orElseThrow();
    assertThat(
            pick(
                d1,
                "current_state",
                "completed_at",
                "time_to_completion_ms",
                "sessions",
                "annotation_time_ms",
                "review_rounds"))
        .isEqualTo(
            of(
                "current_state",
                "submitted",
                "completed_at",
                null,
                "time_to_completion_ms",
                null,
                "sessions",
                4L,
                "annotation_time_ms",
                5 * MIN,
                "review_rounds",
                0L));
    assertThat(t).hasSize(2);
  }

  @Test
  void dailyRollUpHasTheMedianSessionAndTheShareLeftWithoutOutcome() {
    Map<String, Map<String, Object>> daily =
        maps(SessionTransforms.annotatorSessionsDaily(sessions)).stream()
            .collect(Collectors.toMap(m -> m.get("event_date") + "/" + m.get("user_id"), m -> m));
    String[] cols = {
      "sessions",
      "active_time_ms",
      "median_session_active_ms",
      "sessions_without_outcome",
      "share_without_outcome",
      "failed_saves",
      "forced_overwrites",
      "review_sessions"
    };
    // u2's sessions were active 2, 0, 2 and 1 minutes: the median is halfway between 1 and 2.
    assertThat(pick(daily.get("2025-04-01/u2"), cols))
        .isEqualTo(
            of(
                "sessions",
                4L,
                "active_time_ms",
                5 * MIN,
                "median_session_active_ms",
                1.5 * MIN,
                "sessions_without_outcome",
                3L,
                "share_without_outcome",
                0.75,
                "failed_saves",
                0L,
                "forced_overwrites",
                0L,
                "review_sessions",
                0L));
    assertThat(pick(daily.get("2025-04-01/u1"), cols))
        .isEqualTo(
            of(
                "sessions",
                1L,
                "active_time_ms",
                5 * MIN,
                "median_session_active_ms",
                5.0 * MIN,
                "sessions_without_outcome",
                0L,
                "share_without_outcome",
                0.0,
                "failed_saves",
                1L,
                "forced_overwrites",
                1L,
                "review_sessions",
                0L));
    assertThat(daily.keySet())
        .containsExactlyInAnyOrder(
            "2025-04-01/u1", "2025-04-01/r1", "2025-04-01/u2", "2025-04-02/u1", "2025-04-02/r1");
  }
}
