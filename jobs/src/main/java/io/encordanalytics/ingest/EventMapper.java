package io.encordanalytics.ingest;

import static io.encordanalytics.ingest.Json.field;
import static io.encordanalytics.ingest.Json.has;
import static io.encordanalytics.ingest.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.encordanalytics.model.Event;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Maps one JSON record of either log format, in either key style, to the unified {@link Event}.
 * Records that cannot be events raise {@link RejectedRecord} with the quarantine reason.
 */
public final class EventMapper implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String LABEL_LOG = "label_log";
  public static final String EDITOR_LOG = "editor_log";

  private static final List<String> LABEL_KEYS =
      List.of(
          "log_hash",
          "created_at",
          "user_hash",
          "data_hash",
          "graph_node_uuid",
          "time_taken",
          "annotation_hash",
          "feature_hash",
          "identifier");
  private static final List<String> EDITOR_KEYS =
      List.of(
          "id",
          "timestamp",
          "actor_user_id",
          "data_unit_id",
          "workflow_task_id",
          "action_category",
          "event_information",
          "session_id",
          "object_hash",
          "classification_hash");

  private final int minYear;
  private final int maxYear;

  public EventMapper(int minYear, int maxYear) {
    this.minYear = minYear;
    this.maxYear = maxYear;
  }

  /** A record that cannot become an event; the message is the quarantine reason. */
  public static final class RejectedRecord extends Exception {
    private static final long serialVersionUID = 1L;

    public RejectedRecord(String reason) {
      super(reason, null, false, false);
    }
  }

  /** Which format a JSON object is in, or null when it matches neither. */
  public static String detectFormat(JsonNode node) {
    boolean label = LABEL_KEYS.stream().anyMatch(k -> has(node, k));
    boolean editor = EDITOR_KEYS.stream().anyMatch(k -> has(node, k));
    if (label && !editor) {
      return LABEL_LOG;
    }
    if (editor && !label) {
      return EDITOR_LOG;
    }
    if (!label) {
      return null;
    }
    if (has(node, "log_hash")) {
      return LABEL_LOG;
    }
    if (has(node, "id")) {
      return EDITOR_LOG;
    }
    JsonNode action = field(node, "action");
    return action != null && Json.integer(action) != null ? LABEL_LOG : EDITOR_LOG;
  }

  public Event map(JsonNode node) throws RejectedRecord {
    if (node == null || !node.isObject()) {
      throw new RejectedRecord("not a JSON object");
    }
    String format = detectFormat(node);
    if (format == null) {
      throw new RejectedRecord("object matches neither the label-log nor the editor-log format");
    }
    return LABEL_LOG.equals(format) ? labelLog(node) : editorLog(node);
  }

  private Event labelLog(JsonNode n) throws RejectedRecord {
    Event e = new Event();
    e.setSourceFormat(LABEL_LOG);
    e.setEventId(id(n, "log_hash"));
    setTime(e, n, "created_at");
    JsonNode action = field(n, "action");
    Integer code = Json.int32(action);
    if (code != null) {
      e.setActionCode(code);
      e.setAction(Actions.LABEL_LOG_CODES.getOrDefault(code, text(action)));
    } else {
      e.setAction(text(action));
    }
    e.setUserId(text(n, "user_hash"));
    e.setUserEmail(text(n, "user_email"));
    e.setDataUnitId(text(n, "data_hash"));
    String identifier = text(n, "identifier");
    e.setLabelId(identifier != null ? identifier : text(n, "annotation_hash"));
    e.setFeatureId(text(n, "feature_hash"));
    e.setLabelName(text(n, "label_name"));
    e.setTimeTakenMs(Json.integer(field(n, "time_taken")));
    e.setFrame(Json.int32(field(n, "frame")));
    e.setBranchName(text(n, "branch_name"));
    e.setWorkflowStageId(text(n, "graph_node_uuid"));
    return e;
  }

  private Event editorLog(JsonNode n) throws RejectedRecord {
    Event e = new Event();
    e.setSourceFormat(EDITOR_LOG);
    e.setEventId(id(n, "id"));
    setTime(e, n, "timestamp");
    e.setAction(text(n, "action"));
    JsonNode infoValue = field(n, "event_information");
    JsonNode info = Json.object(infoValue);
    e.setEventInformation(info != null ? info.toString() : text(infoValue));
    e.setIsConsensus(Json.bool(field(info, "is_consensus")));
    e.setActionCategory(text(n, "action_category"));
    e.setUserId(text(n, "actor_user_id"));
    e.setUserEmail(text(n, "actor_user_email"));
    e.setDataUnitId(text(n, "data_unit_id"));
    String objectHash = prop(n, info, "object_hash");
    e.setLabelId(objectHash != null ? objectHash : prop(n, info, "classification_hash"));
    e.setFeatureId(prop(n, info, "feature_id"));
    e.setLabelName(prop(n, info, "label_name"));
    JsonNode frame = field(n, "object_current_frame");
    e.setFrame(Json.int32(frame != null ? frame : field(info, "object_current_frame")));
    e.setObjectShape(prop(n, info, "object_shape"));
    e.setLabelRanges(prop(n, info, "label_ranges"));
    e.setBranchName(text(n, "branch_name"));
    e.setWorkflowStageId(text(n, "workflow_stage_id"));
    e.setWorkflowTaskId(text(n, "workflow_task_id"));
    e.setWorkflowStageType(text(n, "workflow_stage_type"));
    e.setWorkflowStageTitle(text(n, "workflow_stage_title"));
    e.setSessionId(text(n, "session_id"));
    e.setProjectId(text(n, "project_id"));
    e.setProjectUserRole(text(n, "project_user_role"));
    e.setOrganisationId(text(n, "actor_organisation_id"));
    e.setLabelRowId(text(n, "label_id"));
    e.setDataUnitTitle(text(n, "data_unit_title"));
    e.setDataUnitDataType(text(n, "data_unit_data_type"));
    e.setDatasetId(text(n, "data_unit_dataset_id"));
    e.setOntologyId(text(n, "ontology_id"));
    return e;
  }

  /** Object and classification properties stand at the top level or inside event_information. */
  private static String prop(JsonNode top, JsonNode info, String key) {
    String v = text(top, key);
    return v != null ? v : text(info, key);
  }

  private static String id(JsonNode n, String key) throws RejectedRecord {
    JsonNode v = field(n, key);
    if (v == null) {
      throw new RejectedRecord("missing event id (" + key + ")");
    }
    if (!v.isValueNode()) {
      throw new RejectedRecord(
          "invalid event id: " + Timestamps.abbreviate(text(v)) + " (" + key + ")");
    }
    if (v.asText().isBlank()) {
      throw new RejectedRecord("blank event id (" + key + ")");
    }
    return v.asText();
  }

  private void setTime(Event e, JsonNode n, String key) throws RejectedRecord {
    JsonNode v = field(n, key);
    if (v == null) {
      throw new RejectedRecord("missing timestamp (" + key + ")");
    }
    if (!v.isTextual()) {
      throw new RejectedRecord(
          "unparseable timestamp: " + Timestamps.abbreviate(text(v)) + " (" + key + ")");
    }
    Instant t;
    try {
      t = Timestamps.parse(v.asText());
    } catch (IllegalArgumentException ex) {
      throw new RejectedRecord(ex.getMessage() + " (" + key + ")");
    }
    LocalDate date = LocalDate.ofInstant(t, ZoneOffset.UTC);
    if (date.getYear() < minYear || date.getYear() > maxYear) {
      throw new RejectedRecord(
          "timestamp out of range ["
              + minYear
              + ", "
              + maxYear
              + "]: "
              + Timestamps.abbreviate(v.asText())
              + " ("
              + key
              + ")");
    }
    e.setEventTime(t);
    e.setEventDate(date);
  }
}
