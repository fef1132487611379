package io.encordanalytics.gold;

import static org.assertj.core.api.Assertions.assertThat;

import io.encordanalytics.testing.EventRows;
import io.encordanalytics.testing.SparkTestBase;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * {@code annotator_quality_daily} (QualityTransforms' Javadoc), one definition or edge per test, on
 * tiny inputs built in code. Expected rows are computed by hand and compared whole. Latencies are
 * chosen so Spark's interpolated percentiles are exact doubles (positions on whole or half steps,
 * or equal neighbours).
 */
class QualityTransformsTest extends SparkTestBase {
  private static final double MIN_MS = 60_000.0;
  private static final String UNKNOWN = GoldTransforms.UNKNOWN;

  private static Dataset<Row> quality(EventRows rows) {
    return QualityTransforms.annotatorQualityDaily(GoldTransforms.prepare(rows.toSilver(spark)));
  }

  private static List<Map<String, Object>> rows(EventRows rows) {
    return maps(quality(rows));
  }

  /** A whole annotator_quality_daily row. */
  private static Map<String, Object> row(
      String date,
      String annotator,
      long firstReviewed,
      long firstApproved,
      Double approvalRate,
      long timed,
      Double p50Ms,
      Double p90Ms,
      long reworked) {
    Map<String, Object> m = new TreeMap<>();
    m.put("event_date", LocalDate.parse(date));
    m.put("annotator_id", annotator);
    m.put("tasks_first_reviewed", firstReviewed);
    m.put("tasks_first_pass_approved", firstApproved);
    m.put("first_pass_approval_rate", approvalRate);
    m.put("reviews_timed", timed);
    m.put("review_latency_p50_ms", p50Ms);
    m.put("review_latency_p90_ms", p90Ms);
    m.put("labels_reworked", reworked);
    return m;
  }

  private static Map<String, Object> reworkOnly(String date, String annotator, long reworked) {
    return row(date, annotator, 0, 0, null, 0, null, null, reworked);
  }

  // ---- schema ---------------------------------------------------------------------------------

  @Test
  void columnsAndTypesAreTheDocumentedOnes() {
    EventRows rows = new EventRows();
    rows.editor("s1", "SUBMIT_TASK", "ann", "2025-04-01T10:00:00Z").task("T1");
    rows.editor("d1", "APPROVE_TASK", "rev", "2025-04-01T10:01:00Z").task("T1");
    assertThat(
            Arrays.stream(quality(rows).schema().fields())
                .map(f -> f.name() + ":" + f.dataType().simpleString())
                .toList())
        .as("column names, order and types")
        .containsExactly(
            "event_date:date",
            "annotator_id:string",
            "tasks_first_reviewed:bigint",
            "tasks_first_pass_approved:bigint",
            "first_pass_approval_rate:double",
            "reviews_timed:bigint",
            "review_latency_p50_ms:double",
            "review_latency_p90_ms:double",
            "labels_reworked:bigint");
  }

  // ---- first pass -----------------------------------------------------------------------------

  @Test
  void onlyTheFirstDecisionAfterTheFirstSubmissionIsTheFirstPass() {
    EventRows rows = new EventRows();
    // T1 approved at first review; a second decision in the same cycle is neither pass nor cycle.
    rows.editor("s1", "SUBMIT_TASK", "ann", "2025-04-01T10:00:00Z").task("T1");
    rows.editor("d1", "APPROVE_TASK", "rev", "2025-04-01T10:30:00Z").task("T1");
    rows.editor("d2", "APPROVE_TASK", "rev", "2025-04-01T10:40:00Z").task("T1");
    // T2 rejected at first review, then approved after resubmission: only the rejection is the
    // first pass; the approval is a timed cycle on its own date.
    rows.editor("s2", "SUBMIT_TASK", "ann", "2025-04-01T11:00:00Z").task("T2");
    rows.editor("d3", "REJECT_TASK", "rev", "2025-04-01T11:30:00Z").task("T2");
    rows.editor("s3", "SUBMIT_TASK", "ann", "2025-04-02T09:00:00Z").task("T2");
    rows.editor("d4", "APPROVE_TASK", "rev", "2025-04-02T09:10:00Z").task("T2");
    assertThat(rows(rows))
        .as("first pass: T1 approved, T2 rejected; T2's later approval is not a first pass")
        .containsExactlyInAnyOrder(
            row("2025-04-01", "ann", 2, 1, 0.5, 2, 30 * MIN_MS, 30 * MIN_MS, 0),
            row("2025-04-02", "ann", 0, 0, null, 1, 10 * MIN_MS, 10 * MIN_MS, 0));
  }

