package io.encordanalytics.generator;

import static io.encordanalytics.generator.World.APPROVED;
import static io.encordanalytics.generator.World.FORCE_REJECT;
import static io.encordanalytics.generator.World.MAIN;
import static io.encordanalytics.generator.World.PENDING;
import static io.encordanalytics.generator.World.REJECTED;

import io.encordanalytics.generator.World.Label;
import io.encordanalytics.generator.World.Project;
import io.encordanalytics.generator.World.User;
import java.util.List;
import java.util.Random;

/**
 * Work as the label logs record it (actions by code): annotating (with attribute edits, zoom,
 * playback incidents, saves), reviewing label by label, reworking rejected labels, and consensus
 * review. Shared by both modes.
 */
final class LabelLogFlows {
  final Sim sim;
  final Random r;

  LabelLogFlows(Sim sim) {
    this.sim = sim;
    this.r = sim.r;
  }

  void playback(Session s, int n) {
    for (int i = 0; i < n; i++) {
      if (i == 0) {
        s.think();
      } else if (sim.chance(0.8)) {
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

  void annotate(Session s, int n, boolean classification, boolean deleteOne) {
    Project p = s.task.du.p;
    s.l(3);
    for (int i = 0; i < n; i++) {
      s.think();
      Label o = sim.newObject(s, sim.pick(p.objects), s.u);
      s.l(0, o);
      if (sim.chance(0.35)) {
        s.think();
        o.coords = sim.coords(o.feature.shape);
        s.l(1, o);
      }
      if (p.objectAttr != null && sim.chance(0.3)) {
        s.quick();
        o.attrValue = sim.pick(p.objectAttr.values);
        s.la(23, o);
        if (sim.chance(0.15)) {
          s.quick();
          o.attrValue = sim.other(p.objectAttr.values, o.attrValue);
          s.la(24, o);
        } else if (sim.chance(0.08)) {
          s.quick();
          s.la(25, o);
          o.attrValue = null;
        }
      }
      if (sim.chance(0.12)) {
        s.quick();
        s.l(19);
      }
      if (p.video && sim.chance(0.2)) {
        playback(s, 1 + r.nextInt(4));
      }
      if (sim.chance(0.15)) {
        s.quick();
        s.l(14);
      }
    }
    if (classification && !p.classifications.isEmpty()) {
      s.think();
      Label c = sim.newClassification(s, p.classifications.get(0), null);
      s.l(23, c);
    }
    if (deleteOne) {
      s.think();
      Label d = sim.newObject(s, sim.pick(p.objects), s.u);
      s.l(0, d);
      s.think();
      s.l(2, d);
      s.labels().remove(d);
    }
    s.quick();
    s.l(14);
    if (sim.chance(0.6)) {
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
  boolean review(Session s, double pReject) {
    s.l(3);
    boolean rejected = false;
    for (Label l : s.task.labels(MAIN)) {
      if (l.status != APPROVED) {
        s.reviewGap();
        boolean rej = l.status == FORCE_REJECT || sim.chance(pReject);
        s.l(l.cls ? (rej ? 27 : 26) : (rej ? 13 : 12), l);
        l.status = rej ? REJECTED : APPROVED;
        rejected |= rej;
      }
      if (!l.cls && l.attrValue != null && l.attrStatus != APPROVED) {
        s.quick();
        boolean rej = sim.chance(pReject / 2);
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

  void rework(Session s) {
    Project p = s.task.du.p;
    s.l(3);
    for (Label l : s.task.labels(MAIN)) {
      if (l.status == REJECTED) {
        s.think();
        if (l.cls) {
          l.value = sim.other(l.feature.values, l.value);
          s.l(24, l);
        } else {
          l.coords = sim.coords(l.feature.shape);
          s.l(1, l);
        }
        l.status = PENDING;
      }
      if (!l.cls && l.attrStatus == REJECTED && p.objectAttr != null) {
        s.quick();
        l.attrValue = sim.other(p.objectAttr.values, l.attrValue);
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
  void consensusReview(Session s, List<User> agreeing, User winner, boolean cancelOne) {
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
}
