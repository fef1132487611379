package io.encordanalytics.generator;

import static io.encordanalytics.generator.Json.ei;
import static io.encordanalytics.generator.World.APPROVED;
import static io.encordanalytics.generator.World.FORCE_REJECT;
import static io.encordanalytics.generator.World.MAIN;
import static io.encordanalytics.generator.World.PENDING;
import static io.encordanalytics.generator.World.REJECTED;

import io.encordanalytics.generator.World.DataUnit;
import io.encordanalytics.generator.World.Feature;
import io.encordanalytics.generator.World.Label;
import io.encordanalytics.generator.World.Project;
import io.encordanalytics.generator.World.Task;
import io.encordanalytics.generator.World.User;
import io.encordanalytics.vocabulary.EditorAction;
import io.encordanalytics.vocabulary.LabelLogAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples' hand-written sessions: explicit times where the metrics need exact gaps (a gap of
 * exactly 300 s, playback episodes, a night across midnight UTC), scripted rejections, reviews of
 * labels created in the other format, agent-created objects and API pages that overlap. Each adds
 * what it plants to the cast's list for MANIFEST.md.
 */
final class ScriptedSessions {
  private final SampleCast c;

  ScriptedSessions(SampleCast c) {
    this.c = c;
  }

  void aliceV1(Task t1, SampleFile l1) {
    Project p = c.traffic;
    Feature car = p.objects.get(0);
    Feature ped = p.objects.get(1);
    Feature cyc = p.objects.get(2);
    Feature light = p.objects.get(3);
    Session s =
        c.sim.session(LogFormat.LABEL, c.alice, t1, p.annotate, MAIN, c.at(0, 9, 2, 11.482), l1);
    s.l(LabelLogAction.START);
    s.pause(14.2);
    Label car1 = c.sim.newObject(s, car, c.alice);
    s.l(LabelLogAction.ADD, car1);
    s.pause(22.7);
    Label car2 = c.sim.newObject(s, car, c.alice);
    s.l(LabelLogAction.ADD, car2);
    s.pause(9.9);
    car1.coords = c.sim.coords("bounding_box");
    s.l(LabelLogAction.EDIT, car1);
    s.pause(2.1);
    car1.attrValue = "partly";
    s.la(LabelLogAction.ADD_ATTRIBUTE, car1);
    s.pause(3.4);
    s.l(LabelLogAction.CLICK_ZOOM);
    s.pause(17.6);
    s.alignSecond();
    long p0 = s.t;
    s.frame = 212;
    s.lp(LabelLogAction.BUFFERING_OVERLAY_SHOWN);
    s.setTime(p0 + 2_500_000);
    s.frame = 214;
    s.lp(LabelLogAction.BUFFERING_OVERLAY_SHOWN);
    s.setTime(p0 + 6_000_000);
    s.frame = 230;
    s.lp(LabelLogAction.BITRATE_WARNING_SHOWN);
    s.setTime(p0 + 16_000_000);
    s.frame = 640;
    s.lp(LabelLogAction.SEEKING_OVERLAY_SHOWN);
    s.setTime(p0 + 19_200_000);
    s.lp(LabelLogAction.BUFFERING_OVERLAY_SHOWN);
    s.setTime(p0 + 25_000_000);
    Label pd = c.sim.newObject(s, ped, c.alice);
    s.l(LabelLogAction.ADD, pd);
    s.setTime(p0 + 28_900_000);
    s.frame = 655;
    s.lp(LabelLogAction.SEEKING_OVERLAY_SHOWN);
    s.setTime(p0 + 60_000_000);
    s.frame = 700;
    s.lp(LabelLogAction.BUFFERING_OVERLAY_SHOWN);
    c.planted.add(
        "Alice Ng (label logs, "
            + c.day(0)
            + ", "
            + t1.du.title
            + "): 7 playback events = 4 x 30, 1 x 31, 2 x 32 in 3 episodes: gaps 2.5 s,"
            + " 3.5 s | exactly 10.0 s (new episode) | 3.2 s, 9.7 s across an ADD (same"
            + " episode) | 31.1 s (new episode); first at "
            + TimestampForm.ISO_Z_MILLIS.format(p0)
            + ".");
    s.pause(12.4);
    Label cy = c.sim.newObject(s, cyc, c.alice);
    s.l(LabelLogAction.ADD, cy);
    s.pause(31.0);
    s.frame = 0;
    Label weather = c.sim.newClassification(s, p.classifications.get(0), "rain");
    s.l(LabelLogAction.ADD_ATTRIBUTE, weather);
    s.pause(6.3);
    s.alignSecond();
    long save = s.t;
    s.l(LabelLogAction.CLICK_SAVE);
    s.setTime(save + 300_000_000L);
    Label tl = c.sim.newObject(s, light, c.alice);
    s.l(LabelLogAction.ADD, tl);
    c.planted.add(
        "Alice Ng (label logs, "
            + c.day(0)
            + "): a gap of exactly 300 s (= idle-timeout, so active) between the "
            + SampleCast.named(LabelLogAction.CLICK_SAVE)
            + " at "
            + TimestampForm.ISO_Z_MILLIS.format(save)
            + " and the next "
            + SampleCast.named(LabelLogAction.ADD)
            + ".");
    s.pause(8.8);
    s.l(LabelLogAction.DELETE, tl);
    s.labels().remove(tl);
    for (Label l : s.labels()) {
      s.pause(0.6);
      s.l(LabelLogAction.SUBMIT_LABEL, l);
    }
    s.pause(2.2);
    s.l(LabelLogAction.SUBMIT_TASK);
    s.pause(1.3);
    s.l(LabelLogAction.END);
  }