  @Test
  void decisionAtTheInstantOfASubmissionDoesNotFollowIt() {
    EventRows rows = new EventRows();
    // A rejection at the submission's instant (smaller event id on purpose) precedes it: it is
    // no first pass and no cycle. The next decision, 1 ms later, is the first pass.
    rows.editor("s1", "SUBMIT_TASK", "ann", "2025-04-01T10:00:00Z").task("T3");
    rows.editor("a0", "REJECT_TASK", "rev", "2025-04-01T10:00:00Z").task("T3");
    rows.editor("d1", "APPROVE_TASK", "rev", "2025-04-01T10:00:00.001Z").task("T3");
    // A resubmission at a decision's instant does not take the decision from the earlier cycle.
    rows.editor("s2", "SUBMIT_TASK", "ann", "2025-04-02T10:00:00Z").task("T4");
    rows.editor("s3", "SUBMIT_TASK", "bob", "2025-04-02T10:05:00Z").task("T4");
    rows.editor("d2", "REJECT_TASK", "rev", "2025-04-02T10:05:00Z").task("T4");
    // A decision with no submission before it is nobody's.
    rows.editor("d3", "APPROVE_TASK", "rev", "2025-04-02T11:00:00Z").task("T5");
    assertThat(rows(rows))
        .as("a review sees only submissions strictly before it")
        .containsExactlyInAnyOrder(
            row("2025-04-01", "ann", 1, 1, 1.0, 1, 1.0, 1.0, 0),
            row("2025-04-02", "ann", 1, 0, 0.0, 1, 5 * MIN_MS, 5 * MIN_MS, 0));
  }

  // ---- review latency -------------------------------------------------------------------------

  @Test
  void reviewLatencyPercentilesOverSeveralCycles() {
    EventRows rows = new EventRows();
    // Six cycles of ann on 04-01: 1, 2, 3, 4, 5 and 10 minutes (two of them on T1).
    rows.editor("s1", "SUBMIT_TASK", "ann", "2025-04-01T08:00:00Z").task("T1");
    rows.editor("d1", "REJECT_TASK", "rev", "2025-04-01T08:01:00Z").task("T1");
    rows.editor("s2", "SUBMIT_TASK", "ann", "2025-04-01T08:10:00Z").task("T1");
    rows.editor("d2", "APPROVE_TASK", "rev", "2025-04-01T08:12:00Z").task("T1");
    rows.editor("s3", "SUBMIT_TASK", "ann", "2025-04-01T09:00:00Z").task("T2");
    rows.editor("d3", "APPROVE_TASK", "rev", "2025-04-01T09:03:00Z").task("T2");
    rows.editor("s4", "SUBMIT_TASK", "ann", "2025-04-01T10:00:00Z").task("T3");
    rows.editor("d4", "APPROVE_TASK", "rev", "2025-04-01T10:04:00Z").task("T3");
    rows.editor("s5", "SUBMIT_TASK", "ann", "2025-04-01T11:00:00Z").task("T4");
    rows.editor("d5", "REJECT_TASK", "rev", "2025-04-01T11:05:00Z").task("T4");
    rows.editor("s6", "SUBMIT_TASK", "ann", "2025-04-01T12:00:00Z").task("T5");
    rows.editor("d6", "APPROVE_TASK", "rev", "2025-04-01T12:10:00Z").task("T5");
    // A cycle across midnight counts on the decision's date.
    rows.editor("s7", "SUBMIT_TASK", "bob", "2025-04-01T23:50:00Z").task("T6");
    rows.editor("d7", "APPROVE_TASK", "rev", "2025-04-02T00:20:00Z").task("T6");
    // Sorted: 1, 2, 3, 4, 5, 10 min. p50 at position 2.5 = (3 + 4) / 2 min; p90 at position 4.5
    // = (5 + 10) / 2 min. First passes: T1 rejected, T2 and T3 approved, T4 rejected, T5 approved.
    assertThat(rows(rows))
        .as("exact interpolated percentiles of the cycles decided that day")
        .containsExactlyInAnyOrder(
            row("2025-04-01", "ann", 5, 3, 0.6, 6, 3.5 * MIN_MS, 7.5 * MIN_MS, 0),
            row("2025-04-02", "bob", 1, 1, 1.0, 1, 30 * MIN_MS, 30 * MIN_MS, 0));
  }

