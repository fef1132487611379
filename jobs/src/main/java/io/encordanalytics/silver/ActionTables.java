package io.encordanalytics.silver;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.JsonNode;
import io.encordanalytics.ingest.Json;
import io.encordanalytics.model.ActionRow;
import io.encordanalytics.model.AgentRun;
import io.encordanalytics.model.AttributeChange;
import io.encordanalytics.model.ConsensusEvent;
import io.encordanalytics.model.ObjectChange;
import io.encordanalytics.model.PlaybackEvent;
import io.encordanalytics.model.ReviewDecision;
import io.encordanalytics.model.TaskDecision;
import io.encordanalytics.model.TaskSave;
import io.encordanalytics.model.TaskSkip;
import io.encordanalytics.spark.ActionSelection;
import io.encordanalytics.spark.EventDates;
import io.encordanalytics.vocabulary.EditorAction;
import io.encordanalytics.vocabulary.Kind;
import io.encordanalytics.vocabulary.LabelLogAction;
import java.io.IOException;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Pure transforms from silver events to the per-action silver tables, which flatten {@code
 * event_information} into typed columns. Each table has the columns of {@link ActionRow} plus its
 * own; see the README for every column. Missing {@code event_information} (newer SDKs) gives null
 * columns, never a dropped row. Keys inside {@code event_information} are accepted in camelCase and
 * snake_case.
 */
public final class ActionTables {
  private ActionTables() {}

  public static Dataset<Row> objectChanges(Dataset<Row> events) {
    return flatten(
        events, SELECTIONS.get("object_changes"), ObjectChange.class, ActionTables::objectChange);
  }

  public static Dataset<Row> attributeChanges(Dataset<Row> events) {
    return flatten(
        events,
        SELECTIONS.get("attribute_changes"),
        AttributeChange.class,
        ActionTables::attributeChange);
  }

  /** Review decisions: the review kinds of both formats, and the editor's revert to pending. */
  private static final Map<Kind, String[]> REVIEW_KINDS =
      Map.of(
          Kind.LABEL_APPROVED, new String[] {"label", "approved"},
          Kind.LABEL_REJECTED, new String[] {"label", "rejected"},
          Kind.ATTRIBUTE_APPROVED, new String[] {"attribute", "approved"},
          Kind.ATTRIBUTE_REJECTED, new String[] {"attribute", "rejected"});

  private static final Map<EditorAction, String[]> REVERTS =
      Map.of(
          EditorAction.REVERT_TO_PENDING_OBJECT, new String[] {"label", "reverted"},
          EditorAction.REVERT_TO_PENDING_CLASSIFICATION, new String[] {"attribute", "reverted"});

  private static final Map<String, String[]> REVIEW_ACTIONS = byActionName(REVIEW_KINDS);

  static {
    REVERTS.forEach((action, value) -> REVIEW_ACTIONS.put(action.name(), value));
  }

  public static Dataset<Row> reviewDecisions(Dataset<Row> events) {
    return flatten(
        events,
        SELECTIONS.get("review_decisions"),
        ReviewDecision.class,
        ActionTables::reviewDecision);
  }

  private static final Map<Kind, String> TASK_KINDS =
      Map.of(
          Kind.TASK_SUBMITTED, "submitted",
          Kind.TASK_APPROVED, "approved",
          Kind.TASK_REJECTED, "rejected");

  private static final Map<String, String> TASK_ACTIONS = byActionName(TASK_KINDS);

  public static Dataset<Row> taskDecisions(Dataset<Row> events) {
    return flatten(
        events, SELECTIONS.get("task_decisions"), TaskDecision.class, ActionTables::taskDecision);
  }

  public static Dataset<Row> agentRuns(Dataset<Row> events) {
    return flatten(events, SELECTIONS.get("agent_runs"), AgentRun.class, ActionTables::agentRun);
  }

  public static Dataset<Row> taskSaves(Dataset<Row> events) {
    return flatten(events, SELECTIONS.get("task_saves"), TaskSave.class, ActionTables::save);
  }

