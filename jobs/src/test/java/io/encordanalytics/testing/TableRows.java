package io.encordanalytics.testing;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.assertj.core.api.Assertions.assertThat;

import io.encordanalytics.io.TableId;
import io.encordanalytics.io.Tables;
import io.encordanalytics.io.Warehouse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Every bronze, silver, gold and ledger table of a warehouse as sorted JSON lines, for whole-table
 * comparisons of night-by-night, recovered and one-run warehouses: the guarantee holds for every
 * table, not gold alone (per-action silver rows once went missing with every gold table equal).
 *
 * <p>Left out are only the columns that name a run ({@code run_id}, {@code quarantined_at}); a
 * {@code source_file} is made relative to the input root, so warehouses built from copies of the
 * same tree in different folders compare equal. {@code encord_ops.job_runs} is left out (one row
 * per run by design).
 */
public final class TableRows {
  /** Columns that legitimately differ between runs over the same records. */
  public static final List<String> LINEAGE = List.of("run_id", "quarantined_at");

  private TableRows() {}

  /**
   * The rows of every table a run writes ({@link Tables#transactional()}) and of every other table
   * found in the warehouse but the audit; a table that does not exist maps to no rows.
   */
  public static Map<String, List<String>> of(Warehouse wh, Path inputRoot) {
    Tables t = new Tables(wh.settings());
    Set<TableId> ids = new LinkedHashSet<>(t.transactional());
    ids.addAll(wh.versions().existing());
    ids.remove(t.jobRuns);
    String root = Pattern.quote(inputRoot.toAbsolutePath().normalize().toString());
    Map<String, List<String>> out = new TreeMap<>();
    // One query over every table (a union of each table's rows as JSON, tagged with its name)
    // instead of one per table: a whole-warehouse comparison plans and schedules once.
    Dataset<Row> all = null;
    for (TableId id : ids) {
      out.put(id.toString(), new ArrayList<>());
      if (!wh.exists(id)) {
        continue;
      }
      Dataset<Row> df = wh.read(id);
      List<Column> keep = new ArrayList<>();
      for (String c : df.columns()) {
        if (c.equals("source_file") || c.equals("path")) {
          keep.add(regexp_replace(col(c), lit("^.*?" + root), lit("<input>")).as(c));
        } else if (!LINEAGE.contains(c)) {
          keep.add(col(c));
        }
      }
      Dataset<Row> rows =
          df.select(
              lit(id.toString()).as("table"),
              to_json(struct(keep.toArray(Column[]::new))).as("row"));
      all = all == null ? rows : all.union(rows);
    }
    if (all != null) {
      for (Row r : all.collectAsList()) {
        out.get(r.getString(0)).add(r.getString(1));
      }
    }
    out.values().forEach(rows -> rows.sort(null));
    return out;
  }

  /**
   * Asserts that two warehouses hold the same tables with the same rows, table by table, so that a
   * failure names the table that differs.
   */
  public static void assertSameRows(
      Map<String, List<String>> actual, Map<String, List<String>> expected, String context) {
    assertThat(actual.keySet()).as("%s: tables", context).isEqualTo(expected.keySet());
    for (String table : expected.keySet()) {
      assertThat(actual.get(table))
          .as("%s: %s", context, table)
          .containsExactlyElementsOf(expected.get(table));
    }
  }
}
