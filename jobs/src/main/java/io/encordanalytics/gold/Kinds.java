package io.encordanalytics.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * The action kinds of the metric contract (tables.md, "Action kinds used by the metrics"). Label
 * logs are matched by code, editor logs by action string, so an unknown action of either format
 * never lands in a kind.
 */
public final class Kinds {
  private Kinds() {}

  public static final String LABEL_CREATED = "label_created";
  public static final String LABEL_EDITED = "label_edited";
  public static final String LABEL_DELETED = "label_deleted";
  public static final String ATTRIBUTE_CREATED = "attribute_created";
  public static final String ATTRIBUTE_EDITED = "attribute_edited";
  public static final String ATTRIBUTE_DELETED = "attribute_deleted";
  public static final String TASK_SUBMITTED = "task_submitted";
  public static final String TASK_SKIPPED = "task_skipped";
  public static final String LABEL_APPROVED = "label_approved";
  public static final String LABEL_REJECTED = "label_rejected";
  public static final String ATTRIBUTE_APPROVED = "attribute_approved";
  public static final String ATTRIBUTE_REJECTED = "attribute_rejected";
  public static final String TASK_APPROVED = "task_approved";
  public static final String TASK_REJECTED = "task_rejected";
  public static final String BUFFERING = "buffering";
  public static final String BITRATE_WARNING = "bitrate_warning";
  public static final String SEEKING = "seeking";
  public static final String CONSENSUS_LABEL_APPROVED = "consensus_label_approved";
  public static final String CONSENSUS_LABEL_CANCELLED = "consensus_label_cancelled";
  public static final String CONSENSUS_IN_AGREEMENT = "consensus_in_agreement";

  /** kind -> {label-log code or null, editor action or null}. */
  public static final Map<String, Object[]> KINDS = new LinkedHashMap<>();

  static {
    KINDS.put(LABEL_CREATED, new Object[] {0, "CREATE_OBJECT"});
    KINDS.put(LABEL_EDITED, new Object[] {1, "UPDATE_OBJECT"});
    KINDS.put(LABEL_DELETED, new Object[] {2, "DELETE_OBJECT"});
    KINDS.put(ATTRIBUTE_CREATED, new Object[] {23, "CREATE_ATTRIBUTE"});
    KINDS.put(ATTRIBUTE_EDITED, new Object[] {24, "UPDATE_ATTRIBUTE"});
    KINDS.put(ATTRIBUTE_DELETED, new Object[] {25, "DELETE_ATTRIBUTE"});
    KINDS.put(TASK_SUBMITTED, new Object[] {11, "SUBMIT_TASK"});
    KINDS.put(TASK_SKIPPED, new Object[] {null, "SKIP_TASK"});
    KINDS.put(LABEL_APPROVED, new Object[] {12, "APPROVE_OBJECT"});
    KINDS.put(LABEL_REJECTED, new Object[] {13, "REJECT_OBJECT"});
    KINDS.put(ATTRIBUTE_APPROVED, new Object[] {26, "APPROVE_CLASSIFICATION"});
    KINDS.put(ATTRIBUTE_REJECTED, new Object[] {27, "REJECT_CLASSIFICATION"});
    KINDS.put(TASK_APPROVED, new Object[] {33, "APPROVE_TASK"});
    KINDS.put(TASK_REJECTED, new Object[] {34, "REJECT_TASK"});
    KINDS.put(BUFFERING, new Object[] {30, null});
    KINDS.put(BITRATE_WARNING, new Object[] {31, null});
    KINDS.put(SEEKING, new Object[] {32, null});
    KINDS.put(CONSENSUS_LABEL_APPROVED, new Object[] {35, null});
    KINDS.put(CONSENSUS_LABEL_CANCELLED, new Object[] {36, null});
    KINDS.put(CONSENSUS_IN_AGREEMENT, new Object[] {37, null});
  }

  /** The kind of each silver event, null for actions no metric counts. */
  public static Column kind() {
    Column label = col("source_format").equalTo("label_log");
    Column editor = col("source_format").equalTo("editor_log");
    Column c = null;
    for (Map.Entry<String, Object[]> e : KINDS.entrySet()) {
      Object code = e.getValue()[0];
      Object action = e.getValue()[1];
      Column match = lit(false);
      if (code != null) {
        match = match.or(label.and(col("action_code").equalTo(code)));
      }
      if (action != null) {
        match = match.or(editor.and(col("action").equalTo(action)));
      }
      c = c == null ? when(match, lit(e.getKey())) : c.when(match, lit(e.getKey()));
    }
    return c.otherwise(lit(null).cast("string"));
  }
}