  void brunoV2(Task t2, SampleFile l1) {
    Project p = c.traffic;
    Session s =
        c.sim.session(LogFormat.LABEL, c.bruno, t2, p.annotate, MAIN, c.at(0, 10, 31, 5.031), l1);
    s.l(LabelLogAction.START);
    Label first = null;
    for (int i = 0; i < 4; i++) {
      s.think();
      Label o = c.sim.newObject(s, p.objects.get(i == 2 ? 3 : i % 2), c.bruno);
      s.l(LabelLogAction.ADD, o);
      if (first == null) {
        first = o;
      }
      if (i == 1) {
        s.think();
        o.coords = c.sim.coords(o.feature.shape);
        s.l(LabelLogAction.EDIT, o);
      }
    }
    s.quick();
    first.attrValue = "yes";
    s.la(LabelLogAction.ADD_ATTRIBUTE, first);
    s.quick();
    s.la(LabelLogAction.DELETE_ATTRIBUTE, first);
    first.attrValue = null;
    s.quick();
    s.frame = 1200;
    s.lp(LabelLogAction.BITRATE_WARNING_SHOWN);
    s.pause(420);
    c.planted.add(
        "Bruno Costa (label logs, "
            + c.day(0)
            + "): a 420 s idle gap (> 300 s) after a "
            + SampleCast.named(LabelLogAction.BITRATE_WARNING_SHOWN)
            + ".");
    Label w = c.sim.newClassification(s, p.classifications.get(0), "sunny");
    s.l(LabelLogAction.ADD_ATTRIBUTE, w);
    s.quick();
    s.l(LabelLogAction.CLICK_SAVE);
    for (Label l : s.labels()) {
      s.pause(0.5 + c.r.nextDouble());
      s.l(LabelLogAction.SUBMIT_LABEL, l);
    }
    s.quick();
    s.l(LabelLogAction.SUBMIT_TASK);
    s.quick();
    s.l(LabelLogAction.END);
  }

