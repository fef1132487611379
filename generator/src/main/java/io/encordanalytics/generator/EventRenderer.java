package io.encordanalytics.generator;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders a {@link LogEvent} into the map written to a file, in a {@link WriteStyle}: key style,
 * timestamp form, id mode and the variants of the SDK's and the documentation's exports.
 */
final class EventRenderer {
  private EventRenderer() {}

  static final long SDK_ORGANISATION_ID = 20417L;

  /** Editor-log object and classification properties (top level, or inside event_information). */
  static final Set<String> PROP_KEYS =
      Set.of(
          "label_name",
          "feature_id",
          "label_ranges",
          "object_shape",
          "object_current_frame",
          "object_hash",
          "object_id",
          "classification_hash");

  private static final Map<String, String> CAMEL = new HashMap<>();

  static String camel(String snake) {
    String c = CAMEL.get(snake);
    if (c == null) {
      StringBuilder b = new StringBuilder(snake.length());
      boolean up = false;
      for (int i = 0; i < snake.length(); i++) {
        char ch = snake.charAt(i);
        if (ch == '_') {
          up = true;
        } else {
          b.append(up ? Character.toUpperCase(ch) : ch);
          up = false;
        }
      }
      c = b.toString();
      CAMEL.put(snake, c);
    }
    return c;
  }

  /** Renders an event into the map written to a file, in the given style. */
  static LinkedHashMap<String, Object> render(LogEvent e, WriteStyle s) {
    LinkedHashMap<String, Object> out = new LinkedHashMap<>(64);
    LinkedHashMap<String, Object> moved =
        s.propsInEventInfo() && e.fmt == LogFormat.EDITOR ? new LinkedHashMap<>() : null;
    for (Map.Entry<String, Object> en : e.f.entrySet()) {
      String k = en.getKey();
      Object v = en.getValue();
      if (v == LogEvent.TIME) {
        v = s.ts().format(e.micros);
      }
      if (s.noIds() && (k.equals("log_hash") || k.equals("user_hash"))) {
        v = null;
      }
      if (s.sdk()
          && e.fmt == LogFormat.LABEL
          && (k.equals("branch_name") || k.equals("graph_node_uuid"))) {
        continue;
      }
      if (s.sdk() && e.fmt == LogFormat.EDITOR) {
        if (k.equals("actor_organisation_id")) {
          v = SDK_ORGANISATION_ID;
        } else if (k.equals("workflow_stage_type")
            && LogEvent.category(e.action()).equals("editor")) {
          v = "";
        }
      }
      if (s.lowerActions() && e.fmt == LogFormat.EDITOR && k.equals("action")) {
        v = ((String) v).toLowerCase(Locale.ROOT);
      }
      if (e.fmt == LogFormat.LABEL && k.equals("identifier")) {
        if (s.idMode() != WriteStyle.IdMode.IDENTIFIER) {
          put(out, s, "annotation_hash", v);
        }
        if (s.idMode() != WriteStyle.IdMode.ANNOTATION_HASH) {
          put(out, s, "identifier", v);
        }
        continue;
      }
      if (moved != null && PROP_KEYS.contains(k)) {
        if (v != null) {
          moved.put(camel(k), v);
        }
        continue;
      }
      if (k.equals("event_information")) {
        if (s.noEventInfo()) {
          continue;
        }
        if (moved != null && !moved.isEmpty()) {
          LinkedHashMap<String, Object> merged = new LinkedHashMap<>(moved);
          if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> me : m.entrySet()) {
              merged.put((String) me.getKey(), me.getValue());
            }
          }
          v = merged;
        }
      }
      put(out, s, k, v);
      if (s.sdk() && e.fmt == LogFormat.EDITOR && k.equals("project_user_role")) {
        put(out, s, "project_organisation_id", SDK_ORGANISATION_ID);
        put(out, s, "project_organisation_user_role", v == null ? null : "USER");
      }
    }
    return out;
  }

  private static void put(Map<String, Object> out, WriteStyle s, String k, Object v) {
    if (v == null && s.dropNulls()) {
      return;
    }
    out.put(s.camel() ? camel(k) : k, v);
  }
}
