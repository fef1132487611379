package io.encordanalytics.silver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's per-action table names exactly the actions each table selects. */
class ActionTablesReadmeTest {

  @Test
  void theReadmeListsTheActionsEachPerActionTableSelects() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("..", "README.md"));
    int header = lines.indexOf("| table | actions | own columns |");
    assertThat(header).as("the README's per-action table").isNotNegative();
    Map<String, String> readme = new LinkedHashMap<>();
    for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      String[] cells = lines.get(i).split(" \\| ", 3);
      readme.put(cells[0].replace("|", "").replace("`", "").strip(), cells[1].strip());
    }
    Map<String, String> code = new LinkedHashMap<>();
    ActionTables.SELECTIONS.forEach((table, selection) -> code.put(table, selection.describe()));
    assertThat(readme).containsExactlyEntriesOf(code);
  }
}
