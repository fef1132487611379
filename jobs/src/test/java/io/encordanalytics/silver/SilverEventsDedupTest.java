package io.encordanalytics.silver;

import static org.assertj.core.api.Assertions.assertThat;

import io.encordanalytics.ingest.FileSource;
import io.encordanalytics.ingest.Timestamps;
import io.encordanalytics.model.Event;
import io.encordanalytics.model.ParsedRecord;
import io.encordanalytics.spark.EventDates;
import io.encordanalytics.testing.SparkTestBase;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Dedup of a run's records within the run and against stored ids, both ways of joining. */
class SilverEventsDedupTest extends SparkTestBase {

  private static ParsedRecord record(int file, long index, String id, String user) {
    Event e = new Event();
    e.setEventId(id);
    e.setSourceFormat("label_log");
    e.setAction("CREATE_OBJECT");
    e.setActionCode(0);
    e.setUserId(user);
    e.setEventTime(Timestamps.parse("2025-04-01T10:00:00Z"));
    e.setEventDate(LocalDate.ofInstant(e.getEventTime(), ZoneOffset.UTC));
    e.setSourceFile("f" + file);
    ParsedRecord r = new ParsedRecord();
    r.setSourceFile("f" + file);
    r.setFileOrder(file);
    r.setRecordIndex(index);
    r.setRaw("{}");
    r.setEvent(e);
    return r;
  }

  @Test
  void firstCopyInFileAndRecordOrderWinsAndStoredIdsAreLeftOutEitherWay() {
    List<ParsedRecord> records = new ArrayList<>();
    // a: three copies; the first in (file, record) order is file 0 record 5 (user "first").
    records.add(record(1, 0, "a", "later-file"));
    records.add(record(0, 5, "a", "first"));
    records.add(record(0, 7, "a", "later-record"));
    records.add(record(0, 1, "b", "only"));
    // c: already stored, and twice in this run.
    records.add(record(0, 2, "c", "x"));
    records.add(record(1, 1, "c", "y"));
    records.add(record(1, 2, "d", "only"));
    ParsedRecord bad = record(1, 3, null, null);
    bad.setEvent(null);
    bad.setReason("not JSON");
    records.add(bad);
    Dataset<ParsedRecord> ds = spark.createDataset(records, Encoders.bean(ParsedRecord.class));
    Dataset<Row> stored =
        spark.createDataset(List.of("c", "zz"), Encoders.STRING()).toDF("event_id");

    for (boolean broadcastRunIds : new boolean[] {false, true}) {
      List<String> rows = new ArrayList<>();
      for (Row r :
          SilverEvents.newEvents(ds, stored, "r1", broadcastRunIds)
              .select("event_id", "user_id", "run_id")
              .collectAsList()) {
        rows.add(r.getString(0) + ":" + r.getString(1) + ":" + r.getString(2));
      }
      assertThat(rows)
          .as("broadcast run ids: %s", broadcastRunIds)
          .containsExactlyInAnyOrder("a:first:r1", "b:only:r1", "d:only:r1");
    }
    List<String> noHistory = new ArrayList<>();
    for (Row r :
        SilverEvents.newEvents(ds, null, "r1").select("event_id", "user_id").collectAsList()) {
      noHistory.add(r.getString(0) + ":" + r.getString(1));
    }
    assertThat(noHistory)
        .as("without stored ids, c's first copy is new")
        .containsExactlyInAnyOrder("a:first", "b:only", "c:x", "d:only");
  }

  @Test
  void theRunIsDeduplicatedAgainstTheStoredEventsOfItsOwnDates() {
    // Stored: c on the run's date, e the day before, zz and far further away; the run re-delivers
    // c (same time) and e (its time slipped across midnight).
    Dataset<ParsedRecord> run =
        spark.createDataset(
            List.of(record(0, 0, "c", "again"), record(0, 1, "e", "new")),
            Encoders.bean(ParsedRecord.class));
    Dataset<Row> stored =
        spark.sql(
            "SELECT * FROM VALUES ('c', DATE'2025-04-01'), ('zz', DATE'2025-03-01'),"
                + " ('e', DATE'2025-03-31'), ('far', DATE'2025-04-03')"
                + " AS t(event_id, event_date)");
    // The dates the night job reads stored ids on: those of the run's valid records.
    Set<LocalDate> dates = FileSource.counts(run).dates();
    assertThat(dates)
        .containsExactly(LocalDate.parse("2025-04-01"))
        .isEqualTo(EventDates.dates(SilverEvents.validEvents(run)));
    List<String> read = new ArrayList<>();
    for (Row r : SilverEvents.storedIdsOn(stored, dates).collectAsList()) {
      read.add(r.getString(0));
    }
    assertThat(read)
        .as("the run's dates and the day either side are read")
        .containsExactlyInAnyOrder("c", "e");
    List<String> fresh = new ArrayList<>();
    for (Row r :
        SilverEvents.newEvents(run, SilverEvents.storedIdsOn(stored, dates), "r2")
            .select("event_id")
            .collectAsList()) {
      fresh.add(r.getString(0));
    }
    assertThat(fresh)
        .as(
            "c re-delivered on its date, e stored the day before (a time that slipped across"
                + " midnight): both duplicates")
        .isEmpty();
  }
}