  public static Dataset<Row> taskSkips(Dataset<Row> events) {
    return flatten(events, SELECTIONS.get("task_skips"), TaskSkip.class, ActionTables::skip);
  }

  /** Playback incidents; {@code incident_type} is the kind's value (buffering, ...). */
  private static final Map<Kind, String> PLAYBACK =
      Map.of(
          Kind.BUFFERING, Kind.BUFFERING.value(),
          Kind.BITRATE_WARNING, Kind.BITRATE_WARNING.value(),
          Kind.SEEKING, Kind.SEEKING.value());

  private static final Map<String, String> PLAYBACK_ACTIONS = byActionName(PLAYBACK);

  public static Dataset<Row> playbackEvents(Dataset<Row> events) {
    return flatten(
        events, SELECTIONS.get("playback_events"), PlaybackEvent.class, ActionTables::playback);
  }

  private static final Map<Kind, String> CONSENSUS =
      Map.of(
          Kind.CONSENSUS_LABEL_APPROVED, "label_approved",
          Kind.CONSENSUS_LABEL_CANCELLED, "label_cancelled",
          Kind.CONSENSUS_IN_AGREEMENT, "in_agreement");

  private static final Map<String, String> CONSENSUS_ACTIONS = byActionName(CONSENSUS);

  public static Dataset<Row> consensusEvents(Dataset<Row> events) {
    return flatten(
        events, SELECTIONS.get("consensus_events"), ConsensusEvent.class, ActionTables::consensus);
  }

  /**
   * The actions of each per-action table, by table name (the README's per-action table lists them
   * as {@link ActionSelection#describe} writes them; a test holds the two together).
   */
  public static final Map<String, ActionSelection> SELECTIONS;

  static {
    Map<String, ActionSelection> selections = new LinkedHashMap<>();
    selections.put(
        "object_changes",
        ActionSelection.editor(
            EditorAction.CREATE_OBJECT, EditorAction.UPDATE_OBJECT, EditorAction.DELETE_OBJECT));
    selections.put(
        "attribute_changes",
        ActionSelection.editor(
            EditorAction.CREATE_ATTRIBUTE,
            EditorAction.UPDATE_ATTRIBUTE,
            EditorAction.DELETE_ATTRIBUTE));
    selections.put(
        "review_decisions",
        ActionSelection.kinds(REVIEW_KINDS.keySet().toArray(Kind[]::new))
            .or(ActionSelection.editor(REVERTS.keySet().toArray(EditorAction[]::new))));
    selections.put(
        "task_decisions", ActionSelection.kinds(TASK_KINDS.keySet().toArray(Kind[]::new)));
    selections.put("agent_runs", ActionSelection.editor(EditorAction.RUN_AGENT));
    selections.put(
        "task_saves",
        ActionSelection.editor(EditorAction.SAVE_TASK)
            .or(ActionSelection.labelLog(LabelLogAction.CLICK_SAVE)));
    selections.put("task_skips", ActionSelection.editor(EditorAction.SKIP_TASK));
    selections.put(
        "playback_events", ActionSelection.kinds(PLAYBACK.keySet().toArray(Kind[]::new)));
    selections.put(
        "consensus_events", ActionSelection.kinds(CONSENSUS.keySet().toArray(Kind[]::new)));
    SELECTIONS = Collections.unmodifiableMap(selections);
  }

  /**
   * A kind-keyed map keyed instead by the names silver's {@code action} holds for the kind: its
   * label-log action's and its editor action's.
   */
  private static <V> Map<String, V> byActionName(Map<Kind, V> byKind) {
    Map<String, V> out = new HashMap<>();
    byKind.forEach(
        (kind, value) -> {
          if (kind.labelLog() != null) {
            out.put(kind.labelLog().name(), value);
          }
          if (kind.editor() != null) {
            out.put(kind.editor().name(), value);
          }
        });
    return out;
  }

