package io.encordanalytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.encordanalytics.io.JobRuns;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SummaryTest {
  @Test
  void summaryListsTheUnknownActionsWithTheirCounts() {
    JobRuns.Audit a = new JobRuns.Audit("r1", "nightly", Instant.parse("2025-04-01T00:00:00Z"));
    a.status = "SUCCEEDED";
    assertThat(Summary.render(a)).contains("unknown actions   none\n");

    a.unknownActions.put("label_log:99", 2L);
    a.unknownActions.put("editor_log:NEW_FANCY_ACTION", 1L);

    assertThat(Summary.render(a))
        .contains("unknown actions   editor_log:NEW_FANCY_ACTION x1, label_log:99 x2\n");
    assertThat((Object) a.toRow().get(JobRuns.SCHEMA.fieldIndex("unknown_actions")))
        .as("job_runs.unknown_actions")
        .isEqualTo(a.unknownActions);
  }
}
