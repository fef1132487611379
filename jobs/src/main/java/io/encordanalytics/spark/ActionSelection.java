package io.encordanalytics.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.encordanalytics.ingest.EventMapper;
import io.encordanalytics.vocabulary.EditorAction;
import io.encordanalytics.vocabulary.Kind;
import io.encordanalytics.vocabulary.LabelLogAction;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;

/**
 * A set of actions of both formats, and the one rule that matches silver events to it: label logs
 * by {@code action_code}, editor logs by {@code action} (which ingest stores in its canonical upper
 * case for every documented action). An action of one format never matches the other's, and an
 * unknown action matches nothing. Silver's per-action tables and gold's kinds both select with it.
 */
public final class ActionSelection {
  private final Set<LabelLogAction> labelLog;
  private final Set<EditorAction> editor;

  private ActionSelection(Set<LabelLogAction> labelLog, Set<EditorAction> editor) {
    this.labelLog = labelLog;
    this.editor = editor;
  }

  public static ActionSelection editor(EditorAction... actions) {
    EnumSet<EditorAction> e = EnumSet.noneOf(EditorAction.class);
    e.addAll(Set.of(actions));
    return new ActionSelection(EnumSet.noneOf(LabelLogAction.class), e);
  }

  public static ActionSelection labelLog(LabelLogAction... actions) {
    EnumSet<LabelLogAction> l = EnumSet.noneOf(LabelLogAction.class);
    l.addAll(Set.of(actions));
    return new ActionSelection(l, EnumSet.noneOf(EditorAction.class));
  }

  /** Every action of both vocabularies: what an event of any other action is, is unknown. */
  public static ActionSelection all() {
    return new ActionSelection(
        EnumSet.allOf(LabelLogAction.class), EnumSet.allOf(EditorAction.class));
  }

  /** The actions of the kinds, in each format that has one. */
  public static ActionSelection kinds(Kind... kinds) {
    EnumSet<LabelLogAction> l = EnumSet.noneOf(LabelLogAction.class);
    EnumSet<EditorAction> e = EnumSet.noneOf(EditorAction.class);
    for (Kind k : kinds) {
      if (k.labelLog() != null) {
        l.add(k.labelLog());
      }
      if (k.editor() != null) {
        e.add(k.editor());
      }
    }
    return new ActionSelection(l, e);
  }

  /** The actions of this selection and of {@code other}. */
  public ActionSelection or(ActionSelection other) {
    EnumSet<LabelLogAction> l = EnumSet.noneOf(LabelLogAction.class);
    l.addAll(labelLog);
    l.addAll(other.labelLog);
    EnumSet<EditorAction> e = EnumSet.noneOf(EditorAction.class);
    e.addAll(editor);
    e.addAll(other.editor);
    return new ActionSelection(l, e);
  }

  /**
   * The actions as the README lists them: editor actions in vocabulary order, then {@code
   * label-log} and the codes in order, e.g. {@code SAVE_TASK; label-log 14}.
   */
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (!editor.isEmpty()) {
      parts.add(editor.stream().map(EditorAction::name).collect(Collectors.joining(", ")));
    }
    if (!labelLog.isEmpty()) {
      parts.add(
          "label-log "
              + labelLog.stream()
                  .map(a -> Integer.toString(a.code()))
                  .collect(Collectors.joining(", ")));
    }
    return String.join("; ", parts);
  }

  /** True for the silver events of these actions. */
  public Column column() {
    Column match = lit(false);
    if (!labelLog.isEmpty()) {
      match =
          match.or(
              col("source_format")
                  .equalTo(EventMapper.LABEL_LOG)
                  .and(
                      col("action_code")
                          .isin(labelLog.stream().map(LabelLogAction::code).toArray())));
    }
    if (!editor.isEmpty()) {
      match =
          match.or(
              col("source_format")
                  .equalTo(EventMapper.EDITOR_LOG)
                  .and(col("action").isin(editor.stream().map(EditorAction::name).toArray())));
    }
    return match;
  }
}