  // ---- row builders -------------------------------------------------------------------------

  private static ObjectChange objectChange(Row r, JsonNode info) {
    ObjectChange o = base(new ObjectChange(), r);
    o.setObjectHash(r.getAs("label_id"));
    // The SDK writes objectId at the top level (kept in extra_fields); older exports inside.
    String objectId = Json.text(info, "object_id");
    o.setObjectId(objectId != null ? objectId : Json.text(extraFields(r), "object_id"));
    o.setFeatureId(r.getAs("feature_id"));
    o.setLabelName(r.getAs("label_name"));
    o.setObjectShape(r.getAs("object_shape"));
    o.setFrame(r.getAs("frame"));
    String ranges = r.getAs("label_ranges");
    o.setLabelRanges(ranges);
    int[] span = span(ranges);
    if (span != null) {
      o.setFirstFrame(span[0]);
      o.setLastFrame(span[1]);
    }
    o.setCoordinates(Json.text(info, "coordinates"));
    o.setOldCoordinates(Json.text(info, "old_coordinates"));
    o.setNewCoordinates(Json.text(info, "new_coordinates"));
    o.setOldRange(Json.text(info, "old_range"));
    o.setNewRange(Json.text(info, "new_range"));
    o.setOldFeatureHash(Json.text(info, "old_feature_hash"));
    o.setNewFeatureHash(Json.text(info, "new_feature_hash"));
    o.setOldClassification(Json.text(info, "old_classification"));
    o.setNewClassification(Json.text(info, "new_classification"));
    o.setClassifications(Json.text(info, "classifications"));
    o.setLastEditedBy(Json.text(info, "last_edited_by"));
    String action = r.getAs("action");
    o.setChangeKind(changeKind(action, o));
    // From the stored text, as gold's shapes are read, so that the two read the same value.
    Geometry.describe(o.getCoordinates() != null ? o.getCoordinates() : o.getNewCoordinates(), o);
    return o;
  }

  private static String changeKind(String action, ObjectChange o) {
    EditorAction a = EditorAction.of(action);
    switch (a == null ? EditorAction.UPDATE_OBJECT : a) {
      case CREATE_OBJECT:
        return "created";
      case DELETE_OBJECT:
        return "deleted";
      default:
        if (o.getNewCoordinates() != null || o.getOldCoordinates() != null) {
          return "coordinates";
        }
        if (o.getNewRange() != null || o.getOldRange() != null) {
          return "range";
        }
        if (o.getNewFeatureHash() != null || o.getOldFeatureHash() != null) {
          return "feature";
        }
        if (o.getNewClassification() != null || o.getOldClassification() != null) {
          return "classification";
        }
        return "other";
    }
  }

  private static AttributeChange attributeChange(Row r, JsonNode info) {
    AttributeChange a = base(new AttributeChange(), r);
    a.setClassificationHash(r.getAs("label_id"));
    a.setFeatureId(r.getAs("feature_id"));
    a.setLabelName(r.getAs("label_name"));
    a.setLabelRanges(r.getAs("label_ranges"));
    a.setClassifications(Json.text(info, "classifications"));
    a.setOldRange(Json.text(info, "old_range"));
    a.setNewRange(Json.text(info, "new_range"));
    a.setOldValue(Json.text(info, "old_value"));
    a.setNewValue(Json.text(info, "new_value"));
    a.setLastEditedBy(Json.text(info, "last_edited_by"));
    return a;
  }

  private static ReviewDecision reviewDecision(Row r, JsonNode info) {
    ReviewDecision d = base(new ReviewDecision(), r);
    String[] kind = REVIEW_ACTIONS.get((String) r.getAs("action"));
    d.setTargetType(kind[0]);
    d.setDecision(kind[1]);
    d.setLabelId(r.getAs("label_id"));
    d.setFeatureId(r.getAs("feature_id"));
    d.setLabelName(r.getAs("label_name"));
    d.setIsConsensus(Json.bool(Json.field(info, "is_consensus")));
    d.setPreviousAction(Json.text(info, "previous_action"));
    d.setClassifications(Json.text(info, "classifications"));
    return d;
  }

