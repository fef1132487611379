package io.encordanalytics.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import io.encordanalytics.ingest.EmailPseudonymizer;
import java.io.File;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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
  public final int statsColumns;
  public final boolean goldCodegen;
  public final long codegenMinBytes;

  /** encord.spark.parallel-writes: table writes of one step that run side by side. */
  public final int parallelWrites;

  /**
   * encord.ingest.partition-size: input bytes per read task (small files are packed together, a
   * larger JSON Lines file is read in byte ranges of about this size).
   */
  public final long partitionBytes;

  public final List<String> extensions;
  public final int minYear;
  public final int maxYear;
  public final int maxRecordChars;
  public final long idleTimeoutMs;
  public final long episodeGapMs;
  public final boolean pseudonymizeEmails;
  public final String pseudonymizeKeyEnv;

  /** The hash key, read from the environment variable; null unless pseudonymizing. */
  private final String pseudonymizeKey;

  public final Duration vacuumRetention;

  /** encord.run-guard.lease: a holder not renewed for this long may be taken over. */
  public final Duration leaseDuration;

  /** encord.run-guard.renew-every: how often a running job renews its lease. */
  public final Duration leaseRenewal;

  /** encord.run-guard.wait: how long a run waits for a live holder before it stops. */
  public final Duration leaseWait;

  /** encord.run-guard.single-scheduler: runs are serialised outside the jobs. */
  public final boolean singleScheduler;

  private Settings(Config c, Map<String, String> env) {
    // Full paths throughout, so that every error names the key as written in the files.
    inputRoot = nonBlank(c, "encord.input-root");
    warehouse = nonBlank(c, "encord.warehouse");
    bronzeDb = identifier(c, "encord.databases.bronze");
    silverDb = identifier(c, "encord.databases.silver");
    goldDb = identifier(c, "encord.databases.gold");
    opsDb = identifier(c, "encord.databases.ops");
    master = nonBlank(c, "encord.spark.master");
    appName = nonBlank(c, "encord.spark.app-name");
    shufflePartitions = positive(c, "encord.spark.shuffle-partitions");
    statsColumns = c.getInt("encord.delta.stats-columns");
    if (statsColumns < -1) {
      throw new ConfigException.BadValue(
          "encord.delta.stats-columns", "must be -1 (all), 0 (none) or more, was " + statsColumns);
    }
    extensions = extensions(c, "encord.ingest.extensions");
    minYear = positive(c, "encord.ingest.min-year");
    maxYear = positive(c, "encord.ingest.max-year");
    if (maxYear < minYear) {
      throw new ConfigException.BadValue(
          "encord.ingest.max-year", "must not be before encord.ingest.min-year");
    }
    maxRecordChars = positive(c, "encord.ingest.max-record-chars");
    partitionBytes = c.getBytes("encord.ingest.partition-size");
    if (partitionBytes <= 0) {
      throw new ConfigException.BadValue(
          "encord.ingest.partition-size", "must be positive, was " + partitionBytes);
    }
    goldCodegen = c.getBoolean("encord.spark.gold-codegen");
    codegenMinBytes = c.getBytes("encord.spark.codegen-min-input");
    if (codegenMinBytes < 0) {
      throw new ConfigException.BadValue(
          "encord.spark.codegen-min-input", "must not be negative, was " + codegenMinBytes);
    }
    parallelWrites = positive(c, "encord.spark.parallel-writes");
    idleTimeoutMs = positiveDuration(c, "encord.metrics.idle-timeout").toMillis();
    episodeGapMs = positiveDuration(c, "encord.metrics.episode-gap").toMillis();
    pseudonymizeEmails = c.getBoolean("encord.privacy.pseudonymize-emails");
    pseudonymizeKeyEnv = nonBlank(c, "encord.privacy.key-env");
    if (pseudonymizeEmails) {
      String key = env.get(pseudonymizeKeyEnv);
      if (key == null || key.isBlank()) {
        throw new ConfigException.BadValue(
            "encord.privacy.pseudonymize-emails",
            "is on, but the environment variable "
                + pseudonymizeKeyEnv
                + " (encord.privacy.key-env) that holds the hash key is not set");
      }
      pseudonymizeKey = key;
    } else {
      pseudonymizeKey = null;
    }
    vacuumRetention = positiveDuration(c, "encord.maintenance.vacuum-retention");
    leaseDuration = positiveDuration(c, "encord.run-guard.lease");
    leaseRenewal = positiveDuration(c, "encord.run-guard.renew-every");
    if (leaseRenewal.multipliedBy(4).compareTo(leaseDuration) > 0) {
      throw new ConfigException.BadValue(
          "encord.run-guard.renew-every",
          "must be at most a quarter of encord.run-guard.lease ("
              + leaseDuration
              + "), was "
              + leaseRenewal);
    }
    leaseWait = c.getDuration("encord.run-guard.wait");
    if (leaseWait.isNegative()) {
      throw new ConfigException.BadValue(
          "encord.run-guard.wait", "must not be negative, was " + leaseWait);
    }
    singleScheduler = c.getBoolean("encord.run-guard.single-scheduler");
  }

  /**
   * Loads the configuration: reference defaults, then the optional file, then overrides (keys
   * relative to the root, e.g. {@code encord.warehouse}); {@code ${VAR}} in the files is the
   * process's environment variable.
   */
  public static Settings load(String configFile, Map<String, String> overrides) {
    return load(configFile, overrides, System.getenv());
  }

  /**
   * As {@link #load(String, Map)}, with the environment variables given instead of the process's:
   * they alone fill {@code ${VAR}} and {@code ${?VAR}} in the files (e.g. {@code ENCORD_WAREHOUSE})
   * and hold the pseudonymization key.
   */
  public static Settings load(
      String configFile, Map<String, String> overrides, Map<String, String> env) {
    // As defaultReference() (system properties over reference.conf), but unresolved: that one has
    // its ${?ENCORD_...} already filled from the process's environment.
    Config reference =
        ConfigFactory.systemProperties().withFallback(ConfigFactory.defaultReferenceUnresolved());
    Config file = ConfigFactory.empty();
    if (configFile != null) {
      File f = new File(configFile);
      if (!f.isFile()) {
        throw new ConfigException.Generic("configuration file not found: " + configFile);
      }
      file = ConfigFactory.parseFile(f);
    }
    Config given = ConfigFactory.parseMap(overrides, "command line").withFallback(file);
    // fromConfig only sees below "encord"; a misspelt root ("encrod { ... }") is caught here.
    List<String> unknownRoots = new ArrayList<>();
    for (String key : given.root().keySet()) {
      if (!reference.root().containsKey(key)) {
        unknownRoots.add(key);
      }
    }
    if (!unknownRoots.isEmpty()) {
      throw unknownKeys(unknownRoots);
    }
    Config merged = given.withFallback(reference);
    // What resolve() does with the process's environment, with the one given: a substitution is
    // looked up in the configuration, then among the variables (each name one key).
    Config withEnv =
        merged.withFallback(ConfigValueFactory.fromMap(env, "env variables").toConfig());
    ConfigResolveOptions givenEnvOnly =
        ConfigResolveOptions.defaults().setUseSystemEnvironment(false);
    try {
      return fromConfig(withEnv.resolve(givenEnvOnly).withOnlyPath("encord"), env);
    } catch (ConfigException.UnresolvedSubstitution e) {
      throw new ConfigException.Generic(
          "configuration key(s) "
              + unresolvedKeys(withEnv.resolve(givenEnvOnly.setAllowUnresolved(true)))
              + " not set (a required environment variable is missing): "
              + e.getMessage(),
          e);
    }
  }

  /** Validates a fully resolved config (reference included) and builds the settings. */
  public static Settings fromConfig(Config config) {
    return fromConfig(config, System.getenv());
  }

  /** As {@link #fromConfig(Config)}, with the environment variables given. */
  public static Settings fromConfig(Config config, Map<String, String> env) {
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
      throw unknownKeys(unknown);
    }
    config.checkValid(reference, "encord");
    return new Settings(config, env);
  }

  /** The keys of a partially resolved config whose values still hold a substitution. */
  private static List<String> unresolvedKeys(Config partial) {
    List<String> keys = new ArrayList<>();
    for (Map.Entry<String, ConfigValue> e : ConfigFactory.defaultReference().resolve().entrySet()) {
      try {
        partial.getValue(e.getKey());
      } catch (ConfigException.NotResolved unresolved) {
        keys.add(e.getKey());
      }
    }
    Collections.sort(keys);
    return keys;
  }

  private static ConfigException unknownKeys(List<String> keys) {
    return new ConfigException.BadPath(
        keys.get(0), "unknown configuration key(s) " + keys + " (typo?)");
  }

  private static String nonBlank(Config c, String key) {
    String v = c.getString(key);
    if (v.isBlank()) {
      throw new ConfigException.BadValue(key, "must not be empty");
    }
    return v;
  }

  private static String identifier(Config c, String key) {
    String v = nonBlank(c, key);
    if (!v.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new ConfigException.BadValue(key, "not a database name: " + v);
    }
    return v;
  }

  private static List<String> extensions(Config c, String key) {
    List<String> v = List.copyOf(c.getStringList(key));
    if (v.isEmpty()) {
      throw new ConfigException.BadValue(key, "must list at least one extension");
    }
    for (String ext : v) {
      // Without the dot, "json" would also accept "notjson"; a blank entry would accept anything.
      if (!ext.matches("\\.[A-Za-z0-9.]+")) {
        throw new ConfigException.BadValue(
            key, "not a file extension like \".json\": \"" + ext + "\"");
      }
    }
    return v;
  }

  private static int positive(Config c, String key) {
    int v = c.getInt(key);
    if (v <= 0) {
      throw new ConfigException.BadValue(key, "must be positive, was " + v);
    }
    return v;
  }

  private static Duration positiveDuration(Config c, String key) {
    Duration d = c.getDuration(key);
    if (d.isNegative() || d.isZero()) {
      throw new ConfigException.BadValue(key, "must be a positive duration, was " + d);
    }
    return d;
  }

  /** The e-mail pseudonymizer with the configured key; null when pseudonymizing is off. */
  public EmailPseudonymizer pseudonymizer() {
    return pseudonymizeKey == null ? null : new EmailPseudonymizer(pseudonymizeKey);
  }

  @Override
  public String toString() {
    // Never print the key.
    return "Settings[input-root=" + inputRoot + ", warehouse=" + warehouse + "]";
  }
}
