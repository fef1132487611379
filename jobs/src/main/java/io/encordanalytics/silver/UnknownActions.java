package io.encordanalytics.silver;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import io.encordanalytics.spark.ActionSelection;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The actions of a run's events that neither vocabulary of inputs.md knows (a label-log code not in
 * the list, an editor action not documented, compared without regard to case), counted, so that a
 * run shows when Encord adds or renames actions instead of silently counting them in no metric.
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

  /**
   * Events per unknown action, keyed {@code <source_format>:<action as written>} (e.g. {@code
   * editor_log:NEW_FANCY_ACTION}, {@code label_log:99}); empty when every action is known.
   */
  public static Map<String, Long> count(Dataset<Row> events) {
    Map<String, Long> out = new TreeMap<>();
    for (Row r :
        events
            .filter(isUnknown())
            .groupBy(col("source_format"), coalesce(col("action"), lit(NONE)).as("action"))
            .count()
            .collectAsList()) {
      out.put(r.getString(0) + ":" + r.getString(1), r.getLong(2));
    }
    return out;
  }
}
