package io.encordanalytics.generator;

import static io.encordanalytics.generator.Json.ei;

import io.encordanalytics.generator.World.DataUnit;
import io.encordanalytics.generator.World.Feature;
import io.encordanalytics.generator.World.Label;
import io.encordanalytics.generator.World.Project;
import io.encordanalytics.generator.World.Stage;
import io.encordanalytics.generator.World.Task;
import io.encordanalytics.generator.World.User;
import io.encordanalytics.vocabulary.EditorAction;
import io.encordanalytics.vocabulary.LabelLogAction;
import java.util.List;
import java.util.Map;

/**
 * One user's sitting on one task in one workflow stage, logged in one format: the clock of the
 * sitting and the builders of its label-log and editor-log events, which go to the session's sink.
 */
final class Session {
  final Sim sim;
  final LogFormat fmt;
  final User u;
  final Task task;
  final Stage stage;
  final String branch;
  final String sessionId;
  final EventSink sink;
  long t;
  long lastGap;
  int frame;
  boolean viewMode;

  Session(
      Sim sim,
      LogFormat fmt,
      User u,
      Task task,
      Stage stage,
      String branch,
      long start,
      EventSink sink) {
    this.sim = sim;
    this.fmt = fmt;
    this.u = u;
    this.task = task;
    this.stage = stage;
    this.branch = branch;
    this.sessionId = fmt == LogFormat.EDITOR ? sim.uuid() : null;
    this.t = start;
    this.sink = sink;
  }

  List<Label> labels() {
    return task.labels(branch);
  }

  void think() {
    advance(sim.thinkMicros());
  }

  void quick() {
    advance(sim.quickMicros());
  }

  void reviewGap() {
    advance(sim.reviewMicros());
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

  LogEvent l(LabelLogAction a) {
    return lab(a.code(), null, false, null);
  }

  LogEvent l(LabelLogAction a, Label l) {
    return lab(a.code(), l, false, null);
  }

  /** An attribute event on an object: identifier is the object, feature the attribute. */
  LogEvent la(LabelLogAction a, Label obj) {
    return lab(a.code(), obj, true, null);
  }

  /** A playback (or zoom) event: its frame is the session's current frame. */
  LogEvent lp(LabelLogAction a) {
    return lab(a.code(), null, false, null);
  }

  LogEvent lBranch(LabelLogAction a, String branchName) {
    return lab(a.code(), null, false, branchName);
  }

  /** A label-log event with a code outside the vocabulary: test data for unknown actions. */
  LogEvent lUnknown(int code) {
    if (LabelLogAction.ofCode(code) != null) {
      throw new IllegalArgumentException(code + " is a known code");
    }
    return lab(code, null, false, null);
  }

  private LogEvent lab(int code, Label l, boolean attr, String branchOverride) {
    LogEvent e = new LogEvent(LogFormat.LABEL, t);
    Map<String, Object> f = e.f;
    DataUnit du = task.du;
    Feature feat = l == null ? null : attr ? du.p.objectAttr : l.feature;
    f.put("log_hash", sim.b62(16));
    f.put("user_hash", u == null ? null : u.hash);
    f.put("user_email", u == null ? null : u.email);
    f.put("identifier", l == null ? null : l.hash);
    f.put("data_hash", du.hash);
    f.put("feature_hash", feat == null ? null : feat.hash);
    f.put("action", code);
    f.put("label_name", l == null || attr ? null : l.feature.name);
    f.put(
        "time_taken",
        code == LabelLogAction.ADD.code() || code == LabelLogAction.EDIT.code()
            ? timeTaken()
            : null);
    f.put("created_at", LogEvent.TIME);
    Integer fr = null;
    if (du.p.video) {
      if (l != null) {
        fr = l.frame;
      } else if (code == LabelLogAction.CLICK_ZOOM.code()
          || code == LabelLogAction.BUFFERING_OVERLAY_SHOWN.code()
          || code == LabelLogAction.BITRATE_WARNING_SHOWN.code()
          || code == LabelLogAction.SEEKING_OVERLAY_SHOWN.code()) {
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
    return (int) Math.max(350, ms * (0.55 + 0.4 * sim.r.nextDouble()));
  }

  // ---- editor logs

  LogEvent e(EditorAction a) {
    return ed(a.name(), null, ei());
  }

  LogEvent e(EditorAction a, Map<String, Object> info) {
    return ed(a.name(), null, info);
  }

  LogEvent e(EditorAction a, Label l, Map<String, Object> info) {
    return ed(a.name(), l, info);
  }

  /** An editor event with an action outside the vocabulary: test data for unknown actions. */
  LogEvent eUnknown(String action, Map<String, Object> info) {
    if (EditorAction.of(action) != null) {
      throw new IllegalArgumentException(action + " is a known action");
    }
    return ed(action, null, info);
  }

  private LogEvent ed(String action, Label l, Map<String, Object> info) {
    LogEvent e = new LogEvent(LogFormat.EDITOR, t);
    Map<String, Object> f = e.f;
    DataUnit du = task.du;
    Project p = du.p;
    boolean obj = l != null && !l.cls;
    f.put("id", sim.uuid());
    f.put("action", action);
    f.put("action_category", LogEvent.category(action));
    f.put("data_unit_id", du.hash);
    f.put("workflow_stage_id", stage.uuid);
    f.put("workflow_task_id", viewMode ? "" : task.id);
    f.put("branch_name", branch);
    f.put("session_id", sessionId);
    f.put("timestamp", LogEvent.TIME);
    f.put("actor_user_id", u == null ? null : u.hash);
    f.put("actor_user_email", u == null ? null : u.email);
    f.put("actor_organisation_id", sim.orgId);
    f.put("project_id", p.hash);
    f.put("project_user_role", u == null ? null : u.role);
    f.put("data_unit_title", du.title);
    f.put("data_unit_data_type", p.video ? "video" : "image");
    f.put("data_unit_dataset_id", p.datasetId);
    f.put("data_unit_dataset_title", p.datasetTitle);
    f.put("ontology_id", p.ontologyId);
    f.put("label_id", du.labelRows.computeIfAbsent(branch, b -> sim.uuid()));
    f.put("workflow_stage_type", stage.type);
    f.put("workflow_stage_title", stage.title);
    f.put("label_name", l == null ? null : l.feature.name);
    f.put("feature_id", l == null ? null : l.feature.hash);
    f.put("label_ranges", l == null ? null : EditorFlows.ranges(l.ranges));
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
