package io.encordanalytics.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The {@code event_date} column that partitions every event and gold table. */
public final class EventDates {
  private EventDates() {}

  /** A date value as Spark returns it ({@code java.sql.Date} or {@code LocalDate}). */
  public static LocalDate date(Object o) {
    return o instanceof Date d ? d.toLocalDate() : (LocalDate) o;
  }

  /** The distinct non-null {@code event_date} values of {@code rows}, collected. */
  public static Set<LocalDate> dates(Dataset<Row> rows) {
    Set<LocalDate> out = new TreeSet<>();
    for (Row r : rows.select("event_date").distinct().collectAsList()) {
      if (r.get(0) != null) {
        out.add(date(r.get(0)));
      }
    }
    return out;
  }

  /**
   * The distinct non-null {@code event_date} values of each of {@code rows} (by name), collected in
   * one query (each query of its own costs more to plan and schedule than to answer); a name whose
   * rows hold none maps to an empty set.
   */
  public static Map<String, Set<LocalDate>> datesOf(Map<String, Dataset<Row>> rows) {
    Map<String, Set<LocalDate>> out = new TreeMap<>();
    Dataset<Row> all = null;
    for (Map.Entry<String, Dataset<Row>> e : new TreeMap<>(rows).entrySet()) {
      out.put(e.getKey(), new TreeSet<>());
      Dataset<Row> dated =
          e.getValue()
              .select(lit(e.getKey()).as("tag"), col("event_date"))
              .filter(col("event_date").isNotNull());
      all = all == null ? dated : all.union(dated);
    }
    if (all != null) {
      for (Row r : all.distinct().collectAsList()) {
        out.get(r.getString(0)).add(date(r.get(1)));
      }
    }
    return out;
  }

  /** {@code event_date} in {@code dates}: a literal list, so that Delta prunes partitions. */
  public static Column inDates(Collection<LocalDate> dates) {
    return col("event_date").isInCollection(dates.stream().map(Date::valueOf).toList());
  }

  /** Every date within {@code days} days of one of {@code dates}. */
  public static Set<LocalDate> around(Set<LocalDate> dates, int days) {
    Set<LocalDate> out = new TreeSet<>();
    for (LocalDate d : dates) {
      for (int i = -days; i <= days; i++) {
        out.add(d.plusDays(i));
      }
    }
    return out;
  }
}
