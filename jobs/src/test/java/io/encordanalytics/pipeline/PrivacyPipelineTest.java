package io.encordanalytics.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.encordanalytics.NightlyJob;
import io.encordanalytics.config.Settings;
import io.encordanalytics.ingest.EmailPseudonymizer;
import io.encordanalytics.io.JobRuns;
import io.encordanalytics.io.TableId;
import io.encordanalytics.io.Tables;
import io.encordanalytics.io.Warehouse;
import io.encordanalytics.testing.SparkTestBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** privacy.pseudonymize-emails end to end: no address is stored in any table, joins still hold. */
class PrivacyPipelineTest extends SparkTestBase {
  private static final String KEY_ENV = "ENCORD_TEST_PSEUDONYMIZE_KEY";

  @TempDir Path tmp;

  private Settings pseudonymizing(Path in, Path wh) {
    return Settings.fromConfig(
        ConfigFactory.parseMap(
                Map.of(
                    "encord.input-root",
                    in.toString(),
                    "encord.warehouse",
                    wh.toString(),
                    "encord.spark.shuffle-partitions",
                    "2",
                    "encord.privacy.pseudonymize-emails",
                    "true",
                    "encord.privacy.key-env",
                    KEY_ENV))
            .withFallback(ConfigFactory.defaultReference())
            .resolve(),
        Map.of(KEY_ENV, "test-key"));
  }

  @Test
  void pseudonymizedRunStoresNoAddressInAnyTable() throws IOException {
    Path in = tmp.resolve("in");
    Path wh = tmp.resolve("wh");
    Files.createDirectories(in);
    Files.writeString(
        in.resolve("labels.jsonl"),
        String.join(
            "\n",
            "{\"log_hash\":\"l1\",\"user_hash\":\"u1\",\"user_email\":\"Ann@Example.com\","
                + "\"identifier\":\"o1\",\"data_hash\":\"d1\",\"action\":0,\"label_name\":\"Car\","
                + "\"created_at\":\"2025-04-01T10:00:00Z\"}",
            "{\"log_hash\":\"l2\",\"user_hash\":\"u1\",\"user_email\":\"ann@example.com\","
                + "\"data_hash\":\"d1\",\"action\":11,\"created_at\":\"2025-04-01T10:05:00Z\"}",
            "{\"log_hash\": broken, \"user_email\":\"zed@example.com\"}"),
        StandardCharsets.UTF_8);
    Files.writeString(
        in.resolve("editor.jsonl"),
        "{\"id\":\"e1\",\"action\":\"REJECT_OBJECT\",\"actor_user_id\":\"r1\","
            + "\"actor_user_email\":\"rev@example.com\",\"data_unit_id\":\"d1\","
            + "\"object_hash\":\"o1\",\"workflow_task_id\":\"t1\","
            + "\"timestamp\":\"2025-04-01T11:00:00Z\",\"event_information\":{\"isConsensus\":false}}\n"
            + "{\"id\":\"e2\",\"action\":\"SUBMIT_TASK\",\"actor_user_id\":\"u1\","
            + "\"actor_user_email\":\"ann@example.com\",\"data_unit_id\":\"d1\","
            + "\"workflow_task_id\":\"t1\",\"timestamp\":\"2025-04-01T10:06:00Z\","
            + "\"event_information\":{\"annotators\":[{\"email\":\"ann@example.com\",\"hash\":\"u1\"}]}}\n",
        StandardCharsets.UTF_8);

    Settings settings = pseudonymizing(in, wh);
    Warehouse w = new Warehouse(spark, settings);
    JobRuns.Audit audit = new NightlyJob(w).run();
    assertThat(audit.status).isEqualTo("SUCCEEDED");
    assertThat(audit.quarantined).isEqualTo(1);

    Tables t = new Tables(settings);
    List<TableId> all = new ArrayList<>(t.transactional());
    all.add(t.jobRuns);
    int scanned = 0;
    for (TableId id : all) {
      if (!w.exists(id)) {
        continue;
      }
      scanned++;
      List<String> rows = w.read(id).toJSON().collectAsList();
      assertThat(rows)
          .as("rows of %s", id)
          .noneMatch(r -> r.contains("example.com") || r.contains("@"));
    }
    assertThat(scanned).as("bronze, silver, quarantine, gold, ops tables scanned").isGreaterThan(8);

    EmailPseudonymizer p = new EmailPseudonymizer("test-key");
    List<Row> activity =
        w.read(t.annotatorDailyActivity)
            .filter("user_id = 'u1'")
            .select("user_email", "labels_created")
            .collectAsList();
    assertThat(activity).hasSize(1);
    assertThat(activity.get(0).getString(0))
        .as("the same address in any case gives one pseudonym")
        .isEqualTo(p.pseudonym("ann@example.com"));
    List<Row> reviewer =
        w.read(t.reviewerDailyDecisions).select("reviewer_email", "rejected").collectAsList();
    assertThat(reviewer).hasSize(1);
    assertThat(reviewer.get(0).getString(0)).isEqualTo(p.pseudonym("rev@example.com"));
    assertThat(reviewer.get(0).getLong(1)).isEqualTo(1);
    assertThat(
            w.read(t.reviewOutcomesDaily)
                .filter("annotator_id = 'u1' AND target_type = 'label'")
                .select("rejected")
                .as(org.apache.spark.sql.Encoders.LONG())
                .collectAsList())
        .as("rejection still attributed to the label's creator")
        .containsExactly(1L);
  }
}