  void ritaReviewsV1(Task t1, SampleFile e1) {
    Project p = c.traffic;
    List<Label> ls = t1.labels(MAIN);
    Label cyclist = null;
    for (Label l : ls) {
      if (!l.cls && l.feature.name.equals("Cyclist")) {
        cyclist = l;
      }
    }
    cyclist.status = FORCE_REJECT;
    Session s =
        c.sim.session(LogFormat.EDITOR, c.rita, t1, p.review, MAIN, c.startAt(1, 9, 15), e1);
    c.editor.review(s, 0.0);
    c.planted.add(
        "Label "
            + cyclist.hash
            + " was created in label logs on "
            + c.day(0)
            + " (identifier) and is rejected, then approved in editor logs on "
            + c.day(1)
            + " (object_hash); rejection attributed to Alice Ng.");
    s = c.sim.session(LogFormat.EDITOR, c.alice, t1, p.annotate, MAIN, c.startAt(1, 10, 5), e1);
    s.e(EditorAction.ENTER_EDITOR);
    s.think();
    s.e(EditorAction.ENTER_EDIT_MODE);
    s.quick();
    c.editor.update(s, cyclist, 1);
    s.quick();
    s.e(EditorAction.EXIT_EDIT_MODE);
    s.think();
    c.editor.update(s, cyclist, 0);
    cyclist.status = PENDING;
    s.quick();
    s.e(EditorAction.SAVE_TASK, ei("saveType", "autosave", "success", true));
    s.quick();
    s.e(EditorAction.SUBMIT_TASK, ei("labels", EditorFlows.hashes(ls)));
    s = c.sim.session(LogFormat.EDITOR, c.rita, t1, p.review, MAIN, c.startAt(1, 11, 2), e1);
    s.e(EditorAction.ENTER_EDITOR);
    s.reviewGap();
    s.e(EditorAction.APPROVE_OBJECT, cyclist, ei("isConsensus", false, "previousAction", "REJECT"));
    cyclist.status = APPROVED;
    Label car2 = ls.get(1);
    s.reviewGap();
    s.e(
        EditorAction.REVERT_TO_PENDING_OBJECT,
        car2,
        ei("isConsensus", false, "previousAction", "APPROVE"));
    s.quick();
    s.e(EditorAction.APPROVE_OBJECT, car2, ei("isConsensus", false, "previousAction", "REOPEN"));
    s.quick();
    s.e(
        EditorAction.APPROVE_TASK,
        ei("approvedLabelHashes", EditorFlows.hashes(ls), "isConsensus", false));
    s = c.sim.session(LogFormat.EDITOR, c.tom, t1, p.done, MAIN, c.startAt(1, 13, 40), e1);
    s.viewMode = true;
    s.e(EditorAction.ENTER_EDITOR);
    Task t3view = c.task(c.videos.get(2));
    s = c.sim.session(LogFormat.EDITOR, c.tom, t3view, p.annotate, MAIN, c.startAt(1, 13, 52), e1);
    s.viewMode = true;
    s.e(EditorAction.ENTER_EDITOR);
  }

  void labelReviewV2(Task t2, SampleFile l2) {
    Project p = c.traffic;
    List<Label> ls = t2.labels(MAIN);
    ls.get(1).status = FORCE_REJECT;
    Session s = c.sim.session(LogFormat.LABEL, c.sam, t2, p.review, MAIN, c.startAt(1, 9, 0), l2);
    s.l(LabelLogAction.START);
    for (Label l : ls) {
      s.reviewGap();
      boolean rej = l.status == FORCE_REJECT || l.cls;
      s.l(LabelLogFlows.decision(l, rej), l);
      l.status = rej ? REJECTED : APPROVED;
    }
    s.quick();
    s.l(LabelLogAction.REJECT_TASK);
    s.quick();
    s.l(LabelLogAction.END);
    s = c.sim.session(LogFormat.LABEL, c.bruno, t2, p.annotate, MAIN, c.startAt(1, 10, 12), l2);
    c.labelLogs.rework(s);
    s = c.sim.session(LogFormat.LABEL, c.sam, t2, p.review, MAIN, c.startAt(1, 11, 30), l2);
    c.labelLogs.review(s, 0.0);
  }

