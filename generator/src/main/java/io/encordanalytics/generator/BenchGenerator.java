package io.encordanalytics.generator;

import static io.encordanalytics.generator.Json.COMPACT;
import static io.encordanalytics.generator.Json.ei;
import static io.encordanalytics.generator.Json.json;
import static io.encordanalytics.generator.World.MAIN;

import io.encordanalytics.generator.World.DataUnit;
import io.encordanalytics.generator.World.Project;
import io.encordanalytics.generator.World.Stage;
import io.encordanalytics.generator.World.Task;
import io.encordanalytics.generator.World.User;
import io.encordanalytics.vocabulary.EditorAction;
import io.encordanalytics.vocabulary.LabelLogAction;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;

/**
 * Bench mode: {@code --events} records over {@code --days} days by {@code --users} people in five
 * projects, one JSON Lines file per day and format ({@code label-logs/day=YYYY-MM-DD/part-0.jsonl},
 * {@code editor-logs/...}). Each day gets {@code events / days} records (the remainder to the first
 * days) and exactly that many lines are written, duplicates and bad lines included: about 0.5 %
 * duplicate lines (copies of one of the last 512 lines of the format) and 0.1 % bad lines. Key
 * style alternates by day, the timestamp form changes by file, the label-log share is steered to
 * about 60 %. The people work from a priority queue by their clocks: annotating, reviewing,
 * reworking, consensus branches and reviews, skips and view-only visits.
 */
final class BenchGenerator {
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
  static final TimestampForm[] BENCH_TS = TimestampForm.values();

  final Options o;
  final Random r;
  final Sim sim;
  final LabelLogFlows labelLogs;
  final EditorFlows editor;
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

  BenchGenerator(Options o) {
    this.o = o;
    this.r = new Random(o.seed);
    this.sim = new Sim(r);
    this.labelLogs = new LabelLogFlows(sim);
    this.editor = new EditorFlows(sim);
  }

