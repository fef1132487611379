package io.encordanalytics.spark;

import static org.apache.spark.sql.functions.col;

import java.sql.Date;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Set;
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
