package io.encordanalytics.vocabulary;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The editor-log actions documented by Encord (inputs.md). Others are kept with their raw text. The
 * one definition of these strings: ingest normalises to them, silver and gold select by them, the
 * sample generator writes them.
 */
public enum EditorAction {
  CREATE_OBJECT,
  UPDATE_OBJECT,
  DELETE_OBJECT,
  APPROVE_OBJECT,
  REJECT_OBJECT,
  REVERT_TO_PENDING_OBJECT,
  CREATE_ATTRIBUTE,
  UPDATE_ATTRIBUTE,
  DELETE_ATTRIBUTE,
  APPROVE_CLASSIFICATION,
  REJECT_CLASSIFICATION,
  REVERT_TO_PENDING_CLASSIFICATION,
  SKIP_TASK,
  SAVE_TASK,
  SUBMIT_TASK,
  APPROVE_TASK,
  REJECT_TASK,
  RUN_AGENT,
  ENTER_EDITOR,
  ENTER_EDIT_MODE,
  EXIT_EDIT_MODE,
  FORCE_OVERWRITE;

  private static final Map<String, EditorAction> BY_NAME = new HashMap<>();

  static {
    for (EditorAction a : values()) {
      BY_NAME.put(a.name(), a);
    }
  }

  /**
   * The documented action that {@code raw} names, compared without regard to case or surrounding
   * blanks ({@code create_object} is {@code CREATE_OBJECT}); null for any other text. Encord's
   * documentation writes {@code CREATE_OBJECT}, an SDK example filters on {@code create_object}: to
   * the SDK the action is free text.
   */
  public static EditorAction of(String raw) {
    return raw == null ? null : BY_NAME.get(raw.strip().toUpperCase(Locale.ROOT));
  }
}
