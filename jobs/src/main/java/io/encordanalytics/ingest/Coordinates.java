package io.encordanalytics.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one reader of editor-log object coordinates. Silver's typed geometry columns ({@code
 * object_changes.geometry_type}, {@code bbox_*}, {@code theta}, {@code point_count}) and gold's
 * area shapes ({@code consensus_geometry}) both read coordinates through it, so the two never
 * disagree about what a value is.
 *
 * <p>Accepted (keys in camelCase or snake_case, numbers also as numeric strings, the whole value
 * also as a JSON string holding JSON, unwrapped once):
 *
 * <ul>
 *   <li>bounding box {@code {x, y, w, h}} or {@code {x, y, width, height}}, {@code x, y} the
 *       top-left corner;
 *   <li>rotatable box: the same plus {@code theta} (or {@code angle}) in degrees;
 *   <li>point {@code {x, y}};
 *   <li>polygon or polyline: a list of {@code {x, y}} points or {@code [x, y]} pairs, or an object
 *       keyed {@code "0", "1", ...} whose values are all points (taken in numeric key order);
 *   <li>any of these nested under {@code bounding_box}, {@code rotatable_bounding_box}, {@code
 *       polygon} or {@code points} (the first of these keys present).
 * </ul>
 *
 * Anything else, and any number that is not finite, reads as no coordinates (null).
 */
public final class Coordinates {
  private Coordinates() {}

  /** What a coordinate value describes, with the name silver stores in {@code geometry_type}. */
  public enum Type {
    BOUNDING_BOX("bounding_box"),
    ROTATABLE_BOUNDING_BOX("rotatable_bounding_box"),
    POLYGON("polygon"),
    POINT("point");

    private final String column;

    Type(String column) {
      this.column = column;
    }

    /** The value of silver's {@code geometry_type}. */
    public String column() {
      return column;
    }
  }

  /**
   * A read coordinate value: boxes and points fill {@code x, y} ({@code w, h} and {@code theta} for
   * boxes), polygons fill {@code xs, ys} (their vertices in order).
   */
  public record Read(
      Type type, double x, double y, double w, double h, Double theta, double[] xs, double[] ys) {

    /** Vertices of a polygon, 1 for a point, null for a box. */
    public Integer pointCount() {
      return switch (type) {
        case POLYGON -> xs.length;
        case POINT -> 1;
        default -> null;
      };
    }
  }

  private static final String[] NESTED = {
    "bounding_box", "rotatable_bounding_box", "polygon", "points"
  };

  /** The coordinates of JSON text; null when missing, malformed or not coordinates. */
  public static Read read(String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    try {
      return read(Json.MAPPER.readTree(json));
    } catch (Exception e) {
      return null;
    }
  }

  /** The coordinates of a JSON value; null when it is not coordinates. */
  public static Read read(JsonNode c) {
    return read(c, true);
  }

  private static Read read(JsonNode c, boolean mayUnwrapText) {
    if (c == null || c.isNull() || c.isMissingNode()) {
      return null;
    }
    if (c.isTextual()) {
      // Some exports carry the coordinates as a JSON string holding the JSON; unwrap once only.
      if (!mayUnwrapText) {
        return null;
      }
      try {
        return read(Json.MAPPER.readTree(c.asText()), false);
      } catch (Exception e) {
        return null;
      }
    }
    if (c.isArray()) {
      List<JsonNode> points = new ArrayList<>();
      c.forEach(points::add);
      return polygon(points);
    }
    if (!c.isObject()) {
      return null;
    }
    for (String key : NESTED) {
      JsonNode inner = Json.field(c, key);
      if (inner != null) {
        return read(inner, true);
      }
    }
    Double x = number(c.get("x"));
    Double y = number(c.get("y"));
    Double w = firstNumber(c, "w", "width");
    Double h = firstNumber(c, "h", "height");
    if (x != null && y != null && w != null && h != null) {
      Double theta = firstNumber(c, "theta", "angle");
      return new Read(
          theta == null ? Type.BOUNDING_BOX : Type.ROTATABLE_BOUNDING_BOX,
          x,
          y,
          w,
          h,
          theta,
          null,
          null);
    }
    if (x != null && y != null) {
      return new Read(Type.POINT, x, y, 0, 0, null, null, null);
    }
    if (c.has("x") || c.has("y")) {
      return null; // half a point
    }
    return polygon(objectPoints(c));
  }

  /** Values of an object keyed "0", "1", ... in numeric key order; empty if any key is not. */
  private static List<JsonNode> objectPoints(JsonNode c) {
    Map<Integer, JsonNode> byIndex = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : c.properties()) {
      if (!e.getKey().matches("\\d{1,9}")) {
        return List.of();
      }
      byIndex.put(Integer.parseInt(e.getKey()), e.getValue());
    }
    return new ArrayList<>(byIndex.values());
  }

  private static Read polygon(List<JsonNode> points) {
    if (points.isEmpty()) {
      return null;
    }
    double[] xs = new double[points.size()];
    double[] ys = new double[points.size()];
    for (int i = 0; i < points.size(); i++) {
      JsonNode p = points.get(i);
      Double px = null;
      Double py = null;
      if (p.isObject()) {
        px = number(p.get("x"));
        py = number(p.get("y"));
      } else if (p.isArray() && p.size() == 2) {
        px = number(p.get(0));
        py = number(p.get(1));
      }
      if (px == null || py == null) {
        return null;
      }
      xs[i] = px;
      ys[i] = py;
    }
    return new Read(Type.POLYGON, 0, 0, 0, 0, null, xs, ys);
  }

  private static Double firstNumber(JsonNode c, String... keys) {
    for (String k : keys) {
      Double d = number(c.get(k));
      if (d != null) {
        return d;
      }
    }
    return null;
  }

  private static Double number(JsonNode v) {
    if (v == null) {
      return null;
    }
    double d;
    if (v.isNumber()) {
      d = v.asDouble();
    } else if (v.isTextual()) {
      try {
        d = Double.parseDouble(v.asText().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    } else {
      return null;
    }
    return Double.isFinite(d) ? d : null;
  }
}
