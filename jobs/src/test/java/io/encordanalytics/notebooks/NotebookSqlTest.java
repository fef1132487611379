package io.encordanalytics.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.encordanalytics.NightlyJob;
import io.encordanalytics.io.JobRuns;
import io.encordanalytics.io.Warehouse;
import io.encordanalytics.testing.SparkTestBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the SQL of every analyst notebook ({@code notebooks/*.ipynb}) against the tables built by
 * the real pipeline from {@code data-samples/}, so that renaming a table or a column breaks the
 * build instead of an analyst's morning, and checks the catalog comments the pipeline writes.
 *
 * <p>A notebook query is a code cell whose first line is {@code # sql}, followed by {@code query =
 * """<SQL>"""} (then {@code df = spark.sql(query).toPandas()}). Each becomes one dynamic test named
 * after the notebook and the cell. No query is skipped: every table it names must be in the
 * warehouse (the pipeline writes every table on the samples), and it must return at least one row
 * with at least one value that is neither null nor zero (an aggregate over no rows returns one row
 * of nulls and zeros), unless {@link #EMPTY_ON_SAMPLES} says why it returns none.
 */
class NotebookSqlTest extends SparkTestBase {
  /** The tests run with working directory {@code jobs/}. */
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  private static final Path NOTEBOOKS = REPO.resolve("notebooks");

  /**
   * Queries (by {@link SqlCell#name()}) that return no rows on data-samples, each with the reason;
   * the test then requires exactly zero rows. Every other query must return rows.
   */
  private static final Map<String, String> EMPTY_ON_SAMPLES = Map.of();

  /** A table named in SQL: {@code encord_<layer>.<table>}, backticks allowed. */
  private static final Pattern TABLE_NAME =
      Pattern.compile("\\b`?(encord_\\w+)`?\\s*\\.\\s*`?(\\w+)`?", Pattern.CASE_INSENSITIVE);

  private static final String MARKER = "# sql";

  private static final Pattern QUERY =
      Pattern.compile(
          "^\\s*query\\s*=\\s*[rR]?\"\"\"(.*?)\"\"\"", Pattern.DOTALL | Pattern.MULTILINE);

  @TempDir static Path tempWarehouse;

  /**
   * The warehouse built from data-samples: a temp dir, or the directory named by the system
   * property {@code encord.test.samples-warehouse} (set by the build), which the cluster rehearsal
   * in {@code verify} then uses as its local reference run instead of running the job again.
   */
  static Path warehouse;

  @BeforeAll
  static void buildTables() throws IOException {
    String kept = System.getProperty("encord.test.samples-warehouse", "");
    warehouse = kept.isBlank() ? tempWarehouse : Path.of(kept).toAbsolutePath();
    if (!kept.isBlank()) {
      deleteRecursively(warehouse);
    }
    Warehouse wh =
        new Warehouse(
            spark,
            settings(
                "input-root",
                REPO.resolve("data-samples").toString(),
                "warehouse",
                warehouse.toString(),
                "spark.shuffle-partitions",
                "2"));
    JobRuns.Audit audit = new NightlyJob(wh).run();
    assertThat(audit.status).as("nightly run on data-samples").isEqualTo("SUCCEEDED");
    // As the notebooks' setup cell does: every table in the warehouse, by name.
    wh.catalog().registerAll();
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** One {@code # sql} cell of a notebook. */
  record SqlCell(String notebook, int cell, String source, String sql) {
    String name() {
      return notebook + " cell " + cell;
    }
  }

  @TestFactory
  Stream<DynamicNode> everyNotebookQueryRuns() {
    return notebooks().stream()
        .map(
            nb ->
                DynamicContainer.dynamicContainer(
                    nb.getFileName().toString(),
                    nb.toUri(),
                    sqlCells(nb).stream()
                        .map(
                            c ->
                                DynamicTest.dynamicTest(c.name(), nb.toUri(), () -> runQuery(c)))));
  }

  @Test
  void everyNotebookHasSqlCells() {
    List<Path> notebooks = notebooks();
    assertThat(notebooks).as("notebooks in " + NOTEBOOKS).isNotEmpty();
    List<String> cells = new ArrayList<>();
    for (Path nb : notebooks) {
      assertThat(sqlCells(nb))
          .as(nb.getFileName() + " has no code cell starting with '" + MARKER + "'")
          .isNotEmpty();
      sqlCells(nb).forEach(c -> cells.add(c.name()));
    }
    assertThat(cells).as("cells named in EMPTY_ON_SAMPLES").containsAll(EMPTY_ON_SAMPLES.keySet());
  }

  private static void runQuery(SqlCell c) {
    if (c.sql() == null) {
      throw new AssertionError(
          c.name()
              + ": a '"
              + MARKER
              + "' cell must define exactly one query = \"\"\"...\"\"\"; the cell is:\n"
              + c.source());
    }
    for (String table : tablesNamed(c.sql())) {
      if (!spark.catalog().tableExists(table)) {
        throw new AssertionError(
            c.name()
                + " queries "
                + table
                + ", which is not in the warehouse the pipeline built from data-samples");
      }
    }
    List<Row> rows;
    try {
      rows = spark.sql(c.sql()).collectAsList();
    } catch (Exception e) { // Spark 4's AnalysisException is not a RuntimeException
      throw new AssertionError(
          c.name() + " fails: " + e.getMessage() + "\n--- SQL of " + c.name() + " ---\n" + c.sql(),
          e);
    }
    System.out.println("ok " + c.name() + ": " + rows.size() + " rows");
    String why = EMPTY_ON_SAMPLES.get(c.name());
    if (why != null) {
      assertThat(rows).as("%s returns no rows on data-samples (%s)", c.name(), why).isEmpty();
      return;
    }
    assertThat(rows).as("rows of %s on data-samples", c.name()).isNotEmpty();
    assertThat(rows.stream().anyMatch(NotebookSqlTest::hasAValue))
        .as(
            "%s returns only nulls and zeros on data-samples (an aggregate over no rows?): %s",
            c.name(), rows)
        .isTrue();
  }

  /** Whether a row has a value that is neither null nor a numeric zero. */
  private static boolean hasAValue(Row row) {
    for (int i = 0; i < row.length(); i++) {
      Object v = row.get(i);
      if (v == null) {
        continue;
      }
      if (v instanceof java.math.BigDecimal d
          ? d.signum() == 0
          : v instanceof Number n && n.doubleValue() == 0) {
        continue;
      }
      return true;
    }
    return false;
  }

  /** The tables ({@code encord_<layer>.<table>}, lower case) that the SQL names. */
  static Set<String> tablesNamed(String sql) {
    Set<String> out = new TreeSet<>();
    Matcher m = TABLE_NAME.matcher(sql);
    while (m.find()) {
      out.add((m.group(1) + "." + m.group(2)).toLowerCase(Locale.ROOT));
    }
    return out;
  }

  private static List<Path> notebooks() {
    try (Stream<Path> files = Files.list(NOTEBOOKS)) {
      return files
          .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ipynb"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code # sql} code cells of a notebook, numbered like Jupyter's cells (from 1). */
  static List<SqlCell> sqlCells(Path notebook) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(notebook.toFile());
    } catch (IOException e) {
      throw new AssertionError(notebook.getFileName() + " is not valid JSON: " + e.getMessage(), e);
    }
    assertThat(root.path("nbformat").asInt()).as(notebook.getFileName() + " nbformat").isEqualTo(4);
    List<SqlCell> out = new ArrayList<>();
    JsonNode cells = root.path("cells");
    for (int i = 0; i < cells.size(); i++) {
      JsonNode cell = cells.get(i);
      if (!"code".equals(cell.path("cell_type").asText())) {
        continue;
      }
      String source = text(cell.path("source"));
      String firstLine = source.strip().lines().findFirst().orElse("").strip();
      if (!firstLine.equalsIgnoreCase(MARKER)) {
        continue;
      }
      Matcher m = QUERY.matcher(source);
      String sql = m.find() ? m.group(1).strip() : null;
      if (sql != null && m.find()) {
        sql = null; // two queries in one cell: the test would miss the second one
      }
      out.add(new SqlCell(notebook.getFileName().toString(), i + 1, source, sql));
    }
    return out;
  }

  /** A cell's source: a list of lines (nbformat's usual form) or one string. */
  private static String text(JsonNode source) {
    if (source.isArray()) {
      StringBuilder sb = new StringBuilder();
      source.forEach(line -> sb.append(line.asText()));
      return sb.toString();
    }
    return source.asText();
  }

  /**
   * Every table the pipeline writes, with a phrase of its README definition that its table comment
   * (Delta's description, {@code DESCRIBE DETAIL}) must contain. Written out here, not parsed from
   * the README, so that the check does not share the parser that wrote the comments.
   */
  private static final Map<String, String> TABLE_COMMENTS =
      Map.ofEntries(
          Map.entry("encord_bronze.raw_records", "one row per input record, exactly as read"),
          Map.entry("encord_silver.events", "one row per unique event"),
          Map.entry("encord_silver.event_keys", "the gold step's index of silver events"),
          Map.entry("encord_silver.quarantine", "every record that could not be an event"),
          Map.entry(
              "encord_silver.object_changes",
              "Actions: CREATE_OBJECT, UPDATE_OBJECT, DELETE_OBJECT. Own columns: change_kind"),
          Map.entry(
              "encord_silver.attribute_changes",
              "Actions: CREATE_ATTRIBUTE, UPDATE_ATTRIBUTE, DELETE_ATTRIBUTE"),
          Map.entry(
              "encord_silver.review_decisions", "Own columns: target_type (label, attribute)"),
          Map.entry(
              "encord_silver.task_decisions", "Actions: SUBMIT_TASK, APPROVE_TASK, REJECT_TASK"),
          Map.entry("encord_silver.agent_runs", "Actions: RUN_AGENT"),
          Map.entry("encord_silver.task_saves", "Actions: SAVE_TASK; label-log 14"),
          Map.entry("encord_silver.task_skips", "Own columns: skip_reason"),
          Map.entry(
              "encord_silver.playback_events",
              "incident_type (buffering, bitrate_warning, seeking)"),
          Map.entry("encord_silver.consensus_events", "Actions: label-log 35, 36, 37"),
          Map.entry("encord_gold.annotator_daily_activity", "one row per (event_date, user_id)"),
          Map.entry(
              "encord_gold.review_outcomes_daily",
              "one row per (event_date, annotator_id, target_type, label_name)"),
          Map.entry(
              "encord_gold.reviewer_daily_decisions",
              "one row per (event_date, reviewer_id, target_type)"),
          Map.entry(
              "encord_gold.annotator_quality_daily", "one row per (event_date, annotator_id)"),
          Map.entry("encord_gold.consensus_units", "one row per consensus_unit_id"),
          Map.entry("encord_gold.annotator_consensus_daily", "one row per (event_date, user_id)"),
          Map.entry(
              "encord_gold.playback_incidents_daily",
              "one row per (event_date, data_unit_id, user_id)"),
          Map.entry(
              "encord_gold.consensus_geometry",
              "one row per (consensus_unit_id, annotator_a, annotator_b)"),
          Map.entry("encord_gold.data_unit_playback_health", "one row per data_unit_id"),
          Map.entry("encord_gold.editor_sessions", "one row per (session_id, user_id, task_key)"),
          Map.entry("encord_gold.task_time", "one row per task_key"),
          Map.entry("encord_gold.annotator_sessions_daily", "one row per (event_date, user_id)"),
          Map.entry("encord_gold.agent_prelabel_daily", "one row per (event_date, agent_id)"),
          Map.entry(
              "encord_gold.classification_answers",
              "one row per (consensus_unit_id, feature_id, annotator_id, branch_name, object_hash)"),
          Map.entry(
              "encord_gold.classification_agreement",
              "one row per (feature_id, annotator_a, annotator_b)"),
          Map.entry("encord_gold.classification_agreement_by_feature", "one row per feature_id"),
          Map.entry("encord_ops.job_runs", "one row per run: run_id (sortable"),
          Map.entry("encord_ops.ingested_files", "path, size, modification_time_ms, run_id"));

  /**
   * Columns with a phrase of their README definition that their catalog comment ({@code DESCRIBE
   * TABLE}) must contain; a sample of every gold table and of silver events.
   */
  private static final List<List<String>> COLUMN_COMMENTS =
      List.of(
          List.of("encord_silver.events", "event_id", "log_hash (label logs) or id (editor logs)"),
          List.of("encord_silver.events", "label_id", "the label instance: identifier"),
          List.of(
              "encord_silver.events", "label_row_id", "editor-log context, null for label logs"),
          List.of("encord_silver.events", "task_key", "workflow_task_id, or data_unit_id when"),
          List.of("encord_silver.events", "extra_fields", "top-level keys that no column holds"),
          List.of(
              "encord_gold.annotator_daily_activity",
              "labels_per_active_hour",
              "labels_created × 3,600,000 / active_time_ms; null when active_time_ms is 0"),
          List.of(
              "encord_gold.annotator_daily_activity",
              "active_time_ms",
              "active time credited to that day"),
          List.of("encord_gold.annotator_daily_activity", "events", "(any action)"),
          List.of(
              "encord_gold.review_outcomes_daily",
              "annotator_id",
              "the user of the earliest label_created (attribute_created) event"),
          List.of(
              "encord_gold.review_outcomes_daily",
              "rejection_rate",
              "rejected / (approved + rejected)"),
          List.of(
              "encord_gold.reviewer_daily_decisions",
              "reviewer_id",
              "the user who made the review decisions"),
          List.of(
              "encord_gold.annotator_quality_daily",
              "first_pass_approval_rate",
              "tasks_first_pass_approved / tasks_first_reviewed"),
          List.of(
              "encord_gold.consensus_units",
              "agreement_rate",
              "agreeing_branches / annotator_branches"),
          List.of("encord_gold.consensus_units", "winning_user_id", "winningSetAnnotator.hash"),
          List.of("encord_gold.annotator_consensus_daily", "wins", "winning_user_id is the user"),
          List.of(
              "encord_gold.playback_incidents_daily",
              "incident_episodes",
              "episodes started that day"),
          List.of(
              "encord_gold.consensus_geometry", "matched_objects", "matched pairs with IoU ≥ 0.5"),
          List.of(
              "encord_gold.data_unit_playback_health",
              "users_affected",
              "distinct users with playback events on it"),
          List.of("encord_gold.editor_sessions", "outcome", "left without one"),
          List.of("encord_gold.task_time", "review_rounds", "each review decision closes one"),
          List.of(
              "encord_gold.annotator_sessions_daily",
              "median_session_active_ms",
              "halfway between the two middle values"),
          List.of(
              "encord_gold.agent_prelabel_daily", "acceptance_rate", "approved_unedited / decided"),
          List.of("encord_gold.classification_agreement", "cohen_kappa", "Cohen's kappa"),
          List.of(
              "encord_gold.classification_agreement",
              "object_pairs",
              "matched pairs of their objects"),
          List.of(
              "encord_gold.classification_agreement_by_feature",
              "fleiss_kappa",
              "Fleiss (1971) exactly"));

  /**
   * Tables whose README entry is a paragraph or a row of the per-action table, not a column table:
   * their columns carry no comments (or only some, carried over from the silver events they are
   * built from). Every column of every other table must have a comment. A table leaves this list
   * when the README gets a column table for it (the test then says so).
   */
  private static final Set<String> COLUMNS_NOT_DOCUMENTED =
      Set.of(
          "encord_bronze.raw_records",
          "encord_silver.event_keys",
          "encord_silver.quarantine",
          "encord_silver.object_changes",
          "encord_silver.attribute_changes",
          "encord_silver.review_decisions",
          "encord_silver.task_decisions",
          "encord_silver.agent_runs",
          "encord_silver.task_saves",
          "encord_silver.task_skips",
          "encord_silver.playback_events",
          "encord_silver.consensus_events",
          "encord_ops.job_runs",
          "encord_ops.ingested_files");

  /** The catalog's table and column comments, as the pipeline wrote them into the Delta tables. */
  @Test
  void everyTableAndDocumentedColumnCarriesItsReadmeDefinitionInTheCatalog() {
    Set<String> tables = new TreeSet<>();
    for (String db : List.of("encord_bronze", "encord_silver", "encord_gold", "encord_ops")) {
      for (Row t : spark.sql("SHOW TABLES IN " + db).collectAsList()) {
        tables.add(t.getString(0) + "." + t.getString(1));
      }
    }
    assertThat(tables)
        .as("tables the pipeline wrote from data-samples")
        .containsExactlyInAnyOrderElementsOf(TABLE_COMMENTS.keySet());
    assertThat(TABLE_COMMENTS.keySet()).containsAll(COLUMNS_NOT_DOCUMENTED);

    SoftAssertions soft = new SoftAssertions();
    for (String table : tables) {
      String description =
          spark.sql("DESCRIBE DETAIL " + table).select("description").first().getString(0);
      soft.assertThat(description)
          .as("table comment of %s", table)
          .contains(TABLE_COMMENTS.get(table));
      Map<String, String> columns = columnComments(table);
      soft.assertThat(columns).as("columns of %s", table).isNotEmpty();
      List<String> without =
          columns.entrySet().stream()
              .filter(e -> e.getValue() == null || e.getValue().isBlank())
              .map(Map.Entry::getKey)
              .toList();
      if (COLUMNS_NOT_DOCUMENTED.contains(table)) {
        soft.assertThat(without)
            .as("%s has a comment on every column: take it out of COLUMNS_NOT_DOCUMENTED", table)
            .isNotEmpty();
      } else {
        soft.assertThat(without).as("columns of %s without a comment", table).isEmpty();
      }
    }
    for (List<String> c : COLUMN_COMMENTS) {
      soft.assertThat(columnComments(c.get(0)).get(c.get(1)))
          .as("comment of column %s.%s", c.get(0), c.get(1))
          .contains(c.get(2));
    }
    soft.assertAll();
  }

  /** Column name to comment (null when none), from {@code DESCRIBE TABLE}. */
  private static Map<String, String> columnComments(String table) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Row r : spark.sql("DESCRIBE TABLE " + table).collectAsList()) {
      String name = r.getString(0);
      if (name == null || name.isBlank() || name.startsWith("#")) {
        break; // the partitioning section that follows repeats columns
      }
      out.put(name, r.getString(2));
    }
    return out;
  }
}
