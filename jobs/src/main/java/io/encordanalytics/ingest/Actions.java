package io.encordanalytics.ingest;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The action vocabularies of both log formats (inputs.md). */
public final class Actions {
  private Actions() {}

  /** Label-log action codes and their names. There is no code 18. */
  public static final Map<Integer, String> LABEL_LOG_CODES =
      Map.ofEntries(
          Map.entry(0, "ADD"),
          Map.entry(1, "EDIT"),
          Map.entry(2, "DELETE"),
          Map.entry(3, "START"),
          Map.entry(4, "END"),
          Map.entry(5, "MARK_AS_NOT_LABELLED"),
          Map.entry(6, "MARK_AS_IN_PROGRESS"),
          Map.entry(7, "MARK_AS_LABELLED"),
          Map.entry(8, "MARK_AS_REVIEW_REQUIRED"),
          Map.entry(9, "MARK_AS_REVIEWED"),
          Map.entry(10, "MARK_AS_REVIEWED_TWICE"),
          Map.entry(11, "SUBMIT_TASK"),
          Map.entry(12, "APPROVE_LABEL"),
          Map.entry(13, "REJECT_LABEL"),
          Map.entry(14, "CLICK_SAVE"),
          Map.entry(15, "CLICK_UNDO"),
          Map.entry(16, "CLICK_REDO"),
          Map.entry(17, "CLICK_BULK"),
          Map.entry(19, "CLICK_ZOOM"),
          Map.entry(20, "CLICK_BRIGHTNESS"),
          Map.entry(21, "CLICK_HOTKEYS"),
          Map.entry(22, "CLICK_SETTINGS"),
          Map.entry(23, "ADD_ATTRIBUTE"),
          Map.entry(24, "EDIT_ATTRIBUTE"),
          Map.entry(25, "DELETE_ATTRIBUTE"),
          Map.entry(26, "APPROVE_NESTED_ATTRIBUTE"),
          Map.entry(27, "REJECT_NESTED_ATTRIBUTE"),
          Map.entry(28, "SUBMIT_LABEL"),
          Map.entry(29, "SUBMIT_NESTED_ATTRIBUTE"),
          Map.entry(30, "BUFFERING_OVERLAY_SHOWN"),
          Map.entry(31, "BITRATE_WARNING_SHOWN"),
          Map.entry(32, "SEEKING_OVERLAY_SHOWN"),
          Map.entry(33, "APPROVE_TASK"),
          Map.entry(34, "REJECT_TASK"),
          Map.entry(35, "CONSENSUS_APPROVE_LABEL"),
          Map.entry(36, "CONSENSUS_CANCEL_APPROVE_LABEL"),
          Map.entry(37, "CONSENSUS_IN_AGREEMENT"));

  /** Editor-log actions documented by Encord. Others are kept with their raw text. */
  public static final Set<String> EDITOR_ACTIONS =
      Set.of(
          "CREATE_OBJECT",
          "UPDATE_OBJECT",
          "DELETE_OBJECT",
          "APPROVE_OBJECT",
          "REJECT_OBJECT",
          "REVERT_TO_PENDING_OBJECT",
          "CREATE_ATTRIBUTE",
          "UPDATE_ATTRIBUTE",
          "DELETE_ATTRIBUTE",
          "APPROVE_CLASSIFICATION",
          "REJECT_CLASSIFICATION",
          "REVERT_TO_PENDING_CLASSIFICATION",
          "SKIP_TASK",
          "SAVE_TASK",
          "SUBMIT_TASK",
          "APPROVE_TASK",
          "REJECT_TASK",
          "RUN_AGENT",
          "ENTER_EDITOR",
          "ENTER_EDIT_MODE",
          "EXIT_EDIT_MODE",
          "FORCE_OVERWRITE");

  private static final Map<String, Integer> LABEL_LOG_NAMES = new HashMap<>();

  static {
    LABEL_LOG_CODES.forEach((code, name) -> LABEL_LOG_NAMES.put(name, code));
  }

  /**
   * The documented editor action that {@code raw} names, compared without regard to case or
   * surrounding blanks ({@code create_object} is {@code CREATE_OBJECT}); null for any other text.
   * Encord's documentation writes {@code CREATE_OBJECT}, an SDK example filters on {@code
   * create_object}: to the SDK the action is free text.
   */
  public static String editorAction(String raw) {
    if (raw == null) {
      return null;
    }
    String upper = raw.strip().toUpperCase(Locale.ROOT);
    return EDITOR_ACTIONS.contains(upper) ? upper : null;
  }

  /**
   * The label-log code that an action name stands for ({@code APPROVE_LABEL}, any case, also as
   * Python prints the SDK's enum member, {@code Action.APPROVE_LABEL}); null for other text.
   */
  public static Integer labelLogCode(String name) {
    if (name == null) {
      return null;
    }
    String upper = name.strip().toUpperCase(Locale.ROOT);
    if (upper.startsWith("ACTION.")) {
      upper = upper.substring("ACTION.".length());
    }
    return LABEL_LOG_NAMES.get(upper);
  }
}
