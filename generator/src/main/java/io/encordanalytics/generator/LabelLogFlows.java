package io.encordanalytics.generator;

import static io.encordanalytics.generator.World.APPROVED;
import static io.encordanalytics.generator.World.FORCE_REJECT;
import static io.encordanalytics.generator.World.MAIN;
import static io.encordanalytics.generator.World.PENDING;
import static io.encordanalytics.generator.World.REJECTED;

import io.encordanalytics.generator.World.Label;
import io.encordanalytics.generator.World.Project;
import io.encordanalytics.generator.World.User;
import io.encordanalytics.vocabulary.LabelLogAction;
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
      LabelLogAction a =
          x < 0.5
              ? LabelLogAction.BUFFERING_OVERLAY_SHOWN
              : x < 0.7
                  ? LabelLogAction.BITRATE_WARNING_SHOWN
                  : LabelLogAction.SEEKING_OVERLAY_SHOWN;
      int frames = s.task.du.frames;
      s.frame =
          a == LabelLogAction.SEEKING_OVERLAY_SHOWN
              ? r.nextInt(frames)
              : Math.min(frames - 1, s.frame + r.nextInt(40));
      s.lp(a);
    }
  }

  void annotate(Session s, int n, boolean classification, boolean deleteOne) {
    Project p = s.task.du.p;
    s.l(LabelLogAction.START);
    for (int i = 0; i < n; i++) {
      s.think();
      Label o = sim.newObject(s, sim.pick(p.objects), s.u);
      s.l(LabelLogAction.ADD, o);
      if (sim.chance(0.35)) {
        s.think();
        o.coords = sim.coords(o.feature.shape);
        s.l(LabelLogAction.EDIT, o);
      }
      if (p.objectAttr != null && sim.chance(0.3)) {
        s.quick();
        o.attrValue = sim.pick(p.objectAttr.values);
        s.la(LabelLogAction.ADD_ATTRIBUTE, o);
        if (sim.chance(0.15)) {
          s.quick();
          o.attrValue = sim.other(p.objectAttr.values, o.attrValue);
          s.la(LabelLogAction.EDIT_ATTRIBUTE, o);
        } else if (sim.chance(0.08)) {
          s.quick();
          s.la(LabelLogAction.DELETE_ATTRIBUTE, o);
          o.attrValue = null;
        }
      }
      if (sim.chance(0.12)) {
        s.quick();
        s.l(LabelLogAction.CLICK_ZOOM);
      }
      if (p.video && sim.chance(0.2)) {
        playback(s, 1 + r.nextInt(4));
      }
      if (sim.chance(0.15)) {
        s.quick();
        s.l(LabelLogAction.CLICK_SAVE);
      }
    }
    if (classification && !p.classifications.isEmpty()) {
      s.think();
      Label c = sim.newClassification(s, p.classifications.get(0), null);
      s.l(LabelLogAction.ADD_ATTRIBUTE, c);
    }
    if (deleteOne) {
      s.think();
      Label d = sim.newObject(s, sim.pick(p.objects), s.u);
      s.l(LabelLogAction.ADD, d);
      s.think();
      s.l(LabelLogAction.DELETE, d);
      s.labels().remove(d);
    }
    s.quick();
    s.l(LabelLogAction.CLICK_SAVE);
    if (sim.chance(0.6)) {
      for (Label l : s.labels()) {
        if (l.creator == s.u) {
          s.pause(0.3 + r.nextDouble());
          s.l(LabelLogAction.SUBMIT_LABEL, l);
        }
      }
    }
    s.quick();
    s.l(LabelLogAction.SUBMIT_TASK);
    s.quick();
    s.l(LabelLogAction.END);
  }

  /**
   * The review decision on a label: on a classification the nested-attribute action, on an object
   * the label action.
   */
  static LabelLogAction decision(Label l, boolean reject) {
    return l.cls
        ? attributeDecision(reject)
        : reject ? LabelLogAction.REJECT_LABEL : LabelLogAction.APPROVE_LABEL;
  }

  static LabelLogAction attributeDecision(boolean reject) {
    return reject
        ? LabelLogAction.REJECT_NESTED_ATTRIBUTE
        : LabelLogAction.APPROVE_NESTED_ATTRIBUTE;
  }

  /** Reviews the task's main-branch labels; returns true when the task was rejected. */
  boolean review(Session s, double pReject) {
    s.l(LabelLogAction.START);
    boolean rejected = false;
    for (Label l : s.task.labels(MAIN)) {
      if (l.status != APPROVED) {
        s.reviewGap();
        boolean rej = l.status == FORCE_REJECT || sim.chance(pReject);
        s.l(decision(l, rej), l);
        l.status = rej ? REJECTED : APPROVED;
        rejected |= rej;
      }
      if (!l.cls && l.attrValue != null && l.attrStatus != APPROVED) {
        s.quick();
        boolean rej = sim.chance(pReject / 2);
        s.la(attributeDecision(rej), l);
        l.attrStatus = rej ? REJECTED : APPROVED;
        rejected |= rej;
      }
    }
    s.quick();
    s.l(rejected ? LabelLogAction.REJECT_TASK : LabelLogAction.APPROVE_TASK);
    s.quick();
    s.l(LabelLogAction.END);
    s.task.reviewed = true;
    return rejected;
  }

  void rework(Session s) {
    Project p = s.task.du.p;
    s.l(LabelLogAction.START);
    for (Label l : s.task.labels(MAIN)) {
      if (l.status == REJECTED) {
        s.think();
        if (l.cls) {
          l.value = sim.other(l.feature.values, l.value);
          s.l(LabelLogAction.EDIT_ATTRIBUTE, l);
        } else {
          l.coords = sim.coords(l.feature.shape);
          s.l(LabelLogAction.EDIT, l);
        }
        l.status = PENDING;
      }
      if (!l.cls && l.attrStatus == REJECTED && p.objectAttr != null) {
        s.quick();
        l.attrValue = sim.other(p.objectAttr.values, l.attrValue);
        s.la(LabelLogAction.EDIT_ATTRIBUTE, l);
        l.attrStatus = PENDING;
      }
    }
    s.quick();
    s.l(LabelLogAction.CLICK_SAVE);
    s.quick();
    s.l(LabelLogAction.SUBMIT_TASK);
    s.quick();
    s.l(LabelLogAction.END);
  }

  /** Consensus review in label logs: 35 per winning label, maybe a 36, 37 per branch. */
  void consensusReview(Session s, List<User> agreeing, User winner, boolean cancelOne) {
    s.l(LabelLogAction.START);
    List<Label> win = s.task.labels(winner.branch());
    for (Label l : win) {
      s.reviewGap();
      s.l(LabelLogAction.CONSENSUS_APPROVE_LABEL, l);
    }
    if (cancelOne && !win.isEmpty()) {
      s.quick();
      s.l(LabelLogAction.CONSENSUS_CANCEL_APPROVE_LABEL, win.get(win.size() - 1));
    }
    for (User a : agreeing) {
      s.pause(0.2 + r.nextDouble() * 0.8);
      s.lBranch(LabelLogAction.CONSENSUS_IN_AGREEMENT, a.branch());
    }
    s.quick();
    s.l(LabelLogAction.END);
  }
}
