package io.encordanalytics.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Loading and validating the configuration: bad settings fail at start-up, naming the key. */
class SettingsTest {
  /** Tests run in jobs/; the environment files live at the repository root. */
  private static final String LOCAL = "../conf/local.conf";

  private static final String CLUSTER = "../conf/cluster.conf";

  @TempDir Path dir;

  /**
   * Loads with no environment variables at all, whatever the environment the tests run in (e.g. a
   * shell that exports ENCORD_WAREHOUSE).
   */
  private static Settings load(String configFile, Map<String, String> overrides) {
    return Settings.load(configFile, overrides, Map.of());
  }

  private String confFile(String body) throws IOException {
    Path f = dir.resolve("test.conf");
    Files.writeString(f, "include classpath(\"reference.conf\")\n" + body + "\n");
    return f.toString();
  }

  @Test
  void defaultsLoadFromReferenceConf() {
    Settings s = load(null, Map.of());

    assertThat(s.inputRoot).as("input-root").isEqualTo("data-samples");
    assertThat(s.warehouse).as("warehouse").isEqualTo("warehouse");
    assertThat(List.of(s.bronzeDb, s.silverDb, s.goldDb, s.opsDb))
        .as("databases")
        .containsExactly("encord_bronze", "encord_silver", "encord_gold", "encord_ops");
    assertThat(s.master).as("spark.master").isEqualTo("local[*]");
    assertThat(s.appName).as("spark.app-name").isEqualTo("encord-nightly");
    assertThat(s.shufflePartitions).as("spark.shuffle-partitions").isEqualTo(8);
    assertThat(s.extensions).as("ingest.extensions").containsExactly(".json", ".jsonl", ".ndjson");
    assertThat(s.minYear).as("ingest.min-year").isEqualTo(2000);
    assertThat(s.maxYear).as("ingest.max-year").isEqualTo(2100);
    assertThat(s.maxRecordChars).as("ingest.max-record-chars").isEqualTo(64 * 1024 * 1024);
    assertThat(s.idleTimeoutMs).as("metrics.idle-timeout").isEqualTo(300_000L);
    assertThat(s.episodeGapMs).as("metrics.episode-gap").isEqualTo(10_000L);
    assertThat(s.pseudonymizeEmails).as("privacy.pseudonymize-emails").isFalse();
    assertThat(s.pseudonymizeKeyEnv).as("privacy.key-env").isEqualTo("ENCORD_PSEUDONYMIZE_KEY");
    assertThat(s.vacuumRetention).as("maintenance.vacuum-retention").isEqualTo(Duration.ofDays(7));
  }

