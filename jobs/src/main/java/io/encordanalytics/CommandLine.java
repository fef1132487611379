package io.encordanalytics;

import io.encordanalytics.config.Settings;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line flags shared by the jobs.
 *
 * <pre>
 *   --config FILE        a HOCON file (conf/local.conf, conf/cluster.conf); defaults otherwise
 *   --input DIR          overrides encord.input-root
 *   --warehouse DIR      overrides encord.warehouse
 *   --set key=value      overrides any key, e.g. --set encord.metrics.idle-timeout=10m
 *   --from / --to DATE   (backfill) rebuild the gold tables for this inclusive date range
 *   --rebuild-silver     rebuild silver (and then gold) from bronze after a parser fix
 * </pre>
 */
public record CommandLine(
    String configFile,
    Map<String, String> overrides,
    LocalDate from,
    LocalDate to,
    boolean rebuildSilver,
    List<String> positional) {

  public static CommandLine parse(String[] args) {
    String config = null;
    Map<String, String> overrides = new LinkedHashMap<>();
    LocalDate from = null;
    LocalDate to = null;
    boolean rebuildSilver = false;
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--config" -> config = value(args, ++i, a);
        case "--input" -> overrides.put("encord.input-root", value(args, ++i, a));
        case "--warehouse" -> overrides.put("encord.warehouse", value(args, ++i, a));
        case "--set" -> {
          String kv = value(args, ++i, a);
          int eq = kv.indexOf('=');
          if (eq <= 0) {
            throw new IllegalArgumentException("--set expects key=value, got: " + kv);
          }
          overrides.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        case "--from" -> from = date(value(args, ++i, a), a);
        case "--to" -> to = date(value(args, ++i, a), a);
        case "--rebuild-silver" -> rebuildSilver = true;
        default -> {
          if (a.startsWith("--")) {
            throw new IllegalArgumentException("unknown option: " + a);
          }
          positional.add(a);
        }
      }
    }
    if ((from == null) != (to == null)) {
      throw new IllegalArgumentException("--from and --to go together");
    }
    if (from != null && to.isBefore(from)) {
      throw new IllegalArgumentException("--to " + to + " is before --from " + from);
    }
    return new CommandLine(config, overrides, from, to, rebuildSilver, positional);
  }

  public Settings settings() {
    return Settings.load(configFile, overrides);
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[i];
  }

  private static LocalDate date(String s, String flag) {
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(flag + " expects YYYY-MM-DD, got: " + s);
    }
  }
}
