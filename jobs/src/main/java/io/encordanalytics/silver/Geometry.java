package io.encordanalytics.silver;

import com.fasterxml.jackson.databind.JsonNode;
import io.encordanalytics.ingest.Json;
import io.encordanalytics.model.ObjectChange;

/**
 * Recognises the coordinate formats of editor-log objects and fills typed geometry columns:
 * bounding boxes {@code {x, y, w, h}} (also {@code width/height}), rotatable boxes (the same plus
 * {@code theta}), polygons and polylines (a list of {@code {x, y}} points, or {@code [x, y]} pairs,
 * possibly wrapped under {@code points} or {@code polygon}), and points {@code {x, y}}.
 */
final class Geometry {
  private Geometry() {}

  static void describe(JsonNode c, ObjectChange o) {
    if (c == null) {
      return;
    }
    if (c.isObject()) {
      JsonNode inner =
          firstPresent(c, "bounding_box", "rotatable_bounding_box", "points", "polygon");
      if (inner != null) {
        describe(inner, o);
        return;
      }
      Double x = number(c, "x");
      Double y = number(c, "y");
      Double w = firstNumber(c, "w", "width");
      Double h = firstNumber(c, "h", "height");
      if (x != null && y != null && w != null && h != null) {
        Double theta = firstNumber(c, "theta", "angle");
        o.setGeometryType(theta != null ? "rotatable_bounding_box" : "bounding_box");
        o.setBboxX(x);
        o.setBboxY(y);
        o.setBboxW(w);
        o.setBboxH(h);
        o.setTheta(theta);
      } else if (x != null && y != null) {
        o.setGeometryType("point");
        o.setPointCount(1);
      } else if (allPoints(c)) {
        o.setGeometryType("polygon");
        o.setPointCount(c.size());
      }
    } else if (c.isArray() && c.size() > 0 && allPoints(c)) {
      o.setGeometryType("polygon");
      o.setPointCount(c.size());
    }
  }

  /** Objects keyed "0", "1", ... or arrays, whose values are all points. */
  private static boolean allPoints(JsonNode c) {
    if (c.size() == 0) {
      return false;
    }
    for (JsonNode p : c) {
      boolean ok =
          (p.isObject() && number(p, "x") != null && number(p, "y") != null)
              || (p.isArray() && p.size() == 2 && p.get(0).isNumber() && p.get(1).isNumber());
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static JsonNode firstPresent(JsonNode c, String... keys) {
    for (String k : keys) {
      JsonNode v = Json.field(c, k);
      if (v != null && (v.isObject() || v.isArray())) {
        return v;
      }
    }
    return null;
  }

  private static Double firstNumber(JsonNode c, String... keys) {
    for (String k : keys) {
      Double d = number(c, k);
      if (d != null) {
        return d;
      }
    }
    return null;
  }

  private static Double number(JsonNode c, String key) {
    JsonNode v = c.get(key);
    if (v == null) {
      return null;
    }
    if (v.isNumber()) {
      return v.asDouble();
    }
    if (v.isTextual()) {
      try {
        return Double.parseDouble(v.asText());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }
}
