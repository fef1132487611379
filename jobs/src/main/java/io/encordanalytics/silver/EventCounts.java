package io.encordanalytics.silver;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.encordanalytics.spark.EventDates;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a run needs to know of its new silver events before it writes them, counted by one query
 * (one Spark job): each query of its own costs a second or more to plan and schedule, whatever it
 * reads, and these were four.
 *
 * @param events the number of events
 * @param dates the distinct {@code event_date} values
 * @param rowsPerTable the rows each per-action table gets, by table name ({@link
 *     ActionTables#SELECTIONS}: each selected event is one row of its table), every table present
 * @param unknownActions events per action no vocabulary knows ({@link UnknownActions#isUnknown}),
 *     keyed {@code <source_format>:<action as written>}, e.g. {@code editor_log:NEW_FANCY_ACTION}
 *     or {@code label_log:99}; empty when every action is known
 */
public record EventCounts(
    long events,
    Set<LocalDate> dates,
    Map<String, Long> rowsPerTable,
    Map<String, Long> unknownActions) {

  /**
   * Counts {@code events} (silver event columns): one row per date, format, action and the
   * selections it matches, aggregated on the driver.
   */
  public static EventCounts of(Dataset<Row> events) {
    List<String> tables = new ArrayList<>(ActionTables.SELECTIONS.keySet());
    List<Column> keys = new ArrayList<>();
    keys.add(col("event_date"));
    keys.add(col("source_format"));
    keys.add(coalesce(col("action"), lit(UnknownActions.NONE)).as("action"));
    keys.add(UnknownActions.isUnknown().as("unknown"));
    for (int i = 0; i < tables.size(); i++) {
      Column selected = ActionTables.SELECTIONS.get(tables.get(i)).column();
      keys.add(coalesce(selected, lit(false)).as("in_" + i));
    }
    long total = 0;
    Set<LocalDate> dates = new TreeSet<>();
    Map<String, Long> perTable = new LinkedHashMap<>();
    tables.forEach(t -> perTable.put(t, 0L));
    Map<String, Long> unknown = new TreeMap<>();
    int first = keys.size() - tables.size();
    for (Row r : events.groupBy(keys.toArray(Column[]::new)).count().collectAsList()) {
      long n = r.getLong(keys.size());
      total += n;
      if (!r.isNullAt(0)) {
        dates.add(EventDates.date(r.get(0)));
      }
      if (r.getBoolean(3)) {
        unknown.merge(r.getString(1) + ":" + r.getString(2), n, Long::sum);
      }
      for (int i = 0; i < tables.size(); i++) {
        if (r.getBoolean(first + i)) {
          perTable.merge(tables.get(i), n, Long::sum);
        }
      }
    }
    return new EventCounts(
        total,
        Collections.unmodifiableSet(dates),
        Collections.unmodifiableMap(perTable),
        Collections.unmodifiableMap(unknown));
  }
}