  @Test
  void submissionReplacedBeforeAnyDecisionIsNoCycleButKeepsTheFirstPass() {
    EventRows rows = new EventRows();
    // ann submits first, bob resubmits, then the first decision: the cycle is bob's, the first
    // pass (first decision after the first-ever submission) ann's.
    rows.editor("s1", "SUBMIT_TASK", "ann", "2025-04-01T10:00:00Z").task("T7");
    rows.editor("s2", "SUBMIT_TASK", "bob", "2025-04-01T10:20:00Z").task("T7");
    rows.editor("d1", "APPROVE_TASK", "rev", "2025-04-01T10:30:00Z").task("T7");
    // Never decided: no row at all.
    rows.editor("s3", "SUBMIT_TASK", "ann", "2025-04-01T11:00:00Z").task("T8");
    // A submission without a user is 'unknown's.
    rows.editor("s4", "SUBMIT_TASK", null, "2025-04-01T13:00:00Z").task("T9");
    rows.editor("d2", "APPROVE_TASK", "rev", "2025-04-01T13:01:00Z").task("T9");
    assertThat(rows(rows))
        .as("a cycle needs a decision before the next submission")
        .containsExactlyInAnyOrder(
            row("2025-04-01", "ann", 1, 1, 1.0, 0, null, null, 0),
            row("2025-04-01", "bob", 0, 0, null, 1, 10 * MIN_MS, 10 * MIN_MS, 0),
            row("2025-04-01", UNKNOWN, 1, 1, 1.0, 1, MIN_MS, MIN_MS, 0));
  }

  @Test
  void labelLogAndEditorEventsShareTheTaskKey() {
    EventRows rows = new EventRows();
    // Label-log submission (code 11): key D1. Editor rejection in view mode (empty task id): D1.
    rows.label("s1", 11, "ann", "2025-04-01T10:00:00Z").dataUnit("D1");
    rows.editor("d1", "REJECT_TASK", "rev", "2025-04-01T10:05:00Z").task("").dataUnit("D1");
    // Editor resubmission without a task id (key D1), label-log approval (33).
    rows.editor("s2", "SUBMIT_TASK", "ann", "2025-04-01T10:10:00Z").dataUnit("D1");
    rows.label("d2", 33, "rev", "2025-04-01T10:15:00Z").dataUnit("D1");
    // With a task id the key is T9, not D1: bob's submission is not D1's; the label-log
    // rejection (34) is a second decision in ann's D1 cycle, the editor approval T9's first pass.
    rows.editor("s3", "SUBMIT_TASK", "bob", "2025-04-01T11:00:00Z").task("T9").dataUnit("D1");
    rows.label("d3", 34, "rev", "2025-04-01T11:10:00Z").dataUnit("D1");
    rows.editor("d4", "APPROVE_TASK", "rev", "2025-04-01T11:20:00Z").task("T9").dataUnit("D1");
    assertThat(rows(rows))
        .as("codes 11/33/34 and SUBMIT_TASK/REJECT_TASK/APPROVE_TASK on one task key")
        .containsExactlyInAnyOrder(
            row("2025-04-01", "ann", 1, 0, 0.0, 2, 5 * MIN_MS, 5 * MIN_MS, 0),
            row("2025-04-01", "bob", 1, 1, 1.0, 1, 20 * MIN_MS, 20 * MIN_MS, 0));
  }

  // ---- rework ---------------------------------------------------------------------------------

