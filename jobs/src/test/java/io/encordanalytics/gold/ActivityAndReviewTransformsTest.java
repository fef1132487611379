package io.encordanalytics.gold;

import static org.assertj.core.api.Assertions.assertThat;

import io.encordanalytics.testing.EventRows;
import io.encordanalytics.testing.SparkTestBase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The contract (tables.md) of {@code annotator_daily_activity}, {@code review_outcomes_daily} and
 * {@code reviewer_daily_decisions}, one definition or edge per test, on tiny inputs built in code.
 * Expected rows are computed by hand and compared whole (every column).
 */
class ActivityAndReviewTransformsTest extends SparkTestBase {
  private static final long IDLE_MS = 300_000L;
  private static final double HOUR_MS = 3_600_000.0;

  // ---- helpers --------------------------------------------------------------------------------

  private static Dataset<Row> prepared(EventRows rows) {
    return GoldTransforms.prepare(rows.toSilver(spark));
  }

  private static List<Map<String, Object>> activity(EventRows rows, long idleMs) {
    return maps(GoldTransforms.annotatorDailyActivity(prepared(rows), idleMs));
  }

  private static List<Map<String, Object>> outcomes(EventRows rows) {
    return maps(
        GoldTransforms.reviewOutcomesDaily(GoldTransforms.attributedReviews(prepared(rows))));
  }

  private static List<Map<String, Object>> decisions(EventRows rows) {
    return maps(GoldTransforms.reviewerDailyDecisions(prepared(rows)));
  }

