package io.encordanalytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.encordanalytics.testing.SparkTestBase;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code sql.sh --serve}: one session, one JSON answer per request, values typed for pandas. */
class SqlCliServeTest extends SparkTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<JsonNode> serve(String... requestLines) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SqlCli.serve(spark, new BufferedReader(new StringReader(String.join("\n", requestLines))), out);
    List<JsonNode> answers = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n", -1)) {
      if (!line.isEmpty()) {
        answers.add(JSON.readTree(line));
      }
    }
    return answers;
  }

  private static String request(String sql) throws IOException {
    return JSON.writeValueAsString(java.util.Map.of("sql", sql));
  }

  @Test
  void answersEveryRequestInOrderWithTypedValuesAndKeepsOneSession() throws IOException {
    String typed =
        """
        SELECT 1 AS i, CAST(NULL AS INT) AS n, 2.5D AS d, CAST('NaN' AS DOUBLE) AS nan,
               CAST(1.25 AS DECIMAL(10,3)) AS dec, DATE'2025-04-01' AS day,
               TIMESTAMP'2025-04-01 10:00:00.123456' AS ts, 'a,"b"\nc ü' AS s, true AS b,
               array(1, NULL) AS arr, map('k', DATE'2025-04-02') AS m,
               named_struct('x', 1, 'y', 'z') AS st, X'0102' AS bin, 7L AS l
        """;
    List<JsonNode> answers =
        serve(
            request(typed),
            "",
            request("SELECT * FROM no_such_table"),
            "not json",
            "{\"query\": \"SELECT 1\"}",
            request("CREATE OR REPLACE TEMPORARY VIEW served_v AS SELECT 41 + 1 AS x"),
            request("SELECT x FROM served_v"));

    assertThat(answers).hasSize(6);
    JsonNode first = answers.get(0);
    List<String> names = new ArrayList<>();
    first.path("schema").path("fields").forEach(f -> names.add(f.path("name").asText()));
    assertThat(names)
        .containsExactly(
            "i", "n", "d", "nan", "dec", "day", "ts", "s", "b", "arr", "m", "st", "bin", "l");
    assertThat(first.path("schema").path("fields").get(5).path("type").asText()).isEqualTo("date");
    JsonNode row = first.path("rows").get(0);
    assertThat(first.path("rows")).hasSize(1);
    assertThat(row.get(0).isIntegralNumber()).isTrue();
    assertThat(row.get(0).asInt()).isEqualTo(1);
    assertThat(row.get(1).isNull()).isTrue();
    assertThat(row.get(2).asDouble()).isEqualTo(2.5);
    assertThat(row.get(3).asText()).isEqualTo("NaN");
    assertThat(row.get(4).asText()).isEqualTo("1.250");
    assertThat(row.get(5).asText()).isEqualTo("2025-04-01");
    assertThat(row.get(6).asText()).isEqualTo("2025-04-01T10:00:00.123456");
    assertThat(row.get(7).asText()).isEqualTo("a,\"b\"\nc ü");
    assertThat(row.get(8).asBoolean()).isTrue();
    assertThat(row.get(9).toString()).isEqualTo("[1,null]");
    assertThat(row.get(10).toString()).isEqualTo("[[\"k\",\"2025-04-02\"]]");
    assertThat(row.get(11).toString()).isEqualTo("{\"x\":1,\"y\":\"z\"}");
    assertThat(row.get(12).asText()).isEqualTo("AQI=");
    assertThat(row.get(13).asLong()).isEqualTo(7L);

    assertThat(answers.get(1).path("error").asText()).contains("no_such_table");
    assertThat(answers.get(2).has("error")).isTrue();
    assertThat(answers.get(3).path("error").asText()).contains("{\"sql\": \"...\"}");
    // A statement without rows, then the same session sees what it did.
    assertThat(answers.get(4).path("rows")).isEmpty();
    assertThat(answers.get(5).path("rows").toString()).isEqualTo("[[42]]");
  }
}