  void chenV3(Task t3, SampleFile e2) {
    Project p = c.traffic;
    Session s =
        c.sim.session(LogFormat.EDITOR, c.chen, t3, p.annotate, MAIN, c.startAt(2, 9, 10), e2);
    s.e(EditorAction.ENTER_EDITOR);
    s.quick();
    List<Label> agent = new ArrayList<>();
    agent.add(c.sim.newObject(s, p.objects.get(0), null));
    agent.add(c.sim.newObject(s, p.objects.get(0), null));
    agent.add(c.sim.newObject(s, p.objects.get(2), null));
    s.e(EditorAction.RUN_AGENT, c.editor.agentInfo(agent, true));
    s.think();
    c.editor.update(s, agent.get(0), 0);
    s.think();
    c.editor.update(s, agent.get(1), 2);
    s.think();
    c.editor.update(s, agent.get(0), 3);
    s.think();
    c.editor.update(s, agent.get(2), 1);
    s.think();
    s.e(EditorAction.ENTER_EDIT_MODE);
    s.quick();
    Label pd = c.sim.newObject(s, p.objects.get(1), c.chen);
    s.e(EditorAction.CREATE_OBJECT, pd, ei("coordinates", pd.coords));
    s.quick();
    s.e(EditorAction.EXIT_EDIT_MODE);
    s.think();
    s.e(EditorAction.ENTER_EDIT_MODE);
    s.quick();
    Label cy = c.sim.newObject(s, p.objects.get(2), c.chen);
    s.e(EditorAction.CREATE_OBJECT, cy, ei("coordinates", cy.coords));
    s.quick();
    s.e(EditorAction.EXIT_EDIT_MODE);
    s.quick();
    s.e(EditorAction.SAVE_TASK, ei("saveType", "autosave", "success", true));
    s.think();
    Label gone = agent.get(2);
    s.e(
        EditorAction.DELETE_OBJECT,
        gone,
        ei("classifications", EditorFlows.attrMap(p, gone), "coordinates", gone.coords));
    s.labels().remove(gone);
    s.think();
    s.frame = 0;
    Label w = c.sim.newClassification(s, p.classifications.get(0), "rain");
    s.e(
        EditorAction.CREATE_ATTRIBUTE,
        w,
        ei("classifications", EditorFlows.clsMap(w.feature, w.value, w.nestedValue)));
    s.think();
    EditorFlows.updateAttribute(s, w, "overcast", c.chen.hash);
    s.think();
    Label tod = c.sim.newClassification(s, p.classifications.get(1), "dusk");
    s.e(
        EditorAction.CREATE_ATTRIBUTE,
        tod,
        ei("classifications", EditorFlows.clsMap(tod.feature, tod.value, null)));
    s.think();
    List<List<Integer>> oldRange = EditorFlows.ranges(tod.ranges);
    tod.ranges = new int[][] {{0, t3.du.frames / 2}};
    s.e(
        EditorAction.UPDATE_ATTRIBUTE,
        tod,
        ei(
            "oldRange",
            oldRange,
            "newRange",
            EditorFlows.ranges(tod.ranges),
            "lastEditedBy",
            c.chen.hash));
    s.think();
    s.e(
        EditorAction.DELETE_ATTRIBUTE,
        tod,
        ei("classifications", EditorFlows.clsMap(tod.feature, tod.value, null)));
    s.labels().remove(tod);
    s.quick();
    s.e(EditorAction.SAVE_TASK, ei("saveType", "manual", "success", false));
    s.quick();
    s.e(EditorAction.FORCE_OVERWRITE);
    s.quick();
    s.e(EditorAction.SAVE_TASK, ei("saveType", "manual", "success", true));
    s.quick();
    s.e(EditorAction.SUBMIT_TASK, ei("labels", EditorFlows.hashes(s.labels())));
  }

  void danaNight(Task t4, SampleFile l5) {
    Project p = c.traffic;
    Session s =
        c.sim.session(LogFormat.LABEL, c.dana, t4, p.annotate, MAIN, c.at(3, 23, 38, 4.117), l5);
    s.l(LabelLogAction.START);
    for (int i = 0; i < 3; i++) {
      s.pause(40 + c.r.nextInt(200));
      Label o = c.sim.newObject(s, p.objects.get(i % 3), c.dana);
      s.l(LabelLogAction.ADD, o);
      s.pause(5 + c.r.nextInt(60));
      o.coords = c.sim.coords(o.feature.shape);
      s.l(LabelLogAction.EDIT, o);
    }
    s.setTime(c.at(3, 23, 59, 57));
    s.frame = 1500;
    s.lp(LabelLogAction.BUFFERING_OVERLAY_SHOWN);
    s.setTime(c.at(4, 0, 0, 2.4));
    s.lp(LabelLogAction.BITRATE_WARNING_SHOWN);
    s.setTime(c.at(4, 0, 0, 31));
    s.frame = 40;
    s.lp(LabelLogAction.SEEKING_OVERLAY_SHOWN);
    c.planted.add(
        "Dana Okafor (label logs, "
            + t4.du.title
            + "): playback at 23:59:57Z and 00:00:02.4Z form one episode counted on "
            + c.day(3)
            + "; the 32 at 00:00:31Z starts a new episode on "
            + c.day(4)
            + ". The file's +02:00 timestamps put these on local date "
            + c.day(4)
            + ".");
    for (int i = 0; i < 2; i++) {
      s.think();
      Label o = c.sim.newObject(s, p.objects.get(3), c.dana);
      s.l(LabelLogAction.ADD, o);
    }
    s.think();
    s.frame = 0;
    Label tod = c.sim.newClassification(s, p.classifications.get(1), "night");
    s.l(LabelLogAction.ADD_ATTRIBUTE, tod);
    s.quick();
    s.l(LabelLogAction.CLICK_SAVE);
    s.quick();
    s.l(LabelLogAction.SUBMIT_TASK);
    s.quick();
    s.l(LabelLogAction.END);
  }