  /** A row from alternating column names and values (nulls allowed). */
  private static Map<String, Object> row(Object... kv) {
    Map<String, Object> m = new TreeMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /**
   * An annotator_daily_activity row. {@code kinds} are labels created, edited, deleted, attributes
   * created, edited, deleted, tasks submitted, skipped; {@code events} is our extra column.
   */
  private static Map<String, Object> activityRow(
      String date,
      String user,
      String email,
      long[] kinds,
      long labelTimeMs,
      long activeMs,
      Double perHour,
      long events) {
    return row(
        "event_date", LocalDate.parse(date),
        "user_id", user,
        "user_email", email,
        "labels_created", kinds[0],
        "labels_edited", kinds[1],
        "labels_deleted", kinds[2],
        "attributes_created", kinds[3],
        "attributes_edited", kinds[4],
        "attributes_deleted", kinds[5],
        "tasks_submitted", kinds[6],
        "tasks_skipped", kinds[7],
        "label_time_ms", labelTimeMs,
        "active_time_ms", activeMs,
        "labels_per_active_hour", perHour,
        "events", events);
  }

  private static long[] kinds(long... counts) {
    return Arrays.copyOf(counts, 8);
  }

  private static final long[] NO_KINDS = new long[8];

  private static Map<String, Object> outcome(
      String date, String annotator, String type, String labelName, long approved, long rejected) {
    return row(
        "event_date", LocalDate.parse(date),
        "annotator_id", annotator,
        "target_type", type,
        "label_name", labelName,
        "approved", approved,
        "rejected", rejected,
        "rejection_rate", (double) rejected / (approved + rejected));
  }

  private static Map<String, Object> decision(
      String date, String reviewer, String type, String email, long approved, long rejected) {
    return row(
        "event_date", LocalDate.parse(date),
        "reviewer_id", reviewer,
        "target_type", type,
        "reviewer_email", email,
        "approved", approved,
        "rejected", rejected);
  }

  // ---- annotator_daily_activity: kinds --------------------------------------------------------

  @Test
  void everyKindIsCountedFromLabelLogCodes() {
    EventRows rows = new EventRows();
    int[] codes = {0, 0, 1, 2, 23, 24, 25, 11, 11};
    for (int i = 0; i < codes.length; i++) {
      rows.label("l" + i, codes[i], "u1", "2025-04-01T10:00:" + (10 + i * 5) + "Z");
    }
    // 9 events 5 s apart: 8 gaps of 5 s.
    assertThat(activity(rows, IDLE_MS))
        .as("label-log codes 0/1/2/23/24/25/11 land in their kinds")
        .containsExactly(
            activityRow(
                "2025-04-01",
                "u1",
                null,
                kinds(2, 1, 1, 1, 1, 1, 2, 0),
                0,
                40_000,
                2 * HOUR_MS / 40_000,
                9));
  }

  @Test
  void everyKindIsCountedFromEditorActions() {
    EventRows rows = new EventRows();
    String[] actions = {
      "CREATE_OBJECT",
      "UPDATE_OBJECT",
      "UPDATE_OBJECT",
      "DELETE_OBJECT",
      "CREATE_ATTRIBUTE",
      "UPDATE_ATTRIBUTE",
      "DELETE_ATTRIBUTE",
      "SUBMIT_TASK",
      "SKIP_TASK",
      "SKIP_TASK"
    };
    for (int i = 0; i < actions.length; i++) {
      rows.editor("e" + i, actions[i], "u2", "2025-04-01T10:00:" + (10 + i * 4) + "Z");
    }
    // 10 events 4 s apart: 9 gaps of 4 s.
    assertThat(activity(rows, IDLE_MS))
        .as("editor actions land in their kinds; SKIP_TASK counts as task_skipped")
        .containsExactly(
            activityRow(
                "2025-04-01",
                "u2",
                null,
                kinds(1, 2, 1, 1, 1, 1, 1, 2),
                0,
                36_000,
                HOUR_MS / 36_000,
                10));
  }

  @Test
  void unknownAndReviewActionsCountInNoKindButTakePartInActiveTime() {
    EventRows rows = new EventRows();
    rows.label("a1", 99, "u3", "2025-04-01T10:00:00Z"); // unknown code
    rows.editor("a2", "BRAND_NEW_ACTION", "u3", "2025-04-01T10:01:00Z"); // unknown action
    rows.label("a3", 14, "u3", "2025-04-01T10:02:00Z"); // CLICK_SAVE, no kind
    rows.label("a4", 12, "u3", "2025-04-01T10:03:00Z").labelId("x"); // a review
    rows.editor("a5", "APPROVE_TASK", "u3", "2025-04-01T10:04:00Z").task("t");
    rows.label("a6", 30, "u3", "2025-04-01T10:05:00Z"); // buffering
    rows.editor("a7", "CREATE_OBJECT", "u3", "2025-04-01T10:06:00Z");
    // Code 0 only means label_created in label logs, CREATE_OBJECT only in editor logs.
    rows.editor("a8", "0", "u3", "2025-04-01T10:07:00Z");
    rows.label("solo", 99, "u4", "2025-04-01T10:00:00Z");
    assertThat(activity(rows, IDLE_MS))
        .as("unknown actions count in no kind but their gaps are active time")
        .containsExactlyInAnyOrder(
            activityRow("2025-04-01", "u3", null, kinds(1), 0, 420_000, HOUR_MS / 420_000, 8),
            activityRow("2025-04-01", "u4", null, NO_KINDS, 0, 0, null, 1));
  }

  @Test
  void labelsPerActiveHourIsZeroWithoutLabelsAndNullWithoutActiveTime() {
    EventRows rows = new EventRows();
    rows.editor("b1", "UPDATE_OBJECT", "u1", "2025-04-01T10:00:00Z");
    rows.editor("b2", "UPDATE_OBJECT", "u1", "2025-04-01T10:00:30Z");
    // Two creations an hour apart: no active time at all.
    rows.editor("b3", "CREATE_OBJECT", "u2", "2025-04-01T10:00:00Z");
    rows.editor("b4", "CREATE_OBJECT", "u2", "2025-04-01T11:00:00Z");
    assertThat(activity(rows, IDLE_MS))
        .as("labels_per_active_hour: 0 without labels, null without active time")
        .containsExactlyInAnyOrder(
            activityRow("2025-04-01", "u1", null, kinds(0, 2), 0, 30_000, 0.0, 2),
            activityRow("2025-04-01", "u2", null, kinds(2), 0, 0, null, 2));
  }

  @Test
  void eventsWithoutUserCountUnderUnknown() {
    EventRows rows = new EventRows();
    rows.editor("n1", "CREATE_OBJECT", null, "2025-04-01T10:00:00Z");
    rows.label("n2", 0, null, "2025-04-01T10:01:00Z").email("who@x.io");
    rows.editor("n3", "APPROVE_OBJECT", null, "2025-04-01T10:02:00Z").labelId("obj");
    rows.editor("k1", "CREATE_OBJECT", "u1", "2025-04-01T10:00:30Z");
    // Events without a user form one time line, that of the user 'unknown'.
    assertThat(activity(rows, IDLE_MS))
        .as("events without a user are the user 'unknown', with their own time line")
        .containsExactlyInAnyOrder(
            activityRow(
                "2025-04-01",
                GoldTransforms.UNKNOWN,
                "who@x.io",
                kinds(2),
                0,
                120_000,
                2 * HOUR_MS / 120_000,
                3),
            activityRow("2025-04-01", "u1", null, kinds(1), 0, 0, null, 1));
    assertThat(decisions(rows))
        .as("a review without a user is the reviewer 'unknown'")
        .containsExactly(decision("2025-04-01", GoldTransforms.UNKNOWN, "label", null, 1, 0));
  }

  // ---- annotator_daily_activity: active time --------------------------------------------------

  private static EventRows idleEdges() {
    EventRows rows = new EventRows();
    rows.editor("g1", "ENTER_EDITOR", "u1", "2025-04-01T10:00:00Z"); // first: no gap
    rows.editor("g2", "CREATE_OBJECT", "u1", "2025-04-01T10:05:00Z"); // 300 000 ms: active
    rows.editor("g3", "CREATE_OBJECT", "u1", "2025-04-01T10:10:00.001Z"); // 300 001 ms: idle
    rows.editor("g4", "UPDATE_OBJECT", "u1", "2025-04-01T10:10:29.999Z"); // 29 998 ms
    rows.editor("g5", "UPDATE_OBJECT", "u1", "2025-04-01T10:15:29.999001Z"); // 1 us over: idle
    rows.editor("g6", "UPDATE_OBJECT", "u1", "2025-04-01T10:15:30.999001Z"); // 1 000 ms
    // Another user's event in between neither breaks nor adds to u1's gaps.
    rows.editor("h1", "SUBMIT_TASK", "u2", "2025-04-01T10:02:30Z");
    return rows;
  }

  @Test
  void gapAtIdleTimeoutIsActiveAndAnyLongerGapIsIdle() {
    long active = 300_000 + 29_998 + 1_000;
    assertThat(activity(idleEdges(), IDLE_MS))
        .as("a gap of exactly the idle timeout is active; 1 ms or 1 us more is idle")
        .containsExactlyInAnyOrder(
            activityRow("2025-04-01", "u1", null, kinds(2, 3), 0, active, 2 * HOUR_MS / active, 6),
            activityRow("2025-04-01", "u2", null, kinds(0, 0, 0, 0, 0, 0, 1), 0, 0, null, 1));
  }

  @Test
  void idleTimeoutIsAParameter() {
    long active = 29_998 + 1_000;
    assertThat(activity(idleEdges(), 60_000L))
        .as("with a 60 s idle timeout only the shorter gaps are active")
        .containsExactlyInAnyOrder(
            activityRow("2025-04-01", "u1", null, kinds(2, 3), 0, active, 2 * HOUR_MS / active, 6),
            activityRow("2025-04-01", "u2", null, kinds(0, 0, 0, 0, 0, 0, 1), 0, 0, null, 1));
  }

  @Test
  void gapCrossingMidnightIsCreditedToTheLaterEventsDate() {
    EventRows rows = new EventRows();
    rows.editor("m1", "CREATE_OBJECT", "u1", "2025-04-01T23:58:00Z");
    rows.editor("m2", "CREATE_OBJECT", "u1", "2025-04-02T00:01:00Z");
    // The first event of a later day after an idle night has no active gap.
    rows.editor("m3", "CREATE_OBJECT", "u1", "2025-04-03T08:00:00Z");
    assertThat(activity(rows, IDLE_MS))
        .as(
            "each gap is credited to its later event's date; a day's first event after idle has none")
        .containsExactlyInAnyOrder(
            activityRow("2025-04-01", "u1", null, kinds(1), 0, 0, null, 1),
            activityRow("2025-04-02", "u1", null, kinds(1), 0, 180_000, HOUR_MS / 180_000, 1),
            activityRow("2025-04-03", "u1", null, kinds(1), 0, 0, null, 1));
  }

  @Test
  void activeTimeSumsExactGapsAndTruncatesTheTotalToMilliseconds() {
    EventRows rows = new EventRows();
    rows.editor("f1", "ENTER_EDITOR", "u1", "2025-04-01T10:00:00.000000Z");
    rows.editor("f2", "ENTER_EDITOR", "u1", "2025-04-01T10:00:00.000600Z");
    rows.editor("f3", "ENTER_EDITOR", "u1", "2025-04-01T10:00:00.001200Z");
    assertThat(activity(rows, IDLE_MS))
        .as("two gaps of 0.6 ms are 1.2 ms of active time, stored as 1 ms")
        .containsExactly(activityRow("2025-04-01", "u1", null, NO_KINDS, 0, 1, 0.0, 3));
  }

  @Test
  void eventsAtTheSameInstantAreOrderedByEventId() {
    EventRows rows = new EventRows();
    // Inserted out of order on purpose: "a" precedes "b" because of its id.
    rows.editor("b", "UPDATE_OBJECT", "u1", "2025-04-01T10:00:00Z").dataUnit("D2");
    rows.editor("a", "UPDATE_OBJECT", "u1", "2025-04-01T10:00:00Z").dataUnit("D1");
    rows.editor("c", "UPDATE_OBJECT", "u1", "2025-04-01T10:01:00Z").dataUnit("D2");
    Instant ten = Instant.parse("2025-04-01T10:00:00Z");
    List<Map<String, Object>> gaps =
        maps(
            GoldTransforms.activeGaps(prepared(rows), IDLE_MS)
                .select("event_id", "prev_time", "prev_unit", "active_us", "same_unit_active_us"));
    assertThat(gaps)
        .as("ties at one instant are ordered by event_id")
        .containsExactlyInAnyOrder(
            gap("a", null, null, 0L, 0L),
            gap("b", ten, "D1", 0L, 0L),
            gap("c", ten, "D2", 60_000_000L, 60_000_000L));
  }

  private static Map<String, Object> gap(
      String id, Instant prevTime, String prevUnit, long activeUs, long sameUnitUs) {
    return row(
        "event_id", id,
        "prev_time", prevTime,
        "prev_unit", prevUnit,
        "active_us", activeUs,
        "same_unit_active_us", sameUnitUs);
  }

  @Test
  void labelTimeIsTheSumOfTimeTakenAndZeroWhenNone() {
    EventRows rows = new EventRows();
    rows.label("t1", 0, "u1", "2025-04-01T10:00:00Z").timeTaken(1_500);
    rows.label("t2", 1, "u1", "2025-04-01T10:00:10Z").timeTaken(2_500);
    rows.label("t3", 14, "u1", "2025-04-01T10:00:20Z");
    rows.label("t4", 0, "u2", "2025-04-01T10:00:00Z");
    assertThat(activity(rows, IDLE_MS))
        .as("label_time_ms sums time_taken_ms, 0 when there is none")
        .containsExactlyInAnyOrder(
            activityRow("2025-04-01", "u1", null, kinds(1, 1), 4_000, 20_000, HOUR_MS / 20_000, 3),
            activityRow("2025-04-01", "u2", null, kinds(1), 0, 0, null, 1));
  }

  @Test
  void userEmailIsTheLatestNonNullEmailOfTheDay() {
    EventRows rows = new EventRows();
    rows.editor("p1", "CREATE_OBJECT", "u1", "2025-04-01T10:00:00Z").email("old@x.io");
    rows.label("p2", 1, "u1", "2025-04-01T10:01:00Z").email("new@x.io");
    // A later event without an email does not erase the email.
    rows.editor("p3", "UPDATE_OBJECT", "u1", "2025-04-01T10:02:00Z");
    // The next day's row covers only that day's events, none of which has an email.
    rows.editor("p4", "UPDATE_OBJECT", "u1", "2025-04-02T10:00:00Z");
    assertThat(activity(rows, IDLE_MS))
        .as("user_email is the day's latest non-null email")
        .containsExactlyInAnyOrder(
            activityRow(
                "2025-04-01", "u1", "new@x.io", kinds(1, 2), 0, 120_000, HOUR_MS / 120_000, 3),
            activityRow("2025-04-02", "u1", null, kinds(0, 1), 0, 0, null, 1));
  }

  // ---- review_outcomes_daily: labels and attributes -------------------------------------------

  @Test
  void labelReviewIsAttributedToTheCreatorInTheOtherFormatOnAnEarlierDate() {
    EventRows rows = new EventRows();
    rows.label("c1", 0, "ann", "2025-04-01T10:00:00Z").labelId("obj1").labelName("Car");
    // A later creation of the same label does not make its author the creator.
    rows.editor("c2", "CREATE_OBJECT", "bob", "2025-04-01T11:00:00Z").labelId("obj1");
    // Editor review: object_hash (label_id) == the label log's identifier.
    rows.editor("r1", "APPROVE_OBJECT", "rev", "2025-04-03T09:00:00Z").labelId("obj1");
    rows.editor("r2", "APPROVE_OBJECT", "rev", "2025-04-03T09:01:00Z").labelId("obj1");
    rows.label("r3", 13, "rev", "2025-04-03T09:02:00Z").labelId("obj1").labelName("Vehicle");
    rows.editor("r4", "REJECT_OBJECT", "rev", "2025-04-04T09:00:00Z").labelId("obj1");
    assertThat(outcomes(rows))
        .as("label_name is the review's, else the creating event's")
        .containsExactlyInAnyOrder(
            outcome("2025-04-03", "ann", "label", "Car", 2, 0),
            outcome("2025-04-03", "ann", "label", "Vehicle", 0, 1),
            outcome("2025-04-04", "ann", "label", "Car", 0, 1));
  }

  @Test
  void creatorTiesAreBrokenByEventId() {
    EventRows rows = new EventRows();
    rows.editor("c2", "CREATE_OBJECT", "amy", "2025-04-01T10:00:00Z").labelId("obj2");
    rows.editor("c1", "CREATE_OBJECT", "zed", "2025-04-01T10:00:00Z").labelId("obj2");
    rows.editor("r1", "REJECT_OBJECT", "rev", "2025-04-01T10:05:00Z").labelId("obj2");
    assertThat(outcomes(rows))
        .as("the creator is the earliest label_created, ties by event_id")
        .containsExactly(outcome("2025-04-01", "zed", "label", GoldTransforms.UNKNOWN, 0, 1));
  }

  @Test
  void creationAfterTheReviewStillNamesTheCreatorBecauseAllHistoryCounts() {
    EventRows rows = new EventRows();
    rows.editor("r1", "APPROVE_OBJECT", "rev", "2025-04-01T09:00:00Z").labelId("late");
    rows.label("c1", 0, "ann", "2025-04-02T10:00:00Z").labelId("late").labelName("Tree");
    assertThat(outcomes(rows))
        .as("the creator is searched in all history, not only before the review")
        .containsExactly(outcome("2025-04-01", "ann", "label", "Tree", 1, 0));
  }

  @Test
  void attributeReviewsAreAttributedToTheAttributeCreator() {
    EventRows rows = new EventRows();
    // A label_created with the same id is not an attribute creation.
    rows.label("c0", 0, "lab", "2025-04-01T09:00:00Z").labelId("cls1").labelName("Label");
    rows.editor("c1", "CREATE_ATTRIBUTE", "att", "2025-04-01T10:00:00Z")
        .labelId("cls1")
        .labelName("Colour");
    rows.label("c2", 23, "att2", "2025-04-01T10:30:00Z").labelId("cls1");
    rows.label("r1", 26, "rev", "2025-04-02T09:00:00Z").labelId("cls1");
    rows.label("r2", 27, "rev", "2025-04-02T09:01:00Z").labelId("cls1");
    rows.editor("r3", "REJECT_CLASSIFICATION", "rev", "2025-04-02T09:02:00Z").labelId("cls1");
    rows.editor("r4", "APPROVE_OBJECT", "rev", "2025-04-02T09:03:00Z").labelId("cls1");
    assertThat(outcomes(rows))
        .as("attribute reviews go to the earliest attribute_created of the same id")
        .containsExactlyInAnyOrder(
            outcome("2025-04-02", "att", "attribute", "Colour", 1, 2),
            outcome("2025-04-02", "lab", "label", "Label", 1, 0));
  }

  @Test
  void reviewsWithoutAKnownCreatorAreAttributedToUnknown() {
    EventRows rows = new EventRows();
    rows.editor("r1", "APPROVE_OBJECT", "rev", "2025-04-01T09:00:00Z"); // null label_id
    rows.editor("r2", "REJECT_OBJECT", "rev", "2025-04-01T09:01:00Z").labelName("Tree");
    rows.editor("r3", "REJECT_OBJECT", "rev", "2025-04-01T09:02:00Z").labelId("ghost");
    rows.label("r4", 12, "rev", "2025-04-01T09:03:00Z").labelId("ghost").labelName("Tree");
    rows.label("r5", 26, "rev", "2025-04-01T09:04:00Z").labelId("ghost-cls");
    // A creation with a null label_id is nobody's creation of a null-id label.
    rows.editor("c0", "CREATE_OBJECT", "ann", "2025-04-01T08:00:00Z").labelName("Tree");
    // A creator whose event has no label_name: the review's row falls back to 'unknown'.
    rows.editor("c1", "CREATE_OBJECT", "ann", "2025-04-01T08:00:00Z").labelId("plain");
    rows.editor("r6", "APPROVE_OBJECT", "rev", "2025-04-01T09:05:00Z").labelId("plain");
    String u = GoldTransforms.UNKNOWN;
    assertThat(outcomes(rows))
        .as(
            "null label_id or a never-created label -> 'unknown'; label_name falls back to 'unknown'")
        .containsExactlyInAnyOrder(
            outcome("2025-04-01", u, "label", u, 1, 1),
            outcome("2025-04-01", u, "label", "Tree", 1, 1),
            outcome("2025-04-01", u, "attribute", u, 1, 0),
            outcome("2025-04-01", "ann", "label", u, 1, 0));
  }

  // ---- review_outcomes_daily: tasks -----------------------------------------------------------

  @Test
  void taskReviewIsAttributedToTheLatestSubmissionStrictlyBefore() {
    EventRows rows = new EventRows();
    rows.editor("s1", "SUBMIT_TASK", "sub1", "2025-04-01T10:00:00Z").task("T1");
    rows.editor("s2", "SUBMIT_TASK", "sub2", "2025-04-01T10:30:00Z").task("T1");
    // A submission at the review's instant does not count, even with a smaller event_id.
    rows.editor("a0", "SUBMIT_TASK", "sub3", "2025-04-01T11:00:00Z").task("T1");
    rows.editor("z1", "APPROVE_TASK", "rev", "2025-04-01T11:00:00Z").task("T1").labelName("Car");
    rows.editor("z2", "REJECT_TASK", "rev", "2025-04-01T11:00:00.000001Z").task("T1");
    // A later submission does not count for earlier reviews, but does for later ones.
    rows.editor("s4", "SUBMIT_TASK", "sub4", "2025-04-02T09:00:00Z").task("T1");
    rows.editor("z3", "REJECT_TASK", "rev", "2025-04-02T09:30:00Z").task("T1");
    // Another task's submission is not this task's.
    rows.editor("s5", "SUBMIT_TASK", "other", "2025-04-02T09:20:00Z").task("T2");
    assertThat(outcomes(rows))
        .as("task reviews go to the latest submission on the task key strictly before them")
        .as("label_name is null for task rows")
        .containsExactlyInAnyOrder(
            outcome("2025-04-01", "sub2", "task", null, 1, 0),
            outcome("2025-04-01", "sub3", "task", null, 0, 1),
            outcome("2025-04-02", "sub4", "task", null, 0, 1));
  }

  @Test
  void taskKeyIsDataUnitWhenWorkflowTaskIdIsNullOrEmpty() {
    EventRows rows = new EventRows();
    rows.label("s1", 11, "ll", "2025-04-01T10:00:00Z").dataUnit("D9");
    // Editor review in view mode (empty workflow_task_id) of the label log's submission.
    rows.editor("r1", "REJECT_TASK", "rev", "2025-04-01T10:10:00Z").task("").dataUnit("D9");
    rows.label("r2", 33, "rev", "2025-04-01T10:20:00Z").dataUnit("D9");
    // With a workflow_task_id the key is the task, not the data unit.
    rows.editor("s2", "SUBMIT_TASK", "ed", "2025-04-01T10:30:00Z").task("T7").dataUnit("D9");
    rows.editor("r3", "APPROVE_TASK", "rev", "2025-04-01T10:40:00Z").task("T7").dataUnit("D9");
    rows.label("r4", 34, "rev", "2025-04-01T10:50:00Z").dataUnit("D9");
    assertThat(outcomes(rows))
        .as("task key is data_unit_id when workflow_task_id is null or empty")
        .containsExactlyInAnyOrder(
            outcome("2025-04-01", "ll", "task", null, 1, 2),
            outcome("2025-04-01", "ed", "task", null, 1, 0));
  }

  @Test
  void taskReviewWithoutPriorSubmissionIsAttributedToUnknown() {
    EventRows rows = new EventRows();
    rows.editor("r1", "APPROVE_TASK", "rev", "2025-04-01T10:00:00Z").task("T8");
    rows.editor("s1", "SUBMIT_TASK", "late", "2025-04-01T10:05:00Z").task("T8");
    rows.editor("r2", "REJECT_TASK", "rev", "2025-04-01T10:10:00Z"); // no task key at all
    rows.label("r3", 34, "rev", "2025-04-01T10:20:00Z").dataUnit("D0");
    assertThat(outcomes(rows))
        .as("a task review with no earlier submission, or no task key, -> 'unknown'")
        .containsExactly(outcome("2025-04-01", GoldTransforms.UNKNOWN, "task", null, 1, 2));
  }

  // ---- reviewer_daily_decisions ---------------------------------------------------------------

  @Test
  void reviewerDecisionsArePerReviewerDateAndTargetType() {
    EventRows rows = new EventRows();
    rows.editor("d1", "APPROVE_OBJECT", "rev1", "2025-04-01T10:00:00Z").email("a@x.io");
    rows.label("d2", 13, "rev1", "2025-04-01T10:01:00Z").email("b@x.io");
    rows.label("d3", 12, "rev1", "2025-04-01T10:02:00Z"); // null email does not erase b@
    rows.editor("d4", "REJECT_CLASSIFICATION", "rev1", "2025-04-01T10:03:00Z").email("c@x.io");
    rows.label("d5", 26, "rev1", "2025-04-01T10:04:00Z");
    rows.label("d6", 33, "rev1", "2025-04-01T10:05:00Z");
    rows.editor("d7", "REJECT_TASK", "rev1", "2025-04-01T10:06:00Z");
    rows.editor("d8", "APPROVE_TASK", "rev1", "2025-04-02T10:00:00Z").email("d@x.io");
    rows.editor("d9", "APPROVE_TASK", "rev2", "2025-04-01T10:00:00Z");
    // Non-review events make no decision rows.
    rows.editor("w1", "CREATE_OBJECT", "rev1", "2025-04-01T10:07:00Z").email("z@x.io");
    rows.label("w2", 11, "rev2", "2025-04-03T10:00:00Z");
    assertThat(decisions(rows))
        .as("decisions per reviewer, date and target type with the latest non-null email")
        .containsExactlyInAnyOrder(
            decision("2025-04-01", "rev1", "label", "b@x.io", 2, 1),
            decision("2025-04-01", "rev1", "attribute", "c@x.io", 1, 1),
            decision("2025-04-01", "rev1", "task", null, 1, 1),
            decision("2025-04-02", "rev1", "task", "d@x.io", 1, 0),
            decision("2025-04-01", "rev2", "task", null, 1, 0));
  }
}