  private static TaskDecision taskDecision(Row r, JsonNode info) {
    TaskDecision t = base(new TaskDecision(), r);
    t.setDecision(TASK_ACTIONS.get((String) r.getAs("action")));
    t.setWorkflowStageType(r.getAs("workflow_stage_type"));
    t.setIsConsensus(Json.bool(Json.field(info, "is_consensus")));
    t.setIsDetermineConsensus(Json.bool(Json.field(info, "is_determine_consensus")));
    t.setSubmittedLabelHashes(Json.strings(Json.field(info, "labels")));
    t.setApprovedLabelHashes(Json.strings(Json.field(info, "approved_label_hashes")));
    t.setRejectedLabelHashes(Json.strings(Json.field(info, "rejected_label_hashes")));
    t.setAnnotators(annotatorHashes(Json.field(info, "annotators")));
    t.setAnnotatorsWithApprovedLabels(
        annotatorHashes(Json.field(info, "annotators_with_approved_labels")));
    t.setSelectedAnnotators(annotatorHashes(Json.field(info, "selected_annotators")));
    JsonNode winner = Json.field(info, "winning_set_annotator");
    t.setWinningSetAnnotatorHash(annotatorHash(winner));
    t.setWinningSetAnnotatorEmail(winner != null ? Json.text(winner, "email") : null);
    return t;
  }

  /** Annotator entries are {@code {"email", "hash"}} objects or plain hash strings. */
  public static String annotatorHash(JsonNode entry) {
    if (entry == null || entry.isNull()) {
      return null;
    }
    if (entry.isObject()) {
      String h = Json.text(entry, "hash");
      return h != null ? h : Json.text(entry, "user_hash");
    }
    return entry.isValueNode() ? entry.asText() : null;
  }

