package io.encordanalytics.generator;

import static io.encordanalytics.generator.Json.ei;

import io.encordanalytics.generator.World.DataUnit;
import io.encordanalytics.generator.World.Feature;
import io.encordanalytics.generator.World.Label;
import io.encordanalytics.generator.World.Stage;
import io.encordanalytics.generator.World.Task;
import io.encordanalytics.generator.World.User;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The simulation's one source of randomness (seeded, never the clock): ids, durations of thinking
 * and reviewing, coordinates, and new labels on a session's branch. Every draw goes through {@link
 * #r} in program order, which is what makes a seed give the same bytes.
 */
final class Sim {
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

  Session session(
      LogFormat fmt, User u, Task task, Stage stage, String branch, long start, EventSink sink) {
    return new Session(this, fmt, u, task, stage, branch, start, sink);
  }
}