  @Test
  void reworkByTheCreatorAfterRejectionIsCounted() {
    EventRows rows = new EventRows();
    rows.label("c1", 0, "ann", "2025-04-01T09:00:00Z").labelId("obj1");
    // A later creation of the same label does not make bob its creator.
    rows.editor("c2", "CREATE_OBJECT", "bob", "2025-04-01T09:10:00Z").labelId("obj1");
    rows.label("e1", 1, "ann", "2025-04-01T09:30:00Z").labelId("obj1"); // before the rejection
    rows.editor("r1", "REJECT_OBJECT", "rev", "2025-04-01T10:00:00Z").labelId("obj1");
    rows.editor("e2", "UPDATE_OBJECT", "ann", "2025-04-01T10:00:00Z")
        .labelId("obj1"); // same instant
    rows.label("e3", 1, "ann", "2025-04-01T10:30:00Z").labelId("obj1"); // counted
    rows.editor("e4", "UPDATE_OBJECT", "bob", "2025-04-01T11:00:00Z")
        .labelId("obj1"); // not creator
    rows.label("r2", 13, "rev", "2025-04-01T12:00:00Z").labelId("obj1");
    rows.editor("e5", "UPDATE_OBJECT", "ann", "2025-04-01T12:30:00Z")
        .labelId("obj1"); // counted once
    rows.editor("e6", "UPDATE_OBJECT", "ann", "2025-04-02T08:00:00Z").labelId("obj1"); // next day
    // Never rejected: edits are not rework.
    rows.editor("c3", "CREATE_OBJECT", "ann", "2025-04-01T09:00:00Z").labelId("obj2");
    rows.editor("e7", "UPDATE_OBJECT", "ann", "2025-04-01T11:00:00Z").labelId("obj2");
    // Attributes: code 23 creation, REJECT_CLASSIFICATION, UPDATE_ATTRIBUTE by the creator.
    rows.label("c4", 23, "cat", "2025-04-01T09:00:00Z").labelId("cls1");
    rows.editor("r3", "REJECT_CLASSIFICATION", "rev", "2025-04-01T10:00:00Z").labelId("cls1");
    rows.editor("e8", "UPDATE_ATTRIBUTE", "cat", "2025-04-01T10:30:00Z").labelId("cls1");
    rows.label("e9", 24, "cat", "2025-04-01T10:40:00Z").labelId("cls1");
    // An attribute edit after a rejection of an object with the same id is not attribute rework.
    rows.editor("c5", "CREATE_ATTRIBUTE", "cat", "2025-04-01T09:00:00Z").labelId("cls2");
    rows.editor("r4", "REJECT_OBJECT", "rev", "2025-04-01T10:00:00Z").labelId("cls2");
    rows.editor("e10", "UPDATE_ATTRIBUTE", "cat", "2025-04-01T10:30:00Z").labelId("cls2");
    // Creator and editor without a user are both 'unknown'.
    rows.editor("c6", "CREATE_OBJECT", null, "2025-04-01T09:00:00Z").labelId("obj3");
    rows.editor("r5", "REJECT_OBJECT", "rev", "2025-04-01T10:00:00Z").labelId("obj3");
    rows.editor("e11", "UPDATE_OBJECT", null, "2025-04-01T10:30:00Z").labelId("obj3");
    // An edit without a label id belongs to no label.
    rows.editor("e12", "UPDATE_OBJECT", "ann", "2025-04-01T13:00:00Z");
    assertThat(rows(rows))
        .as("creator's edits strictly after a rejection of the same label, on the edit's date")
        .containsExactlyInAnyOrder(
            reworkOnly("2025-04-01", "ann", 2),
            reworkOnly("2025-04-02", "ann", 1),
            reworkOnly("2025-04-01", "cat", 2),
            reworkOnly("2025-04-01", UNKNOWN, 1));
  }

  @Test
  void measuresOfOneAnnotatorAndDayShareOneRow() {
    EventRows rows = new EventRows();
    rows.editor("s1", "SUBMIT_TASK", "ann", "2025-04-01T10:00:00Z").task("T1");
    rows.editor("d1", "REJECT_TASK", "rev", "2025-04-01T10:02:00Z").task("T1");
    rows.editor("c1", "CREATE_OBJECT", "ann", "2025-04-01T09:00:00Z").labelId("obj1");
    rows.editor("r1", "REJECT_OBJECT", "rev", "2025-04-01T10:02:00Z").labelId("obj1");
    rows.editor("e1", "UPDATE_OBJECT", "ann", "2025-04-01T10:05:00Z").labelId("obj1");
    assertThat(rows(rows))
        .as("first pass, latency and rework of ann on 04-01 in one row")
        .containsExactly(row("2025-04-01", "ann", 1, 0, 0.0, 1, 2 * MIN_MS, 2 * MIN_MS, 1));
  }
}
