package io.encordanalytics.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One file of the samples tree while the scenario writes it: its path, shape, style and what it
 * demonstrates (a MANIFEST.md row), and its records in order. Events logged into it take its style,
 * their times truncated to its timestamp form.
 */
final class SampleFile implements EventSink {
  /** How the file's records are laid out. */
  enum Shape {
    JSONL("JSON Lines"),
    ARRAY("JSON array (pretty-printed)"),
    LOGS("envelope {\"logs\": [...]} (pretty-printed)"),
    RESULTS("envelope {\"results\": [...], \"nextPageToken\": ...} (compact, one line)"),
    LAST_PAGE("envelope {\"results\": [...]} without nextPageToken (the SDK's last page)"),
    RESPONSE(
        "envelope {\"status\": 200, \"response\": [...]} (a label-log API answer saved as is)"),
    RAW("not one JSON document and not valid JSON Lines");

    final String description;

    Shape(String description) {
      this.description = description;
    }
  }

  /** One written record: a valid event, or a quarantine-worthy map or raw line. */
  record Rec(LogEvent ev, WriteStyle style, Map<String, Object> bad, String raw, String reason) {}

  final String path;
  final Shape shape;
  final WriteStyle style;
  final String demonstrates;
  final List<Rec> recs = new ArrayList<>();
  boolean gzip;
  boolean blankLines;
  boolean rotateTs;
  String pageToken;
  String rawPrefix = "";
  String rawPrefixReason;
  int rotation;
  long bytes;

  SampleFile(String path, Shape shape, WriteStyle style, String demonstrates) {
    this.path = path;
    this.shape = shape;
    this.style = style;
    this.demonstrates = demonstrates;
    this.gzip = path.endsWith(".gz");
  }

  @Override
  public void accept(LogEvent e) {
    WriteStyle st = style;
    if (rotateTs) {
      st = style.withTs(TimestampForm.values()[rotation++ % TimestampForm.values().length]);
    }
    e.micros = st.ts().quantize(e.micros);
    recs.add(new Rec(e, st, null, null, null));
  }

  /** Adds another copy of an event that is already in some file. */
  void copy(LogEvent e, WriteStyle st) {
    recs.add(new Rec(e, st, null, null, null));
  }

  /** An event written as {@code m} (e.g. without its id): an event all the same. */
  void asWritten(LogEvent e, Map<String, Object> m) {
    recs.add(new Rec(e, style, m, null, null));
  }

  void bad(Map<String, Object> m, String reason) {
    recs.add(new Rec(null, style, m, null, reason));
  }

  void raw(String line, String reason) {
    recs.add(new Rec(null, style, null, line, reason));
  }
}