  @Test
  void deltaStatisticsColumnsAndGoldCodegenAreValidated() {
    Settings s = load(null, Map.of());
    assertThat(s.statsColumns).as("no statistics columns by default").isZero();
    assertThat(s.goldCodegen).as("gold step interpreted by default").isFalse();
    assertThat(load(null, Map.of("encord.delta.stats-columns", "-1")).statsColumns).isEqualTo(-1);
    assertThatThrownBy(() -> load(null, Map.of("encord.delta.stats-columns", "-2")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("encord.delta.stats-columns");
    assertThatThrownBy(() -> load(null, Map.of("encord.spark.gold-codegen", "maybe")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("encord.spark.gold-codegen");
    assertThat(s.partitionBytes).as("64 MB read tasks by default").isEqualTo(64L << 20);
    assertThat(load(null, Map.of("encord.ingest.partition-size", "1G")).partitionBytes)
        .isEqualTo(1L << 30);
    assertThatThrownBy(() -> load(null, Map.of("encord.ingest.partition-size", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("encord.ingest.partition-size");
  }

  @Test
  void localConfLoads() {
    Settings s = load(LOCAL, Map.of());

    assertThat(s.shufflePartitions).as("local shuffle partitions").isEqualTo(4);
    assertThat(s.master).as("local master").isEqualTo("local[*]");
    assertThat(s.idleTimeoutMs).as("default kept from reference.conf").isEqualTo(300_000L);
  }

  @Test
  void commandLineOverridesTheFile() {
    Settings s =
        load(
            LOCAL,
            Map.of("encord.metrics.idle-timeout", "90s", "encord.spark.shuffle-partitions", "2"));

    assertThat(s.idleTimeoutMs).as("idle-timeout from --set").isEqualTo(90_000L);
    assertThat(s.shufflePartitions).as("shuffle-partitions from --set").isEqualTo(2);
  }

  @Test
  void environmentVariablesSetThePaths() {
    Map<String, String> env = Map.of("ENCORD_INPUT_ROOT", "/in", "ENCORD_WAREHOUSE", "/wh");

    Settings defaults = Settings.load(null, Map.of(), env);
    assertThat(defaults.inputRoot).as("input-root from reference.conf").isEqualTo("/in");
    assertThat(defaults.warehouse).as("warehouse from reference.conf").isEqualTo("/wh");
    Settings local = Settings.load(LOCAL, Map.of(), env);
    assertThat(local.inputRoot).as("input-root from local.conf").isEqualTo("/in");
    assertThat(local.warehouse).as("warehouse from local.conf").isEqualTo("/wh");
    assertThat(Settings.load(LOCAL, Map.of("encord.warehouse", "/flag"), env).warehouse)
        .as("a flag beats the environment")
        .isEqualTo("/flag");
    Settings cluster = Settings.load(CLUSTER, Map.of(), env);
    assertThat(cluster.inputRoot).as("cluster input-root").isEqualTo("/in");
    assertThat(cluster.warehouse).as("cluster warehouse").isEqualTo("/wh");
  }

  @Test
  void theTwoArgumentLoadReadsTheProcessEnvironment() {
    Settings s = Settings.load(null, Map.of());

    assertThat(s.inputRoot)
        .isEqualTo(System.getenv().getOrDefault("ENCORD_INPUT_ROOT", "data-samples"));
    assertThat(s.warehouse)
        .isEqualTo(System.getenv().getOrDefault("ENCORD_WAREHOUSE", "warehouse"));
  }

  @Test
  void clusterConfWithoutItsEnvironmentFailsNamingTheVariableAndKeys() {
    assertThatThrownBy(() -> load(CLUSTER, Map.of()))
        .as("cluster.conf needs ENCORD_INPUT_ROOT and ENCORD_WAREHOUSE")
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("configuration key(s) [encord.input-root, encord.warehouse] not set")
        .hasMessageContaining("cluster.conf: 7")
        .hasMessageContaining("${ENCORD_INPUT_ROOT}");
  }

  @Test
  void clusterConfLoadsWhenItsPathsAreGiven() {
    Settings s =
        load(
            CLUSTER,
            Map.of("encord.input-root", "s3a://b/in", "encord.warehouse", "s3a://b/warehouse"));

    assertThat(s.inputRoot).as("input-root").isEqualTo("s3a://b/in");
    assertThat(s.warehouse).as("warehouse").isEqualTo("s3a://b/warehouse");
    assertThat(s.shufflePartitions).as("cluster shuffle partitions").isEqualTo(64);
  }

  @Test
  void unknownKeyFailsNamingIt() throws IOException {
    String file = confFile("encord.metrics.idle-timout = 120s");

    assertThatThrownBy(() -> load(file, Map.of()))
        .as("typo in a file")
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("encord.metrics.idle-timout")
        .hasMessageContaining("unknown configuration key(s)");
    assertThatThrownBy(() -> load(null, Map.of("encord.ingest.extension", "[.json]")))
        .as("typo on the command line")
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown configuration key(s) [encord.ingest.extension]");
  }

  @Test
  void misspeltRootIsAnUnknownKey() throws IOException {
    String file = confFile("encrod { metrics.idle-timeout = 120s }");

    assertThatThrownBy(() -> load(file, Map.of()))
        .as("the whole block would be ignored")
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown configuration key(s) [encrod]");
  }

  @Test
  void wrongTypeFailsNamingTheFullKey() throws IOException {
    String file = confFile("encord.metrics.idle-timeout = \"soon\"");

    assertThatThrownBy(() -> load(file, Map.of()))
        .as("a duration that is not one")
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("encord.metrics.idle-timeout")
        .hasMessageContaining("soon");
    assertThatThrownBy(() -> load(null, Map.of("encord.spark.shuffle-partitions", "lots")))
        .as("a number that is not one")
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("encord.spark.shuffle-partitions");
    assertThatThrownBy(() -> load(confFile("encord.ingest.extensions = \".json\""), Map.of()))
        .as("a string where a list belongs")
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("encord.ingest.extensions");
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "encord.spark.shuffle-partitions     | 0   | must be positive, was 0",
        "encord.ingest.max-record-chars      | -5  | must be positive, was -5",
        "encord.ingest.min-year              | 0   | must be positive, was 0",
        "encord.metrics.idle-timeout         | 0s  | must be a positive duration, was PT0S",
        "encord.metrics.episode-gap          | -1s | must be a positive duration, was PT-1S",
        "encord.maintenance.vacuum-retention | 0h  | must be a positive duration, was PT0S",
        "encord.run-guard.lease              | 0s  | must be a positive duration, was PT0S",
        "encord.run-guard.renew-every        | 0s  | must be a positive duration, was PT0S",
        "encord.run-guard.wait               | -1s | must not be negative, was PT-1S"
      })
  void nonPositiveValueFailsNamingTheKey(String key, String value, String problem) {
    assertThatThrownBy(() -> load(null, Map.of(key, value)))
        .as("%s = %s", key, value)
        .isInstanceOf(ConfigException.BadValue.class)
        .hasMessage("Invalid value at '" + key + "': " + problem);
  }

  @Test
  void otherInvalidValuesFailNamingTheKey() {
    assertThatThrownBy(
            () ->
                load(
                    null,
                    Map.of("encord.ingest.min-year", "2030", "encord.ingest.max-year", "2020")))
        .as("max-year before min-year")
        .hasMessageContaining("encord.ingest.max-year")
        .hasMessageContaining("must not be before encord.ingest.min-year");
    assertThatThrownBy(() -> load(null, Map.of("encord.databases.gold", "gold-db")))
        .as("database name with a dash")
        .hasMessage("Invalid value at 'encord.databases.gold': not a database name: gold-db");
    assertThatThrownBy(
            () ->
                load(
                    null,
                    Map.of("encord.run-guard.lease", "60s", "encord.run-guard.renew-every", "20s")))
        .as("a lease renewed less than four times in its duration")
        .hasMessage(
            "Invalid value at 'encord.run-guard.renew-every': must be at most a quarter of"
                + " encord.run-guard.lease (PT1M), was PT20S");
    assertThatThrownBy(() -> load(null, Map.of("encord.warehouse", "  ")))
        .as("blank warehouse")
        .hasMessage("Invalid value at 'encord.warehouse': must not be empty");
  }

  @Test
  void extensionsMustBeDottedAndNonEmpty() throws IOException {
    assertThatThrownBy(() -> load(confFile("encord.ingest.extensions = [\"json\"]"), Map.of()))
        .as("extension without its dot")
        .hasMessageContaining("encord.ingest.extensions")
        .hasMessageContaining("not a file extension like \".json\": \"json\"");
    assertThatThrownBy(() -> load(confFile("encord.ingest.extensions = []"), Map.of()))
        .as("no extension")
        .hasMessageContaining("encord.ingest.extensions")
        .hasMessageContaining("must list at least one extension");
  }

  @Test
  void missingConfigFileFailsNamingIt() {
    assertThatThrownBy(() -> load("../conf/no-such.conf", Map.of()))
        .as("missing --config file")
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("configuration file not found: ../conf/no-such.conf");
  }

  @Test
  void pseudonymizingWithoutTheKeyVariableFailsNamingTheKeyAndTheVariable() {
    Config c =
        ConfigFactory.parseMap(
                Map.of(
                    "encord.privacy.pseudonymize-emails", "true",
                    "encord.privacy.key-env", "ENCORD_TEST_KEY"))
            .withFallback(ConfigFactory.defaultReference())
            .resolve();

    assertThatThrownBy(() -> Settings.fromConfig(c, Map.of()))
        .hasMessageContaining("encord.privacy.pseudonymize-emails")
        .hasMessageContaining("ENCORD_TEST_KEY");
    assertThatThrownBy(() -> Settings.fromConfig(c, Map.of("ENCORD_TEST_KEY", "  ")))
        .hasMessageContaining("ENCORD_TEST_KEY");

    Settings on = Settings.fromConfig(c, Map.of("ENCORD_TEST_KEY", "k1"));
    assertThat(on.pseudonymizer().pseudonym("a@x.com"))
        .isEqualTo(new io.encordanalytics.ingest.EmailPseudonymizer("k1").pseudonym("a@x.com"));
    assertThat(on.toString()).doesNotContain("k1");
    assertThat(load(null, Map.of()).pseudonymizer()).as("off by default").isNull();
  }

  @Test
  void loadTakesTheKeyFromTheEnvironmentGiven() {
    Map<String, String> on = Map.of("encord.privacy.pseudonymize-emails", "true");

    assertThatThrownBy(() -> Settings.load(null, on, Map.of()))
        .hasMessageContaining("encord.privacy.pseudonymize-emails")
        .hasMessageContaining("ENCORD_PSEUDONYMIZE_KEY");
    assertThat(
            Settings.load(null, on, Map.of("ENCORD_PSEUDONYMIZE_KEY", "k1"))
                .pseudonymizer()
                .pseudonym("a@x.com"))
        .isEqualTo(new io.encordanalytics.ingest.EmailPseudonymizer("k1").pseudonym("a@x.com"));
  }
}