  private static List<String> annotatorHashes(JsonNode v) {
    if (v == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    if (v.isArray()) {
      for (JsonNode e : v) {
        String h = annotatorHash(e);
        if (h != null) {
          out.add(h);
        }
      }
    } else {
      String h = annotatorHash(v);
      if (h != null) {
        out.add(h);
      }
    }
    return out;
  }

  private static AgentRun agentRun(Row r, JsonNode info) {
    AgentRun a = base(new AgentRun(), r);
    a.setObjectHashes(Json.strings(Json.field(info, "object_hashes")));
    a.setAgentUuid(Json.text(info, "agent_uuid"));
    a.setAgentEndpoint(Json.text(info, "agent_endpoint"));
    a.setAgentTitle(Json.text(info, "agent_title"));
    a.setAgentDescription(Json.text(info, "agent_description"));
    a.setSuccess(Json.bool(Json.field(info, "success")));
    return a;
  }

  private static TaskSave save(Row r, JsonNode info) {
    TaskSave s = base(new TaskSave(), r);
    s.setSaveType(Json.text(info, "save_type"));
    s.setSuccess(Json.bool(Json.field(info, "success")));
    return s;
  }

  private static TaskSkip skip(Row r, JsonNode info) {
    TaskSkip s = base(new TaskSkip(), r);
    s.setSkipReason(Json.text(info, "skip_reason"));
    return s;
  }

  private static PlaybackEvent playback(Row r, JsonNode info) {
    PlaybackEvent p = base(new PlaybackEvent(), r);
    p.setIncidentType(PLAYBACK_ACTIONS.get((String) r.getAs("action")));
    p.setFrame(r.getAs("frame"));
    return p;
  }

  private static ConsensusEvent consensus(Row r, JsonNode info) {
    ConsensusEvent c = base(new ConsensusEvent(), r);
    c.setKind(CONSENSUS_ACTIONS.get((String) r.getAs("action")));
    c.setLabelId(r.getAs("label_id"));
    c.setFeatureId(r.getAs("feature_id"));
    c.setLabelName(r.getAs("label_name"));
    return c;
  }

  // ---- plumbing -----------------------------------------------------------------------------

  /** Builds one typed row from a silver event row and its parsed event_information. */
  @FunctionalInterface
  private interface Builder<T> extends Serializable {
    T build(Row event, JsonNode info);
  }

  private static <T extends ActionRow> Dataset<Row> flatten(
      Dataset<Row> events, ActionSelection actions, Class<T> type, Builder<T> builder) {
    Dataset<Row> selected = events.filter(actions.column());
    MapFunction<Row, T> map =
        r ->
            builder.build(
                r, Json.object(Json.MAPPER.readTree(orEmpty(r.getAs("event_information")))));
    Dataset<T> typed = selected.map(map, Encoders.bean(type));
    return snakeCase(typed.toDF(), type);
  }

  /** The event's extra_fields object (keys no silver column holds); null when none. */
  private static JsonNode extraFields(Row r) {
    int i;
    try {
      i = r.fieldIndex("extra_fields");
    } catch (IllegalArgumentException noSuchColumn) {
      return null;
    }
    String text = r.getString(i);
    if (text == null) {
      return null;
    }
    try {
      return Json.MAPPER.readTree(text);
    } catch (IOException e) {
      return null;
    }
  }

  private static String orEmpty(String s) {
    return s == null ? "{}" : s;
  }

  /** An empty per-action table of the row type, with the table's columns and types. */
  public static <T extends ActionRow> Dataset<Row> empty(SparkSession spark, Class<T> type) {
    return snakeCase(spark.createDataFrame(List.of(), type), type);
  }

  /** Renames bean columns to snake_case, shared columns first, in declaration order. */
  static <T> Dataset<Row> snakeCase(Dataset<Row> df, Class<T> type) {
    List<Column> cols = new ArrayList<>();
    List<String> order = new ArrayList<>();
    for (Field f : ActionRow.class.getDeclaredFields()) {
      order.add(f.getName());
    }
    for (Field f : type.getDeclaredFields()) {
      order.add(f.getName());
    }
    for (String name : order) {
      if (!name.equals("serialVersionUID")) {
        cols.add(col(name).as(SilverEvents.snake(name)));
      }
    }
    return df.select(cols.toArray(Column[]::new));
  }

  private static <T extends ActionRow> T base(T t, Row r) {
    t.setEventId(r.getAs("event_id"));
    t.setSourceFormat(r.getAs("source_format"));
    t.setAction(r.getAs("action"));
    t.setEventTime(instant(r.getAs("event_time")));
    t.setEventDate(EventDates.date(r.getAs("event_date")));
    t.setUserId(r.getAs("user_id"));
    t.setUserEmail(r.getAs("user_email"));
    t.setDataUnitId(r.getAs("data_unit_id"));
    t.setTaskKey(r.getAs("task_key"));
    t.setWorkflowTaskId(r.getAs("workflow_task_id"));
    t.setBranchName(r.getAs("branch_name"));
    t.setRunId(r.getAs("run_id"));
    return t;
  }

  static Instant instant(Object o) {
    return o instanceof Timestamp ts ? ts.toInstant() : (Instant) o;
  }

  /** First start and last end frame of [[start,end],...] text; null when absent or malformed. */
  static int[] span(String ranges) {
    if (ranges == null) {
      return null;
    }
    try {
      JsonNode n = Json.MAPPER.readTree(ranges);
      Integer lo = null;
      Integer hi = null;
      for (JsonNode range : n) {
        if (range.isArray() && range.size() == 2) {
          Integer a = Json.int32(range.get(0));
          Integer b = Json.int32(range.get(1));
          if (a != null && b != null) {
            lo = lo == null ? a : Math.min(lo, a);
            hi = hi == null ? b : Math.max(hi, b);
          }
        }
      }
      return lo == null ? null : new int[] {lo, hi};
    } catch (Exception e) {
      return null;
    }
  }
}
