package io.encordanalytics.silver;

import io.encordanalytics.ingest.Coordinates;
import io.encordanalytics.model.ObjectChange;

/**
 * Fills the typed geometry columns of an object change from its coordinates, as the one reader of
 * coordinates ({@link Coordinates}) reads them: {@code geometry_type}, the box columns of
 * (rotatable) bounding boxes, {@code point_count} of polygons and points.
 */
final class Geometry {
  private Geometry() {}

  static void describe(String coordinates, ObjectChange o) {
    Coordinates.Read c = Coordinates.read(coordinates);
    if (c == null) {
      return;
    }
    o.setGeometryType(c.type().column());
    o.setPointCount(c.pointCount());
    if (c.type() == Coordinates.Type.BOUNDING_BOX
        || c.type() == Coordinates.Type.ROTATABLE_BOUNDING_BOX) {
      o.setBboxX(c.x());
      o.setBboxY(c.y());
      o.setBboxW(c.w());
      o.setBboxH(c.h());
      o.setTheta(c.theta());
    }
  }
}
