package io.encordanalytics.vocabulary;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The label-log action vocabulary of inputs.md: each action's integer code and the name silver
 * stores in {@code action}. There is no code 18. The one definition of these codes: ingest maps
 * codes to names with it, silver and gold select by it, the sample generator writes it.
 */
public enum LabelLogAction {
  ADD(0),
  EDIT(1),
  DELETE(2),
  START(3),
  END(4),
  MARK_AS_NOT_LABELLED(5),
  MARK_AS_IN_PROGRESS(6),
  MARK_AS_LABELLED(7),
  MARK_AS_REVIEW_REQUIRED(8),
  MARK_AS_REVIEWED(9),
  MARK_AS_REVIEWED_TWICE(10),
  SUBMIT_TASK(11),
  APPROVE_LABEL(12),
  REJECT_LABEL(13),
  CLICK_SAVE(14),
  CLICK_UNDO(15),
  CLICK_REDO(16),
  CLICK_BULK(17),
  CLICK_ZOOM(19),
  CLICK_BRIGHTNESS(20),
  CLICK_HOTKEYS(21),
  CLICK_SETTINGS(22),
  ADD_ATTRIBUTE(23),
  EDIT_ATTRIBUTE(24),
  DELETE_ATTRIBUTE(25),
  APPROVE_NESTED_ATTRIBUTE(26),
  REJECT_NESTED_ATTRIBUTE(27),
  SUBMIT_LABEL(28),
  SUBMIT_NESTED_ATTRIBUTE(29),
  BUFFERING_OVERLAY_SHOWN(30),
  BITRATE_WARNING_SHOWN(31),
  SEEKING_OVERLAY_SHOWN(32),
  APPROVE_TASK(33),
  REJECT_TASK(34),
  CONSENSUS_APPROVE_LABEL(35),
  CONSENSUS_CANCEL_APPROVE_LABEL(36),
  CONSENSUS_IN_AGREEMENT(37);

  private final int code;

  LabelLogAction(int code) {
    this.code = code;
  }

  /** The integer the label logs write in {@code action}. */
  public int code() {
    return code;
  }

  private static final Map<Integer, LabelLogAction> BY_CODE = new HashMap<>();
  private static final Map<String, LabelLogAction> BY_NAME = new HashMap<>();

  static {
    for (LabelLogAction a : values()) {
      BY_CODE.put(a.code, a);
      BY_NAME.put(a.name(), a);
    }
  }

  /** The action of a code; null for a code not in the vocabulary (and for null). */
  public static LabelLogAction ofCode(Integer code) {
    return code == null ? null : BY_CODE.get(code);
  }

  /**
   * The action a name stands for ({@code APPROVE_LABEL}, any case, also as Python prints the SDK's
   * enum member, {@code Action.APPROVE_LABEL}); null for other text.
   */
  public static LabelLogAction ofName(String name) {
    if (name == null) {
      return null;
    }
    String upper = name.strip().toUpperCase(Locale.ROOT);
    if (upper.startsWith("ACTION.")) {
      upper = upper.substring("ACTION.".length());
    }
    return BY_NAME.get(upper);
  }
}
