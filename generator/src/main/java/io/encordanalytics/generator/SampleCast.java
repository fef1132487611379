package io.encordanalytics.generator;

import static io.encordanalytics.generator.World.FORCE_REJECT;
import static io.encordanalytics.generator.World.MAIN;
import static io.encordanalytics.generator.World.PENDING;

import io.encordanalytics.generator.World.DataUnit;
import io.encordanalytics.generator.World.Label;
import io.encordanalytics.generator.World.Project;
import io.encordanalytics.generator.World.Task;
import io.encordanalytics.generator.World.User;
import io.encordanalytics.vocabulary.LabelLogAction;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The samples' shared cast and stage: the seeded simulation and its flows, the two projects, the
 * people and data units, the files written so far and the planted cases MANIFEST.md lists, and the
 * time helpers of the scripted days (day 0 is {@code --start-date}).
 */
final class SampleCast {
  final Options o;
  final Sim sim;
  final Random r;
  final LocalDate d0;
  final LabelLogFlows labelLogs;
  final EditorFlows editor;
  final List<SampleFile> files = new ArrayList<>();
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

  SampleCast(Options o) {
    this.o = o;
    this.r = new Random(o.seed);
    this.sim = new Sim(r);
    this.d0 = o.startDate;
    this.labelLogs = new LabelLogFlows(sim);
    this.editor = new EditorFlows(sim);
    world();
  }

  long at(int day, int h, int m, double s) {
    return World.dayStart(d0.plusDays(day))
        + (h * 3600L + m * 60L) * 1_000_000L
        + Math.round(s * 1e6);
  }

  /** A label-log action as the planted cases name it: {@code 14 CLICK_SAVE}. */
  static String named(LabelLogAction a) {
    return a.code() + " " + a.name();
  }

  /** A session start: the given minute plus random seconds. */
  long startAt(int day, int h, int m) {
    return at(day, h, m, 0) + r.nextInt(50_000_000);
  }

  String day(int i) {
    return d0.plusDays(i).toString();
  }

  SampleFile file(String path, SampleFile.Shape shape, WriteStyle style, String demonstrates) {
    SampleFile f = new SampleFile(path, shape, style, demonstrates);
    files.add(f);
    return f;
  }

  User user(String name, String email, String role) {
    return new User(sim.b62(28), email, role, name);
  }

  Task task(DataUnit du) {
    return new Task(du, sim.uuid());
  }

  /** The two projects, the eight people and the data units of the samples. */
  private void world() {
    traffic = World.project(sim, "Urban traffic video", "Traffic cams – March 2025", true, false);
    shelves =
        World.project(sim, "Retail shelf consensus", "Store audits Q1 (Épicerie)", false, true);
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

  Task consensusTask(DataUnit du, List<User> annotators) {
    Task t = task(du);
    t.consensusAnnotators.addAll(annotators);
    return t;
  }

  void editorConsensus(Task t, SampleFile f, int day, int[][] starts) {
    Project p = t.du.p;
    for (int i = 0; i < t.consensusAnnotators.size(); i++) {
      User a = t.consensusAnnotators.get(i);
      Session s =
          sim.session(
              LogFormat.EDITOR,
              a,
              t,
              p.annotate,
              a.branch(),
              startAt(day, starts[i][0], starts[i][1]),
              f);
      editor.annotate(s, 2 + (i + day) % 2, 0, true, false);
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
}
