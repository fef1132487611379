package io.encordanalytics.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TableDocsTest {
  private static final String MD =
      String.join(
          "\n",
          "## Tables",
          "### Bronze",
          "",
          "**`encord_bronze.raw_records`** — one row per input record: `source_file`,",
          "`raw` (the text).",
          "",
          "#### `encord_gold.reviews` — one row per (event_date, annotator_id)",
          "",
          "| column | definition |",
          "|---|---|",
          "| `event_date`, `annotator_id` | the day and the **creator** |",
          "| `rate` | a / (a + b) \\| null |",
          "| `row_id` (the editor's `label_id`), `shape` | editor context |",
          "",
          "| table | actions | own columns |",
          "|---|---|---|",
          "| `task_skips` | SKIP_TASK | `skip_reason` |",
          "## Configuration",
          "| `encord.x` | 1 | not a column |");

  @Test
  void headingsParagraphsAndColumnTablesBecomeComments() {
    Map<String, TableDocs.Doc> docs = TableDocs.parse(MD);

    assertThat(docs).containsOnlyKeys("bronze.raw_records", "gold.reviews", "silver.task_skips");
    assertThat(docs.get("bronze.raw_records").comment())
        .isEqualTo("one row per input record: source_file, raw (the text).");
    assertThat(docs.get("gold.reviews").comment())
        .isEqualTo("one row per (event_date, annotator_id)");
    assertThat(docs.get("gold.reviews").columns())
        .containsEntry("event_date", "the day and the creator")
        .containsEntry("annotator_id", "the day and the creator")
        .containsEntry("rate", "a / (a + b) | null")
        .containsEntry("row_id", "editor context")
        .containsEntry("shape", "editor context")
        .doesNotContainKey("label_id")
        .hasSize(5);
    assertThat(docs.get("silver.task_skips").comment())
        .isEqualTo("Actions: SKIP_TASK. Own columns: skip_reason");
  }

  @Test
  void theReadmeShippedInTheJarDocumentsTheContractTables() {
    assertThat(TableDocs.of("gold", "annotator_daily_activity").columns())
        .containsKeys("event_date", "user_id", "active_time_ms", "labels_per_active_hour");
    assertThat(TableDocs.of("silver", "events").comment()).startsWith("one row per unique event");
    assertThat(TableDocs.of("silver", "events").columns().get("label_id"))
        .startsWith("the label instance");
  }
}
