package io.encordanalytics.gold;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.encordanalytics.spark.EventDates;
import io.encordanalytics.testing.SparkTestBase;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The key index against the plain answer: for random keys on random dates, the dates the index
 * gives for a set of keys are exactly the dates that hold one of them (a hash shared by two values
 * could only add a date; with 64-bit hashes none does here), and its rows are one per key column
 * and date.
 */
class EventKeysTest extends SparkTestBase {
  private static final StructType EVENTS =
      new StructType()
          .add("label_id", DataTypes.StringType)
          .add("task_key", DataTypes.StringType)
          .add("event_date", DataTypes.DateType);

  @Test
  void datesOfRandomKeysAreExactlyTheDatesThatHoldThem() {
    Random random = new Random(7);
    LocalDate first = LocalDate.of(2025, 1, 1);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      // Few keys over many dates, so that each key is on several dates; some keys null. Labels
      // and task keys share one pool of values, so that a lookup in the wrong column would show.
      String label = random.nextInt(10) == 0 ? null : "k-" + random.nextInt(400);
      String task = random.nextInt(10) == 0 ? null : "k-" + (200 + random.nextInt(300));
      rows.add(RowFactory.create(label, task, Date.valueOf(first.plusDays(random.nextInt(120)))));
    }
    Dataset<Row> events = spark.createDataFrame(rows, EVENTS);
    Dataset<Row> index = EventKeys.of(events).cache();
    EventKeys.Lookup lookup = EventKeys.Lookup.load(index);

    // One row per key column and date that holds the column, its hashes distinct and sorted.
    long columnDates =
        events.filter(col("label_id").isNotNull()).select("event_date").distinct().count()
            + events.filter(col("task_key").isNotNull()).select("event_date").distinct().count();
    assertThat(index.count()).isEqualTo(columnDates);
    assertThat(lookup.rows()).isEqualTo((int) columnDates);
    for (Row r : index.collectAsList()) {
      List<Long> hashes = r.getList(r.fieldIndex(EventKeys.HASHES));
      assertThat(hashes).isSorted().doesNotHaveDuplicates();
    }

    for (int trial = 0; trial < 24; trial++) {
      Set<String> labels = new HashSet<>();
      Set<String> tasks = new HashSet<>();
      int n = 1 + random.nextInt(trial < 12 ? 3 : 60);
      for (int i = 0; i < n; i++) {
        labels.add("k-" + random.nextInt(550)); // some not in the index at all
        if (random.nextBoolean()) {
          tasks.add("k-" + random.nextInt(550));
        }
      }
      Dataset<Row> labelKeys = keys("label_id", labels);
      Dataset<Row> taskKeys = keys("task_key", tasks);
      Set<LocalDate> expected = new TreeSet<>();
      for (Row r : rows) {
        if (labels.contains(r.getString(0)) || tasks.contains(r.getString(1))) {
          expected.add(EventDates.date(r.get(2)));
        }
      }
      assertThat(lookup.datesOf(labelKeys, taskKeys))
          .as("trial %d: %d labels, %d tasks", trial, labels.size(), tasks.size())
          .isEqualTo(expected);
    }
    assertThat(lookup.datesOf(keys("label_id", Set.of()), keys("task_key", Set.of()))).isEmpty();
    index.unpersist();
  }

  @Test
  void sortedArraysIntersect() {
    assertThat(EventKeys.Lookup.intersects(new long[] {}, new long[] {1})).isFalse();
    assertThat(EventKeys.Lookup.intersects(new long[] {1, 5, 9}, new long[] {2, 6, 10})).isFalse();
    assertThat(EventKeys.Lookup.intersects(new long[] {1, 5, 9}, new long[] {-3, 9})).isTrue();
    assertThat(
            EventKeys.Lookup.intersects(new long[] {Long.MIN_VALUE}, new long[] {Long.MIN_VALUE}))
        .isTrue();
  }

  private static Dataset<Row> keys(String column, Set<String> values) {
    List<Row> rows = values.stream().map(v -> RowFactory.create(v)).toList();
    return spark.createDataFrame(rows, new StructType().add(column, DataTypes.StringType));
  }
}
