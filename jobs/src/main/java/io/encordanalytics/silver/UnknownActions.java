package io.encordanalytics.silver;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import io.encordanalytics.spark.ActionSelection;
import org.apache.spark.sql.Column;

/**
 * The actions of a run's events that neither vocabulary of inputs.md knows (a label-log code not in
 * the list, an editor action not documented, compared without regard to case), counted, so that a
 * run shows when Encord adds or renames actions instead of silently counting them in no metric
 * ({@link EventCounts#unknownActions}).
 */
public final class UnknownActions {
  private UnknownActions() {}

  /** Shown for an event that has no action at all. */
  public static final String NONE = "(none)";

  /**
   * True for silver events whose action no vocabulary knows: the complement of the one rule that
   * matches events to actions ({@link ActionSelection}; an event without an action matches none).
   */
  public static Column isUnknown() {
    return not(coalesce(ActionSelection.all().column(), lit(false)));
  }
}
