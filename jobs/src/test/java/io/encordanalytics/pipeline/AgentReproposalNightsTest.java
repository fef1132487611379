package io.encordanalytics.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.encordanalytics.NightlyJob;
import io.encordanalytics.io.Tables;
import io.encordanalytics.io.Warehouse;
import io.encordanalytics.testing.SparkTestBase;
import io.encordanalytics.testing.TableRows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A night whose only event is an agent run proposing an object again: it changes the fate of the
 * earlier run's proposal (pending becomes superseded) on another date, with no event of the object
 * itself. Night by night must equal one run over everything, in every table.
 */
class AgentReproposalNightsTest extends SparkTestBase {
  @TempDir Path tmp;

  private static String run(String id, String time, String object) {
    return "{\"id\":\""
        + id
        + "\",\"action\":\"RUN_AGENT\",\"actorUserId\":\"u1\",\"dataUnitId\":\"du1\","
        + "\"workflowTaskId\":\"t1\",\"sessionId\":\"s-"
        + id
        + "\",\"timestamp\":\""
        + time
        + "\",\"eventInformation\":{\"objectHashes\":[\""
        + object
        + "\"],\"agentUuid\":\"A\",\"agentTitle\":\"Boxes\",\"success\":true}}";
  }

  @Test
  void aReproposalRewritesTheEarlierRunsDate() throws IOException {
    List<List<String>> nights =
        List.of(
            List.of(run("R1", "2025-04-01T10:00:00Z", "X")),
            List.of(run("R2", "2025-04-03T10:00:00Z", "X")));
    Path input = tmp.resolve("in");
    Path incWh = tmp.resolve("inc-wh");
    for (int n = 0; n < nights.size(); n++) {
      Path f = input.resolve("editor-logs/night-" + n + ".jsonl");
      Files.createDirectories(f.getParent());
      Files.writeString(f, String.join("\n", nights.get(n)) + "\n", StandardCharsets.UTF_8);
      new NightlyJob(new Warehouse(spark, NightlyJobTest.settingsFor(input, incWh))).run();
    }
    Path oneWh = tmp.resolve("one-wh");
    new NightlyJob(new Warehouse(spark, NightlyJobTest.settingsFor(input, oneWh))).run();
    Map<String, List<String>> expected =
        TableRows.of(new Warehouse(spark, NightlyJobTest.settingsFor(input, oneWh)), input);
    TableRows.assertSameRows(
        TableRows.of(new Warehouse(spark, NightlyJobTest.settingsFor(input, incWh)), input),
        expected,
        "two nights vs one run");
    assertThat(fates(incWh, input))
        .as("after night 2: R1's proposal is superseded, R2's pending")
        .containsExactly(
            "2025-04-01,A,Boxes,1,0,1,0,0,0,0,1,0,0,0,,0.0",
            "2025-04-03,A,Boxes,1,0,1,0,0,0,0,0,1,0,0,,0.0");
  }

  private static List<String> fates(Path warehouse, Path input) {
    Warehouse w = new Warehouse(spark, NightlyJobTest.settingsFor(input, warehouse));
    return w
        .read(new Tables(w.settings()).agentPrelabelDaily)
        .orderBy("event_date")
        .collectAsList()
        .stream()
        .map(
            r -> {
              StringBuilder b = new StringBuilder();
              for (int i = 0; i < r.size(); i++) {
                b.append(i == 0 ? "" : ",").append(r.isNullAt(i) ? "" : r.get(i).toString());
              }
              return b.toString();
            })
        .toList();
  }
}
