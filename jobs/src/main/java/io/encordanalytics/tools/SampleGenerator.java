package io.encordanalytics.tools;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.encordanalytics.vocabulary.EditorAction;
import io.encordanalytics.vocabulary.LabelLogAction;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Deterministic generator of Encord activity-log exports (label logs and editor logs), for the
 * committed sample data ({@code --mode samples}) and for benchmarks ({@code --mode bench}).
 *
 * <p>It simulates annotation work: projects with video and image data units, annotators and
 * reviewers, tasks flowing annotate, submit, review (label and task decisions), rework after a
 * rejection and resubmission, consensus tasks with one branch per annotator followed by a consensus
 * review, agent runs, video playback incidents in bursts, and idle gaps. Every value comes from one
 * {@link Random} seeded with {@code --seed} (never the clock) and every map is ordered, so a fixed
 * seed gives byte-identical output, gzip files included.
 *
 * <p>Field semantics follow the input contract (inputs.md: label logs, editor logs, file shapes,
 * key styles, timestamp forms, bad input); the samples tree is described by the {@code MANIFEST.md}
 * it writes next to the data.
 */
public final class SampleGenerator {

  static final String USAGE =
      "usage: SampleGenerator --out DIR [--mode samples|bench] [--events N] [--days D]"
          + " [--users U] [--seed S] [--start-date YYYY-MM-DD]\n"
          + "  samples: a small tree covering every input variant, plus MANIFEST.md"
          + " (--events/--days/--users are ignored)\n"
          + "  bench:   N records (default 1000000) over D days (default 30) by U users"
          + " (default 300),\n"
          + "           one JSON Lines file per day and format,"
          + " ~0.5% duplicates and ~0.1% bad lines";

  private SampleGenerator() {}

  public static void main(String[] args) throws IOException {
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("SampleGenerator: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    if (o.help) {
      System.out.println(USAGE);
      return;
    }
    try {
      if (o.mode.equals("samples")) {
        new Samples(o).run();
      } else {
        new Bench(o).run();
      }
    } catch (RefusedException e) {
      System.err.println("SampleGenerator: " + e.getMessage());
      System.exit(1);
    }
  }

  /** The output directory is not one the generator may overwrite. */
  static final class RefusedException extends RuntimeException {
    RefusedException(String message) {
      super(message);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Options

  static final class Options {
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

  // ---------------------------------------------------------------------------------------------
  // Events, timestamp forms, key styles and rendering

  enum Fmt {
    LABEL,
    EDITOR
  }

  /** Marks where an event's timestamp goes; rendered by the file's {@link Ts}. */
  static final Object TIME = new Object();

  /** One simulated event: snake_case fields in the SDK's order, time in epoch microseconds. */
  static final class Ev {
    final Fmt fmt;
    long micros;
    final LinkedHashMap<String, Object> f = new LinkedHashMap<>(48);

    Ev(Fmt fmt, long micros) {
      this.fmt = fmt;
      this.micros = micros;
    }

    String id() {
      return (String) f.get(fmt == Fmt.LABEL ? "log_hash" : "id");
    }

    String user() {
      return (String) f.get(fmt == Fmt.LABEL ? "user_hash" : "actor_user_id");
    }

    String action() {
      return String.valueOf(f.get("action"));
    }
  }

  interface Sink {
    void accept(Ev e);
  }

  /** Timestamp forms of inputs.md; {@code unit} is the precision in microseconds. */
  enum Ts {
    ISO_Z("ISO 8601 with Z, whole seconds", 1_000_000L),
    ISO_Z_MILLIS("ISO 8601 with Z, milliseconds", 1_000L),
    ISO_Z_MICROS("ISO 8601 with Z, microseconds", 1L),
    ISO_UTC_OFFSET_MICROS("ISO 8601 with +00:00, microseconds (Python isoformat)", 1L),
    ISO_PLUS2_MILLIS("ISO 8601 with +02:00 offset, milliseconds", 1_000L),
    ISO_PLUS2("ISO 8601 with +02:00 offset, whole seconds", 1_000_000L),
    NAIVE_SPACE("naive YYYY-MM-DD HH:MM:SS (UTC)", 1_000_000L),
    NAIVE_SPACE_MICROS("naive YYYY-MM-DD HH:MM:SS.ffffff (UTC)", 1L),
    NAIVE_ISO("naive ISO YYYY-MM-DDTHH:MM:SS (UTC)", 1_000_000L),
    NAIVE_ISO_MICROS("naive ISO YYYY-MM-DDTHH:MM:SS.ffffff (UTC)", 1L),
    RFC_1123("RFC 1123, e.g. Thu, 01 May 2025 13:53:59 GMT", 1_000_000L);

    private static final String[] DOW = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MON = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };

    final String description;
    final long unit;

    Ts(String description, long unit) {
      this.description = description;
      this.unit = unit;
    }

    long quantize(long micros) {
      return Math.floorDiv(micros, unit) * unit;
    }

    String format(long micros) {
      long q = quantize(micros);
      boolean plus2 = this == ISO_PLUS2 || this == ISO_PLUS2_MILLIS;
      long sec = Math.floorDiv(q, 1_000_000L) + (plus2 ? 7200 : 0);
      int frac = (int) Math.floorMod(q, 1_000_000L);
      LocalDateTime t = LocalDateTime.ofEpochSecond(sec, 0, ZoneOffset.UTC);
      StringBuilder b = new StringBuilder(32);
      if (this == RFC_1123) {
        b.append(DOW[t.getDayOfWeek().ordinal()]).append(", ");
        pad(b, t.getDayOfMonth(), 2).append(' ').append(MON[t.getMonthValue() - 1]).append(' ');
        pad(b, t.getYear(), 4).append(' ');
        pad(b, t.getHour(), 2).append(':');
        pad(b, t.getMinute(), 2).append(':');
        return pad(b, t.getSecond(), 2).append(" GMT").toString();
      }
      pad(b, t.getYear(), 4).append('-');
      pad(b, t.getMonthValue(), 2).append('-');
      pad(b, t.getDayOfMonth(), 2);
      b.append(this == NAIVE_SPACE || this == NAIVE_SPACE_MICROS ? ' ' : 'T');
      pad(b, t.getHour(), 2).append(':');
      pad(b, t.getMinute(), 2).append(':');
      pad(b, t.getSecond(), 2);
      if (unit == 1_000L) {
        pad(b.append('.'), frac / 1000, 3);
      } else if (unit == 1L) {
        pad(b.append('.'), frac, 6);
      }
      switch (this) {
        case ISO_Z, ISO_Z_MILLIS, ISO_Z_MICROS -> b.append('Z');
        case ISO_UTC_OFFSET_MICROS -> b.append("+00:00");
        case ISO_PLUS2, ISO_PLUS2_MILLIS -> b.append("+02:00");
        default -> {}
      }
      return b.toString();
    }

    private static StringBuilder pad(StringBuilder b, int v, int width) {
      String s = Integer.toString(v);
      for (int i = s.length(); i < width; i++) {
        b.append('0');
      }
      return b.append(s);
    }
  }

  /** How label logs carry the label instance id. */
  enum IdMode {
    IDENTIFIER,
    ANNOTATION_HASH,
    BOTH
  }

  /**
   * How an event is written: key style, timestamp form and the variants of real exports. {@code
   * dropNulls}: null fields left out (the SDK's {@code to_dict()}; always so in camelCase). {@code
   * noIds}: label logs with {@code log_hash} and {@code user_hash} None, as Encord's documentation
   * prints them. {@code sdk}: the fields of the SDK's models (label logs without {@code
   * branch_name} and {@code graph_node_uuid}; editor logs with numeric organisation ids, {@code
   * projectOrganisationId}, {@code projectOrganisationUserRole}, and an empty {@code
   * workflowStageType} on editor-category events). {@code lowerActions}: editor actions in lower
   * case ({@code create_object}).
   */
  record Style(
      boolean camel,
      Ts ts,
      IdMode idMode,
      boolean noEventInfo,
      boolean propsInEventInfo,
      boolean dropNulls,
      boolean noIds,
      boolean sdk,
      boolean lowerActions) {

    static Style snake(Ts ts) {
      return new Style(false, ts, IdMode.IDENTIFIER, false, false, false, false, false, false);
    }

    static Style camel(Ts ts) {
      return new Style(true, ts, IdMode.IDENTIFIER, false, false, true, false, false, false);
    }

    Style withTs(Ts t) {
      return new Style(
          camel, t, idMode, noEventInfo, propsInEventInfo, dropNulls, noIds, sdk, lowerActions);
    }

    Style withIdMode(IdMode m) {
      return new Style(
          camel, ts, m, noEventInfo, propsInEventInfo, dropNulls, noIds, sdk, lowerActions);
    }

    Style withoutEventInfo() {
      return new Style(
          camel, ts, idMode, true, propsInEventInfo, dropNulls, noIds, sdk, lowerActions);
    }

    Style withPropsInEventInfo() {
      return new Style(camel, ts, idMode, noEventInfo, true, dropNulls, noIds, sdk, lowerActions);
    }

    Style withoutNulls() {
      return new Style(
          camel, ts, idMode, noEventInfo, propsInEventInfo, true, noIds, sdk, lowerActions);
    }

    Style withoutIds() {
      return new Style(
          camel, ts, idMode, noEventInfo, propsInEventInfo, dropNulls, true, sdk, lowerActions);
    }

    Style asSdk() {
      return new Style(
          camel, ts, idMode, noEventInfo, propsInEventInfo, dropNulls, noIds, true, lowerActions);
    }

    Style withLowerCaseActions() {
      return new Style(
          camel, ts, idMode, noEventInfo, propsInEventInfo, dropNulls, noIds, sdk, true);
    }

    String keys() {
      return (camel ? "camelCase" : "snake_case") + (dropNulls ? " (nulls omitted)" : "");
    }
  }

  /** The SDK's numeric organisation id (editor logs of {@link Style#sdk}). */
  static final long SDK_ORGANISATION_ID = 20417L;

  /** Editor-log object and classification properties (top level, or inside event_information). */
  static final Set<String> PROP_KEYS =
      Set.of(
          "label_name",
          "feature_id",
          "label_ranges",
          "object_shape",
          "object_current_frame",
          "object_hash",
          "object_id",
          "classification_hash");

  private static final Map<String, String> CAMEL = new HashMap<>();

  static String camel(String snake) {
    String c = CAMEL.get(snake);
    if (c == null) {
      StringBuilder b = new StringBuilder(snake.length());
      boolean up = false;
      for (int i = 0; i < snake.length(); i++) {
        char ch = snake.charAt(i);
        if (ch == '_') {
          up = true;
        } else {
          b.append(up ? Character.toUpperCase(ch) : ch);
          up = false;
        }
      }
      c = b.toString();
      CAMEL.put(snake, c);
    }
    return c;
  }

  /** Renders an event into the map written to a file, in the given style. */
  static LinkedHashMap<String, Object> render(Ev e, Style s) {
    LinkedHashMap<String, Object> out = new LinkedHashMap<>(64);
    LinkedHashMap<String, Object> moved =
        s.propsInEventInfo() && e.fmt == Fmt.EDITOR ? new LinkedHashMap<>() : null;
    for (Map.Entry<String, Object> en : e.f.entrySet()) {
      String k = en.getKey();
      Object v = en.getValue();
      if (v == TIME) {
        v = s.ts().format(e.micros);
      }
      if (s.noIds() && (k.equals("log_hash") || k.equals("user_hash"))) {
        v = null;
      }
      if (s.sdk()
          && e.fmt == Fmt.LABEL
          && (k.equals("branch_name") || k.equals("graph_node_uuid"))) {
        continue;
      }
      if (s.sdk() && e.fmt == Fmt.EDITOR) {
        if (k.equals("actor_organisation_id")) {
          v = SDK_ORGANISATION_ID;
        } else if (k.equals("workflow_stage_type") && category(e.action()).equals("editor")) {
          v = "";
        }
      }
      if (s.lowerActions() && e.fmt == Fmt.EDITOR && k.equals("action")) {
        v = ((String) v).toLowerCase(Locale.ROOT);
      }
      if (e.fmt == Fmt.LABEL && k.equals("identifier")) {
        if (s.idMode() != IdMode.IDENTIFIER) {
          put(out, s, "annotation_hash", v);
        }
        if (s.idMode() != IdMode.ANNOTATION_HASH) {
          put(out, s, "identifier", v);
        }
        continue;
      }
      if (moved != null && PROP_KEYS.contains(k)) {
        if (v != null) {
          moved.put(camel(k), v);
        }
        continue;
      }
      if (k.equals("event_information")) {
        if (s.noEventInfo()) {
          continue;
        }
        if (moved != null && !moved.isEmpty()) {
          LinkedHashMap<String, Object> merged = new LinkedHashMap<>(moved);
          if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> me : m.entrySet()) {
              merged.put((String) me.getKey(), me.getValue());
            }
          }
          v = merged;
        }
      }
      put(out, s, k, v);
      if (s.sdk() && e.fmt == Fmt.EDITOR && k.equals("project_user_role")) {
        put(out, s, "project_organisation_id", SDK_ORGANISATION_ID);
        put(out, s, "project_organisation_user_role", v == null ? null : "USER");
      }
    }
    return out;
  }

  private static void put(Map<String, Object> out, Style s, String k, Object v) {
    if (v == null && s.dropNulls()) {
      return;
    }
    out.put(s.camel() ? camel(k) : k, v);
  }

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final ObjectWriter COMPACT = MAPPER.writer();
  static final ObjectWriter PRETTY;

