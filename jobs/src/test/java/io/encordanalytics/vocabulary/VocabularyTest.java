package io.encordanalytics.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The one action vocabulary, and the README's kind table, which must say what the code does. */
class VocabularyTest {

  private static final Path README = Path.of("..", "README.md");

  /** README rows of the kind table: kind -> {label-log cell, editor cell}. */
  private static Map<String, String[]> readmeKinds() throws IOException {
    List<String> lines = Files.readAllLines(README);
    int header = lines.indexOf("| kind | label-log code | editor action |");
    assertThat(header).as("the README's kind table").isNotNegative();
    Map<String, String[]> rows = new LinkedHashMap<>();
    for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      String[] cells = lines.get(i).split("\\|");
      rows.put(cells[1].strip(), new String[] {cells[2].strip(), cells[3].strip()});
    }
    return rows;
  }

  @Test
  void theReadmeKindTableIsTheKindEnum() throws IOException {
    Map<String, String[]> readme = readmeKinds();
    List<String> expected = new ArrayList<>();
    for (Kind k : Kind.values()) {
      expected.add(k.value());
    }
    assertThat(readme.keySet()).as("kinds in README order").containsExactlyElementsOf(expected);
    Pattern code = Pattern.compile("(\\d+) \\(([A-Z_]+)\\)");
    for (Kind k : Kind.values()) {
      String[] cells = readme.get(k.value());
      if (k.labelLog() == null) {
        assertThat(cells[0]).as(k + " label-log cell").isEqualTo("–");
      } else {
        Matcher m = code.matcher(cells[0]);
        assertThat(m.matches()).as(k + " label-log cell '" + cells[0] + "'").isTrue();
        assertThat(Integer.parseInt(m.group(1))).as(k + " code").isEqualTo(k.labelLog().code());
        assertThat(m.group(2)).as(k + " code name").isEqualTo(k.labelLog().name());
      }
      assertThat(cells[1])
          .as(k + " editor cell")
          .isEqualTo(k.editor() == null ? "–" : k.editor().name());
    }
  }

  @Test
  void labelLogCodesAreThoseOfInputsMdWithoutEighteen() {
    List<Integer> codes = new ArrayList<>();
    for (LabelLogAction a : LabelLogAction.values()) {
      codes.add(a.code());
      assertThat(LabelLogAction.ofCode(a.code())).isSameAs(a);
    }
    assertThat(codes).doesNotHaveDuplicates().doesNotContain(18).hasSize(37);
    assertThat(codes).contains(0, 17, 19, 37);
    assertThat(LabelLogAction.ofCode(18)).isNull();
    assertThat(LabelLogAction.ofCode(99)).isNull();
    assertThat(LabelLogAction.ofCode(null)).isNull();
  }

  @Test
  void actionNamesAreReadWithoutRegardToCaseAndThePythonEnumPrefix() {
    assertThat(LabelLogAction.ofName("approve_label")).isEqualTo(LabelLogAction.APPROVE_LABEL);
    assertThat(LabelLogAction.ofName(" Action.REJECT_TASK ")).isEqualTo(LabelLogAction.REJECT_TASK);
    assertThat(LabelLogAction.ofName("CREATE_OBJECT")).isNull();
    assertThat(EditorAction.of(" create_object")).isEqualTo(EditorAction.CREATE_OBJECT);
    assertThat(EditorAction.of("NEW_FANCY_ACTION")).isNull();
    assertThat(EditorAction.of(null)).isNull();
  }

  @Test
  void everyKindHasAnActionInAtLeastOneFormatAndNoActionIsInTwoKinds() {
    Map<Object, Kind> owner = new LinkedHashMap<>();
    for (Kind k : Kind.values()) {
      assertThat(k.labelLog() != null || k.editor() != null).as(k.toString()).isTrue();
      for (Object action : new Object[] {k.labelLog(), k.editor()}) {
        if (action != null) {
          assertThat(owner.put(action, k)).as(action + " in two kinds").isNull();
        }
      }
    }
  }
}
