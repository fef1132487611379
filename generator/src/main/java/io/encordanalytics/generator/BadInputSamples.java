package io.encordanalytics.generator;

import static io.encordanalytics.generator.Json.COMPACT;
import static io.encordanalytics.generator.Json.PRETTY;
import static io.encordanalytics.generator.Json.ei;
import static io.encordanalytics.generator.Json.jsonText;
import static io.encordanalytics.generator.World.MAIN;

import io.encordanalytics.generator.World.DataUnit;
import io.encordanalytics.generator.World.Label;
import io.encordanalytics.generator.World.Project;
import io.encordanalytics.generator.World.Task;
import io.encordanalytics.vocabulary.EditorAction;
import io.encordanalytics.vocabulary.LabelLogAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The samples' bad input ({@code bad/}): quarantine-worthy records mixed with valid events (and
 * events with unknown actions), a pretty-printed array cut off and followed by JSON Lines, and an
 * HTML error page saved as JSON.
 */
final class BadInputSamples {
  private final SampleCast c;

  BadInputSamples(SampleCast c) {
    this.c = c;
  }

  /** Writes the three files of {@code bad/}. */
  void write(Task t10, DataUnit v11) {
    Project p = c.traffic;
    SampleFile bad =
        c.file(
            "bad/mixed.jsonl",
            SampleFile.Shape.JSONL,
            WriteStyle.snake(TimestampForm.ISO_Z_MILLIS),
            "bad input mixed with valid events: 6 quarantine-worthy records (non-JSON line,"
                + " truncated JSON line, {\"foo\": 1}, label event with unparseable created_at,"
                + " editor event without timestamp, editor event with unparseable timestamp), a"
                + " label event without log_hash (kept, with an id derived from its content) and"
                + " 3 valid events with unknown actions (label codes 18 and 99, editor"
                + " NEW_FANCY_ACTION)");
    Buffer eb = new Buffer();
    Session s =
        c.sim.session(LogFormat.EDITOR, c.eva, t10, p.annotate, MAIN, c.at(4, 17, 20, 3.75), eb);
    s.eUnknown("NEW_FANCY_ACTION", ei("fancyLevel", 3)); // not in the vocabulary
    s.think();
    s.e(EditorAction.EXIT_EDIT_MODE);
    s.quick();
    s.e(EditorAction.SAVE_TASK, ei("saveType", "autosave", "success", true));
    Buffer cb = new Buffer();
    s = c.sim.session(LogFormat.LABEL, c.chen, t10, p.annotate, MAIN, c.startAt(4, 18, 0), cb);
    s.l(LabelLogAction.START);
    s.think();
    Label a = c.sim.newObject(s, p.objects.get(0), c.chen);
    s.l(LabelLogAction.ADD, a);
    s.quick();
    s.lUnknown(18); // not in the vocabulary (there is no code 18)
    s.think();
    Label b = c.sim.newObject(s, p.objects.get(1), c.chen);
    s.l(LabelLogAction.ADD, b);
    s.quick();
    s.lUnknown(99); // not in the vocabulary
    s.think();
    s.l(LabelLogAction.EDIT, a);
    s.quick();
    s.l(LabelLogAction.SUBMIT_TASK);
    s.quick();
    s.l(LabelLogAction.END);

    WriteStyle st = bad.style;
    bad.accept(cb.evs.get(0));
    bad.accept(cb.evs.get(1));
    bad.raw("this is not JSON: export aborted (HTTP 504 from upstream)", "not JSON");
    bad.accept(cb.evs.get(2));
    LogEvent noHash = cb.evs.get(3);
    noHash.micros = st.ts().quantize(noHash.micros);
    LinkedHashMap<String, Object> m = EventRenderer.render(noHash, st);
    m.remove("log_hash");
    bad.asWritten(noHash, m);
    bad.accept(cb.evs.get(4));
    bad.raw("{\"foo\": 1}", "object matching neither format");
    LogEvent badTs = cb.evs.get(5);
    m = EventRenderer.render(badTs, st);
    m.put("created_at", c.day(4) + "T25:61:00Z");
    bad.bad(m, "unparseable created_at");
    bad.accept(cb.evs.get(6));
    bad.accept(cb.evs.get(7));
    bad.accept(eb.evs.get(0));
    m = EventRenderer.render(eb.evs.get(1), st);
    m.remove("timestamp");
    bad.bad(m, "editor event without timestamp");
    m = EventRenderer.render(eb.evs.get(2), st);
    m.put("timestamp", "last Tuesday around 5pm");
    bad.bad(m, "unparseable timestamp");
    String line = jsonText(COMPACT, EventRenderer.render(cb.evs.get(7), st));
    bad.raw(line.substring(0, line.length() / 2), "truncated JSON (not JSON)");
    c.planted.add(
        "bad/mixed.jsonl: valid events with unknown actions: label codes 18 and 99 (Chen Wei, "
            + t10.du.title
            + ") and editor NEW_FANCY_ACTION (Eva Lindqvist); they take part in active time.");

    // A dump that crashed half-way through a pretty-printed array, re-run in JSON Lines mode.
    SampleFile trunc =
        c.file(
            "bad/truncated-array-then-jsonl.json",
            SampleFile.Shape.RAW,
            WriteStyle.snake(TimestampForm.ISO_Z_MILLIS),
            "neither one JSON document nor valid JSON Lines: a pretty-printed array cut off"
                + " mid-object (each of its non-blank lines is quarantined), followed by 4"
                + " valid JSON Lines events appended by a re-run (kept)");
    Buffer db = new Buffer();
    Task t11 = c.task(v11);
    s = c.sim.session(LogFormat.LABEL, c.dana, t11, p.annotate, MAIN, c.startAt(4, 19, 0), db);
    c.labelLogs.annotate(s, 2, false, false);
    List<LogEvent> evs = db.evs;
    List<Object> lost = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      evs.get(i).micros = trunc.style.ts().quantize(evs.get(i).micros);
      lost.add(EventRenderer.render(evs.get(i), trunc.style));
    }
    String pretty = jsonText(PRETTY, lost);
    String[] lines = pretty.split("\n");
    int cut = 0;
    int objects = 0;
    while (cut < lines.length) {
      if (lines[cut].equals("  {") && ++objects == 2) {
        cut += 5;
        break;
      }
      cut++;
    }
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < cut; i++) {
      prefix.append(lines[i]).append('\n');
    }
    trunc.rawPrefix = prefix.toString();
    trunc.rawPrefixReason = "line of a truncated pretty-printed array";
    for (int i = evs.size() - 4; i < evs.size(); i++) {
      trunc.accept(evs.get(i));
    }

    SampleFile html =
        c.file(
            "bad/api-error-page.json",
            SampleFile.Shape.RAW,
            WriteStyle.snake(TimestampForm.ISO_Z),
            "not JSON at all: an HTML 502 page saved as .json (3 lines, each quarantined)");
    html.rawPrefix =
        "<html><head><title>502 Bad Gateway</title></head>\n"
            + "<body><center><h1>502 Bad Gateway</h1></center></body>\n"
            + "</html>\n";
    html.rawPrefixReason = "not JSON";
  }

  /** A sink that keeps events for hand-made bad records. */
  static final class Buffer implements EventSink {
    final List<LogEvent> evs = new ArrayList<>();

    @Override
    public void accept(LogEvent e) {
      evs.add(e);
    }
  }
}