  void ritaClassificationDance(Session s) {
    List<Label> ls = s.task.labels(MAIN);
    Label cls = null;
    List<Label> approved = new ArrayList<>();
    s.e(EditorAction.ENTER_EDITOR);
    for (Label l : ls) {
      if (l.cls) {
        cls = l;
        continue;
      }
      s.reviewGap();
      s.e(EditorAction.APPROVE_OBJECT, l, ei("isConsensus", false));
      approved.add(l);
    }
    Map<String, Object> cm = EditorFlows.clsMap(cls.feature, cls.value, cls.nestedValue);
    s.reviewGap();
    s.e(EditorAction.REJECT_CLASSIFICATION, cls, ei("classifications", cm, "isConsensus", false));
    s.think();
    s.e(
        EditorAction.REVERT_TO_PENDING_CLASSIFICATION,
        cls,
        ei("classifications", cm, "isConsensus", false, "previousAction", "REJECT"));
    s.quick();
    s.e(
        EditorAction.APPROVE_CLASSIFICATION,
        cls,
        ei("classifications", cm, "isConsensus", false, "previousAction", "REOPEN"));
    approved.add(cls);
    s.quick();
    s.e(
        EditorAction.APPROVE_TASK,
        ei("approvedLabelHashes", EditorFlows.hashes(approved), "isConsensus", false));
  }

