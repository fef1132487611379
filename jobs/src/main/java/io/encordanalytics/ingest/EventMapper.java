package io.encordanalytics.ingest;

import static io.encordanalytics.ingest.Json.field;
import static io.encordanalytics.ingest.Json.has;
import static io.encordanalytics.ingest.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.encordanalytics.model.Event;
import io.encordanalytics.vocabulary.EditorAction;
import io.encordanalytics.vocabulary.LabelLogAction;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Maps one JSON record of either log format, in either key style, to the unified {@link Event}.
 * Records that cannot be events raise {@link RejectedRecord} with the quarantine reason.
 *
 * <p>What real exports leave out or add is kept, not lost: a record without an id gets one derived
 * from its content ({@link DerivedIds}), a user without a hash is identified by the e-mail ({@code
 * email:<address>}, resolved further in silver by {@code EmailUsers}), action strings are compared
 * without regard to case, and every top-level key that no column holds is kept in {@code
 * extraFields}.
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

  /** Keys (snake_case) that label-log columns hold; every other key goes to extraFields. */
  private static final Set<String> LABEL_COLUMNS =
      Set.of(
          "log_hash",
          "created_at",
          "user_hash",
          "user_email",
          "identifier",
          "annotation_hash",
          "data_hash",
          "feature_hash",
          "action",
          "label_name",
          "time_taken",
          "frame",
          "branch_name",
          "graph_node_uuid");

  /** Keys (snake_case) that editor-log columns hold; every other key goes to extraFields. */
  private static final Set<String> EDITOR_COLUMNS =
      Set.of(
          "id",
          "timestamp",
          "action",
          "action_category",
          "event_information",
          "actor_user_id",
          "actor_user_email",
          "actor_organisation_id",
          "data_unit_id",
          "object_hash",
          "classification_hash",
          "feature_id",
          "label_name",
          "label_ranges",
          "object_shape",
          "object_current_frame",
          "branch_name",
          "workflow_stage_id",
          "workflow_task_id",
          "workflow_stage_type",
          "workflow_stage_title",
          "session_id",
          "project_id",
          "project_user_role",
          "label_id",
          "data_unit_title",
          "data_unit_data_type",
          "data_unit_dataset_id",
          "ontology_id");

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
    String id = id(n, "log_hash");
    setTime(e, n, "created_at");
    setId(e, id, n, "log_hash", "created_at");
    JsonNode action = field(n, "action");
    Integer code = Json.int32(action);
    if (code == null && action != null && action.isTextual()) {
      LabelLogAction named = LabelLogAction.ofName(action.asText());
      code = named == null ? null : named.code();
    }
    if (code != null) {
      e.setActionCode(code);
      LabelLogAction known = LabelLogAction.ofCode(code);
      e.setAction(known != null ? known.name() : text(action));
    } else {
      e.setAction(text(action));
    }
    setUser(e, text(n, "user_hash"), text(n, "user_email"));
    e.setDataUnitId(text(n, "data_hash"));
    String identifier = text(n, "identifier");
    String alias = text(n, "annotation_hash");
    e.setLabelId(identifier != null ? identifier : alias);
    e.setFeatureId(text(n, "feature_hash"));
    e.setLabelName(text(n, "label_name"));
    e.setTimeTakenMs(Json.integer(field(n, "time_taken")));
    e.setFrame(Json.int32(field(n, "frame")));
    e.setBranchName(text(n, "branch_name"));
    e.setWorkflowStageId(text(n, "graph_node_uuid"));
    // The deprecated alias is the same label id; a different value would be lost without this.
    boolean aliasElsewhere = identifier != null && alias != null && !alias.equals(identifier);
    e.setExtraFields(extraFields(n, LABEL_COLUMNS, aliasElsewhere ? "annotation_hash" : null));
    return e;
  }

  private Event editorLog(JsonNode n) throws RejectedRecord {
    Event e = new Event();
    e.setSourceFormat(EDITOR_LOG);
    String id = id(n, "id");
    setTime(e, n, "timestamp");
    setId(e, id, n, "id", "timestamp");
    String action = text(n, "action");
    EditorAction known = EditorAction.of(action);
    e.setAction(known != null ? known.name() : action);
    JsonNode infoValue = field(n, "event_information");
    JsonNode info = Json.object(infoValue);
    e.setEventInformation(info != null ? info.toString() : text(infoValue));
    e.setIsConsensus(Json.bool(field(info, "is_consensus")));
    e.setActionCategory(text(n, "action_category"));
    setUser(e, text(n, "actor_user_id"), text(n, "actor_user_email"));
    e.setDataUnitId(text(n, "data_unit_id"));
    String objectHash = prop(n, info, "object_hash");
    String classificationHash = prop(n, info, "classification_hash");
    e.setLabelId(objectHash != null ? objectHash : classificationHash);
    e.setFeatureId(prop(n, info, "feature_id"));
    e.setLabelName(prop(n, info, "label_name"));
    JsonNode frame = field(n, "object_current_frame");
    e.setFrame(Json.int32(frame != null ? frame : field(info, "object_current_frame")));
    e.setObjectShape(prop(n, info, "object_shape"));
    e.setLabelRanges(prop(n, info, "label_ranges"));
    e.setBranchName(text(n, "branch_name"));
    e.setWorkflowStageId(text(n, "workflow_stage_id"));
    e.setWorkflowTaskId(text(n, "workflow_task_id"));
    // The SDK types it WorkflowNodeType | "": the empty string means no stage type.
    e.setWorkflowStageType(blankToNull(text(n, "workflow_stage_type")));
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
    // A classification hash beside an object hash is not the label id: keep it.
    String topClassification = text(n, "classification_hash");
    boolean classificationElsewhere =
        objectHash != null
            && topClassification != null
            && !topClassification.equals(e.getLabelId());
    e.setExtraFields(
        extraFields(n, EDITOR_COLUMNS, classificationElsewhere ? "classification_hash" : null));
    return e;
  }

  /**
   * The record's top-level keys that no column holds, or {@code kept} (a column key whose value did
   * not land in its column), as compact JSON with snake_case keys in sorted order and null values
   * left out, so that both key styles give the same text; null when there are none.
   */
  static String extraFields(JsonNode n, Set<String> columns, String kept) {
    TreeMap<String, JsonNode> extra = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      JsonNode v = f.getValue();
      if (v == null || v.isNull()) {
        continue;
      }
      String raw = f.getKey();
      String key = DerivedIds.snakeKey(raw);
      if (columns.contains(key)) {
        // Json.field reads a column's key in exactly its two styles; any other spelling of it is
        // not read, so it is kept under its own name.
        if (!raw.equals(key) && !raw.equals(Json.camel(key))) {
          key = raw;
        } else if (!key.equals(kept)) {
          continue;
        }
      }
      // The same key in both styles: the snake_case one wins, as in Json.field.
      if (!extra.containsKey(key) || raw.equals(key)) {
        extra.put(key, v);
      }
    }
    if (extra.isEmpty()) {
      return null;
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    extra.forEach(out::set);
    return out.toString();
  }

  /**
   * The user: the hash, else (Encord's documentation shows {@code user_hash=None}) the user the
   * e-mail stands for, {@code email:<address in lower case>}, marked as derived.
   */
  private static void setUser(Event e, String hash, String email) {
    e.setUserEmail(email);
    String fromEmail = DerivedIds.userFromEmail(email);
    if ((hash == null || hash.isBlank()) && fromEmail != null) {
      e.setUserId(fromEmail);
      e.setUserIdFromEmail(true);
    } else {
      e.setUserId(hash);
    }
  }

  /** The record's id, or one derived from its content when it has none. */
  private static void setId(Event e, String id, JsonNode n, String idKey, String timeKey) {
    if (id != null) {
      e.setEventId(id);
      return;
    }
    e.setEventId(DerivedIds.eventId(e.getSourceFormat(), n, idKey, timeKey, e.getEventTime()));
    e.setEventIdDerived(true);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** Object and classification properties stand at the top level or inside event_information. */
  private static String prop(JsonNode top, JsonNode info, String key) {
    String v = text(top, key);
    return v != null ? v : text(info, key);
  }

  /**
   * The record's id; null when it is missing, null or blank (the event then gets a derived id). An
   * id that is an object or an array is not an id: the record is quarantined.
   */
  private static String id(JsonNode n, String key) throws RejectedRecord {
    JsonNode v = field(n, key);
    if (v == null) {
      return null;
    }
    if (!v.isValueNode()) {
      throw new RejectedRecord(
          "invalid event id: " + Timestamps.abbreviate(text(v)) + " (" + key + ")");
    }
    return v.asText().isBlank() ? null : v.asText();
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
