package io.encordanalytics.gold;

import com.fasterxml.jackson.databind.JsonNode;
import io.encordanalytics.ingest.Coordinates;
import java.awt.geom.Area;
import java.awt.geom.Path2D;
import java.awt.geom.PathIterator;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain-Java geometry for {@code encord_gold.consensus_geometry}: reads editor-log coordinate JSON
 * into area shapes and computes intersection over union. No Spark here, so every rule is unit
 * tested on its own.
 *
 * <p>Coordinates are read by {@link Coordinates}, the reader silver's geometry columns use too. The
 * area shapes among them: boxes with a positive finite width and height, rotatable boxes rotated by
 * {@code theta} degrees about the box centre (positive turning +x towards +y, clockwise on screen,
 * where y points down), and polygons of at least 3 points with an area. Points, and whatever the
 * reader does not read as coordinates, give no shape ({@link #parse} returns null).
 */
public final class Shapes {
  private Shapes() {}

  /** What a shape is; it decides which IoU method applies. */
  public enum Kind {
    BOX,
    ROTATED_BOX,
    POLYGON
  }

  /** An area shape: its outline (vertices in order) and its area. Immutable. */
  public static final class Shape {
    private final Kind kind;
    private final double[] xs;
    private final double[] ys;
    private final double area;

    private Shape(Kind kind, double[] xs, double[] ys, double area) {
      this.kind = kind;
      this.xs = xs;
      this.ys = ys;
      this.area = area;
    }

    public Kind kind() {
      return kind;
    }

    public double area() {
      return area;
    }

    public int vertexCount() {
      return xs.length;
    }

    double minX() {
      return min(xs);
    }

    double maxX() {
      return max(xs);
    }

    double minY() {
      return min(ys);
    }

    double maxY() {
      return max(ys);
    }

    private static double min(double[] v) {
      double m = Double.POSITIVE_INFINITY;
      for (double d : v) {
        m = Math.min(m, d);
      }
      return m;
    }

    private static double max(double[] v) {
      double m = Double.NEGATIVE_INFINITY;
      for (double d : v) {
        m = Math.max(m, d);
      }
      return m;
    }
  }

  // ---- construction ---------------------------------------------------------------------------

  /** Axis-aligned box from its top-left corner; null unless width and height are positive. */
  public static Shape box(double x, double y, double w, double h) {
    if (!finite(x, y, w, h) || w <= 0 || h <= 0) {
      return null;
    }
    double x2 = x + w;
    double y2 = y + h;
    // Area from the corners, as the intersection is, so that identical boxes give IoU 1 exactly.
    return new Shape(
        Kind.BOX, new double[] {x, x2, x2, x}, new double[] {y, y, y2, y2}, (x2 - x) * (y2 - y));
  }

  /**
   * Box from its top-left corner, rotated by {@code thetaDegrees} about its centre. Multiples of 90
   * degrees give an exact axis-aligned box (sides swapped for odd multiples), so that IoU with
   * plain boxes stays exact.
   */
  public static Shape rotatedBox(double x, double y, double w, double h, double thetaDegrees) {
    if (!finite(x, y, w, h, thetaDegrees) || w <= 0 || h <= 0) {
      return null;
    }
    double t = ((thetaDegrees % 180.0) + 180.0) % 180.0;
    double cx = x + w / 2;
    double cy = y + h / 2;
    if (t == 0.0) {
      return box(x, y, w, h);
    }
    if (t == 90.0) {
      return box(cx - h / 2, cy - w / 2, h, w);
    }
    double rad = Math.toRadians(thetaDegrees);
    double cos = Math.cos(rad);
    double sin = Math.sin(rad);
    double[] dx = {-w / 2, w / 2, w / 2, -w / 2};
    double[] dy = {-h / 2, -h / 2, h / 2, h / 2};
    double[] xs = new double[4];
    double[] ys = new double[4];
    for (int i = 0; i < 4; i++) {
      xs[i] = cx + dx[i] * cos - dy[i] * sin;
      ys[i] = cy + dx[i] * sin + dy[i] * cos;
    }
    return new Shape(Kind.ROTATED_BOX, xs, ys, w * h);
  }

  /**
   * Polygon from its vertices in order (closing edge implied); null with fewer than 3 points or no
   * area. Self-intersecting outlines are read with the non-zero winding rule.
   */
  public static Shape polygon(double[] xs, double[] ys) {
    if (xs.length != ys.length || xs.length < 3 || !finite(xs) || !finite(ys)) {
      return null;
    }
    double area = area(new Area(path(xs, ys)));
    if (!(area > 0)) {
      return null;
    }
    return new Shape(Kind.POLYGON, xs.clone(), ys.clone(), area);
  }

  // ---- parsing --------------------------------------------------------------------------------

  /** Shape of coordinate JSON text; null when missing, malformed or not an area shape. */
  public static Shape parse(String json) {
    return of(Coordinates.read(json));
  }

  /** Shape of a coordinate JSON value; null when it is not an area shape. */
  public static Shape parse(JsonNode c) {
    return of(Coordinates.read(c));
  }

  /** The area shape of read coordinates: points (and null) have none. */
  static Shape of(Coordinates.Read c) {
    if (c == null) {
      return null;
    }
    return switch (c.type()) {
      case BOUNDING_BOX -> box(c.x(), c.y(), c.w(), c.h());
      case ROTATABLE_BOUNDING_BOX -> rotatedBox(c.x(), c.y(), c.w(), c.h(), c.theta());
      case POLYGON -> polygon(c.xs(), c.ys());
      case POINT -> null;
    };
  }

  // ---- IoU ------------------------------------------------------------------------------------

  /**
   * Intersection over union of two shapes, in [0, 1]. Exact for two axis-aligned boxes; boxes
   * (rotated or not) are clipped against each other as convex polygons (Sutherland–Hodgman); any
   * pair with a polygon uses {@link java.awt.geom.Area}, exact up to floating point for straight
   * edges.
   */
  public static double iou(Shape a, Shape b) {
    double inter = intersectionArea(a, b);
    double union = a.area + b.area - inter;
    if (!(union > 0)) {
      return 0.0;
    }
    return Math.max(0.0, Math.min(1.0, inter / union));
  }

  static double intersectionArea(Shape a, Shape b) {
    if (a.maxX() <= b.minX()
        || b.maxX() <= a.minX()
        || a.maxY() <= b.minY()
        || b.maxY() <= a.minY()) {
      return 0.0;
    }
    if (a.kind == Kind.BOX && b.kind == Kind.BOX) {
      double w = Math.min(a.maxX(), b.maxX()) - Math.max(a.minX(), b.minX());
      double h = Math.min(a.maxY(), b.maxY()) - Math.max(a.minY(), b.minY());
      return w > 0 && h > 0 ? w * h : 0.0;
    }
    if (a.kind != Kind.POLYGON && b.kind != Kind.POLYGON) {
      return convexIntersectionArea(a.xs, a.ys, b.xs, b.ys);
    }
    Area inter = new Area(path(a.xs, a.ys));
    inter.intersect(new Area(path(b.xs, b.ys)));
    return area(inter);
  }

  /** Area of the intersection of two convex polygons: clip one by each edge of the other. */
  static double convexIntersectionArea(double[] ax, double[] ay, double[] bx, double[] by) {
    List<double[]> subject = new ArrayList<>();
    for (int i = 0; i < ax.length; i++) {
      subject.add(new double[] {ax[i], ay[i]});
    }
    // Clip edges are walked counter-clockwise (math orientation), so "inside" is to the left.
    int n = bx.length;
    boolean ccw = signedArea(bx, by) > 0;
    for (int k = 0; k < n && !subject.isEmpty(); k++) {
      int i = ccw ? k : n - 1 - k;
      int j = ccw ? (i + 1) % n : (i + n - 1) % n;
      subject = clip(subject, bx[i], by[i], bx[j], by[j]);
    }
    if (subject.size() < 3) {
      return 0.0;
    }
    double[] xs = new double[subject.size()];
    double[] ys = new double[subject.size()];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = subject.get(i)[0];
      ys[i] = subject.get(i)[1];
    }
    return Math.abs(signedArea(xs, ys));
  }

  private static List<double[]> clip(
      List<double[]> in, double ex1, double ey1, double ex2, double ey2) {
    List<double[]> out = new ArrayList<>();
    double[] prev = in.get(in.size() - 1);
    boolean prevIn = side(ex1, ey1, ex2, ey2, prev) >= 0;
    for (double[] cur : in) {
      boolean curIn = side(ex1, ey1, ex2, ey2, cur) >= 0;
      if (curIn != prevIn) {
        out.add(crossing(ex1, ey1, ex2, ey2, prev, cur));
      }
      if (curIn) {
        out.add(cur);
      }
      prev = cur;
      prevIn = curIn;
    }
    return out;
  }

  private static double side(double x1, double y1, double x2, double y2, double[] p) {
    return (x2 - x1) * (p[1] - y1) - (y2 - y1) * (p[0] - x1);
  }

  /** Where segment p→q crosses the line through the clip edge. */
  private static double[] crossing(
      double x1, double y1, double x2, double y2, double[] p, double[] q) {
    double sp = side(x1, y1, x2, y2, p);
    double sq = side(x1, y1, x2, y2, q);
    double t = sp / (sp - sq);
    return new double[] {p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])};
  }

  private static double signedArea(double[] xs, double[] ys) {
    double s = 0;
    for (int i = 0, j = xs.length - 1; i < xs.length; j = i++) {
      s += xs[j] * ys[i] - xs[i] * ys[j];
    }
    return s / 2;
  }

  private static Path2D.Double path(double[] xs, double[] ys) {
    Path2D.Double p = new Path2D.Double(Path2D.WIND_NON_ZERO, xs.length + 1);
    p.moveTo(xs[0], ys[0]);
    for (int i = 1; i < xs.length; i++) {
      p.lineTo(xs[i], ys[i]);
    }
    p.closePath();
    return p;
  }

  /**
   * Area enclosed by an {@link Area}. Area emits outer boundaries and holes with opposite
   * orientations, so the signed areas of its sub-paths sum to the enclosed area.
   */
  static double area(Area area) {
    double sum = 0;
    double[] c = new double[6];
    double startX = 0;
    double startY = 0;
    double px = 0;
    double py = 0;
    for (PathIterator it = area.getPathIterator(null, 1e-12); !it.isDone(); it.next()) {
      switch (it.currentSegment(c)) {
        case PathIterator.SEG_MOVETO:
          startX = px = c[0];
          startY = py = c[1];
          break;
        case PathIterator.SEG_LINETO:
          sum += px * c[1] - c[0] * py;
          px = c[0];
          py = c[1];
          break;
        case PathIterator.SEG_CLOSE:
          sum += px * startY - startX * py;
          px = startX;
          py = startY;
          break;
        default:
          break;
      }
    }
    return Math.abs(sum) / 2;
  }

  private static boolean finite(double... values) {
    for (double v : values) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }
}