  void apiPages(Task t3, Task t10, SampleFile e7a, SampleFile e7b) {
    Project p = c.traffic;
    DataUnit v10 = t10.du;
    Session sys =
        c.sim.session(LogFormat.EDITOR, null, t10, p.annotate, MAIN, c.startAt(4, 12, 40), e7a);
    List<Label> drafts = new ArrayList<>();
    drafts.add(c.sim.newObject(sys, p.objects.get(0), null));
    sys.e(EditorAction.RUN_AGENT, c.editor.agentInfo(drafts, true));
    c.planted.add(
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
    Session s =
        c.sim.session(LogFormat.EDITOR, c.sam, t3, p.review, MAIN, c.startAt(4, 13, 0), e7a);
    c.editor.review(s, 0.0);
    c.planted.add(
        "Reviews of agent-created objects on "
            + t3.du.title
            + " (RUN_AGENT objectHashes, no CREATE_OBJECT): annotator 'unknown'.");
    SampleFile.Rec last = e7a.recs.get(e7a.recs.size() - 1);
    e7b.copy(last.ev(), e7b.style);
    s = c.sim.session(LogFormat.EDITOR, c.chen, t3, p.annotate, MAIN, c.startAt(4, 14, 0), e7b);
    c.editor.rework(s);
    s = c.sim.session(LogFormat.EDITOR, c.sam, t3, p.review, MAIN, c.startAt(4, 15, 10), e7b);
    c.editor.review(s, 0.0);
    s = c.sim.session(LogFormat.EDITOR, c.bruno, t10, p.annotate, MAIN, c.startAt(4, 16, 0), e7b);
    s.e(EditorAction.ENTER_EDITOR);
    s.think();
    s.e(EditorAction.SKIP_TASK, ei("skipReason", "Video freezes after frame 1200, cannot label"));
  }

  /**
   * Day 5, after the SDK exports: an agent's proposals meeting every fate (approved untouched,
   * edited then approved, deleted, rejected, proposed again by a later run, left pending; a failed
   * run and a failed save), and two three-way consensus units on the shelves whose annotators
   * answer the same classification, agreeing on one unit and not on the other.
   */
  void agentFatesAndConsensusAnswers(SampleFile f) {
    Project p = c.traffic;
    Task t = c.task(c.videos.get(8));
    Session s = c.sim.session(LogFormat.EDITOR, c.eva, t, p.annotate, MAIN, c.startAt(5, 15, 0), f);
    s.e(EditorAction.ENTER_EDITOR);
    s.quick();
    List<Label> drafts = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      drafts.add(c.sim.newObject(s, p.objects.get(i % p.objects.size()), null));
    }
    s.e(EditorAction.RUN_AGENT, c.editor.agentInfo(drafts, true));
    s.think();
    c.editor.update(s, drafts.get(1), 0);
    s.think();
    Label gone = drafts.get(2);
    s.e(EditorAction.DELETE_OBJECT, gone, ei("coordinates", gone.coords));
    s.labels().remove(gone);
    s.think();
    s.e(EditorAction.RUN_AGENT, c.editor.agentInfo(List.of(drafts.get(5)), true));
    s.quick();
    s.e(EditorAction.RUN_AGENT, c.editor.agentInfo(List.of(), false));
    s.quick();
    s.e(EditorAction.SAVE_TASK, ei("saveType", "manual", "success", false));
    s.quick();
    s.e(EditorAction.SAVE_TASK, ei("saveType", "manual", "success", true));
    s.quick();
    s.e(EditorAction.SUBMIT_TASK, ei("labels", EditorFlows.hashes(s.labels())));
    c.planted.add(
        "Agent pre-labels on "
            + t.du.title
            + ": six proposed objects meet every fate of agent_prelabel_daily (approved"
            + " unedited, approved after an edit, deleted, rejected, superseded by a later run,"
            + " pending); a failed run and a failed save.");

    Session r = c.sim.session(LogFormat.EDITOR, c.sam, t, p.review, MAIN, c.startAt(5, 16, 0), f);
    r.e(EditorAction.ENTER_EDITOR);
    List<Label> approved = List.of(drafts.get(0), drafts.get(1), drafts.get(5));
    for (Label l : approved) {
      r.reviewGap();
      r.e(EditorAction.APPROVE_OBJECT, l, ei("isConsensus", false));
    }
    r.reviewGap();
    r.e(EditorAction.REJECT_OBJECT, drafts.get(3), ei("isConsensus", false));
    r.quick();
    r.e(
        EditorAction.REJECT_TASK,
        ei(
            "rejectedLabelHashes",
            EditorFlows.hashes(List.of(drafts.get(3))),
            "approvedLabelHashes",
            EditorFlows.hashes(approved),
            "isConsensus",
            false));

    Project shelves = c.shelves;
    Feature tidy = shelves.classifications.get(0);
    List<User> three = List.of(c.alice, c.bruno, c.dana);
    String[][] answers = {{"yes", "yes", "no"}, {"no", "no", "no"}};
    // Each annotator draws the same product (boxes that overlap, so consensus_geometry matches
    // them) and says which way it faces.
    String[][] facing = {{"front", "front", "side"}, {"back", "back", "back"}};
    for (int u = 0; u < answers.length; u++) {
      Task unit = c.consensusTask(c.images.get(3 + u), three);
      @SuppressWarnings("unchecked")
      Map<String, Object> product = (Map<String, Object>) c.sim.coords("bounding_box");
      for (int a = 0; a < three.size(); a++) {
        User who = three.get(a);
        Session b =
            c.sim.session(
                LogFormat.EDITOR,
                who,
                unit,
                shelves.annotate,
                who.branch(),
                c.startAt(5, 17 + u, 10 * a),
                f);
        b.e(EditorAction.ENTER_EDITOR);
        b.think();
        Label box = c.sim.newObject(b, shelves.objects.get(0), who);
        LinkedHashMap<String, Object> drawn = new LinkedHashMap<>(product);
        drawn.put("x", Sim.clamp4((Double) product.get("x") + 0.004 * a));
        box.coords = drawn;
        b.e(EditorAction.CREATE_OBJECT, box, ei("coordinates", box.coords));
        b.think();
        box.attrValue = facing[u][a];
        b.e(
            EditorAction.UPDATE_OBJECT,
            box,
            ei(
                "oldClassification",
                ei(),
                "newClassification",
                EditorFlows.attrMap(shelves, box),
                "lastEditedBy",
                who.hash));
        b.think();
        // The last annotator first answers like the others, then changes its mind.
        boolean changes = !answers[u][a].equals(answers[u][0]);
        Label cl = c.sim.newClassification(b, tidy, changes ? answers[u][0] : answers[u][a]);
        b.e(
            EditorAction.CREATE_ATTRIBUTE,
            cl,
            ei("classifications", EditorFlows.clsMap(cl.feature, cl.value, cl.nestedValue)));
        if (changes) {
          b.think();
          EditorFlows.updateAttribute(b, cl, answers[u][a], who.hash);
        }
        b.quick();
        b.e(EditorAction.SUBMIT_TASK, ei("labels", EditorFlows.hashes(b.labels())));
      }
    }
    c.planted.add(
        "Two three-way consensus units on the shelves answering \"Shelf tidy\": yes / yes / no"
            + " (the third annotator changes its answer) and no / no / no, for"
            + " classification_agreement and Fleiss' kappa; each annotator's box of the same"
            + " product says it faces front / front / side and back / back / back, compared on"
            + " the matched objects.");
  }
}