  void world() {
    projects.add(World.project(sim, "Urban traffic video", "Traffic cams", true, false));
    projects.add(World.project(sim, "Retail shelf audit", "Store audits", false, false));
    projects.add(World.project(sim, "Drone inspections", "Drone flights", true, false));
    projects.add(
        World.project(sim, "Retail shelf consensus", "Store audits (consensus)", false, true));
    projects.add(World.project(sim, "Sports tracking consensus", "Match footage", true, true));
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

  final class DayWriter implements EventSink {
    final Path path;
    final OutputStream out;
    final WriteStyle style;
    final LogFormat fmt;
    final ArrayDeque<byte[]> ring;

    DayWriter(Path path, WriteStyle style, LogFormat fmt, ArrayDeque<byte[]> ring)
        throws IOException {
      this.path = path;
      this.style = style;
      this.fmt = fmt;
      this.ring = ring;
      Files.createDirectories(path.getParent());
      this.out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
      files++;
    }

    @Override
    public void accept(LogEvent e) {
      if (dayWritten >= dayBudget) {
        return;
      }
      try {
        if (r.nextDouble() < 0.001) {
          writeLine(badLine(e));
          bad++;
        } else {
          byte[] line = json(COMPACT, EventRenderer.render(e, style));
          writeLine(line);
          events++;
          if (e.knownAction() == null) {
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
      if (fmt == LogFormat.LABEL) {
        labelRecords++;
      }
    }

    private byte[] badLine(LogEvent e) {
      LinkedHashMap<String, Object> m = EventRenderer.render(e, style);
      String tsKey =
          fmt == LogFormat.LABEL ? (style.camel() ? "createdAt" : "created_at") : "timestamp";
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
      TimestampForm labelTs = BENCH_TS[d % BENCH_TS.length];
      TimestampForm editorTs = BENCH_TS[(d + 5) % BENCH_TS.length];
      labelW =
          new DayWriter(
              o.out.resolve("label-logs/day=" + date + "/part-0.jsonl"),
              (labelCamel ? WriteStyle.camel(labelTs) : WriteStyle.snake(labelTs)),
              LogFormat.LABEL,
              labelRing);
      editorW =
          new DayWriter(
              o.out.resolve("editor-logs/day=" + date + "/part-0.jsonl"),
              (labelCamel ? WriteStyle.snake(editorTs) : WriteStyle.camel(editorTs)),
              LogFormat.EDITOR,
              editorRing);
      PriorityQueue<Worker> pq =
          new PriorityQueue<>(
              (a, b) -> a.clock != b.clock ? Long.compare(a.clock, b.clock) : a.idx - b.idx);
      long start = World.dayStart(date);
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

  LogFormat format() {
    double share = totalRecords == 0 ? 0.6 : (double) labelRecords / totalRecords;
    return r.nextDouble() < (share < 0.6 ? 0.8 : 0.4) ? LogFormat.LABEL : LogFormat.EDITOR;
  }

  Session session(LogFormat fmt, Worker w, Task t, Stage st, String branch) {
    return sim.session(fmt, w.u, t, st, branch, w.clock, fmt == LogFormat.LABEL ? labelW : editorW);
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
      Session s = session(LogFormat.EDITOR, w, t, t.du.p.done, MAIN);
      s.viewMode = true;
      s.e(EditorAction.ENTER_EDITOR);
      w.clock = s.t;
      return;
    }
    Task rw = u.rework.peekFirst();
    if (rw != null && rw.readyAt <= w.clock) {
      u.rework.pollFirst();
      LogFormat fmt = format();
      Session s = session(fmt, w, rw, rw.du.p.annotate, MAIN);
      if (fmt == LogFormat.LABEL) {
        labelLogs.rework(s);
      } else {
        editor.rework(s);
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
        LogFormat fmt = format();
        Session s = session(fmt, w, ct, ct.du.p.annotate, u.branch());
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
    LogFormat fmt = format();
    Session s = session(fmt, w, t, t.du.p.annotate, MAIN);
    if (r.nextDouble() < 0.03) {
      if (fmt == LogFormat.LABEL) {
        s.l(LabelLogAction.START);
        s.think();
        s.l(LabelLogAction.END);
      } else {
        s.e(EditorAction.ENTER_EDITOR);
        s.think();
        s.e(EditorAction.SKIP_TASK, ei("skipReason", SKIP_REASONS[r.nextInt(SKIP_REASONS.length)]));
      }
      w.clock = s.t;
      return;
    }
    annotate(s, fmt);
    finishAnnotation(w, s, t);
  }

  void annotate(Session s, LogFormat fmt) {
    boolean video = s.task.du.p.video;
    int n = video ? 2 + r.nextInt(6) : 3 + r.nextInt(9);
    if (fmt == LogFormat.LABEL) {
      labelLogs.annotate(s, n, r.nextDouble() < 0.5, r.nextDouble() < 0.1);
      if (r.nextDouble() < 0.003) {
        s.quick();
        s.lUnknown(r.nextBoolean() ? 18 : 99); // codes outside the vocabulary: unknown actions
      }
    } else {
      int agent = r.nextDouble() < 0.08 ? 1 + r.nextInt(4) : 0;
      editor.annotate(s, n, agent, r.nextDouble() < 0.5, r.nextDouble() < 0.1);
      if (r.nextDouble() < 0.003) {
        s.quick();
        // An action outside the vocabulary.
        s.eUnknown("NEW_FANCY_ACTION", ei("fancyLevel", 1 + r.nextInt(5)));
      }
      if (r.nextDouble() < 0.01) {
        s.quick();
        s.e(EditorAction.FORCE_OVERWRITE);
      }
    }
  }

  void finishAnnotation(Worker w, Session s, Task t) {
    w.clock = s.t;
    t.annotator = w.u;
    t.readyAt = s.t;
    reviewQueue.addLast(t);
  }

  void review(Worker w, Task t) {
    LogFormat fmt = format();
    Session s = session(fmt, w, t, t.du.p.review, MAIN);
    double pReject = t.reviewed ? 0.03 : 0.08;
    boolean rejected =
        fmt == LogFormat.LABEL ? labelLogs.review(s, pReject) : editor.review(s, pReject);
    w.clock = s.t;
    if (rejected && t.annotator != null) {
      t.readyAt = s.t;
      t.annotator.rework.addLast(t);
    } else {
      done.addLast(t);
    }
  }

  void consensusReview(Worker w, Task t) {
    LogFormat fmt = format();
    Session s = session(fmt, w, t, t.du.p.review, MAIN);
    List<User> anns = t.consensusAnnotators;
    User winner = anns.get(r.nextInt(anns.size()));
    List<User> agreeing = new ArrayList<>();
    for (User a : anns) {
      if (a == winner || r.nextDouble() < 0.6) {
        agreeing.add(a);
      }
    }
    if (fmt == LogFormat.LABEL) {
      labelLogs.consensusReview(s, agreeing, winner, r.nextDouble() < 0.15);
    } else {
      double x = r.nextDouble();
      int variant = x < 0.45 ? 0 : x < 0.9 ? 1 : 2;
      Set<User> plain = r.nextDouble() < 0.1 ? Set.of(winner) : Set.of();
      editor.consensusReview(s, agreeing, winner, variant, plain);
    }
    w.clock = s.t;
    done.addLast(t);
  }
}
