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
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the SQL of every analyst notebook ({@code notebooks/*.ipynb}) against gold tables built by
 * the real pipeline from {@code data-samples/}, so that renaming a table or a column breaks the
 * build instead of an analyst's morning.
 *
 * <p>A notebook query is a code cell whose first line is {@code # sql}, followed by {@code query =
 * """<SQL>"""} (then {@code df = spark.sql(query).toPandas()}). Each becomes one dynamic test named
 * after the notebook and the cell. Queries naming a table in {@link #OPTIONAL_TABLES} (tables the
 * pipeline may not write yet; the notebooks guard them too) are skipped, with a message, only when
 * that table is absent from the catalog; every other query must run.
 */
class NotebookSqlTest extends SparkTestBase {
  /** The tests run with working directory {@code jobs/}. */
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  private static final Path NOTEBOOKS = REPO.resolve("notebooks");

  /** Gold tables beyond the contract that a notebook may query only when they exist. */
  private static final List<String> OPTIONAL_TABLES =
      List.of("encord_gold.consensus_geometry", "encord_gold.data_unit_playback_health");

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
    for (Path nb : notebooks) {
      assertThat(sqlCells(nb))
          .as(nb.getFileName() + " has no code cell starting with '" + MARKER + "'")
          .isNotEmpty();
    }
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
    List<String> absent = new ArrayList<>();
    for (String table : OPTIONAL_TABLES) {
      if (names(c.sql(), table) && !spark.catalog().tableExists(table)) {
        absent.add(table);
      }
    }
    if (!absent.isEmpty()) {
      String why =
          "SKIPPED " + c.name() + ": " + String.join(", ", absent) + " is not in the catalog";
      System.out.println(why);
      Assumptions.abort(why);
    }
    List<Row> rows;
    try {
      rows = spark.sql(c.sql()).collectAsList();
    } catch (RuntimeException e) {
      throw new AssertionError(
          c.name() + " fails: " + e.getMessage() + "\n--- SQL of " + c.name() + " ---\n" + c.sql(),
          e);
    }
    System.out.println("ok " + c.name() + ": " + rows.size() + " rows");
  }

  /** Whether the SQL names {@code db.table} (case-insensitive, backticks allowed). */
  private static boolean names(String sql, String table) {
    String[] parts = table.split("\\.");
    return Pattern.compile(
            "\\b`?" + Pattern.quote(parts[0]) + "`?\\s*\\.\\s*`?" + Pattern.quote(parts[1]) + "\\b",
            Pattern.CASE_INSENSITIVE)
        .matcher(sql)
        .find();
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

  /** Tables of the warehouse as analysts see them, with the README's comments. */
  @Test
  void everyGoldColumnAndEveryTableCarriesTheReadmeDefinitionInTheCatalog() throws IOException {
    java.util.Map<String, io.encordanalytics.io.TableDocs.Doc> readme =
        io.encordanalytics.io.TableDocs.parse(Files.readString(REPO.resolve("README.md")));
    List<Row> tables = new ArrayList<>();
    for (String db : List.of("encord_bronze", "encord_silver", "encord_gold", "encord_ops")) {
      tables.addAll(spark.sql("SHOW TABLES IN " + db).collectAsList());
    }
    assertThat(tables).hasSizeGreaterThan(20);
    org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
    for (Row t : tables) {
      String name = t.getString(0) + "." + t.getString(1);
      String layer = t.getString(0).substring("encord_".length());
      io.encordanalytics.io.TableDocs.Doc doc = readme.get(layer + "." + t.getString(1));
      assertThat(doc).as("README documents %s", name).isNotNull();
      String description =
          spark.sql("DESCRIBE DETAIL " + name).select("description").first().getString(0);
      assertThat(description).as("table comment of %s", name).isEqualTo(doc.comment());
      if (layer.equals("gold")) {
        for (org.apache.spark.sql.types.StructField f : spark.table(name).schema().fields()) {
          assertThat(doc.columns())
              .as("README defines %s.%s", name, f.name())
              .containsKey(f.name());
          assertThat(f.getComment().isDefined() ? f.getComment().get() : null)
              .as("catalog comment of %s.%s", name, f.name())
              .isEqualTo(doc.columns().get(f.name()));
        }
      }
    }
    String labelsPerHour =
        spark
            .sql("DESCRIBE TABLE encord_gold.annotator_daily_activity")
            .filter("col_name = 'labels_per_active_hour'")
            .select("comment")
            .first()
            .getString(0);
    assertThat(labelsPerHour)
        .isEqualTo("labels_created × 3,600,000 / active_time_ms; null when active_time_ms is 0");
  }
}
