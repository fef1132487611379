package io.encordanalytics.testing;

import io.encordanalytics.ingest.Timestamps;
import io.encordanalytics.model.Event;
import io.encordanalytics.model.ParsedRecord;
import io.encordanalytics.silver.SilverEvents;
import io.encordanalytics.vocabulary.LabelLogAction;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Builds silver event rows in code for transform tests, through the same path as the job ({@link
 * SilverEvents#newEvents}), so tests exercise the real column mapping.
 *
 * <pre>
 *   EventRows rows = new EventRows();
 *   rows.label("l1", 0, "u1", "2025-04-01T10:00:00Z").labelId("obj1").labelName("Car");
 *   rows.editor("e1", "APPROVE_OBJECT", "r1", "2025-04-02T09:00:00Z").labelId("obj1");
 *   Dataset&lt;Row&gt; silver = rows.toSilver(spark);
 * </pre>
 */
public final class EventRows {
  private final List<Event> events = new ArrayList<>();

  /** A label-log event with an action code (its name is filled in as the job does). */
  public Builder label(String id, int code, String user, String time) {
    Event e = base(id, "label_log", user, time);
    e.setActionCode(code);
    LabelLogAction known = LabelLogAction.ofCode(code);
    e.setAction(known != null ? known.name() : Integer.toString(code));
    return new Builder(e);
  }

  /** An editor-log event with an action string. */
  public Builder editor(String id, String action, String user, String time) {
    Event e = base(id, "editor_log", user, time);
    e.setAction(action);
    return new Builder(e);
  }

  private Event base(String id, String format, String user, String time) {
    Event e = new Event();
    e.setEventId(id);
    e.setSourceFormat(format);
    e.setUserId(user);
    e.setEventTime(Timestamps.parse(time));
    e.setEventDate(LocalDate.ofInstant(e.getEventTime(), ZoneOffset.UTC));
    e.setSourceFile("test");
    events.add(e);
    return e;
  }

  /** Silver events rows (all columns of encord_silver.events), run id "test-run". */
  public Dataset<Row> toSilver(SparkSession spark) {
    return toSilver(spark, "test-run");
  }

  public Dataset<Row> toSilver(SparkSession spark, String runId) {
    List<ParsedRecord> records = new ArrayList<>();
    long i = 0;
    for (Event e : events) {
      ParsedRecord r = new ParsedRecord();
      r.setSourceFile("test");
      r.setFileOrder(0);
      r.setRecordIndex(i++);
      r.setRaw("{}");
      r.setEvent(e);
      records.add(r);
    }
    return SilverEvents.newEvents(
        spark.createDataset(records, Encoders.bean(ParsedRecord.class)), null, runId);
  }

  /** Fluent setters for the optional fields. */
  public static final class Builder {
    private final Event e;

    Builder(Event e) {
      this.e = e;
    }

    public Builder email(String v) {
      e.setUserEmail(v);
      return this;
    }

    public Builder dataUnit(String v) {
      e.setDataUnitId(v);
      return this;
    }

    public Builder labelId(String v) {
      e.setLabelId(v);
      return this;
    }

    public Builder labelName(String v) {
      e.setLabelName(v);
      return this;
    }

    public Builder featureId(String v) {
      e.setFeatureId(v);
      return this;
    }

    public Builder branch(String v) {
      e.setBranchName(v);
      return this;
    }

    public Builder task(String v) {
      e.setWorkflowTaskId(v);
      return this;
    }

    public Builder stageType(String v) {
      e.setWorkflowStageType(v);
      return this;
    }

    public Builder session(String v) {
      e.setSessionId(v);
      return this;
    }

    public Builder timeTaken(long ms) {
      e.setTimeTakenMs(ms);
      return this;
    }

    public Builder frame(int f) {
      e.setFrame(f);
      return this;
    }

    public Builder consensus(Boolean v) {
      e.setIsConsensus(v);
      return this;
    }

    /** Raw event_information JSON text (also sets is_consensus from it, as the mapper does). */
    public Builder info(String json) {
      e.setEventInformation(json);
      if (json.contains("\"isConsensus\":true") || json.contains("\"isConsensus\": true")) {
        e.setIsConsensus(true);
      } else if (json.contains("\"isConsensus\":false")
          || json.contains("\"isConsensus\": false")) {
        e.setIsConsensus(false);
      }
      return this;
    }

    public Event event() {
      return e;
    }
  }
}
