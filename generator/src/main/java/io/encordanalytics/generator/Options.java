package io.encordanalytics.generator;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;

/** The generator's command line ({@link SampleGenerator#USAGE}). */
final class Options {
  static final Set<String> FLAGS =
      Set.of("--out", "--mode", "--events", "--days", "--users", "--seed", "--start-date");

  Path out;
  String mode = "samples";
  long events = 1_000_000L;
  int days = 30;
  int users = 300;
  long seed = 42L;
  LocalDate startDate = LocalDate.of(2025, 4, 1);
  boolean help;

  static Options parse(String[] args) {
    Options o = new Options();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      String value = null;
      int eq = flag.indexOf('=');
      if (flag.startsWith("--") && eq > 0) {
        value = flag.substring(eq + 1);
        flag = flag.substring(0, eq);
      }
      if (flag.equals("--help") || flag.equals("-h")) {
        o.help = true;
        continue;
      }
      if (!FLAGS.contains(flag)) {
        throw new IllegalArgumentException("unknown flag " + flag);
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("missing value for " + flag);
        }
        value = args[++i];
      }
      switch (flag) {
        case "--out" -> o.out = Path.of(value);
        case "--mode" -> o.mode = value;
        case "--events" -> o.events = Long.parseLong(value);
        case "--days" -> o.days = Integer.parseInt(value);
        case "--users" -> o.users = Integer.parseInt(value);
        case "--seed" -> o.seed = Long.parseLong(value);
        case "--start-date" -> {
          try {
            o.startDate = LocalDate.parse(value);
          } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad --start-date " + value);
          }
        }
        default -> throw new IllegalArgumentException("unknown flag " + flag);
      }
    }
    if (o.help) {
      return o;
    }
    if (o.out == null) {
      throw new IllegalArgumentException("--out is required");
    }
    if (!o.mode.equals("samples") && !o.mode.equals("bench")) {
      throw new IllegalArgumentException("--mode must be samples or bench");
    }
    if (o.events < 1 || o.days < 1 || o.users < 1) {
      throw new IllegalArgumentException("--events, --days and --users must be positive");
    }
    return o;
  }
}
