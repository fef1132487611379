package io.encordanalytics.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Table and column comments for the catalog, read from the project README (packaged in the job jar
 * as {@code io/encordanalytics/docs/README.md}), so that analysts see in {@code DESCRIBE TABLE}
 * exactly the definitions the README gives, and the two cannot drift apart.
 *
 * <p>Recognised in the README's "Tables" section: a heading {@code #### `db.table` — grain} or a
 * paragraph starting {@code **`db.table`** — text} gives the table comment; the rows {@code |
 * `col`, `col2` | definition |} of the column table under it give column comments; a row {@code |
 * `table` | actions | own columns |} of the per-action table gives a silver table's comment. Keys
 * are {@code layer.table} with the layer being {@code bronze}, {@code silver}, {@code gold} or
 * {@code ops}, so that renamed databases keep their comments.
 */
public final class TableDocs {
  /** Table comment and column comments of one table. */
  public record Doc(String comment, Map<String, String> columns) {}

  private static final Pattern HEADING =
      Pattern.compile("^#{2,5} `encord_(\\w+)\\.(\\w+)` — (.+)$");
  private static final Pattern PARAGRAPH =
      Pattern.compile("^\\*\\*`encord_(\\w+)\\.(\\w+)`\\*\\* — (.+)$");
  private static final Pattern ROW = Pattern.compile("^\\|([^|]+)\\|(.+)\\|\\s*$");
  private static final Pattern NAME = Pattern.compile("`(\\w+)`");
  private static final Pattern PARENTHESES = Pattern.compile("\\([^)]*\\)");

  private static volatile Map<String, Doc> bundled;

  private TableDocs() {}

  /** The docs packaged with the job (empty when the resource is missing, e.g. in an IDE). */
  public static Map<String, Doc> bundled() {
    if (bundled == null) {
      try (InputStream in =
          TableDocs.class.getResourceAsStream("/io/encordanalytics/docs/README.md")) {
        bundled =
            in == null ? Map.of() : parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return bundled;
  }

  /** The doc of a table, by its layer ({@code gold}, ...) and name; null when undocumented. */
  public static Doc of(String layer, String table) {
    return bundled().get(layer + "." + table);
  }

  /** Parses README markdown into docs keyed {@code layer.table}. */
  public static Map<String, Doc> parse(String markdown) {
    Map<String, Doc> out = new LinkedHashMap<>();
    List<String> lines = markdown.lines().toList();
    String current = null;
    boolean inActionTable = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher h = HEADING.matcher(line);
      Matcher p = PARAGRAPH.matcher(line);
      if (h.matches() || p.matches()) {
        Matcher m = h.matches() ? h : p;
        StringBuilder text = new StringBuilder(m.group(3).strip());
        if (p.matches()) {
          // The paragraph goes on until a blank line.
          while (i + 1 < lines.size() && !lines.get(i + 1).isBlank()) {
            text.append(' ').append(lines.get(++i).strip());
          }
        }
        current = m.group(1) + "." + m.group(2);
        out.put(current, new Doc(plain(text.toString()), new LinkedHashMap<>()));
        inActionTable = false;
        continue;
      }
      if (line.startsWith("#")) {
        current = null;
        inActionTable = false;
        continue;
      }
      Matcher row = ROW.matcher(line);
      if (!row.matches()) {
        continue;
      }
      String first = row.group(1).strip();
      String rest = row.group(2).strip();
      if (first.equals("table") && rest.startsWith("actions")) {
        inActionTable = true;
        continue;
      }
      if (first.startsWith("---") || first.equals("column") || first.equals("kind")) {
        continue;
      }
      if (inActionTable) {
        Matcher name = NAME.matcher(first);
        String[] cells = rest.split("\\|", 2);
        if (name.matches() && cells.length == 2) {
          out.put(
              "silver." + name.group(1),
              new Doc(
                  plain("Actions: " + cells[0].strip() + ". Own columns: " + cells[1].strip()),
                  new LinkedHashMap<>()));
        }
        continue;
      }
      if (current == null) {
        continue;
      }
      // Names in parentheses are remarks on a column, not columns: "`label_row_id` (the editor's
      // `label_id`)" defines label_row_id only.
      Matcher names = NAME.matcher(PARENTHESES.matcher(first).replaceAll(""));
      while (names.find()) {
        out.get(current).columns().put(names.group(1), plain(rest));
      }
    }
    return out;
  }

  /** Markdown to plain text: no backticks, emphasis or escaped pipes. */
  static String plain(String md) {
    return md.replace("`", "").replace("**", "").replace("\\|", "|").strip();
  }
}
