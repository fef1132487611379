package io.encordanalytics.gold;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;

import io.encordanalytics.spark.EventDates;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code encord_silver.event_keys}, the gold step's index of silver: one row per ({@code
 * key_column}, {@code event_date}) that silver holds an event with a {@code label_id} (resp. {@code
 * task_key}) on, with {@code key_hashes}, the sorted 64-bit hashes ({@code xxhash64}) of every such
 * value on that date. The gold tables whose rows look across dates (review attribution, rework,
 * consensus) need every event of a label or task key; with this index a night reads the silver
 * dates that hold the keys it touches, not all of history.
 *
 * <p>The index is small — eight bytes per key and date, two rows per date — so a night reads it
 * whole into memory ({@link Lookup}) and answers every lookup there: one small query for the hashes
 * of the keys looked up, no scan of the index. A key's dates are never missed (its hash is in the
 * row of every date it is on); two values with the same hash can only add a date to read, never
 * change what is read from it (the events are then selected by the key itself). A pure function of
 * silver events, so it is rebuilt from them at will (the first night, a backfill, {@code
 * --rebuild-silver}); a later night rewrites the rows of the dates its events fall on.
 */
public final class EventKeys {
  private EventKeys() {}

  public static final String LABEL = "label_id";
  public static final String TASK = "task_key";

  /** The index's column that holds the hashes; an index stored without it predates this form. */
  public static final String HASHES = "key_hashes";

  /**
   * The index rows of {@code events} (silver events: label_id, task_key, event_date): per key
   * column and date, the sorted distinct hashes of the key's values.
   */
  public static Dataset<Row> of(Dataset<Row> events) {
    return keyRows(events, LABEL)
        .union(keyRows(events, TASK))
        .groupBy("key_column", "event_date")
        .agg(array_sort(collect_set(col("key_hash"))).as(HASHES));
  }

  private static Dataset<Row> keyRows(Dataset<Row> events, String key) {
    return events
        .filter(col(key).isNotNull().and(col("event_date").isNotNull()))
        .select(lit(key).as("key_column"), hash(key).as("key_hash"), col("event_date"));
  }

  /** The hash the index holds for a value of {@code key}: Spark's xxhash64 of the string. */
  private static Column hash(String key) {
    return xxhash64(col(key));
  }

  /** The distinct non-null values of {@code key} in {@code events}, as a one-column dataset. */
  public static Dataset<Row> keys(Dataset<Row> events, String key) {
    return events.filter(col(key).isNotNull()).select(key).distinct();
  }

  /**
   * The index held in memory: per key column, each date's sorted hashes. Built from the stored rows
   * ({@link #load}), it answers {@link #datesOf} with one small query per lookup (the hashes of the
   * keys looked up) and no scan of the index.
   */
  public static final class Lookup {
    private final Map<String, List<Dated>> byColumn;

    private record Dated(LocalDate date, long[] hashes) {}

    private Lookup(Map<String, List<Dated>> byColumn) {
      this.byColumn = byColumn;
    }

    /** Reads every row of {@code index} (the stored table, or {@link #of} rows) into memory. */
    public static Lookup load(Dataset<Row> index) {
      Map<String, List<Dated>> byColumn = new HashMap<>();
      for (Row r : index.select("key_column", "event_date", HASHES).collectAsList()) {
        List<Long> values = r.getList(2);
        long[] hashes = new long[values.size()];
        for (int i = 0; i < hashes.length; i++) {
          hashes[i] = values.get(i);
        }
        // Stored sorted; sorted again so that nothing rests on how the rows were written.
        Arrays.sort(hashes);
        byColumn
            .computeIfAbsent(r.getString(0), k -> new ArrayList<>())
            .add(new Dated(EventDates.date(r.get(1)), hashes));
      }
      return new Lookup(byColumn);
    }

    /** The number of (key column, date) rows held. */
    public int rows() {
      return byColumn.values().stream().mapToInt(List::size).sum();
    }

    /**
     * The dates on which the index holds one of {@code labels} (one column, label_id) or {@code
     * tasks} (one column, task_key).
     */
    public Set<LocalDate> datesOf(Dataset<Row> labels, Dataset<Row> tasks) {
      // The hashes of both key columns, in one query.
      List<Row> rows =
          hashRows(labels, LABEL).union(hashRows(tasks, TASK)).distinct().collectAsList();
      Set<LocalDate> out = new TreeSet<>();
      for (String column : List.of(LABEL, TASK)) {
        long[] wanted =
            rows.stream()
                .filter(r -> r.getString(0).equals(column))
                .mapToLong(r -> r.getLong(1))
                .sorted()
                .toArray();
        if (wanted.length == 0) {
          continue;
        }
        for (Dated d : byColumn.getOrDefault(column, List.of())) {
          if (!out.contains(d.date()) && intersects(wanted, d.hashes())) {
            out.add(d.date());
          }
        }
      }
      return out;
    }

    /** (key column, hash) of each non-null value of {@code key} in {@code keys}. */
    private static Dataset<Row> hashRows(Dataset<Row> keys, String key) {
      return keys.filter(col(key).isNotNull()).select(lit(key), hash(key));
    }

    /** Whether two sorted arrays share a value (one merge pass). */
    static boolean intersects(long[] a, long[] b) {
      int i = 0;
      int j = 0;
      while (i < a.length && j < b.length) {
        if (a[i] == b[j]) {
          return true;
        }
        if (a[i] < b[j]) {
          i++;
        } else {
          j++;
        }
      }
      return false;
    }
  }

  /**
   * The events of {@code silver} on {@code dates} (read by partition) with one of the {@code
   * labels} or one of the {@code tasks}: with the dates of those keys in the index, every event of
   * each key.
   */
  public static Dataset<Row> eventsOf(
      Dataset<Row> silver, Collection<LocalDate> dates, Dataset<Row> labels, Dataset<Row> tasks) {
    if (dates.isEmpty()) {
      return silver.limit(0);
    }
    Dataset<Row> onDates = silver.filter(EventDates.inDates(dates));
    String[] label = {LABEL};
    String[] task = {TASK};
    return onDates
        .join(broadcast(labels), label, "left_semi")
        .unionByName(
            onDates
                .join(broadcast(labels), label, "left_anti")
                .join(broadcast(tasks), task, "left_semi"));
  }
}