  static {
    DefaultPrettyPrinter pp =
        new DefaultPrettyPrinter(
            Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
    DefaultIndenter lf = new DefaultIndenter("  ", "\n");
    pp.indentObjectsWith(lf);
    pp.indentArraysWith(lf);
    PRETTY = MAPPER.writer(pp);
  }

  static byte[] json(ObjectWriter w, Object value) {
    try {
      return w.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String jsonText(ObjectWriter w, Object value) {
    return new String(json(w, value), StandardCharsets.UTF_8);
  }

  /** The action's name, or null when it is not a known action. */
  static String knownAction(Ev e) {
    if (e.fmt == Fmt.EDITOR) {
      EditorAction known = EditorAction.of(e.action());
      return known != null && known.name().equals(e.action()) ? e.action() : null;
    }
    LabelLogAction known = LabelLogAction.ofCode((Integer) e.f.get("action"));
    return known == null ? null : known.name();
  }

  static String category(String action) {
    if (action.endsWith("_OBJECT")) {
      return "object";
    }
    if (action.endsWith("_ATTRIBUTE") || action.endsWith("_CLASSIFICATION")) {
      return "classification";
    }
    if (action.endsWith("_TASK")) {
      return "task";
    }
    if (action.equals("RUN_AGENT")) {
      return "agent";
    }
    return "editor";
  }

  @SuppressWarnings("unchecked")
  static LinkedHashMap<String, Object> ei(Object... kv) {
    LinkedHashMap<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  // ---------------------------------------------------------------------------------------------
  // World model

  static final class User {
    final String hash;
    final String email;
    final String role;
    final String name;
    final ArrayDeque<Task> rework = new ArrayDeque<>();

    User(String hash, String email, String role, String name) {
      this.hash = hash;
      this.email = email;
      this.role = role;
      this.name = name;
    }

    String branch() {
      return "consensus-" + hash.substring(0, 8);
    }
  }

  enum Kind {
    OBJECT,
    CLASSIFICATION,
    ATTRIBUTE
  }

  static final class Feature {
    final String hash;
    final String name;
    final String shape;
    final Kind kind;
    final List<String> values;
    Feature nested;
    String nestedTrigger;

    Feature(String hash, String name, String shape, Kind kind, List<String> values) {
      this.hash = hash;
      this.name = name;
      this.shape = shape;
      this.kind = kind;
      this.values = values;
    }
  }

  static final class Stage {
    final String uuid;
    final String type;
    final String title;

    Stage(String uuid, String type, String title) {
      this.uuid = uuid;
      this.type = type;
      this.title = title;
    }
  }

  static final class Project {
    String hash;
    String title;
    String ontologyId;
    String datasetId;
    String datasetTitle;
    boolean video;
    boolean consensus;
    final List<Feature> objects = new ArrayList<>();
    final List<Feature> classifications = new ArrayList<>();
    Feature objectAttr;
    Stage annotate;
    Stage review;
    Stage done;
    int nextUnit;
  }

  static final class DataUnit {
    final Project p;
    final String hash;
    final String title;
    final int frames;
    final TreeMap<String, String> labelRows = new TreeMap<>();
    int nextObjectId = 1;

    DataUnit(Project p, String hash, String title, int frames) {
      this.p = p;
      this.hash = hash;
      this.title = title;
      this.frames = frames;
    }
  }

  static final int PENDING = 0;
  static final int APPROVED = 1;
  static final int REJECTED = 2;

  /** Scripted: the next review rejects this label whatever the dice say. */
  static final int FORCE_REJECT = -1;

  static final class Label {
    final String hash;
    Feature feature;
    final boolean cls;
    final User creator;
    int objectId;
    int frame;
    int[][] ranges;
    Object coords;
    String value;
    String nestedValue;
    String attrValue;
    int status = PENDING;
    int attrStatus = PENDING;

    Label(String hash, Feature feature, boolean cls, User creator) {
      this.hash = hash;
      this.feature = feature;
      this.cls = cls;
      this.creator = creator;
    }
  }

  static final class Task {
    final DataUnit du;
    final String id;
    final TreeMap<String, List<Label>> labels = new TreeMap<>();
    final List<User> consensusAnnotators = new ArrayList<>();
    int slots;
    User annotator;
    long readyAt;
    boolean reviewed;

    Task(DataUnit du, String id) {
      this.du = du;
      this.id = id;
    }

    List<Label> labels(String branch) {
      return labels.computeIfAbsent(branch, b -> new ArrayList<>());
    }
  }

  static final String MAIN = "main";

  // ---------------------------------------------------------------------------------------------
  // Simulation: ids, time, coordinates, event builders and work flows

  static final class Sim {
    private static final char[] B62 =
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    final Random r;
    final String orgId;
    final String agentUuid;
    double scale = 1.0;

    Sim(Random r) {
      this.r = r;
      this.orgId = uuid();
      this.agentUuid = uuid();
    }

    String uuid() {
      long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
      long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
      return new UUID(hi, lo).toString();
    }

    String b62(int n) {
      char[] c = new char[n];
      for (int i = 0; i < n; i++) {
        c[i] = B62[r.nextInt(62)];
      }
      return new String(c);
    }

    boolean chance(double p) {
      return r.nextDouble() < p;
    }

    <T> T pick(List<T> xs) {
      return xs.get(r.nextInt(xs.size()));
    }

    String other(List<String> values, String current) {
      String v = pick(values);
      return v.equals(current) ? values.get((values.indexOf(v) + 1) % values.size()) : v;
    }

    double d4(double lo, double hi) {
      return Math.round((lo + r.nextDouble() * (hi - lo)) * 10000d) / 10000d;
    }

    long thinkMicros() {
      double x = r.nextDouble();
      double sec;
      if (x < 0.70) {
        sec = 2 + r.nextDouble() * 23;
      } else if (x < 0.95) {
        sec = 25 + r.nextDouble() * 95;
      } else {
        sec = 120 + r.nextDouble() * 160;
      }
      return (long) (sec * scale * 1e6);
    }

    long quickMicros() {
      return (long) ((0.4 + r.nextDouble() * 3.1) * scale * 1e6);
    }

    long reviewMicros() {
      return (long) ((3 + r.nextDouble() * 37) * scale * 1e6);
    }

    Object coords(String shape) {
      if (shape.equals("polygon")) {
        int n = 4 + r.nextInt(4);
        double cx = d4(0.2, 0.8);
        double cy = d4(0.2, 0.8);
        double rad = d4(0.04, 0.15);
        double a0 = r.nextDouble() * Math.PI;
        List<Object> pts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          double a = a0 + 2 * Math.PI * i / n;
          double rr = rad * (0.7 + 0.3 * r.nextDouble());
          pts.add(ei("x", clamp4(cx + rr * Math.cos(a)), "y", clamp4(cy + rr * Math.sin(a))));
        }
        return pts;
      }
      double w = d4(0.03, 0.25);
      double h = d4(0.03, 0.3);
      LinkedHashMap<String, Object> m = ei("x", d4(0, 1 - w), "y", d4(0, 1 - h), "w", w, "h", h);
      if (shape.equals("rotatable_bounding_box")) {
        m.put("theta", Math.round(r.nextDouble() * 3600 - 1800) / 10.0);
      }
      return m;
    }

    static double clamp4(double v) {
      return Math.round(Math.max(0, Math.min(1, v)) * 10000d) / 10000d;
    }

    /** {featureHash: {featureId, name, value[, answers]}} as in the editor-log description. */
    static LinkedHashMap<String, Object> clsMap(Feature f, String value, String nestedValue) {
      LinkedHashMap<String, Object> inner = ei("featureId", f.hash, "name", f.name, "value", value);
      if (f.nested != null && nestedValue != null) {
        inner.put(
            "answers",
            List.of(ei("featureId", f.nested.hash, "name", f.nested.name, "value", nestedValue)));
      }
      return ei(f.hash, inner);
    }

    static List<List<Integer>> ranges(int[][] rs) {
      List<List<Integer>> out = new ArrayList<>(rs.length);
      for (int[] x : rs) {
        out.add(List.of(x[0], x[1]));
      }
      return out;
    }

    static LinkedHashMap<String, Object> annotator(User u) {
      return ei("email", u.email, "hash", u.hash);
    }

    static List<Object> annotators(List<User> us, Set<User> plain) {
      List<Object> out = new ArrayList<>();
      for (User u : us) {
        out.add(plain.contains(u) ? u.hash : annotator(u));
      }
      return out;
    }

    static List<String> hashes(List<Label> ls) {
      List<String> out = new ArrayList<>(ls.size());
      for (Label l : ls) {
        out.add(l.hash);
      }
      return out;
    }

    Label newObject(Session s, Feature f, User creator) {
      DataUnit du = s.task.du;
      Label l = new Label(b62(8), f, false, creator);
      l.objectId = du.nextObjectId++;
      if (du.p.video) {
        int start = r.nextInt(Math.max(1, du.frames - 120));
        int end = Math.min(du.frames - 1, start + 30 + r.nextInt(400));
        l.frame = start + r.nextInt(end - start + 1);
        l.ranges = new int[][] {{start, end}};
      } else {
        l.ranges = new int[][] {{0, 0}};
      }
      l.coords = coords(f.shape);
      s.labels().add(l);
      s.frame = l.frame;
      return l;
    }

    Label newClassification(Session s, Feature f, String value) {
      DataUnit du = s.task.du;
      Label l = new Label(b62(8), f, true, s.u);
      l.value = value != null ? value : pick(f.values);
      if (f.nested != null && l.value.equals(f.nestedTrigger)) {
        l.nestedValue = pick(f.nested.values);
      }
      l.frame = du.p.video ? s.frame : 0;
      l.ranges = new int[][] {{0, du.p.video ? du.frames - 1 : 0}};
      s.labels().add(l);
      return l;
    }

    Session session(Fmt fmt, User u, Task task, Stage stage, String branch, long start, Sink sink) {
      return new Session(fmt, u, task, stage, branch, start, sink);
    }

    /** One user's sitting on one task in one workflow stage, logged in one format. */
    final class Session {
      final Fmt fmt;
      final User u;
      final Task task;
      final Stage stage;
      final String branch;
      final String sessionId;
      final Sink sink;
      long t;
      long lastGap;
      int frame;
      boolean viewMode;

      Session(Fmt fmt, User u, Task task, Stage stage, String branch, long start, Sink sink) {
        this.fmt = fmt;
        this.u = u;
        this.task = task;
        this.stage = stage;
        this.branch = branch;
        this.sessionId = fmt == Fmt.EDITOR ? uuid() : null;
        this.t = start;
        this.sink = sink;
      }

      List<Label> labels() {
        return task.labels(branch);
      }

      void think() {
        advance(thinkMicros());
      }

      void quick() {
        advance(quickMicros());
      }

      void reviewGap() {
        advance(reviewMicros());
      }

      void pause(double sec) {
        advance(Math.round(sec * 1e6));
      }

      void advance(long us) {
        t += us;
        lastGap = us;
      }

      void setTime(long abs) {
        if (abs < t) {
          throw new IllegalStateException("scripted time goes backwards");
        }
        lastGap = abs - t;
        t = abs;
      }

      void alignSecond() {
        t = Math.floorDiv(t + 999_999L, 1_000_000L) * 1_000_000L;
      }

      // ---- label logs

      Ev l(int code) {
        return lab(code, null, false, null);
      }

      Ev l(int code, Label l) {
        return lab(code, l, false, null);
      }

      /** An attribute event on an object: identifier is the object, feature the attribute. */
      Ev la(int code, Label obj) {
        return lab(code, obj, true, null);
      }

      Ev lp(int code) {
        return lab(code, null, false, null);
      }

      Ev lBranch(int code, String branchName) {
        return lab(code, null, false, branchName);
      }

      private Ev lab(int code, Label l, boolean attr, String branchOverride) {
        Ev e = new Ev(Fmt.LABEL, t);
        Map<String, Object> f = e.f;
        DataUnit du = task.du;
        Feature feat = l == null ? null : attr ? du.p.objectAttr : l.feature;
        f.put("log_hash", b62(16));
        f.put("user_hash", u == null ? null : u.hash);
        f.put("user_email", u == null ? null : u.email);
        f.put("identifier", l == null ? null : l.hash);
        f.put("data_hash", du.hash);
        f.put("feature_hash", feat == null ? null : feat.hash);
        f.put("action", code);
        f.put("label_name", l == null || attr ? null : l.feature.name);
        f.put("time_taken", code == 0 || code == 1 ? timeTaken() : null);
        f.put("created_at", TIME);
        Integer fr = null;
        if (du.p.video) {
          if (l != null) {
            fr = l.frame;
          } else if (code == 19 || code == 30 || code == 31 || code == 32) {
            fr = frame;
          }
        }
        f.put("frame", fr);
        f.put("branch_name", branchOverride != null ? branchOverride : branch);
        f.put("graph_node_uuid", stage.uuid);
        sink.accept(e);
        return e;
      }

      private Integer timeTaken() {
        long ms = lastGap / 1000;
        return (int) Math.max(350, ms * (0.55 + 0.4 * r.nextDouble()));
      }

      // ---- editor logs

      Ev e(String action) {
        return ed(action, null, ei());
      }

      Ev e(String action, Map<String, Object> info) {
        return ed(action, null, info);
      }

      Ev e(String action, Label l, Map<String, Object> info) {
        return ed(action, l, info);
      }

      private Ev ed(String action, Label l, Map<String, Object> info) {
        Ev e = new Ev(Fmt.EDITOR, t);
        Map<String, Object> f = e.f;
        DataUnit du = task.du;
        Project p = du.p;
        boolean obj = l != null && !l.cls;
        f.put("id", uuid());
        f.put("action", action);
        f.put("action_category", category(action));
        f.put("data_unit_id", du.hash);
        f.put("workflow_stage_id", stage.uuid);
        f.put("workflow_task_id", viewMode ? "" : task.id);
        f.put("branch_name", branch);
        f.put("session_id", sessionId);
        f.put("timestamp", TIME);
        f.put("actor_user_id", u == null ? null : u.hash);
        f.put("actor_user_email", u == null ? null : u.email);
        f.put("actor_organisation_id", orgId);
        f.put("project_id", p.hash);
        f.put("project_user_role", u == null ? null : u.role);
        f.put("data_unit_title", du.title);
        f.put("data_unit_data_type", p.video ? "video" : "image");
        f.put("data_unit_dataset_id", p.datasetId);
        f.put("data_unit_dataset_title", p.datasetTitle);
        f.put("ontology_id", p.ontologyId);
        f.put("label_id", du.labelRows.computeIfAbsent(branch, b -> uuid()));
        f.put("workflow_stage_type", stage.type);
        f.put("workflow_stage_title", stage.title);
        f.put("label_name", l == null ? null : l.feature.name);
        f.put("feature_id", l == null ? null : l.feature.hash);
        f.put("label_ranges", l == null ? null : ranges(l.ranges));
        f.put("object_shape", obj ? l.feature.shape : null);
        f.put("object_current_frame", obj ? (p.video ? l.frame : 0) : null);
        f.put("object_hash", obj ? l.hash : null);
        f.put("object_id", obj ? l.objectId : null);
        f.put("classification_hash", l != null && l.cls ? l.hash : null);
        f.put("event_information", info);
        sink.accept(e);
        return e;
      }
    }

    // ---- flows shared by both modes

    void playback(Session s, int n) {
      for (int i = 0; i < n; i++) {
        if (i == 0) {
          s.think();
        } else if (chance(0.8)) {
          s.pause(0.3 + r.nextDouble() * 7.5);
        } else {
          s.pause(10.5 + r.nextDouble() * 30);
        }
        double x = r.nextDouble();
        int code = x < 0.5 ? 30 : x < 0.7 ? 31 : 32;
        int frames = s.task.du.frames;
        s.frame = code == 32 ? r.nextInt(frames) : Math.min(frames - 1, s.frame + r.nextInt(40));
        s.lp(code);
      }
    }

    void llAnnotate(Session s, int n, boolean classification, boolean deleteOne) {
      Project p = s.task.du.p;
      s.l(3);
      for (int i = 0; i < n; i++) {
        s.think();
        Label o = newObject(s, pick(p.objects), s.u);
        s.l(0, o);
        if (chance(0.35)) {
          s.think();
          o.coords = coords(o.feature.shape);
          s.l(1, o);
        }
        if (p.objectAttr != null && chance(0.3)) {
          s.quick();
          o.attrValue = pick(p.objectAttr.values);
          s.la(23, o);
          if (chance(0.15)) {
            s.quick();
            o.attrValue = other(p.objectAttr.values, o.attrValue);
            s.la(24, o);
          } else if (chance(0.08)) {
            s.quick();
            s.la(25, o);
            o.attrValue = null;
          }
        }
        if (chance(0.12)) {
          s.quick();
          s.l(19);
        }
        if (p.video && chance(0.2)) {
          playback(s, 1 + r.nextInt(4));
        }
        if (chance(0.15)) {
          s.quick();
          s.l(14);
        }
      }
      if (classification && !p.classifications.isEmpty()) {
        s.think();
        Label c = newClassification(s, p.classifications.get(0), null);
        s.l(23, c);
      }
      if (deleteOne) {
        s.think();
        Label d = newObject(s, pick(p.objects), s.u);
        s.l(0, d);
        s.think();
        s.l(2, d);
        s.labels().remove(d);
      }
      s.quick();
      s.l(14);
      if (chance(0.6)) {
        for (Label l : s.labels()) {
          if (l.creator == s.u) {
            s.pause(0.3 + r.nextDouble());
            s.l(28, l);
          }
        }
      }
      s.quick();
      s.l(11);
      s.quick();
      s.l(4);
    }

    /** Reviews the task's main-branch labels; returns true when the task was rejected. */
    boolean llReview(Session s, double pReject) {
      s.l(3);
      boolean rejected = false;
      for (Label l : s.task.labels(MAIN)) {
        if (l.status != APPROVED) {
          s.reviewGap();
          boolean rej = l.status == FORCE_REJECT || chance(pReject);
          s.l(l.cls ? (rej ? 27 : 26) : (rej ? 13 : 12), l);
          l.status = rej ? REJECTED : APPROVED;
          rejected |= rej;
        }
        if (!l.cls && l.attrValue != null && l.attrStatus != APPROVED) {
          s.quick();
          boolean rej = chance(pReject / 2);
          s.la(rej ? 27 : 26, l);
          l.attrStatus = rej ? REJECTED : APPROVED;
          rejected |= rej;
        }
      }
      s.quick();
      s.l(rejected ? 34 : 33);
      s.quick();
      s.l(4);
      s.task.reviewed = true;
      return rejected;
    }

    void llRework(Session s) {
      Project p = s.task.du.p;
      s.l(3);
      for (Label l : s.task.labels(MAIN)) {
        if (l.status == REJECTED) {
          s.think();
          if (l.cls) {
            l.value = other(l.feature.values, l.value);
            s.l(24, l);
          } else {
            l.coords = coords(l.feature.shape);
            s.l(1, l);
          }
          l.status = PENDING;
        }
        if (!l.cls && l.attrStatus == REJECTED && p.objectAttr != null) {
          s.quick();
          l.attrValue = other(p.objectAttr.values, l.attrValue);
          s.la(24, l);
          l.attrStatus = PENDING;
        }
      }
      s.quick();
      s.l(14);
      s.quick();
      s.l(11);
      s.quick();
      s.l(4);
    }

    /** Consensus review in label logs: 35 per winning label, maybe a 36, 37 per branch. */
    void llConsensusReview(Session s, List<User> agreeing, User winner, boolean cancelOne) {
      s.l(3);
      List<Label> win = s.task.labels(winner.branch());
      for (Label l : win) {
        s.reviewGap();
        s.l(35, l);
      }
      if (cancelOne && !win.isEmpty()) {
        s.quick();
        s.l(36, win.get(win.size() - 1));
      }
      for (User a : agreeing) {
        s.pause(0.2 + r.nextDouble() * 0.8);
        s.lBranch(37, a.branch());
      }
      s.quick();
      s.l(4);
    }

    void edUpdate(Session s, Label o, int variant) {
      Project p = s.task.du.p;
      if (variant == 0 && !p.video) {
        variant = 1;
      }
      switch (variant) {
        case 0 -> {
          List<List<Integer>> old = ranges(o.ranges);
          int end = Math.min(s.task.du.frames - 1, o.ranges[0][1] + 5 + r.nextInt(60));
          o.ranges = new int[][] {{Math.max(0, o.ranges[0][0] - r.nextInt(10)), end}};
          s.e(
              "UPDATE_OBJECT",
              o,
              ei("oldRange", old, "newRange", ranges(o.ranges), "lastEditedBy", s.u.hash));
        }
        case 1 -> {
          Object old = o.coords;
          o.coords = coords(o.feature.shape);
          s.e(
              "UPDATE_OBJECT",
              o,
              ei("oldCoordinates", old, "newCoordinates", o.coords, "lastEditedBy", s.u.hash));
        }
        case 2 -> {
          Feature old = o.feature;
          Feature nf = old;
          for (Feature f : p.objects) {
            if (f != old && f.shape.equals(old.shape)) {
              nf = f;
            }
          }
          if (nf == old) {
            edUpdate(s, o, 1);
            return;
          }
          o.feature = nf;
          s.e(
              "UPDATE_OBJECT",
              o,
              ei("oldFeatureHash", old.hash, "newFeatureHash", nf.hash, "lastEditedBy", s.u.hash));
        }
        default -> {
          if (p.objectAttr == null) {
            edUpdate(s, o, 1);
            return;
          }
          Map<String, Object> old = attrMap(p, o);
          o.attrValue = other(p.objectAttr.values, o.attrValue == null ? "" : o.attrValue);
          s.e(
              "UPDATE_OBJECT",
              o,
              ei(
                  "oldClassification",
                  old,
                  "newClassification",
                  attrMap(p, o),
                  "lastEditedBy",
                  s.u.hash));
        }
      }
    }

    static LinkedHashMap<String, Object> attrMap(Project p, Label o) {
      return o.attrValue == null ? ei() : clsMap(p.objectAttr, o.attrValue, null);
    }

    LinkedHashMap<String, Object> agentInfo(List<Label> created, boolean success) {
      return ei(
          "objectHashes",
          hashes(created),
          "agentUuid",
          agentUuid,
          "agentEndpoint",
          "https://agents.pixelforge.example/v1/prelabel",
          "agentTitle",
          "Vehicle pre-labeller",
          "agentDescription",
          "Detects cars, cyclists and pedestrians and drafts boxes for review",
          "success",
          success);
    }

    void edAnnotate(Session s, int n, int agentObjects, boolean classification, boolean deleteOne) {
      Project p = s.task.du.p;
      s.e("ENTER_EDITOR");
      if (agentObjects > 0) {
        s.quick();
        List<Label> created = new ArrayList<>();
        for (int i = 0; i < agentObjects; i++) {
          created.add(newObject(s, pick(p.objects), null));
        }
        s.e("RUN_AGENT", agentInfo(created, true));
      }
      for (int i = 0; i < n; i++) {
        s.think();
        s.e("ENTER_EDIT_MODE");
        s.quick();
        Label o = newObject(s, pick(p.objects), s.u);
        s.e("CREATE_OBJECT", o, ei("coordinates", o.coords));
        s.quick();
        s.e("EXIT_EDIT_MODE");
        if (chance(0.3)) {
          s.think();
          edUpdate(s, o, r.nextInt(4));
        }
        if (i % 3 == 2) {
          s.quick();
          s.e("SAVE_TASK", ei("saveType", "autosave", "success", true));
        }
      }
      if (classification && !p.classifications.isEmpty()) {
        s.think();
        Label c = newClassification(s, pick(p.classifications), null);
        s.e(
            "CREATE_ATTRIBUTE",
            c,
            ei("classifications", clsMap(c.feature, c.value, c.nestedValue)));
        if (chance(0.25)) {
          s.think();
          Map<String, Object> old = clsMap(c.feature, c.value, c.nestedValue);
          c.value = other(c.feature.values, c.value);
          c.nestedValue = null;
          s.e(
              "UPDATE_ATTRIBUTE",
              c,
              ei(
                  "oldValue",
                  old,
                  "newValue",
                  clsMap(c.feature, c.value, null),
                  "lastEditedBy",
                  s.u.hash));
        }
        if (chance(0.06)) {
          s.think();
          s.e(
              "DELETE_ATTRIBUTE",
              c,
              ei("classifications", clsMap(c.feature, c.value, c.nestedValue)));
          s.labels().remove(c);
        }
      }
      if (deleteOne) {
        s.think();
        s.e("ENTER_EDIT_MODE");
        Label d = newObject(s, pick(p.objects), s.u);
        s.e("CREATE_OBJECT", d, ei("coordinates", d.coords));
        s.e("EXIT_EDIT_MODE");
        s.think();
        s.e("DELETE_OBJECT", d, ei("coordinates", d.coords));
        s.labels().remove(d);
      }
      s.quick();
      s.e("SAVE_TASK", ei("saveType", "manual", "success", true));
      s.quick();
      s.e("SUBMIT_TASK", ei("labels", hashes(s.labels())));
    }

    /** Reviews the task's main-branch labels in the editor; returns true when rejected. */
    boolean edReview(Session s, double pReject) {
      s.e("ENTER_EDITOR");
      List<Label> approved = new ArrayList<>();
      List<Label> rejected = new ArrayList<>();
      Project p = s.task.du.p;
      for (Label l : s.task.labels(MAIN)) {
        if (l.status == APPROVED && l.attrStatus != REJECTED) {
          approved.add(l);
          continue;
        }
        s.reviewGap();
        boolean rej = l.status == FORCE_REJECT || chance(pReject);
        LinkedHashMap<String, Object> info = ei();
        if (l.cls) {
          info.put("classifications", clsMap(l.feature, l.value, l.nestedValue));
        } else if (l.attrValue != null) {
          info.put("classifications", attrMap(p, l));
        }
        info.put("isConsensus", false);
        if (l.status == REJECTED || l.attrStatus == REJECTED) {
          info.put("previousAction", "REJECT");
        }
        String what = l.cls ? "_CLASSIFICATION" : "_OBJECT";
        s.e((rej ? "REJECT" : "APPROVE") + what, l, info);
        l.status = rej ? REJECTED : APPROVED;
        l.attrStatus = l.status;
        (rej ? rejected : approved).add(l);
      }
      if (s.task.reviewed && rejected.isEmpty() && !approved.isEmpty() && chance(0.3)) {
        Label l = pick(approved);
        String what = l.cls ? "_CLASSIFICATION" : "_OBJECT";
        s.reviewGap();
        s.e("REVERT_TO_PENDING" + what, l, ei("isConsensus", false, "previousAction", "APPROVE"));
        s.quick();
        s.e("APPROVE" + what, l, ei("isConsensus", false, "previousAction", "REOPEN"));
      }
      s.quick();
      if (rejected.isEmpty()) {
        s.e("APPROVE_TASK", ei("approvedLabelHashes", hashes(approved), "isConsensus", false));
      } else {
        s.e(
            "REJECT_TASK",
            ei(
                "rejectedLabelHashes",
                hashes(rejected),
                "approvedLabelHashes",
                hashes(approved),
                "isConsensus",
                false));
      }
      s.task.reviewed = true;
      return !rejected.isEmpty();
    }

    void edRework(Session s) {
      s.e("ENTER_EDITOR");
      for (Label l : s.task.labels(MAIN)) {
        if (l.status != REJECTED) {
          continue;
        }
        s.think();
        if (l.cls) {
          Map<String, Object> old = clsMap(l.feature, l.value, l.nestedValue);
          l.value = other(l.feature.values, l.value);
          l.nestedValue = null;
          s.e(
              "UPDATE_ATTRIBUTE",
              l,
              ei(
                  "oldValue",
                  old,
                  "newValue",
                  clsMap(l.feature, l.value, null),
                  "lastEditedBy",
                  s.u.hash));
        } else {
          s.e("ENTER_EDIT_MODE");
          s.quick();
          edUpdate(s, l, 1);
          s.quick();
          s.e("EXIT_EDIT_MODE");
        }
        l.status = PENDING;
        l.attrStatus = PENDING;
      }
      s.quick();
      s.e("SAVE_TASK", ei("saveType", "autosave", "success", true));
      s.quick();
      s.e("SUBMIT_TASK", ei("labels", hashes(s.labels())));
    }

    /**
     * Consensus review in the editor. variant 0: APPROVE_TASK with annotatorsWithApprovedLabels; 1:
     * APPROVE_TASK with isDetermineConsensus, selectedAnnotators and winningSetAnnotator; 2:
     * REJECT_TASK with annotators.
     */
    void edConsensusReview(
        Session s, List<User> agreeing, User winner, int variant, Set<User> plainHashes) {
      s.e("ENTER_EDITOR");
      List<Label> approved = new ArrayList<>();
      List<Label> candidates = new ArrayList<>(s.task.labels(winner.branch()));
      if (variant == 0) {
        for (User a : agreeing) {
          if (a != winner && !s.task.labels(a.branch()).isEmpty()) {
            candidates.add(s.task.labels(a.branch()).get(0));
          }
        }
      }
      for (Label l : candidates) {
        s.reviewGap();
        String what = l.cls ? "_CLASSIFICATION" : "_OBJECT";
        boolean rej = variant == 2 && approved.size() > 0;
        LinkedHashMap<String, Object> info = ei();
        if (l.cls) {
          info.put("classifications", clsMap(l.feature, l.value, l.nestedValue));
        }
        info.put("isConsensus", true);
        s.e((rej ? "REJECT" : "APPROVE") + what, l, info);
        if (!rej) {
          approved.add(l);
        }
      }
      for (User a : s.task.consensusAnnotators) {
        if (!agreeing.contains(a) && !s.task.labels(a.branch()).isEmpty()) {
          Label l = s.task.labels(a.branch()).get(0);
          s.reviewGap();
          s.e("REJECT" + (l.cls ? "_CLASSIFICATION" : "_OBJECT"), l, ei("isConsensus", true));
          break;
        }
      }
      s.quick();
      if (variant == 0) {
        s.e(
            "APPROVE_TASK",
            ei(
                "approvedLabelHashes",
                hashes(approved),
                "isConsensus",
                true,
                "isDetermineConsensus",
                false,
                "annotatorsWithApprovedLabels",
                annotators(agreeing, plainHashes)));
      } else if (variant == 1) {
        s.e(
            "APPROVE_TASK",
            ei(
                "approvedLabelHashes",
                hashes(approved),
                "isConsensus",
                true,
                "isDetermineConsensus",
                true,
                "selectedAnnotators",
                annotators(agreeing, plainHashes),
                "winningSetAnnotator",
                plainHashes.contains(winner) ? winner.hash : annotator(winner)));
      } else {
        List<Object> all = new ArrayList<>();
        for (User a : s.task.consensusAnnotators) {
          all.add(a.hash);
        }
        s.e(
            "REJECT_TASK",
            ei(
                "approvedLabelHashes",
                hashes(approved),
                "isConsensus",
                true,
                "isDetermineConsensus",
                false,
                "annotators",
                all));
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Shared world building

  static final String[] OBJECT_NAMES_VIDEO = {"Car", "Pedestrian", "Cyclist", "Traffic light"};
  static final String[] OBJECT_SHAPES_VIDEO = {
    "bounding_box", "polygon", "rotatable_bounding_box", "bounding_box"
  };
  static final String[] OBJECT_NAMES_IMAGE = {"Product", "Price tag", "Empty slot"};
  static final String[] OBJECT_SHAPES_IMAGE = {"bounding_box", "polygon", "rotatable_bounding_box"};

  static Project project(Sim sim, String title, String dataset, boolean video, boolean consensus) {
    Project p = new Project();
    p.hash = sim.uuid();
    p.title = title;
    p.ontologyId = sim.uuid();
    p.datasetId = sim.uuid();
    p.datasetTitle = dataset;
    p.video = video;
    p.consensus = consensus;
    String[] names = video ? OBJECT_NAMES_VIDEO : OBJECT_NAMES_IMAGE;
    String[] shapes = video ? OBJECT_SHAPES_VIDEO : OBJECT_SHAPES_IMAGE;
    for (int i = 0; i < names.length; i++) {
      p.objects.add(new Feature(sim.b62(8), names[i], shapes[i], Kind.OBJECT, null));
    }
    if (video) {
      Feature weather =
          new Feature(
              sim.b62(8),
              "Weather",
              null,
              Kind.CLASSIFICATION,
              List.of("sunny", "overcast", "rain", "fog"));
      weather.nested =
          new Feature(
              sim.b62(8), "Rain intensity", null, Kind.ATTRIBUTE, List.of("light", "heavy"));
      weather.nestedTrigger = "rain";
      p.classifications.add(weather);
      p.classifications.add(
          new Feature(
              sim.b62(8),
              "Time of day",
              null,
              Kind.CLASSIFICATION,
              List.of("day", "dusk", "night")));
      p.objectAttr =
          new Feature(sim.b62(8), "Occluded", null, Kind.ATTRIBUTE, List.of("no", "partly", "yes"));
    } else {
      p.classifications.add(
          new Feature(sim.b62(8), "Shelf tidy", null, Kind.CLASSIFICATION, List.of("yes", "no")));
      p.objectAttr =
          new Feature(sim.b62(8), "Facing", null, Kind.ATTRIBUTE, List.of("front", "side", "back"));
    }
    if (consensus) {
      p.annotate = new Stage(sim.uuid(), "CONSENSUS_ANNOTATION", "Consensus annotate");
      p.review = new Stage(sim.uuid(), "CONSENSUS_REVIEW", "Consensus review");
    } else {
      p.annotate = new Stage(sim.uuid(), "ANNOTATION", "Annotate");
      p.review = new Stage(sim.uuid(), "REVIEW", "Review");
    }
    p.done = new Stage(sim.uuid(), "DONE", "Complete");
    return p;
  }

  static long dayStart(LocalDate d) {
    return d.atStartOfDay().toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
  }

  // ---------------------------------------------------------------------------------------------
  // Samples mode

  enum Shape {
    JSONL("JSON Lines"),
    ARRAY("JSON array (pretty-printed)"),
    LOGS("envelope {\"logs\": [...]} (pretty-printed)"),
    RESULTS("envelope {\"results\": [...], \"nextPageToken\": ...} (compact, one line)"),
    LAST_PAGE("envelope {\"results\": [...]} without nextPageToken (the SDK's last page)"),
    RESPONSE(
        "envelope {\"status\": 200, \"response\": [...]} (a label-log API answer saved as is)"),
    RAW("not one JSON document and not valid JSON Lines");

    final String description;

    Shape(String description) {
      this.description = description;
    }
  }

  /** One written record: a valid event, or a quarantine-worthy map or raw line. */
  record Rec(Ev ev, Style style, Map<String, Object> bad, String raw, String reason) {}

  static final class OutFile implements Sink {
    final String path;
    final Shape shape;
    final Style style;
    final String demonstrates;
    final List<Rec> recs = new ArrayList<>();
    boolean gzip;
    boolean blankLines;
    boolean rotateTs;
    String pageToken;
    String rawPrefix = "";
    String rawPrefixReason;
    int rotation;
    long bytes;

    OutFile(String path, Shape shape, Style style, String demonstrates) {
      this.path = path;
      this.shape = shape;
      this.style = style;
      this.demonstrates = demonstrates;
      this.gzip = path.endsWith(".gz");
    }

    @Override
    public void accept(Ev e) {
      Style st = style;
      if (rotateTs) {
        st = style.withTs(Ts.values()[rotation++ % Ts.values().length]);
      }
      e.micros = st.ts().quantize(e.micros);
      recs.add(new Rec(e, st, null, null, null));
    }

    /** Adds another copy of an event that is already in some file. */
    void copy(Ev e, Style st) {
      recs.add(new Rec(e, st, null, null, null));
    }

    /** An event written as {@code m} (e.g. without its id): an event all the same. */
    void asWritten(Ev e, Map<String, Object> m) {
      recs.add(new Rec(e, style, m, null, null));
    }

    void bad(Map<String, Object> m, String reason) {
      recs.add(new Rec(null, style, m, null, reason));
    }

    void raw(String line, String reason) {
      recs.add(new Rec(null, style, null, line, reason));
    }
  }

  /** A sink that keeps events for hand-made bad records. */
  static final class Buffer implements Sink {
    final List<Ev> evs = new ArrayList<>();

    @Override
    public void accept(Ev e) {
      evs.add(e);
    }
  }

  static final String MANIFEST_TITLE = "# data-samples manifest";

  static final class Samples {
    final Options o;
    final Sim sim;
    final Random r;
    final LocalDate d0;
    final List<OutFile> files = new ArrayList<>();
    final List<String> planted = new ArrayList<>();

    Project traffic;
    Project shelves;
    User alice;
    User bruno;
    User chen;
    User dana;
    User eva;
    User rita;
    User sam;
    User tom;

    /** Appears only without a user hash (documentation-style label logs). */
    User yuki;

    final List<DataUnit> videos = new ArrayList<>();
    final List<DataUnit> images = new ArrayList<>();

    Samples(Options o) {
      this.o = o;
      this.r = new Random(o.seed);
      this.sim = new Sim(r);
      this.d0 = o.startDate;
    }

    long at(int day, int h, int m, double s) {
      return dayStart(d0.plusDays(day)) + (h * 3600L + m * 60L) * 1_000_000L + Math.round(s * 1e6);
    }

    /** A session start: the given minute plus random seconds. */
    long startAt(int day, int h, int m) {
      return at(day, h, m, 0) + r.nextInt(50_000_000);
    }

    String day(int i) {
      return d0.plusDays(i).toString();
    }

    OutFile file(String path, Shape shape, Style style, String demonstrates) {
      OutFile f = new OutFile(path, shape, style, demonstrates);
      files.add(f);
      return f;
    }

    User user(String name, String email, String role) {
      return new User(sim.b62(28), email, role, name);
    }

    Task task(DataUnit du) {
      return new Task(du, sim.uuid());
    }

    void world() {
      traffic = project(sim, "Urban traffic video", "Traffic cams – March 2025", true, false);
      shelves = project(sim, "Retail shelf consensus", "Store audits Q1 (Épicerie)", false, true);
      alice = user("Alice Ng", "alice.ng@pixelforge.example", "ANNOTATOR");
      bruno = user("Bruno Costa", "bruno.costa@pixelforge.example", "ANNOTATOR");
      chen = user("Chen Wei", "chen.wei@pixelforge.example", "ANNOTATOR");
      dana = user("Dana Okafor", "dana.okafor@pixelforge.example", "ANNOTATOR");
      eva = user("Eva Lindqvist", "eva.lindqvist@pixelforge.example", "ANNOTATOR_REVIEWER");
      rita = user("Rita Patel", "rita.patel@pixelforge.example", "REVIEWER");
      sam = user("Sam Müller", "sam.mueller@pixelforge.example", "REVIEWER");
      tom = user("Tom Adeyemi", "tom.adeyemi@pixelforge.example", "TEAM_MANAGER");
      String[] clips = {
        "cam03_junction_0800.mp4",
        "cam07_roundabout_1715.mp4",
        "cam12_crossing_0930.mp4",
        "cam01_tunnel_exit_2210.mp4",
        "cam05_bus_lane_1300.mp4",
        "cam09_school_zone_0745.mp4",
        "cam04_bridge_1820.mp4",
        "cam11_market_street_1105.mp4",
        "cam02_highway_ramp_1600.mp4",
        "cam06_depot_gate_0615.mp4",
        "cam08_car_park_1930.mp4"
      };
      for (String c : clips) {
        videos.add(new DataUnit(traffic, sim.uuid(), c, 900 + r.nextInt(2700)));
      }
      String[] shots = {
        "shelf_aisle04_bay02.jpg",
        "shelf_aisle04_bay03.jpg",
        "rayon_épicerie_07.jpg",
        "shelf_aisle09_bay01.jpg",
        "shelf_aisle12_endcap.jpg"
      };
      for (String s : shots) {
        images.add(new DataUnit(shelves, sim.uuid(), s, 1));
      }
    }

    void run() throws IOException {
      world();
      scenario();
      write();
    }

    // ---- the scripted five days

    void scenario() {
      DataUnit v1 = videos.get(0);
      DataUnit v2 = videos.get(1);
      DataUnit v3 = videos.get(2);
      DataUnit v4 = videos.get(3);
      DataUnit v5 = videos.get(4);
      DataUnit v6 = videos.get(5);
      DataUnit v7 = videos.get(6);
      DataUnit v8 = videos.get(7);
      DataUnit v9 = videos.get(8);
      DataUnit v10 = videos.get(9);
      DataUnit v11 = videos.get(10);
      Project p1 = traffic;
      Project p2 = shelves;
      Fmt lab = Fmt.LABEL;
      Fmt edt = Fmt.EDITOR;

      // ===== Day 0: label logs, annotation of V1 and V2
      OutFile l1 =
          file(
              "label-logs/" + day(0) + "/traffic-annotation.snake.jsonl",
              Shape.JSONL,
              Style.snake(Ts.ISO_Z_MILLIS),
              "label logs, JSON Lines with blank lines, snake_case, ISO Z with milliseconds;"
                  + " exact 300 s gap and playback episodes (incl. a gap of exactly 10 s)");
      l1.blankLines = true;
      Task t1 = task(v1);
      aliceV1(t1, l1);
      Task t2 = task(v2);
      brunoV2(t2, l1);

      // ===== Day 1: editor review of V1 (labels from day 0 label logs), label-log review of V2
      OutFile e1 =
          file(
              "editor-logs/" + day(1) + "/traffic-review-rework.snake.jsonl",
              Shape.JSONL,
              Style.snake(Ts.ISO_Z_MILLIS),
              "editor logs, JSON Lines, snake_case, ISO Z with milliseconds; reviews labels"
                  + " created in day-0 label logs (object_hash == identifier), reject, rework,"
                  + " approve, view mode (empty workflow_task_id)");
      e1.blankLines = true;
      ritaReviewsV1(t1, e1);

      OutFile l2 =
          file(
              "label-logs/" + day(1) + "/traffic-review.camel.ndjson",
              Shape.JSONL,
              Style.camel(Ts.ISO_Z).withIdMode(IdMode.BOTH),
              "label logs, .ndjson, camelCase without nulls (SDK to_dict, annotationHash and"
                  + " identifier both present), ISO Z whole seconds; starts with 4 events of the"
                  + " day-0 file again in camelCase (duplicates)");
      for (int i = 0; i < 4; i++) {
        Rec src = l1.recs.get(i);
        l2.copy(src.ev(), l2.style.withTs(src.style().ts()));
      }
      labelReviewV2(t2, l2);
      Task t5 = task(v5);
      Sim.Session s = sim.session(lab, chen, t5, p1.annotate, MAIN, startAt(1, 14, 0), l2);
      sim.llAnnotate(s, 3, true, false);
      s = sim.session(lab, chen, t5, p1.annotate, MAIN, startAt(1, 15, 0), l2);
      s.l(3);
      s.think();
      s.frame = 100 + r.nextInt(300);
      s.lp(32);
      s.pause(1.5 + r.nextDouble());
      s.lp(30);
      s.pause(21.3);
      s.lp(31);
      s.pause(732);
      planted.add(
          "Chen Wei (label logs, "
              + day(1)
              + ", V5): 732 s idle gap inside a session, after a 31 BITRATE_WARNING_SHOWN.");
      s.l(19);
      s.quick();
      s.l(11);
      s.quick();
      s.l(4);

      OutFile e9 =
          file(
              "editor-logs/" + day(1) + "/traffic-review-rework.camel-reexport.ndjson",
              Shape.JSONL,
              Style.camel(Ts.ISO_Z_MILLIS),
              "editor logs re-exported with the SDK's to_dict(): the first 10 events of"
                  + " traffic-review-rework.snake.jsonl again in camelCase without nulls"
                  + " (duplicates in the other key style)");
      e9.blankLines = true;
      for (int i = 0; i < 10; i++) {
        e9.copy(e1.recs.get(i).ev(), e9.style);
      }

      // ===== Day 2: agent + edits (camelCase), editor consensus (array), label-log consensus
      OutFile e2 =
          file(
              "editor-logs/" + day(2) + "/agent-prelabel-and-edits.camel.ndjson",
              Shape.JSONL,
              Style.camel(Ts.ISO_Z_MICROS),
              "editor logs, .ndjson, camelCase without nulls, ISO Z with microseconds; RUN_AGENT,"
                  + " every UPDATE_OBJECT variant, DELETE_OBJECT, CREATE/UPDATE/DELETE_ATTRIBUTE,"
                  + " failed and successful SAVE_TASK, FORCE_OVERWRITE");
      Task t3 = task(v3);
      chenV3(t3, e2);

      OutFile e3 =
          file(
              "editor-logs/" + day(2) + "/shelf-consensus.array.json",
              Shape.ARRAY,
              Style.snake(Ts.NAIVE_ISO),
              "editor logs, pretty-printed JSON array, snake_case, naive ISO timestamps;"
                  + " consensus: CONSENSUS_ANNOTATION on per-annotator branches, CONSENSUS_REVIEW"
                  + " APPROVE_TASK with annotatorsWithApprovedLabels");
      Task ti1 = consensusTask(images.get(0), List.of(dana, eva, chen));
      editorConsensus(ti1, e3, 2, new int[][] {{10, 5}, {10, 15}, {11, 0}});
      s = sim.session(edt, rita, ti1, p2.review, MAIN, startAt(2, 13, 0), e3);
      sim.edConsensusReview(s, List.of(dana, chen), dana, 0, Set.of());
      planted.add(
          "Consensus unit "
              + ti1.id
              + " (editor, "
              + images.get(0).title
              + "): 3 annotator branches, APPROVE_TASK isConsensus=true with"
              + " annotatorsWithApprovedLabels = Dana, Chen (2 agreeing), no winningSetAnnotator.");

      OutFile l3 =
          file(
              "label-logs/" + day(2) + "/shelf-consensus.logs-envelope.json",
              Shape.LOGS,
              Style.snake(Ts.NAIVE_SPACE_MICROS).withIdMode(IdMode.ANNOTATION_HASH),
              "label logs, envelope {\"logs\": [...]} (the label-log cache), snake_case with the"
                  + " deprecated annotation_hash instead of identifier, naive"
                  + " 'YYYY-MM-DD HH:MM:SS.ffffff'; consensus with 35, a 36 and 37 per agreeing"
                  + " branch");
      Task ti3 = consensusTask(images.get(2), List.of(chen, dana, eva));
      int[][] starts = {{14, 0}, {14, 10}, {14, 20}};
      for (int i = 0; i < 3; i++) {
        User a = ti3.consensusAnnotators.get(i);
        s =
            sim.session(
                lab, a, ti3, p2.annotate, a.branch(), startAt(2, starts[i][0], starts[i][1]), l3);
        sim.llAnnotate(s, 2 + i % 2, true, false);
      }
      s = sim.session(lab, sam, ti3, p2.review, MAIN, startAt(2, 16, 0), l3);
      sim.llConsensusReview(s, List.of(dana, chen), dana, true);
      planted.add(
          "Consensus unit "
              + images.get(2).hash
              + " (label logs, data_hash is the task key): 3 branches, 37 for Dana's and"
              + " Chen's branches, one 36 cancelling one of Dana's 35s.");

      // ===== Day 3: undecided label-log consensus, night shift, editor consensus page (gz),
      //       SDK without event_information, all timestamp forms
      OutFile l4 =
          file(
              "label-logs/" + day(3) + "/shelf-consensus-undecided.array.json",
              Shape.ARRAY,
              Style.snake(Ts.NAIVE_SPACE),
              "label logs, pretty-printed JSON array, snake_case, naive 'YYYY-MM-DD HH:MM:SS';"
                  + " a consensus task with two branches and no decision yet");
      Task ti5 = consensusTask(images.get(4), List.of(alice, eva));
      s = sim.session(lab, alice, ti5, p2.annotate, alice.branch(), startAt(3, 9, 0), l4);
      sim.llAnnotate(s, 2, false, false);
      s = sim.session(lab, eva, ti5, p2.annotate, eva.branch(), startAt(3, 9, 20), l4);
      sim.llAnnotate(s, 2, true, false);
      planted.add("Consensus unit " + images.get(4).hash + " (label logs): undecided.");

      OutFile l5 =
          file(
              "label-logs/" + day(3) + "/night-shift.plus0200.jsonl.gz",
              Shape.JSONL,
              Style.snake(Ts.ISO_PLUS2_MILLIS),
              "label logs, gzip JSON Lines, snake_case, ISO with +02:00 offset and milliseconds;"
                  + " a night session crossing midnight UTC (local dates differ from UTC dates),"
                  + " a playback episode spanning midnight");
      danaNight(task(v4), l5);

      OutFile e4 =
          file(
              "editor-logs/" + day(3) + "/shelf-consensus-page.results.json.gz",
              Shape.RESULTS,
              Style.snake(Ts.ISO_UTC_OFFSET_MICROS),
              "editor logs, gzip, saved API page {\"results\": [...], \"nextPageToken\": ...} on"
                  + " one line, snake_case, ISO +00:00 with microseconds; consensus decided with"
                  + " isDetermineConsensus=true (selectedAnnotators with one plain hash string,"
                  + " winningSetAnnotator) and a consensus REJECT_TASK (undecided unit)");
      e4.pageToken = "eyJvZmZzZXQiOiAxMDAwLCAicGFnZSI6IDJ9";
      Task ti2 = consensusTask(images.get(1), List.of(bruno, chen, eva));
      editorConsensus(ti2, e4, 3, new int[][] {{9, 0}, {9, 30}, {10, 0}});
      s = sim.session(edt, sam, ti2, p2.review, MAIN, startAt(3, 13, 30), e4);
      sim.edConsensusReview(s, List.of(eva, chen), eva, 1, Set.of(chen));
      planted.add(
          "Consensus unit "
              + ti2.id
              + " (editor): APPROVE_TASK isDetermineConsensus=true, selectedAnnotators ="
              + " [Eva as {email, hash}, Chen as a plain hash string], winningSetAnnotator = Eva.");
      Task ti4 = consensusTask(images.get(3), List.of(alice, bruno));
      editorConsensus(ti4, e4, 3, new int[][] {{10, 40}, {11, 10}});
      s = sim.session(edt, rita, ti4, p2.review, MAIN, startAt(3, 14, 30), e4);
      sim.edConsensusReview(s, List.of(alice), alice, 2, Set.of());
      planted.add(
          "Consensus unit "
              + ti4.id
              + " (editor): REJECT_TASK isConsensus=true with plain-hash annotators; undecided.");

      OutFile e5 =
          file(
              "editor-logs/" + day(3) + "/sdk-without-event-information.camel.ndjson",
              Shape.JSONL,
              Style.camel(Ts.RFC_1123).withoutEventInfo(),
              "editor logs from a newer SDK: no eventInformation at all, camelCase without nulls,"
                  + " RFC 1123 timestamps; annotate, reject, rework, approve");
      Task t6 = task(v6);
      s = sim.session(edt, eva, t6, p1.annotate, MAIN, startAt(3, 11, 30), e5);
      sim.edAnnotate(s, 3, 0, true, false);
      s = sim.session(edt, rita, t6, p1.review, MAIN, startAt(3, 15, 10), e5);
      forceReject(t6, 1);
      sim.edReview(s, 0.0);
      s = sim.session(edt, eva, t6, p1.annotate, MAIN, startAt(3, 16, 0), e5);
      sim.edRework(s);
      s = sim.session(edt, rita, t6, p1.review, MAIN, startAt(3, 16, 40), e5);
      sim.edReview(s, 0.0);

      OutFile l6 =
          file(
              "label-logs/" + day(3) + "/all-timestamp-forms.snake.jsonl",
              Shape.JSONL,
              Style.snake(Ts.ISO_Z),
              "label logs, JSON Lines, snake_case; line i uses timestamp form i mod 11, so every"
                  + " form of inputs.md appears in one file");
      l6.rotateTs = true;
      Task t7 = task(v7);
      s = sim.session(lab, alice, t7, p1.annotate, MAIN, startAt(3, 13, 0), l6);
      sim.llAnnotate(s, 4, true, false);

      // ===== Day 4: overlapping export windows, misnamed files, props inside
      //       event_information, API pages, bad input
      OutFile l8a =
          file(
              "label-logs/" + day(4) + "/export-window-0000-1200Z.snake.jsonl",
              Shape.JSONL,
              Style.snake(Ts.ISO_Z_MICROS),
              "label logs export window 00:00-12:00Z, snake_case, ISO Z with microseconds");
      OutFile l8b =
          file(
              "label-logs/" + day(4) + "/export-window-0600-1800Z.snake.jsonl",
              Shape.JSONL,
              Style.snake(Ts.ISO_Z_MICROS),
              "label logs export window 06:00-18:00Z: repeats every 06:00-12:00Z event of the"
                  + " 00:00-12:00Z window byte for byte (overlapping export windows)");
      long w1 = at(4, 6, 0, 0);
      long w2 = at(4, 12, 0, 0);
      Sink windows =
          e -> {
            if (e.micros < w1) {
              l8a.accept(e);
            } else if (e.micros < w2) {
              l8a.accept(e);
              l8b.copy(e, l8b.style);
            } else {
              l8b.accept(e);
            }
          };
      Task t8 = task(v8);
      s = sim.session(lab, bruno, t8, p1.annotate, MAIN, at(4, 5, 52, 7.25), windows);
      sim.llAnnotate(s, 5, true, false);
      s = sim.session(lab, sam, t8, p1.review, MAIN, startAt(4, 11, 20), windows);
      forceReject(t8, 1);
      sim.llReview(s, 0.0);
      s = sim.session(lab, bruno, t8, p1.annotate, MAIN, startAt(4, 13, 10), windows);
      sim.llRework(s);
      s = sim.session(lab, sam, t8, p1.review, MAIN, startAt(4, 16, 30), windows);
      sim.llReview(s, 0.0);

      OutFile l7 =
          file(
              "label-logs/" + day(4) + "/pretty-array-in-a.jsonl",
              Shape.ARRAY,
              Style.snake(Ts.NAIVE_ISO_MICROS),
              "label logs: a pretty-printed JSON array although the name says .jsonl (shape is"
                  + " detected from content), naive ISO with microseconds; review of V5 from"
                  + " day 1");
      s = sim.session(lab, sam, t5, p1.review, MAIN, startAt(4, 9, 0), l7);
      sim.llReview(s, 0.0);

      OutFile e6 =
          file(
              "editor-logs/" + day(4) + "/props-inside-event-information.snake.jsonl",
              Shape.JSONL,
              Style.snake(Ts.NAIVE_SPACE).withPropsInEventInfo(),
              "editor logs with the object/classification properties (objectHash, labelName,"
                  + " labelRanges, ...) inside event_information instead of the top level,"
                  + " snake_case, naive 'YYYY-MM-DD HH:MM:SS'");
      Task t9 = task(v9);
      s = sim.session(edt, alice, t9, p1.annotate, MAIN, startAt(4, 8, 30), e6);
      sim.edAnnotate(s, 3, 0, true, false);
      s = sim.session(edt, rita, t9, p1.review, MAIN, startAt(4, 10, 0), e6);
      ritaClassificationDance(s);

      OutFile e7a =
          file(
              "editor-logs/" + day(4) + "/api-page-0001.results.json",
              Shape.RESULTS,
              Style.snake(Ts.ISO_PLUS2),
              "editor logs, saved API page 1 {\"results\": [...], \"nextPageToken\": \"...\"},"
                  + " snake_case, ISO +02:00 whole seconds; review of the agent-labelled V3, a"
                  + " RUN_AGENT without an actor (counts under user 'unknown')");
      e7a.pageToken = "eyJvZmZzZXQiOiA1MDAsICJwYWdlIjogMn0";
      OutFile e7b =
          file(
              "editor-logs/" + day(4) + "/api-page-0002.results.json",
              Shape.RESULTS,
              Style.snake(Ts.ISO_PLUS2),
              "editor logs, saved API page 2 (nextPageToken null); its first event repeats the"
                  + " last event of page 1 (pagination overlap duplicate); rework, approval,"
                  + " SKIP_TASK");
      Task t10 = task(v10);
      apiPages(t3, t10, e7a, e7b);

      OutFile e8 =
          file(
              "editor-logs/" + day(4) + "/jsonl-content-in-a.json",
              Shape.JSONL,
              Style.snake(Ts.ISO_Z),
              "editor logs: JSON Lines although the name says .json (shape is detected from"
                  + " content), snake_case, ISO Z whole seconds; view mode on a finished task");
      s = sim.session(edt, tom, t8, p1.done, MAIN, startAt(4, 17, 0), e8);
      s.viewMode = true;
      s.e("ENTER_EDITOR");
      s = sim.session(edt, eva, t10, p1.annotate, MAIN, at(4, 17, 5, 12.5), e8);
      s.e("ENTER_EDITOR");
      s.think();
      s.e("ENTER_EDIT_MODE");
      s.quick();
      s.e("EXIT_EDIT_MODE");
      s.quick();
      s.e("SAVE_TASK", ei("saveType", "autosave", "success", true));

      file(
          "editor-logs/" + day(4) + "/empty-export-window.jsonl",
          Shape.JSONL,
          Style.snake(Ts.ISO_Z),
          "an empty file (0 bytes): an export window without activity");

      badFiles(t10, v11);

      // ===== Day 5: exports exactly as Encord's documentation and SDK write them
      sdkExports();
    }

    /**
     * Label logs as Encord's documentation prints them (log_hash and user_hash None) and as the SDK
     * re-exports them, SDK editor-log pages in both key styles, and a saved label-log API answer.
     * Written after every other file, so the earlier files keep their bytes.
     */
    void sdkExports() {
      Project p = traffic;
      Fmt lab = Fmt.LABEL;
      yuki = user("Yuki Tanaka", "Yuki.Tanaka@contractors.pixelforge.example", "ANNOTATOR");
      OutFile doc =
          file(
              "label-logs/" + day(5) + "/documentation-example.array.json",
              Shape.ARRAY,
              Style.snake(Ts.NAIVE_SPACE).withIdMode(IdMode.BOTH).withoutIds().asSdk(),
              "label logs as Encord's documentation prints them: log_hash and user_hash None,"
                  + " annotation_hash and identifier both set, naive 'YYYY-MM-DD HH:MM:SS',"
                  + " nulls written; every event is kept with an id derived from its content and"
                  + " the user of its e-mail");
      Task ta = task(videos.get(6));
      Sim.Session s = sim.session(lab, alice, ta, p.annotate, MAIN, startAt(5, 10, 0), doc);
      s.l(3);
      s.think();
      Label o1 = sim.newObject(s, p.objects.get(0), alice);
      s.l(0, o1);
      s.think();
      Label o2 = sim.newObject(s, p.objects.get(1), alice);
      s.l(0, o2);
      s.quick();
      o1.coords = sim.coords(o1.feature.shape);
      s.l(1, o1);
      s.think();
      s.frame = 0;
      Label w = sim.newClassification(s, p.classifications.get(0), "sunny");
      s.l(23, w);
      s.quick();
      s.l(14);
      for (Label l : List.of(o1, o2)) {
        s.pause(0.6);
        s.l(28, l);
      }
      s.quick();
      s.l(11);
      s.quick();
      s.l(4);
      Task ty = task(videos.get(7));
      s = sim.session(lab, yuki, ty, p.annotate, MAIN, startAt(5, 11, 0), doc);
      s.l(3);
      for (int i = 0; i < 3; i++) {
        s.think();
        Label o = sim.newObject(s, p.objects.get(i), yuki);
        s.l(0, o);
      }
      s.quick();
      s.l(11);
      s.quick();
      s.l(4);
      s = sim.session(lab, sam, ty, p.review, MAIN, startAt(5, 13, 0), doc);
      forceReject(ty, 1);
      sim.llReview(s, 0.0);
      planted.add(
          "Documentation-style label logs ("
              + day(5)
              + ", log_hash and user_hash None): Alice Ng's and Sam Müller's events belong to"
              + " their user hashes (their e-mails carry those hashes in other files); Yuki"
              + " Tanaka (Yuki.Tanaka@contractors.pixelforge.example) has no hash anywhere:"
              + " user email:yuki.tanaka@contractors.pixelforge.example, and Sam's rejection of"
              + " one of Yuki's labels is attributed to that user.");

      OutFile reexport =
          file(
              "label-logs/" + day(5) + "/documentation-example.sdk-reexport.camel.ndjson",
              Shape.JSONL,
              Style.camel(Ts.NAIVE_ISO).withoutIds().asSdk(),
              "the first 6 events of documentation-example.array.json as the SDK's to_dict()"
                  + " writes them: camelCase, None dropped (no logHash, no userHash), no"
                  + " annotationHash, naive ISO 'YYYY-MM-DDTHH:MM:SS'; the same content gives the"
                  + " same derived ids, so all 6 are duplicates");
      for (int i = 0; i < 6; i++) {
        reexport.copy(doc.recs.get(i).ev(), reexport.style);
      }

      OutFile page1 =
          file(
              "editor-logs/" + day(5) + "/sdk-editor-logs-page-0001.camel.json",
              Shape.RESULTS,
              Style.camel(Ts.NAIVE_ISO).withoutEventInfo().asSdk(),
              "editor logs, saved SDK page 1 {\"results\": [...], \"nextPageToken\": \"...\"}:"
                  + " camelCase, None dropped, no eventInformation (newer SDK), naive ISO"
                  + " timestamps without an offset, numeric actorOrganisationId,"
                  + " projectOrganisationId, projectOrganisationUserRole, dataUnitDatasetTitle,"
                  + " objectId, workflowStageType \"\" on editor-category events");
      page1.pageToken = "eyJvZmZzZXQiOiAyMDAsICJwYWdlIjogMn0";
      Task tb = task(videos.get(1));
      s = sim.session(Fmt.EDITOR, bruno, tb, p.annotate, MAIN, startAt(5, 9, 0), page1);
      sim.edAnnotate(s, 3, 0, true, false);
      OutFile page2 =
          file(
              "editor-logs/" + day(5) + "/sdk-editor-logs-page-0002.snake.json",
              Shape.LAST_PAGE,
              Style.snake(Ts.NAIVE_ISO).withoutNulls().asSdk().withLowerCaseActions(),
              "editor logs, saved SDK last page {\"results\": [...]} with no nextPageToken key:"
                  + " snake_case, None dropped, actions in lower case (create_object is"
                  + " CREATE_OBJECT), naive ISO timestamps, the SDK's extra fields");
      forceReject(tb, 1);
      s = sim.session(Fmt.EDITOR, rita, tb, p.review, MAIN, startAt(5, 14, 0), page2);
      sim.edReview(s, 0.0);
      s = sim.session(Fmt.EDITOR, bruno, tb, p.annotate, MAIN, startAt(5, 15, 0), page2);
      sim.edRework(s);

      OutFile api =
          file(
              "label-logs/" + day(5) + "/label-log-api-response.json",
              Shape.RESPONSE,
              Style.snake(Ts.NAIVE_SPACE),
              "label logs, the label-log API's answer saved as is, {\"status\": 200,"
                  + " \"response\": [...]}, snake_case, naive 'YYYY-MM-DD HH:MM:SS'");
      Task tc = task(videos.get(4));
      s = sim.session(lab, chen, tc, p.annotate, MAIN, startAt(5, 16, 0), api);
      sim.llAnnotate(s, 3, true, false);
    }

    Task consensusTask(DataUnit du, List<User> annotators) {
      Task t = task(du);
      t.consensusAnnotators.addAll(annotators);
      return t;
    }

    void editorConsensus(Task t, OutFile f, int day, int[][] starts) {
      Project p = t.du.p;
      for (int i = 0; i < t.consensusAnnotators.size(); i++) {
        User a = t.consensusAnnotators.get(i);
        Sim.Session s =
            sim.session(
                Fmt.EDITOR,
                a,
                t,
                p.annotate,
                a.branch(),
                startAt(day, starts[i][0], starts[i][1]),
                f);
        sim.edAnnotate(s, 2 + (i + day) % 2, 0, true, false);
      }
    }

    /** Marks the first {@code n} pending objects of the main branch to be rejected next. */
    void forceReject(Task t, int n) {
      for (Label l : t.labels(MAIN)) {
        if (n > 0 && !l.cls && l.status == PENDING) {
          l.status = FORCE_REJECT;
          n--;
        }
      }
    }

    // The hand-written sessions below use explicit times where the metrics need exact gaps.

    void aliceV1(Task t1, OutFile l1) {
      Project p = traffic;
      Feature car = p.objects.get(0);
      Feature ped = p.objects.get(1);
      Feature cyc = p.objects.get(2);
      Feature light = p.objects.get(3);
      Sim.Session s = sim.session(Fmt.LABEL, alice, t1, p.annotate, MAIN, at(0, 9, 2, 11.482), l1);
      s.l(3);
      s.pause(14.2);
      Label car1 = sim.newObject(s, car, alice);
      s.l(0, car1);
      s.pause(22.7);
      Label car2 = sim.newObject(s, car, alice);
      s.l(0, car2);
      s.pause(9.9);
      car1.coords = sim.coords("bounding_box");
      s.l(1, car1);
      s.pause(2.1);
      car1.attrValue = "partly";
      s.la(23, car1);
      s.pause(3.4);
      s.l(19);
      s.pause(17.6);
      s.alignSecond();
      long p0 = s.t;
      s.frame = 212;
      s.lp(30);
      s.setTime(p0 + 2_500_000);
      s.frame = 214;
      s.lp(30);
      s.setTime(p0 + 6_000_000);
      s.frame = 230;
      s.lp(31);
      s.setTime(p0 + 16_000_000);
      s.frame = 640;
      s.lp(32);
      s.setTime(p0 + 19_200_000);
      s.lp(30);
      s.setTime(p0 + 25_000_000);
      Label pd = sim.newObject(s, ped, alice);
      s.l(0, pd);
      s.setTime(p0 + 28_900_000);
      s.frame = 655;
      s.lp(32);
      s.setTime(p0 + 60_000_000);
      s.frame = 700;
      s.lp(30);
      planted.add(
          "Alice Ng (label logs, "
              + day(0)
              + ", "
              + t1.du.title
              + "): 7 playback events = 4 x 30, 1 x 31, 2 x 32 in 3 episodes: gaps 2.5 s,"
              + " 3.5 s | exactly 10.0 s (new episode) | 3.2 s, 9.7 s across an ADD (same"
              + " episode) | 31.1 s (new episode); first at "
              + Ts.ISO_Z_MILLIS.format(p0)
              + ".");
      s.pause(12.4);
      Label cy = sim.newObject(s, cyc, alice);
      s.l(0, cy);
      s.pause(31.0);
      s.frame = 0;
      Label weather = sim.newClassification(s, p.classifications.get(0), "rain");
      s.l(23, weather);
      s.pause(6.3);
      s.alignSecond();
      long save = s.t;
      s.l(14);
      s.setTime(save + 300_000_000L);
      Label tl = sim.newObject(s, light, alice);
      s.l(0, tl);
      planted.add(
          "Alice Ng (label logs, "
              + day(0)
              + "): a gap of exactly 300 s (= idle-timeout, so active) between the 14 CLICK_SAVE"
              + " at "
              + Ts.ISO_Z_MILLIS.format(save)
              + " and the next 0 ADD.");
      s.pause(8.8);
      s.l(2, tl);
      s.labels().remove(tl);
      for (Label l : s.labels()) {
        s.pause(0.6);
        s.l(28, l);
      }
      s.pause(2.2);
      s.l(11);
      s.pause(1.3);
      s.l(4);
    }

    void brunoV2(Task t2, OutFile l1) {
      Project p = traffic;
      Sim.Session s = sim.session(Fmt.LABEL, bruno, t2, p.annotate, MAIN, at(0, 10, 31, 5.031), l1);
      s.l(3);
      Label first = null;
      for (int i = 0; i < 4; i++) {
        s.think();
        Label o = sim.newObject(s, p.objects.get(i == 2 ? 3 : i % 2), bruno);
        s.l(0, o);
        if (first == null) {
          first = o;
        }
        if (i == 1) {
          s.think();
          o.coords = sim.coords(o.feature.shape);
          s.l(1, o);
        }
      }
      s.quick();
      first.attrValue = "yes";
      s.la(23, first);
      s.quick();
      s.la(25, first);
      first.attrValue = null;
      s.quick();
      s.frame = 1200;
      s.lp(31);
      s.pause(420);
      planted.add(
          "Bruno Costa (label logs, "
              + day(0)
              + "): a 420 s idle gap (> 300 s) after a 31 BITRATE_WARNING_SHOWN.");
      Label w = sim.newClassification(s, p.classifications.get(0), "sunny");
      s.l(23, w);
      s.quick();
      s.l(14);
      for (Label l : s.labels()) {
        s.pause(0.5 + r.nextDouble());
        s.l(28, l);
      }
      s.quick();
      s.l(11);
      s.quick();
      s.l(4);
    }

    void ritaReviewsV1(Task t1, OutFile e1) {
      Project p = traffic;
      List<Label> ls = t1.labels(MAIN);
      Label cyclist = null;
      for (Label l : ls) {
        if (!l.cls && l.feature.name.equals("Cyclist")) {
          cyclist = l;
        }
      }
      cyclist.status = FORCE_REJECT;
      Sim.Session s = sim.session(Fmt.EDITOR, rita, t1, p.review, MAIN, startAt(1, 9, 15), e1);
      sim.edReview(s, 0.0);
      planted.add(
          "Label "
              + cyclist.hash
              + " was created in label logs on "
              + day(0)
              + " (identifier) and is rejected, then approved in editor logs on "
              + day(1)
              + " (object_hash); rejection attributed to Alice Ng.");
      s = sim.session(Fmt.EDITOR, alice, t1, p.annotate, MAIN, startAt(1, 10, 5), e1);
      s.e("ENTER_EDITOR");
      s.think();
      s.e("ENTER_EDIT_MODE");
      s.quick();
      sim.edUpdate(s, cyclist, 1);
      s.quick();
      s.e("EXIT_EDIT_MODE");
      s.think();
      sim.edUpdate(s, cyclist, 0);
      cyclist.status = PENDING;
      s.quick();
      s.e("SAVE_TASK", ei("saveType", "autosave", "success", true));
      s.quick();
      s.e("SUBMIT_TASK", ei("labels", Sim.hashes(ls)));
      s = sim.session(Fmt.EDITOR, rita, t1, p.review, MAIN, startAt(1, 11, 2), e1);
      s.e("ENTER_EDITOR");
      s.reviewGap();
      s.e("APPROVE_OBJECT", cyclist, ei("isConsensus", false, "previousAction", "REJECT"));
      cyclist.status = APPROVED;
      Label car2 = ls.get(1);
      s.reviewGap();
      s.e("REVERT_TO_PENDING_OBJECT", car2, ei("isConsensus", false, "previousAction", "APPROVE"));
      s.quick();
      s.e("APPROVE_OBJECT", car2, ei("isConsensus", false, "previousAction", "REOPEN"));
      s.quick();
      s.e("APPROVE_TASK", ei("approvedLabelHashes", Sim.hashes(ls), "isConsensus", false));
      s = sim.session(Fmt.EDITOR, tom, t1, p.done, MAIN, startAt(1, 13, 40), e1);
      s.viewMode = true;
      s.e("ENTER_EDITOR");
      Task t3view = task(videos.get(2));
      s = sim.session(Fmt.EDITOR, tom, t3view, p.annotate, MAIN, startAt(1, 13, 52), e1);
      s.viewMode = true;
      s.e("ENTER_EDITOR");
    }

    void labelReviewV2(Task t2, OutFile l2) {
      Project p = traffic;
      List<Label> ls = t2.labels(MAIN);
      ls.get(1).status = FORCE_REJECT;
      Sim.Session s = sim.session(Fmt.LABEL, sam, t2, p.review, MAIN, startAt(1, 9, 0), l2);
      s.l(3);
      for (Label l : ls) {
        s.reviewGap();
        boolean rej = l.status == FORCE_REJECT || l.cls;
        s.l(l.cls ? (rej ? 27 : 26) : (rej ? 13 : 12), l);
        l.status = rej ? REJECTED : APPROVED;
      }
      s.quick();
      s.l(34);
      s.quick();
      s.l(4);
      s = sim.session(Fmt.LABEL, bruno, t2, p.annotate, MAIN, startAt(1, 10, 12), l2);
      sim.llRework(s);
      s = sim.session(Fmt.LABEL, sam, t2, p.review, MAIN, startAt(1, 11, 30), l2);
      sim.llReview(s, 0.0);
    }

    void chenV3(Task t3, OutFile e2) {
      Project p = traffic;
      Sim.Session s = sim.session(Fmt.EDITOR, chen, t3, p.annotate, MAIN, startAt(2, 9, 10), e2);
      s.e("ENTER_EDITOR");
      s.quick();
      List<Label> agent = new ArrayList<>();
      agent.add(sim.newObject(s, p.objects.get(0), null));
      agent.add(sim.newObject(s, p.objects.get(0), null));
      agent.add(sim.newObject(s, p.objects.get(2), null));
      s.e("RUN_AGENT", sim.agentInfo(agent, true));
      s.think();
      sim.edUpdate(s, agent.get(0), 0);
      s.think();
      sim.edUpdate(s, agent.get(1), 2);
      s.think();
      sim.edUpdate(s, agent.get(0), 3);
      s.think();
      sim.edUpdate(s, agent.get(2), 1);
      s.think();
      s.e("ENTER_EDIT_MODE");
      s.quick();
      Label pd = sim.newObject(s, p.objects.get(1), chen);
      s.e("CREATE_OBJECT", pd, ei("coordinates", pd.coords));
      s.quick();
      s.e("EXIT_EDIT_MODE");
      s.think();
      s.e("ENTER_EDIT_MODE");
      s.quick();
      Label cy = sim.newObject(s, p.objects.get(2), chen);
      s.e("CREATE_OBJECT", cy, ei("coordinates", cy.coords));
      s.quick();
      s.e("EXIT_EDIT_MODE");
      s.quick();
      s.e("SAVE_TASK", ei("saveType", "autosave", "success", true));
      s.think();
      Label gone = agent.get(2);
      s.e(
          "DELETE_OBJECT",
          gone,
          ei("classifications", Sim.attrMap(p, gone), "coordinates", gone.coords));
      s.labels().remove(gone);
      s.think();
      s.frame = 0;
      Label w = sim.newClassification(s, p.classifications.get(0), "rain");
      s.e(
          "CREATE_ATTRIBUTE",
          w,
          ei("classifications", Sim.clsMap(w.feature, w.value, w.nestedValue)));
      s.think();
      Map<String, Object> old = Sim.clsMap(w.feature, w.value, w.nestedValue);
      w.value = "overcast";
      w.nestedValue = null;
      s.e(
          "UPDATE_ATTRIBUTE",
          w,
          ei(
              "oldValue",
              old,
              "newValue",
              Sim.clsMap(w.feature, w.value, null),
              "lastEditedBy",
              chen.hash));
      s.think();
      Label tod = sim.newClassification(s, p.classifications.get(1), "dusk");
      s.e("CREATE_ATTRIBUTE", tod, ei("classifications", Sim.clsMap(tod.feature, tod.value, null)));
      s.think();
      List<List<Integer>> oldRange = Sim.ranges(tod.ranges);
      tod.ranges = new int[][] {{0, t3.du.frames / 2}};
      s.e(
          "UPDATE_ATTRIBUTE",
          tod,
          ei("oldRange", oldRange, "newRange", Sim.ranges(tod.ranges), "lastEditedBy", chen.hash));
      s.think();
      s.e("DELETE_ATTRIBUTE", tod, ei("classifications", Sim.clsMap(tod.feature, tod.value, null)));
      s.labels().remove(tod);
      s.quick();
      s.e("SAVE_TASK", ei("saveType", "manual", "success", false));
      s.quick();
      s.e("FORCE_OVERWRITE");
      s.quick();
      s.e("SAVE_TASK", ei("saveType", "manual", "success", true));
      s.quick();
      s.e("SUBMIT_TASK", ei("labels", Sim.hashes(s.labels())));
    }

    void danaNight(Task t4, OutFile l5) {
      Project p = traffic;
      Sim.Session s = sim.session(Fmt.LABEL, dana, t4, p.annotate, MAIN, at(3, 23, 38, 4.117), l5);
      s.l(3);
      for (int i = 0; i < 3; i++) {
        s.pause(40 + r.nextInt(200));
        Label o = sim.newObject(s, p.objects.get(i % 3), dana);
        s.l(0, o);
        s.pause(5 + r.nextInt(60));
        o.coords = sim.coords(o.feature.shape);
        s.l(1, o);
      }
      s.setTime(at(3, 23, 59, 57));
      s.frame = 1500;
      s.lp(30);
      s.setTime(at(4, 0, 0, 2.4));
      s.lp(31);
      s.setTime(at(4, 0, 0, 31));
      s.frame = 40;
      s.lp(32);
      planted.add(
          "Dana Okafor (label logs, "
              + t4.du.title
              + "): playback at 23:59:57Z and 00:00:02.4Z form one episode counted on "
              + day(3)
              + "; the 32 at 00:00:31Z starts a new episode on "
              + day(4)
              + ". The file's +02:00 timestamps put these on local date "
              + day(4)
              + ".");
      for (int i = 0; i < 2; i++) {
        s.think();
        Label o = sim.newObject(s, p.objects.get(3), dana);
        s.l(0, o);
      }
      s.think();
      s.frame = 0;
      Label tod = sim.newClassification(s, p.classifications.get(1), "night");
      s.l(23, tod);
      s.quick();
      s.l(14);
      s.quick();
      s.l(11);
      s.quick();
      s.l(4);
    }

    void ritaClassificationDance(Sim.Session s) {
      List<Label> ls = s.task.labels(MAIN);
      Label cls = null;
      List<Label> approved = new ArrayList<>();
      s.e("ENTER_EDITOR");
      for (Label l : ls) {
        if (l.cls) {
          cls = l;
          continue;
        }
        s.reviewGap();
        s.e("APPROVE_OBJECT", l, ei("isConsensus", false));
        approved.add(l);
      }
      Map<String, Object> cm = Sim.clsMap(cls.feature, cls.value, cls.nestedValue);
      s.reviewGap();
      s.e("REJECT_CLASSIFICATION", cls, ei("classifications", cm, "isConsensus", false));
      s.think();
      s.e(
          "REVERT_TO_PENDING_CLASSIFICATION",
          cls,
          ei("classifications", cm, "isConsensus", false, "previousAction", "REJECT"));
      s.quick();
      s.e(
          "APPROVE_CLASSIFICATION",
          cls,
          ei("classifications", cm, "isConsensus", false, "previousAction", "REOPEN"));
      approved.add(cls);
      s.quick();
      s.e("APPROVE_TASK", ei("approvedLabelHashes", Sim.hashes(approved), "isConsensus", false));
    }

    void apiPages(Task t3, Task t10, OutFile e7a, OutFile e7b) {
      Project p = traffic;
      DataUnit v10 = t10.du;
      Sim.Session sys =
          sim.session(Fmt.EDITOR, null, t10, p.annotate, MAIN, startAt(4, 12, 40), e7a);
      List<Label> drafts = new ArrayList<>();
      drafts.add(sim.newObject(sys, p.objects.get(0), null));
      sys.e("RUN_AGENT", sim.agentInfo(drafts, true));
      planted.add(
          "A RUN_AGENT on "
              + v10.title
              + " without actor_user_id/actor_user_email (a workflow agent stage): counts under"
              + " user 'unknown'.");

      List<Label> ls = t3.labels(MAIN);
      for (Label l : ls) {
        if (!l.cls && l.creator == null && l.status == PENDING) {
          l.status = FORCE_REJECT;
          break;
        }
      }
      Sim.Session s = sim.session(Fmt.EDITOR, sam, t3, p.review, MAIN, startAt(4, 13, 0), e7a);
      sim.edReview(s, 0.0);
      planted.add(
          "Reviews of agent-created objects on "
              + t3.du.title
              + " (RUN_AGENT objectHashes, no CREATE_OBJECT): annotator 'unknown'.");
      Rec last = e7a.recs.get(e7a.recs.size() - 1);
      e7b.copy(last.ev(), e7b.style);
      s = sim.session(Fmt.EDITOR, chen, t3, p.annotate, MAIN, startAt(4, 14, 0), e7b);
      sim.edRework(s);
      s = sim.session(Fmt.EDITOR, sam, t3, p.review, MAIN, startAt(4, 15, 10), e7b);
      sim.edReview(s, 0.0);
      s = sim.session(Fmt.EDITOR, bruno, t10, p.annotate, MAIN, startAt(4, 16, 0), e7b);
      s.e("ENTER_EDITOR");
      s.think();
      s.e("SKIP_TASK", ei("skipReason", "Video freezes after frame 1200, cannot label"));
    }

    void badFiles(Task t10, DataUnit v11) {
      Project p = traffic;
      OutFile bad =
          file(
              "bad/mixed.jsonl",
              Shape.JSONL,
              Style.snake(Ts.ISO_Z_MILLIS),
              "bad input mixed with valid events: 6 quarantine-worthy records (non-JSON line,"
                  + " truncated JSON line, {\"foo\": 1}, label event with unparseable created_at,"
                  + " editor event without timestamp, editor event with unparseable timestamp), a"
                  + " label event without log_hash (kept, with an id derived from its content) and"
                  + " 3 valid events with unknown actions (label codes 18 and 99, editor"
                  + " NEW_FANCY_ACTION)");
      Buffer eb = new Buffer();
      Sim.Session s = sim.session(Fmt.EDITOR, eva, t10, p.annotate, MAIN, at(4, 17, 20, 3.75), eb);
      s.e("NEW_FANCY_ACTION", ei("fancyLevel", 3));
      s.think();
      s.e("EXIT_EDIT_MODE");
      s.quick();
      s.e("SAVE_TASK", ei("saveType", "autosave", "success", true));
      Buffer cb = new Buffer();
      s = sim.session(Fmt.LABEL, chen, t10, p.annotate, MAIN, startAt(4, 18, 0), cb);
      s.l(3);
      s.think();
      Label a = sim.newObject(s, p.objects.get(0), chen);
      s.l(0, a);
      s.quick();
      s.l(18);
      s.think();
      Label b = sim.newObject(s, p.objects.get(1), chen);
      s.l(0, b);
      s.quick();
      s.l(99);
      s.think();
      s.l(1, a);
      s.quick();
      s.l(11);
      s.quick();
      s.l(4);

      Style st = bad.style;
      bad.accept(cb.evs.get(0));
      bad.accept(cb.evs.get(1));
      bad.raw("this is not JSON: export aborted (HTTP 504 from upstream)", "not JSON");
      bad.accept(cb.evs.get(2));
      Ev noHash = cb.evs.get(3);
      noHash.micros = st.ts().quantize(noHash.micros);
      LinkedHashMap<String, Object> m = render(noHash, st);
      m.remove("log_hash");
      bad.asWritten(noHash, m);
      bad.accept(cb.evs.get(4));
      bad.raw("{\"foo\": 1}", "object matching neither format");
      Ev badTs = cb.evs.get(5);
      m = render(badTs, st);
      m.put("created_at", day(4) + "T25:61:00Z");
      bad.bad(m, "unparseable created_at");
      bad.accept(cb.evs.get(6));
      bad.accept(cb.evs.get(7));
      bad.accept(eb.evs.get(0));
      m = render(eb.evs.get(1), st);
      m.remove("timestamp");
      bad.bad(m, "editor event without timestamp");
      m = render(eb.evs.get(2), st);
      m.put("timestamp", "last Tuesday around 5pm");
      bad.bad(m, "unparseable timestamp");
      String line = jsonText(COMPACT, render(cb.evs.get(7), st));
      bad.raw(line.substring(0, line.length() / 2), "truncated JSON (not JSON)");
      planted.add(
          "bad/mixed.jsonl: valid events with unknown actions: label codes 18 and 99 (Chen Wei, "
              + t10.du.title
              + ") and editor NEW_FANCY_ACTION (Eva Lindqvist); they take part in active time.");

      // A dump that crashed half-way through a pretty-printed array, re-run in JSON Lines mode.
      OutFile trunc =
          file(
              "bad/truncated-array-then-jsonl.json",
              Shape.RAW,
              Style.snake(Ts.ISO_Z_MILLIS),
              "neither one JSON document nor valid JSON Lines: a pretty-printed array cut off"
                  + " mid-object (each of its non-blank lines is quarantined), followed by 4"
                  + " valid JSON Lines events appended by a re-run (kept)");
      Buffer db = new Buffer();
      Task t11 = task(v11);
      s = sim.session(Fmt.LABEL, dana, t11, p.annotate, MAIN, startAt(4, 19, 0), db);
      sim.llAnnotate(s, 2, false, false);
      List<Ev> evs = db.evs;
      List<Object> lost = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        evs.get(i).micros = trunc.style.ts().quantize(evs.get(i).micros);
        lost.add(render(evs.get(i), trunc.style));
      }
      String pretty = jsonText(PRETTY, lost);
      String[] lines = pretty.split("\n");
      int cut = 0;
      int objects = 0;
      while (cut < lines.length) {
        if (lines[cut].equals("  {") && ++objects == 2) {
          cut += 5;
          break;
        }
        cut++;
      }
      StringBuilder prefix = new StringBuilder();
      for (int i = 0; i < cut; i++) {
        prefix.append(lines[i]).append('\n');
      }
      trunc.rawPrefix = prefix.toString();
      trunc.rawPrefixReason = "line of a truncated pretty-printed array";
      for (int i = evs.size() - 4; i < evs.size(); i++) {
        trunc.accept(evs.get(i));
      }

      OutFile html =
          file(
              "bad/api-error-page.json",
              Shape.RAW,
              Style.snake(Ts.ISO_Z),
              "not JSON at all: an HTML 502 page saved as .json (3 lines, each quarantined)");
      html.rawPrefix =
          "<html><head><title>502 Bad Gateway</title></head>\n"
              + "<body><center><h1>502 Bad Gateway</h1></center></body>\n"
              + "</html>\n";
      html.rawPrefixReason = "not JSON";
    }

    // ---- writing

    byte[] content(OutFile f) throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      switch (f.shape) {
        case JSONL, RAW -> {
          b.write(f.rawPrefix.getBytes(StandardCharsets.UTF_8));
          for (int i = 0; i < f.recs.size(); i++) {
            if (f.blankLines && (i == 0 || i % 7 == 3)) {
              b.write('\n');
            }
            b.write(line(f.recs.get(i)));
            b.write('\n');
          }
          if (f.blankLines) {
            b.write('\n');
          }
        }
        case ARRAY -> {
          b.write(json(PRETTY, events(f)));
          b.write('\n');
        }
        case LOGS -> {
          b.write(json(PRETTY, ei("logs", events(f))));
          b.write('\n');
        }
        case RESULTS -> {
          b.write(json(COMPACT, ei("results", events(f), "nextPageToken", f.pageToken)));
          b.write('\n');
        }
        case LAST_PAGE -> {
          b.write(json(COMPACT, ei("results", events(f))));
          b.write('\n');
        }
        case RESPONSE -> {
          b.write(json(COMPACT, ei("status", 200, "response", events(f))));
          b.write('\n');
        }
        default -> throw new IllegalStateException();
      }
      byte[] bytes = b.toByteArray();
      if (!f.gzip) {
        return bytes;
      }
      ByteArrayOutputStream z = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(z)) {
        gz.write(bytes);
      }
      return z.toByteArray();
    }

    static byte[] line(Rec r) {
      if (r.raw() != null) {
        return r.raw().getBytes(StandardCharsets.UTF_8);
      }
      return json(COMPACT, r.bad() != null ? r.bad() : render(r.ev(), r.style()));
    }

    static List<Object> events(OutFile f) {
      List<Object> out = new ArrayList<>();
      for (Rec r : f.recs) {
        out.add(r.bad() != null ? r.bad() : render(r.ev(), r.style()));
      }
      return out;
    }

    /**
     * Empties {@code --out} when it holds an earlier samples tree (recognised by its MANIFEST.md),
     * so that renamed files do not linger; refuses any other non-empty directory.
     */
    static void prepareOut(Path out) throws IOException {
      if (!Files.exists(out)) {
        return;
      }
      try (Stream<Path> children = Files.list(out)) {
        if (children.findAny().isEmpty()) {
          return;
        }
      }
      Path manifest = out.resolve("MANIFEST.md");
      if (!Files.isRegularFile(manifest)
          || !Files.readString(manifest).startsWith(MANIFEST_TITLE)) {
        throw new RefusedException(
            out + " is not empty and holds no samples MANIFEST.md; refusing to overwrite it");
      }
      List<Path> doomed;
      try (Stream<Path> all = Files.walk(out)) {
        doomed = all.filter(x -> !x.equals(out)).sorted(Comparator.reverseOrder()).toList();
      }
      for (Path x : doomed) {
        Files.delete(x);
      }
    }

    void write() throws IOException {
      prepareOut(o.out);
      Files.createDirectories(o.out);
      files.sort((a, b) -> a.path.compareTo(b.path));
      for (OutFile f : files) {
        Path p = o.out.resolve(f.path);
        Files.createDirectories(p.getParent());
        byte[] bytes = content(f);
        Files.write(p, bytes);
        f.bytes = bytes.length;
      }
      String manifest = manifest();
      Files.write(o.out.resolve("MANIFEST.md"), manifest.getBytes(StandardCharsets.UTF_8));
      long total = 0;
      for (OutFile f : files) {
        total += f.bytes;
      }
      System.err.printf(
          Locale.ROOT,
          "samples: %d files + MANIFEST.md, %d bytes, in %s%n",
          files.size(),
          total,
          o.out);
    }

    String manifest() {
      Set<String> seen = new HashSet<>();
      StringBuilder rows = new StringBuilder();
      long[] tot = new long[6];
      TreeMap<String, Integer> labelActions = new TreeMap<>();
      TreeMap<String, Integer> editorActions = new TreeMap<>();
      TreeMap<String, Integer> quarantineReasons = new TreeMap<>();
      List<String> dupIds = new ArrayList<>();
      for (OutFile f : files) {
        long records = 0;
        long events = 0;
        long dups = 0;
        long quarantine = 0;
        long unknown = 0;
        TreeMap<Integer, Ts> forms = new TreeMap<>();
        if (!f.rawPrefix.isEmpty()) {
          for (String ln : f.rawPrefix.split("\n")) {
            if (!ln.isBlank()) {
              records++;
              quarantine++;
              quarantineReasons.merge(f.rawPrefixReason, 1, Integer::sum);
            }
          }
        }
        for (Rec r : f.recs) {
          records++;
          if (r.ev() == null) {
            quarantine++;
            quarantineReasons.merge(r.reason(), 1, Integer::sum);
            continue;
          }
          forms.put(r.style().ts().ordinal(), r.style().ts());
          if (!seen.add(r.ev().id())) {
            dups++;
            dupIds.add(r.ev().id());
            continue;
          }
          events++;
          String known = knownAction(r.ev());
          if (known == null) {
            unknown++;
          }
          String key =
              r.ev().fmt == Fmt.LABEL
                  ? String.format(
                      Locale.ROOT,
                      "%02d %s",
                      (Integer) r.ev().f.get("action"),
                      known == null ? "(unknown)" : known)
                  : r.ev().action() + (known == null ? " (unknown)" : "");
          (r.ev().fmt == Fmt.LABEL ? labelActions : editorActions).merge(key, 1, Integer::sum);
          tot[r.ev().fmt == Fmt.LABEL ? 4 : 5]++;
        }
        tot[0] += records;
        tot[1] += events;
        tot[2] += dups;
        tot[3] += quarantine;
        StringBuilder fs = new StringBuilder();
        for (Ts t : forms.values()) {
          fs.append(fs.length() == 0 ? "" : "; ").append(t.description);
        }
        String format =
            f.path.startsWith("label-logs")
                ? "label logs"
                : f.path.startsWith("editor-logs") ? "editor logs" : "bad input";
        rows.append(
            String.format(
                Locale.ROOT,
                "| `%s` | %d | %s | %s%s | %s | %s | %d | %d | %d | %d | %s |%n",
                f.path,
                f.bytes,
                format,
                f.shape.description,
                f.gzip ? ", gzip" : "",
                f.recs.isEmpty() ? "-" : f.style.keys(),
                fs.length() == 0 ? "-" : fs.toString(),
                records,
                events,
                dups,
                quarantine,
                f.demonstrates + (unknown > 0 ? " (" + unknown + " unknown-action events)" : "")));
      }
      StringBuilder m = new StringBuilder();
      m.append(MANIFEST_TITLE).append("\n\n");
      m.append(
          "Generated by `scripts/generate-samples.sh` (`SampleGenerator --mode samples --seed "
              + o.seed
              + " --start-date "
              + o.startDate
              + "`); do not edit by hand, regenerate. Same seed, same bytes.\n\n");
      m.append(
          "Counting rule (inputs.md): every record is exactly one of a new event, a duplicate"
              + " of an event already read (same `log_hash`/`id`, or for a record without one the"
              + " same content; the first copy in path order, then record order, counts as the"
              + " event), or a quarantined record. Records of a"
              + " JSON array or envelope are its elements; records of a file that is neither one"
              + " JSON document nor valid JSON Lines are its non-blank lines. Blank lines are not"
              + " records.\n\n");
      m.append("## Totals\n\n");
      m.append("| records | events | duplicates | quarantined | label-log events |");
      m.append(" editor-log events |\n|---|---|---|---|---|---|\n");
      m.append(
          String.format(
              Locale.ROOT,
              "| %d | %d | %d | %d | %d | %d |%n%n",
              tot[0],
              tot[1],
              tot[2],
              tot[3],
              tot[4],
              tot[5]));
      m.append("Quarantine reasons: ");
      StringBuilder qr = new StringBuilder();
      for (Map.Entry<String, Integer> e : quarantineReasons.entrySet()) {
        qr.append(qr.length() == 0 ? "" : ", ").append(e.getKey()).append(" ").append(e.getValue());
      }
      m.append(qr).append(".\n\n");
      m.append("## Files\n\n");
      m.append(
          "| file | bytes | format | shape | keys | timestamps | records | events | duplicates |"
              + " quarantined | demonstrates |\n");
      m.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
      m.append(rows).append('\n');
      m.append("## Planted cases\n\n");
      for (String p : planted) {
        m.append("- ").append(p).append('\n');
      }
      m.append(
          "- Duplicated event ids ("
              + dupIds.size()
              + "): 4 label-log events of day 0 repeated in camelCase, 10 editor events repeated"
              + " in camelCase, 1 editor event repeated across API pages, every 06:00-12:00Z"
              + " event of the overlapping label-log export windows, and 6 documentation-style"
              + " label-log events without ids re-exported by the SDK.\n");
      m.append('\n');
      m.append("## Events per action (unique events)\n\n");
      m.append("| label-log action | events |\n|---|---|\n");
      for (Map.Entry<String, Integer> e : labelActions.entrySet()) {
        m.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" |\n");
      }
      m.append("\n| editor-log action | events |\n|---|---|\n");
      for (Map.Entry<String, Integer> e : editorActions.entrySet()) {
        m.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" |\n");
      }
      m.append("\n## People\n\n| name | user hash | email | role |\n|---|---|---|---|\n");
      for (User u : List.of(alice, bruno, chen, dana, eva, rita, sam, tom)) {
        m.append(
            String.format(
                Locale.ROOT, "| %s | `%s` | %s | %s |%n", u.name, u.hash, u.email, u.role));
      }
      m.append(
          String.format(
              Locale.ROOT,
              "| %s | none in any export: user `email:%s` | %s | %s |%n",
              yuki.name,
              yuki.email.toLowerCase(Locale.ROOT),
              yuki.email,
              yuki.role));
      m.append("\n## Data units\n\n| title | data hash | type | frames |\n|---|---|---|---|\n");
      List<DataUnit> all = new ArrayList<>(videos);
      all.addAll(images);
      for (DataUnit du : all) {
        m.append(
            String.format(
                Locale.ROOT,
                "| %s | `%s` | %s | %d |%n",
                du.title,
                du.hash,
                du.p.video ? "video" : "image",
                du.frames));
      }
      return m.toString();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Bench mode

  static final class Bench {
    static final String[] FIRST = {
      "alex", "maria", "li", "omar", "sofia", "jonas", "priya", "kenji", "amara", "lucas", "nina",
      "tariq", "elena", "mateo", "yuki", "fatima", "ivan", "chloe", "diego", "hana", "samuel",
      "leila", "noah", "zara", "felix"
    };
    static final String[] LAST = {
      "smith", "garcia", "chen", "haddad", "rossi", "berg", "sharma", "tanaka", "okoye", "silva",
      "novak", "aziz", "popescu", "moreno", "sato", "rahman", "petrov", "martin", "lopez", "kim"
    };
    static final String[] SKIP_REASONS = {
      "Video does not load",
      "Image is blurry",
      "Wrong dataset",
      "Not sure about the ontology",
      "Duplicate of another task"
    };
    static final Ts[] BENCH_TS = Ts.values();

    final Options o;
    final Random r;
    final Sim sim;
    final List<Project> projects = new ArrayList<>();
    final List<User> users = new ArrayList<>();
    final ArrayDeque<Task> reviewQueue = new ArrayDeque<>();
    final ArrayDeque<Task> consensusReviewQueue = new ArrayDeque<>();
    final List<Task> openConsensus = new ArrayList<>();
    final ArrayDeque<Task> done = new ArrayDeque<>();
    DayWriter labelW;
    DayWriter editorW;
    long dayBudget;
    long dayWritten;
    long labelRecords;
    long totalRecords;
    long events;
    long dups;
    long bad;
    long unknown;
    long bytes;
    int files;

    Bench(Options o) {
      this.o = o;
      this.r = new Random(o.seed);
      this.sim = new Sim(r);
    }

    void world() {
      projects.add(project(sim, "Urban traffic video", "Traffic cams", true, false));
      projects.add(project(sim, "Retail shelf audit", "Store audits", false, false));
      projects.add(project(sim, "Drone inspections", "Drone flights", true, false));
      projects.add(project(sim, "Retail shelf consensus", "Store audits (consensus)", false, true));
      projects.add(project(sim, "Sports tracking consensus", "Match footage", true, true));
      for (int i = 0; i < o.users; i++) {
        String name = FIRST[i % FIRST.length] + "." + LAST[(i / FIRST.length) % LAST.length];
        String email =
            name + (i >= FIRST.length * LAST.length ? String.valueOf(i) : "") + "@labelco.example";
        int k = i % 20;
        String role =
            i == 0 || k < 13
                ? "ANNOTATOR"
                : k < 17 ? "REVIEWER" : k < 19 ? "ANNOTATOR_REVIEWER" : "TEAM_MANAGER";
        users.add(new User(sim.b62(28), email, role, name));
      }
    }

    Task newTask(Project p) {
      int n = p.nextUnit++;
      String title =
          p.video
              ? String.format(Locale.ROOT, "clip_%06d.mp4", n)
              : String.format(Locale.ROOT, "img_%06d.jpg", n);
      DataUnit du = new DataUnit(p, sim.uuid(), title, p.video ? 300 + r.nextInt(5000) : 1);
      return new Task(du, sim.uuid());
    }

    final class DayWriter implements Sink {
      final Path path;
      final OutputStream out;
      final Style style;
      final Fmt fmt;
      final ArrayDeque<byte[]> ring;

      DayWriter(Path path, Style style, Fmt fmt, ArrayDeque<byte[]> ring) throws IOException {
        this.path = path;
        this.style = style;
        this.fmt = fmt;
        this.ring = ring;
        Files.createDirectories(path.getParent());
        this.out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
        files++;
      }

      @Override
      public void accept(Ev e) {
        if (dayWritten >= dayBudget) {
          return;
        }
        try {
          if (r.nextDouble() < 0.001) {
            writeLine(badLine(e));
            bad++;
          } else {
            byte[] line = json(COMPACT, render(e, style));
            writeLine(line);
            events++;
            if (knownAction(e) == null) {
              unknown++;
            }
            if (ring.size() == 512) {
              ring.removeFirst();
            }
            ring.addLast(line);
          }
          if (dayWritten < dayBudget && r.nextDouble() < 0.005 && !ring.isEmpty()) {
            int k = r.nextInt(ring.size());
            byte[] copy = null;
            for (byte[] x : ring) {
              if (k-- == 0) {
                copy = x;
                break;
              }
            }
            writeLine(copy);
            dups++;
          }
        } catch (IOException ex) {
          throw new UncheckedIOException(ex);
        }
      }

      private void writeLine(byte[] line) throws IOException {
        out.write(line);
        out.write('\n');
        bytes += line.length + 1;
        dayWritten++;
        totalRecords++;
        if (fmt == Fmt.LABEL) {
          labelRecords++;
        }
      }

      private byte[] badLine(Ev e) {
        LinkedHashMap<String, Object> m = render(e, style);
        String tsKey =
            fmt == Fmt.LABEL ? (style.camel() ? "createdAt" : "created_at") : "timestamp";
        switch (r.nextInt(6)) {
          case 0:
            return "<<< export interrupted: upstream timeout >>>".getBytes(StandardCharsets.UTF_8);
          case 1:
            byte[] full = json(COMPACT, m);
            return Arrays.copyOf(full, full.length / 2);
          case 2:
            return "{\"foo\":1,\"bar\":\"baz\"}".getBytes(StandardCharsets.UTF_8);
          case 3:
            // Without an id it would be an event (with a derived id); a numeric time is not.
            m.put(tsKey, 1714571639);
            return json(COMPACT, m);
          case 4:
            m.remove(tsKey);
            return json(COMPACT, m);
          default:
            m.put(tsKey, "2025-13-45T25:61:00Z");
            return json(COMPACT, m);
        }
      }

      void close() throws IOException {
        out.close();
      }
    }

    final class Worker {
      final User u;
      final int idx;
      long clock;

      Worker(User u, int idx) {
        this.u = u;
        this.idx = idx;
      }
    }

    void run() throws IOException {
      long started = System.nanoTime();
      world();
      ArrayDeque<byte[]> labelRing = new ArrayDeque<>();
      ArrayDeque<byte[]> editorRing = new ArrayDeque<>();
      double perUserDay = (double) o.events / o.days / o.users;
      sim.scale = Math.min(1.0, 8.0 * 3600 / Math.max(1.0, perUserDay * 25));
      for (int d = 0; d < o.days; d++) {
        LocalDate date = o.startDate.plusDays(d);
        dayBudget = o.events / o.days + (d < o.events % o.days ? 1 : 0);
        dayWritten = 0;
        boolean labelCamel = d % 2 == 1;
        Ts labelTs = BENCH_TS[d % BENCH_TS.length];
        Ts editorTs = BENCH_TS[(d + 5) % BENCH_TS.length];
        labelW =
            new DayWriter(
                o.out.resolve("label-logs/day=" + date + "/part-0.jsonl"),
                (labelCamel ? Style.camel(labelTs) : Style.snake(labelTs)),
                Fmt.LABEL,
                labelRing);
        editorW =
            new DayWriter(
                o.out.resolve("editor-logs/day=" + date + "/part-0.jsonl"),
                (labelCamel ? Style.snake(editorTs) : Style.camel(editorTs)),
                Fmt.EDITOR,
                editorRing);
        PriorityQueue<Worker> pq =
            new PriorityQueue<>(
                (a, b) -> a.clock != b.clock ? Long.compare(a.clock, b.clock) : a.idx - b.idx);
        long start = dayStart(date);
        for (int i = 0; i < users.size(); i++) {
          Worker w = new Worker(users.get(i), i);
          w.clock = start + (long) ((6 * 3600 + r.nextInt(4 * 3600)) * 1e6);
          pq.add(w);
        }
        while (dayWritten < dayBudget) {
          Worker w = pq.poll();
          work(w);
          w.clock +=
              r.nextDouble() < 0.15 ? (long) ((310 + r.nextInt(1200)) * 1e6) : sim.thinkMicros();
          pq.add(w);
        }
        labelW.close();
        editorW.close();
        trim();
      }
      double secs = (System.nanoTime() - started) / 1e9;
      System.err.printf(
          Locale.ROOT,
          "bench: files=%d records=%d events=%d duplicates=%d bad=%d unknown_actions=%d"
              + " label_share=%.3f bytes=%d seconds=%.1f records_per_s=%.0f out=%s%n",
          files,
          totalRecords,
          events,
          dups,
          bad,
          unknown,
          totalRecords == 0 ? 0.0 : (double) labelRecords / totalRecords,
          bytes,
          secs,
          totalRecords / Math.max(secs, 1e-9),
          o.out);
    }

    /** Keeps the carried-over queues small. */
    void trim() {
      while (reviewQueue.size() > 5000) {
        reviewQueue.removeFirst();
      }
      while (consensusReviewQueue.size() > 2000) {
        consensusReviewQueue.removeFirst();
      }
      while (done.size() > 500) {
        done.removeFirst();
      }
      for (User u : users) {
        while (u.rework.size() > 20) {
          u.rework.removeFirst();
        }
      }
    }

    Fmt format() {
      double share = totalRecords == 0 ? 0.6 : (double) labelRecords / totalRecords;
      return r.nextDouble() < (share < 0.6 ? 0.8 : 0.4) ? Fmt.LABEL : Fmt.EDITOR;
    }

    Sim.Session session(Fmt fmt, Worker w, Task t, Stage st, String branch) {
      return sim.session(fmt, w.u, t, st, branch, w.clock, fmt == Fmt.LABEL ? labelW : editorW);
    }

    static Task ready(ArrayDeque<Task> q, long now) {
      Task t = q.peekFirst();
      if (t != null && t.readyAt <= now) {
        return q.pollFirst();
      }
      return null;
    }

    void work(Worker w) {
      User u = w.u;
      boolean reviewer =
          u.role.equals("REVIEWER") || (u.role.equals("ANNOTATOR_REVIEWER") && r.nextBoolean());
      if (reviewer) {
        Task t = ready(consensusReviewQueue, w.clock);
        if (t != null) {
          consensusReview(w, t);
          return;
        }
        t = ready(reviewQueue, w.clock);
        if (t != null) {
          review(w, t);
          return;
        }
        if (u.role.equals("REVIEWER")) {
          w.clock += (long) ((300 + r.nextInt(900)) * 1e6);
          return;
        }
      }
      if (u.role.equals("TEAM_MANAGER") && !done.isEmpty() && r.nextDouble() < 0.5) {
        Task t = done.pollFirst();
        Sim.Session s = session(Fmt.EDITOR, w, t, t.du.p.done, MAIN);
        s.viewMode = true;
        s.e("ENTER_EDITOR");
        w.clock = s.t;
        return;
      }
      Task rw = u.rework.peekFirst();
      if (rw != null && rw.readyAt <= w.clock) {
        u.rework.pollFirst();
        Fmt fmt = format();
        Sim.Session s = session(fmt, w, rw, rw.du.p.annotate, MAIN);
        if (fmt == Fmt.LABEL) {
          sim.llRework(s);
        } else {
          sim.edRework(s);
        }
        finishAnnotation(w, s, rw);
        return;
      }
      if (r.nextDouble() < 0.25) {
        Task ct = null;
        for (Task t : openConsensus) {
          if (!t.consensusAnnotators.contains(u)) {
            ct = t;
            break;
          }
        }
        if (ct == null && openConsensus.size() < 40) {
          ct = newTask(projects.get(3 + r.nextInt(2)));
          ct.slots = 2 + r.nextInt(2);
          openConsensus.add(ct);
        }
        if (ct != null) {
          ct.consensusAnnotators.add(u);
          Fmt fmt = format();
          Sim.Session s = session(fmt, w, ct, ct.du.p.annotate, u.branch());
          annotate(s, fmt);
          w.clock = s.t;
          ct.readyAt = Math.max(ct.readyAt, s.t);
          if (ct.consensusAnnotators.size() >= ct.slots) {
            openConsensus.remove(ct);
            consensusReviewQueue.addLast(ct);
          }
          return;
        }
      }
      Task t = newTask(projects.get(r.nextInt(3)));
      Fmt fmt = format();
      Sim.Session s = session(fmt, w, t, t.du.p.annotate, MAIN);
      if (r.nextDouble() < 0.03) {
        if (fmt == Fmt.LABEL) {
          s.l(3);
          s.think();
          s.l(4);
        } else {
          s.e("ENTER_EDITOR");
          s.think();
          s.e("SKIP_TASK", ei("skipReason", SKIP_REASONS[r.nextInt(SKIP_REASONS.length)]));
        }
        w.clock = s.t;
        return;
      }
      annotate(s, fmt);
      finishAnnotation(w, s, t);
    }

    void annotate(Sim.Session s, Fmt fmt) {
      boolean video = s.task.du.p.video;
      int n = video ? 2 + r.nextInt(6) : 3 + r.nextInt(9);
      if (fmt == Fmt.LABEL) {
        sim.llAnnotate(s, n, r.nextDouble() < 0.5, r.nextDouble() < 0.1);
        if (r.nextDouble() < 0.003) {
          s.quick();
          s.l(r.nextBoolean() ? 18 : 99);
        }
      } else {
        int agent = r.nextDouble() < 0.08 ? 1 + r.nextInt(4) : 0;
        sim.edAnnotate(s, n, agent, r.nextDouble() < 0.5, r.nextDouble() < 0.1);
        if (r.nextDouble() < 0.003) {
          s.quick();
          s.e("NEW_FANCY_ACTION", ei("fancyLevel", 1 + r.nextInt(5)));
        }
        if (r.nextDouble() < 0.01) {
          s.quick();
          s.e("FORCE_OVERWRITE");
        }
      }
    }

    void finishAnnotation(Worker w, Sim.Session s, Task t) {
      w.clock = s.t;
      t.annotator = w.u;
      t.readyAt = s.t;
      reviewQueue.addLast(t);
    }

    void review(Worker w, Task t) {
      Fmt fmt = format();
      Sim.Session s = session(fmt, w, t, t.du.p.review, MAIN);
      double pReject = t.reviewed ? 0.03 : 0.08;
      boolean rejected = fmt == Fmt.LABEL ? sim.llReview(s, pReject) : sim.edReview(s, pReject);
      w.clock = s.t;
      if (rejected && t.annotator != null) {
        t.readyAt = s.t;
        t.annotator.rework.addLast(t);
      } else {
        done.addLast(t);
      }
    }

    void consensusReview(Worker w, Task t) {
      Fmt fmt = format();
      Sim.Session s = session(fmt, w, t, t.du.p.review, MAIN);
      List<User> anns = t.consensusAnnotators;
      User winner = anns.get(r.nextInt(anns.size()));
      List<User> agreeing = new ArrayList<>();
      for (User a : anns) {
        if (a == winner || r.nextDouble() < 0.6) {
          agreeing.add(a);
        }
      }
      if (fmt == Fmt.LABEL) {
        sim.llConsensusReview(s, agreeing, winner, r.nextDouble() < 0.15);
      } else {
        double x = r.nextDouble();
        int variant = x < 0.45 ? 0 : x < 0.9 ? 1 : 2;
        Set<User> plain = r.nextDouble() < 0.1 ? Set.of(winner) : Set.of();
        sim.edConsensusReview(s, agreeing, winner, variant, plain);
      }
      w.clock = s.t;
      done.addLast(t);
    }
  }
}
