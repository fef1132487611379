package io.encordanalytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyMemoTest {
  @Test
  void keyNamesAreConvertedAlikeBeforeAndPastTheMemosBound() {
    for (int i = 0; i < KeyMemo.MAX_KEYS + 100; i++) {
      String snake = "key_" + i + "_name";
      String camel = "key" + i + "Name";
      assertThat(Json.camel(snake)).isEqualTo(camel);
      assertThat(Json.camel(snake)).as("again (from the memo while it has room)").isEqualTo(camel);
      assertThat(DerivedIds.snakeKey("someKey" + i + "Value")).isEqualTo("some_key" + i + "_value");
    }
    String longKey = "a_" + "b".repeat(KeyMemo.MAX_KEY_CHARS) + "_c";
    assertThat(Json.camel(longKey)).isEqualTo("aB" + "b".repeat(KeyMemo.MAX_KEY_CHARS - 1) + "C");
    assertThat(Json.camel("log_hash")).isEqualTo("logHash");
    assertThat(DerivedIds.snakeKey("dataUnitID")).isEqualTo("data_unit_id");
  }
}
