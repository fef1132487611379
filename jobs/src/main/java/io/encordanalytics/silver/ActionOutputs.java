package io.encordanalytics.silver;

import io.encordanalytics.io.TableId;
import io.encordanalytics.io.Tables;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The per-action silver tables, each with the transform of silver events that gives its rows. */
public final class ActionOutputs {
  private ActionOutputs() {}

  /** Every per-action table and its transform, in pipeline order. */
  public static Map<TableId, UnaryOperator<Dataset<Row>>> of(Tables tables) {
    Map<TableId, UnaryOperator<Dataset<Row>>> outputs = new LinkedHashMap<>();
    outputs.put(tables.objectChanges, ActionTables::objectChanges);
    outputs.put(tables.attributeChanges, ActionTables::attributeChanges);
    outputs.put(tables.reviewDecisions, ActionTables::reviewDecisions);
    outputs.put(tables.taskDecisions, ActionTables::taskDecisions);
    outputs.put(tables.agentRuns, ActionTables::agentRuns);
    outputs.put(tables.taskSaves, ActionTables::taskSaves);
    outputs.put(tables.taskSkips, ActionTables::taskSkips);
    outputs.put(tables.playbackEvents, ActionTables::playbackEvents);
    outputs.put(tables.consensusEvents, ActionTables::consensusEvents);
    return outputs;
  }
}
