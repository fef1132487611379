package io.encordanalytics.vocabulary;

import java.util.Locale;

/**
 * The action kinds of the metric contract (tables.md, "Action kinds used by the metrics"): each
 * kind's label-log action and editor action, either of which may be absent. Label logs are matched
 * by code, editor logs by action, so an unknown action of either format never lands in a kind. The
 * README's kind table is checked against this enum by a test.
 */
public enum Kind {
  LABEL_CREATED(LabelLogAction.ADD, EditorAction.CREATE_OBJECT),
  LABEL_EDITED(LabelLogAction.EDIT, EditorAction.UPDATE_OBJECT),
  LABEL_DELETED(LabelLogAction.DELETE, EditorAction.DELETE_OBJECT),
  ATTRIBUTE_CREATED(LabelLogAction.ADD_ATTRIBUTE, EditorAction.CREATE_ATTRIBUTE),
  ATTRIBUTE_EDITED(LabelLogAction.EDIT_ATTRIBUTE, EditorAction.UPDATE_ATTRIBUTE),
  ATTRIBUTE_DELETED(LabelLogAction.DELETE_ATTRIBUTE, EditorAction.DELETE_ATTRIBUTE),
  TASK_SUBMITTED(LabelLogAction.SUBMIT_TASK, EditorAction.SUBMIT_TASK),
  TASK_SKIPPED(null, EditorAction.SKIP_TASK),
  LABEL_APPROVED(LabelLogAction.APPROVE_LABEL, EditorAction.APPROVE_OBJECT),
  LABEL_REJECTED(LabelLogAction.REJECT_LABEL, EditorAction.REJECT_OBJECT),
  ATTRIBUTE_APPROVED(LabelLogAction.APPROVE_NESTED_ATTRIBUTE, EditorAction.APPROVE_CLASSIFICATION),
  ATTRIBUTE_REJECTED(LabelLogAction.REJECT_NESTED_ATTRIBUTE, EditorAction.REJECT_CLASSIFICATION),
  TASK_APPROVED(LabelLogAction.APPROVE_TASK, EditorAction.APPROVE_TASK),
  TASK_REJECTED(LabelLogAction.REJECT_TASK, EditorAction.REJECT_TASK),
  BUFFERING(LabelLogAction.BUFFERING_OVERLAY_SHOWN, null),
  BITRATE_WARNING(LabelLogAction.BITRATE_WARNING_SHOWN, null),
  SEEKING(LabelLogAction.SEEKING_OVERLAY_SHOWN, null),
  CONSENSUS_LABEL_APPROVED(LabelLogAction.CONSENSUS_APPROVE_LABEL, null),
  CONSENSUS_LABEL_CANCELLED(LabelLogAction.CONSENSUS_CANCEL_APPROVE_LABEL, null),
  CONSENSUS_IN_AGREEMENT(LabelLogAction.CONSENSUS_IN_AGREEMENT, null);

  private final LabelLogAction labelLog;
  private final EditorAction editor;

  Kind(LabelLogAction labelLog, EditorAction editor) {
    this.labelLog = labelLog;
    this.editor = editor;
  }

  /** The label-log action of this kind; null when label logs have none. */
  public LabelLogAction labelLog() {
    return labelLog;
  }

  /** The editor action of this kind; null when editor logs have none. */
  public EditorAction editor() {
    return editor;
  }

  /** The value of the gold {@code kind} column, e.g. {@code label_created}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
