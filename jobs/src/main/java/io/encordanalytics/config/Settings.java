package io.encordanalytics.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import java.io.File;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Eager, validated view of the job configuration.
 *
 * <p>Every key has its default once, in {@code reference.conf}. A file given with {@code --config}
 * (usually {@code conf/local.conf} or {@code conf/cluster.conf}) overrides it, and command-line
 * flags override the file. Construction fails with a {@link ConfigException} naming the key when a
 * key is missing, has the wrong type, has an invalid value, or is not a known key at all, so a bad
 * configuration stops the job before any Spark work.
 */
public final class Settings implements Serializable {
  private static final long serialVersionUID = 1L;

  public final String inputRoot;
  public final String warehouse;
  public final String bronzeDb;
  public final String silverDb;
  public final String goldDb;
  public final String opsDb;
  public final String master;
  public final String appName;
  public final int shufflePartitions;
  public final List<String> extensions;
  public final int minYear;
  public final int maxYear;
  public final int maxRecordChars;
  public final long idleTimeoutMs;
  public final long episodeGapMs;
  public final boolean pseudonymizeEmails;
  public final String pseudonymizeKeyEnv;
  public final Duration vacuumRetention;

  private Settings(Config c) {
    Config e = c.getConfig("encord");
    inputRoot = nonBlank(e, "input-root");
    warehouse = nonBlank(e, "warehouse");
    bronzeDb = identifier(e, "databases.bronze");
    silverDb = identifier(e, "databases.silver");
    goldDb = identifier(e, "databases.gold");
    opsDb = identifier(e, "databases.ops");
    master = nonBlank(e, "spark.master");
    appName = nonBlank(e, "spark.app-name");
    shufflePartitions = positive(e, "spark.shuffle-partitions");
    extensions = List.copyOf(e.getStringList("ingest.extensions"));
    if (extensions.isEmpty()) {
      throw new ConfigException.BadValue("encord.ingest.extensions", "must list at least one");
    }
    minYear = positive(e, "ingest.min-year");
    maxYear = positive(e, "ingest.max-year");
    if (maxYear < minYear) {
      throw new ConfigException.BadValue(
          "encord.ingest.max-year", "must not be before encord.ingest.min-year");
    }
    maxRecordChars = positive(e, "ingest.max-record-chars");
    idleTimeoutMs = positiveDuration(e, "metrics.idle-timeout").toMillis();
    episodeGapMs = positiveDuration(e, "metrics.episode-gap").toMillis();
    pseudonymizeEmails = e.getBoolean("privacy.pseudonymize-emails");
    pseudonymizeKeyEnv = nonBlank(e, "privacy.key-env");
    vacuumRetention = positiveDuration(e, "maintenance.vacuum-retention");
  }

  /**
   * Loads the configuration: reference defaults, then the optional file, then overrides (keys
   * relative to the root, e.g. {@code encord.warehouse}).
   */
  public static Settings load(String configFile, Map<String, String> overrides) {
    Config reference = ConfigFactory.defaultReference();
    Config file = ConfigFactory.empty();
    if (configFile != null) {
      File f = new File(configFile);
      if (!f.isFile()) {
        throw new ConfigException.Generic("configuration file not found: " + configFile);
      }
      file = ConfigFactory.parseFile(f);
    }
    Config config =
        ConfigFactory.parseMap(overrides, "command line")
            .withFallback(file)
            .withFallback(reference)
            .resolve();
    return fromConfig(config);
  }

  /** Validates a fully resolved config (reference included) and builds the settings. */
  public static Settings fromConfig(Config config) {
    Config reference = ConfigFactory.defaultReference().resolve();
    List<String> unknown = new ArrayList<>();
    if (config.hasPath("encord")) {
      for (Map.Entry<String, ConfigValue> entry : config.getConfig("encord").entrySet()) {
        if (!reference.hasPath("encord." + entry.getKey())) {
          unknown.add("encord." + entry.getKey());
        }
      }
    }
    if (!unknown.isEmpty()) {
      throw new ConfigException.BadPath(
          unknown.get(0), "unknown configuration key(s) " + unknown + " (typo?)");
    }
    config.checkValid(reference, "encord");
    return new Settings(config);
  }

  private static String nonBlank(Config c, String key) {
    String v = c.getString(key);
    if (v.isBlank()) {
      throw new ConfigException.BadValue("encord." + key, "must not be empty");
    }
    return v;
  }

  private static String identifier(Config c, String key) {
    String v = nonBlank(c, key);
    if (!v.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new ConfigException.BadValue("encord." + key, "not a database name: " + v);
    }
    return v;
  }

  private static int positive(Config c, String key) {
    int v = c.getInt(key);
    if (v <= 0) {
      throw new ConfigException.BadValue("encord." + key, "must be positive, was " + v);
    }
    return v;
  }

  private static Duration positiveDuration(Config c, String key) {
    Duration d = c.getDuration(key);
    if (d.isNegative() || d.isZero()) {
      throw new ConfigException.BadValue("encord." + key, "must be a positive duration");
    }
    return d;
  }
}
