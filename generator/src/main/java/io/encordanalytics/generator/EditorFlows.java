package io.encordanalytics.generator;

import static io.encordanalytics.generator.Json.ei;
import static io.encordanalytics.generator.World.APPROVED;
import static io.encordanalytics.generator.World.FORCE_REJECT;
import static io.encordanalytics.generator.World.MAIN;
import static io.encordanalytics.generator.World.PENDING;
import static io.encordanalytics.generator.World.REJECTED;

import io.encordanalytics.generator.World.Feature;
import io.encordanalytics.generator.World.Label;
import io.encordanalytics.generator.World.Project;
import io.encordanalytics.generator.World.User;
import io.encordanalytics.vocabulary.EditorAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Work as the editor logs record it (actions by name, details in event_information): annotating
 * (agent runs, edit mode, every UPDATE_OBJECT variant, classifications, saves), reviewing,
 * reworking and consensus review, with the event_information payloads they write. Shared by both
 * modes.
 */
final class EditorFlows {
  final Sim sim;
  final Random r;

  EditorFlows(Sim sim) {
    this.sim = sim;
    this.r = sim.r;
  }

  void update(Session s, Label o, int variant) {
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
            EditorAction.UPDATE_OBJECT,
            o,
            ei("oldRange", old, "newRange", ranges(o.ranges), "lastEditedBy", s.u.hash));
      }
      case 1 -> {
        Object old = o.coords;
        o.coords = sim.coords(o.feature.shape);
        s.e(
            EditorAction.UPDATE_OBJECT,
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
          update(s, o, 1);
          return;
        }
        o.feature = nf;
        s.e(
            EditorAction.UPDATE_OBJECT,
            o,
            ei("oldFeatureHash", old.hash, "newFeatureHash", nf.hash, "lastEditedBy", s.u.hash));
      }
      default -> {
        if (p.objectAttr == null) {
          update(s, o, 1);
          return;
        }
        Map<String, Object> old = attrMap(p, o);
        o.attrValue = sim.other(p.objectAttr.values, o.attrValue == null ? "" : o.attrValue);
        s.e(
            EditorAction.UPDATE_OBJECT,
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

  /** The review decision on a label: APPROVE_ or REJECT_, OBJECT or CLASSIFICATION. */
  static EditorAction decision(Label l, boolean reject) {
    if (l.cls) {
      return reject ? EditorAction.REJECT_CLASSIFICATION : EditorAction.APPROVE_CLASSIFICATION;
    }
    return reject ? EditorAction.REJECT_OBJECT : EditorAction.APPROVE_OBJECT;
  }

  /** Reopening a decided label. */
  static EditorAction revertToPending(Label l) {
    return l.cls
        ? EditorAction.REVERT_TO_PENDING_CLASSIFICATION
        : EditorAction.REVERT_TO_PENDING_OBJECT;
  }

  static LinkedHashMap<String, Object> attrMap(Project p, Label o) {
    return o.attrValue == null ? ei() : clsMap(p.objectAttr, o.attrValue, null);
  }

  LinkedHashMap<String, Object> agentInfo(List<Label> created, boolean success) {
    return ei(
        "objectHashes",
        hashes(created),
        "agentUuid",
        sim.agentUuid,
        "agentEndpoint",
        "https://agents.pixelforge.example/v1/prelabel",
        "agentTitle",
        "Vehicle pre-labeller",
        "agentDescription",
        "Detects cars, cyclists and pedestrians and drafts boxes for review",
        "success",
        success);
  }

  void annotate(Session s, int n, int agentObjects, boolean classification, boolean deleteOne) {
    Project p = s.task.du.p;
    s.e(EditorAction.ENTER_EDITOR);
    if (agentObjects > 0) {
      s.quick();
      List<Label> created = new ArrayList<>();
      for (int i = 0; i < agentObjects; i++) {
        created.add(sim.newObject(s, sim.pick(p.objects), null));
      }
      s.e(EditorAction.RUN_AGENT, agentInfo(created, true));
    }
    for (int i = 0; i < n; i++) {
      s.think();
      s.e(EditorAction.ENTER_EDIT_MODE);
      s.quick();
      Label o = sim.newObject(s, sim.pick(p.objects), s.u);
      s.e(EditorAction.CREATE_OBJECT, o, ei("coordinates", o.coords));
      s.quick();
      s.e(EditorAction.EXIT_EDIT_MODE);
      if (sim.chance(0.3)) {
        s.think();
        update(s, o, r.nextInt(4));
      }
      if (i % 3 == 2) {
        s.quick();
        s.e(EditorAction.SAVE_TASK, ei("saveType", "autosave", "success", true));
      }
    }
    if (classification && !p.classifications.isEmpty()) {
      s.think();
      Label c = sim.newClassification(s, sim.pick(p.classifications), null);
      s.e(
          EditorAction.CREATE_ATTRIBUTE,
          c,
          ei("classifications", clsMap(c.feature, c.value, c.nestedValue)));
      if (sim.chance(0.25)) {
        s.think();
        updateAttribute(s, c, sim.other(c.feature.values, c.value), s.u.hash);
      }
      if (sim.chance(0.06)) {
        s.think();
        s.e(
            EditorAction.DELETE_ATTRIBUTE,
            c,
            ei("classifications", clsMap(c.feature, c.value, c.nestedValue)));
        s.labels().remove(c);
      }
    }
    if (deleteOne) {
      s.think();
      s.e(EditorAction.ENTER_EDIT_MODE);
      Label d = sim.newObject(s, sim.pick(p.objects), s.u);
      s.e(EditorAction.CREATE_OBJECT, d, ei("coordinates", d.coords));
      s.e(EditorAction.EXIT_EDIT_MODE);
      s.think();
      s.e(EditorAction.DELETE_OBJECT, d, ei("coordinates", d.coords));
      s.labels().remove(d);
    }
    s.quick();
    s.e(EditorAction.SAVE_TASK, ei("saveType", "manual", "success", true));
    s.quick();
    s.e(EditorAction.SUBMIT_TASK, ei("labels", hashes(s.labels())));
  }

  /** Reviews the task's main-branch labels in the editor; returns true when rejected. */
  boolean review(Session s, double pReject) {
    s.e(EditorAction.ENTER_EDITOR);
    List<Label> approved = new ArrayList<>();
    List<Label> rejected = new ArrayList<>();
    Project p = s.task.du.p;
    for (Label l : s.task.labels(MAIN)) {
      if (l.status == APPROVED && l.attrStatus != REJECTED) {
        approved.add(l);
        continue;
      }
      s.reviewGap();
      boolean rej = l.status == FORCE_REJECT || sim.chance(pReject);
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
      s.e(decision(l, rej), l, info);
      l.status = rej ? REJECTED : APPROVED;
      l.attrStatus = l.status;
      (rej ? rejected : approved).add(l);
    }
    if (s.task.reviewed && rejected.isEmpty() && !approved.isEmpty() && sim.chance(0.3)) {
      Label l = sim.pick(approved);
      s.reviewGap();
      s.e(revertToPending(l), l, ei("isConsensus", false, "previousAction", "APPROVE"));
      s.quick();
      s.e(decision(l, false), l, ei("isConsensus", false, "previousAction", "REOPEN"));
    }
    s.quick();
    if (rejected.isEmpty()) {
      s.e(
          EditorAction.APPROVE_TASK,
          ei("approvedLabelHashes", hashes(approved), "isConsensus", false));
    } else {
      s.e(
          EditorAction.REJECT_TASK,
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

  void rework(Session s) {
    s.e(EditorAction.ENTER_EDITOR);
    for (Label l : s.task.labels(MAIN)) {
      if (l.status != REJECTED) {
        continue;
      }
      s.think();
      if (l.cls) {
        updateAttribute(s, l, sim.other(l.feature.values, l.value), s.u.hash);
      } else {
        s.e(EditorAction.ENTER_EDIT_MODE);
        s.quick();
        update(s, l, 1);
        s.quick();
        s.e(EditorAction.EXIT_EDIT_MODE);
      }
      l.status = PENDING;
      l.attrStatus = PENDING;
    }
    s.quick();
    s.e(EditorAction.SAVE_TASK, ei("saveType", "autosave", "success", true));
    s.quick();
    s.e(EditorAction.SUBMIT_TASK, ei("labels", hashes(s.labels())));
  }

  /**
   * Consensus review in the editor. variant 0: APPROVE_TASK with annotatorsWithApprovedLabels; 1:
   * APPROVE_TASK with isDetermineConsensus, selectedAnnotators and winningSetAnnotator; 2:
   * REJECT_TASK with annotators.
   */
  void consensusReview(
      Session s, List<User> agreeing, User winner, int variant, Set<User> plainHashes) {
    s.e(EditorAction.ENTER_EDITOR);
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
      boolean rej = variant == 2 && approved.size() > 0;
      LinkedHashMap<String, Object> info = ei();
      if (l.cls) {
        info.put("classifications", clsMap(l.feature, l.value, l.nestedValue));
      }
      info.put("isConsensus", true);
      s.e(decision(l, rej), l, info);
      if (!rej) {
        approved.add(l);
      }
    }
    for (User a : s.task.consensusAnnotators) {
      if (!agreeing.contains(a) && !s.task.labels(a.branch()).isEmpty()) {
        Label l = s.task.labels(a.branch()).get(0);
        s.reviewGap();
        s.e(decision(l, true), l, ei("isConsensus", true));
        break;
      }
    }
    s.quick();
    if (variant == 0) {
      s.e(
          EditorAction.APPROVE_TASK,
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
          EditorAction.APPROVE_TASK,
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
          EditorAction.REJECT_TASK,
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

  /** {featureHash: {featureId, name, value[, answers]}} as in the editor-log description. */
  /**
   * An UPDATE_ATTRIBUTE of classification {@code c} to {@code value} (its nested value cleared),
   * with the old and new values and the editor in event_information.
   */
  static void updateAttribute(Session s, Label c, String value, String lastEditedBy) {
    Map<String, Object> old = clsMap(c.feature, c.value, c.nestedValue);
    c.value = value;
    c.nestedValue = null;
    s.e(
        EditorAction.UPDATE_ATTRIBUTE,
        c,
        ei(
            "oldValue",
            old,
            "newValue",
            clsMap(c.feature, c.value, null),
            "lastEditedBy",
            lastEditedBy));
  }

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
}
