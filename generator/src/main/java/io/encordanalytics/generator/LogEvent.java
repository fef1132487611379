package io.encordanalytics.generator;

import io.encordanalytics.vocabulary.EditorAction;
import io.encordanalytics.vocabulary.LabelLogAction;
import java.util.LinkedHashMap;

/**
 * One simulated event: snake_case fields in the SDK's order, time in epoch microseconds. The
 * timestamp field holds {@link #TIME} until {@link EventRenderer} writes it in a file's form.
 */
final class LogEvent {
  /** Marks where an event's timestamp goes; rendered by the file's {@link TimestampForm}. */
  static final Object TIME = new Object();

  final LogFormat fmt;
  long micros;
  final LinkedHashMap<String, Object> f = new LinkedHashMap<>(48);

  LogEvent(LogFormat fmt, long micros) {
    this.fmt = fmt;
    this.micros = micros;
  }

  String id() {
    return (String) f.get(fmt == LogFormat.LABEL ? "log_hash" : "id");
  }

  String action() {
    return String.valueOf(f.get("action"));
  }

  /** The action's name, or null when it is not a known action. */
  String knownAction() {
    if (fmt == LogFormat.EDITOR) {
      EditorAction known = EditorAction.of(action());
      return known != null && known.name().equals(action()) ? action() : null;
    }
    LabelLogAction known = LabelLogAction.ofCode((Integer) f.get("action"));
    return known == null ? null : known.name();
  }

  /** The editor log's {@code action_category} of an action (any text, known or not). */
  static String category(String action) {
    if (action.endsWith("_OBJECT")) {
      return "object";
    }
    if (action.endsWith("_ATTRIBUTE") || action.endsWith("_CLASSIFICATION")) {
      return "classification";
    }
    if (action.endsWith("_TASK")) {
      return "task";
    }
    if (action.equals(EditorAction.RUN_AGENT.name())) {
      return "agent";
    }
    return "editor";
  }
}
