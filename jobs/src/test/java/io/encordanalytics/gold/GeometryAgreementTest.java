package io.encordanalytics.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.encordanalytics.gold.GeometryAgreement.ObjectEvent;
import io.encordanalytics.gold.GeometryAgreement.PairAgreement;
import io.encordanalytics.gold.Shapes.Shape;
import io.encordanalytics.silver.ActionTables;
import io.encordanalytics.testing.EventRows;
import io.encordanalytics.testing.SparkTestBase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@code encord_gold.consensus_geometry}: the plain-Java geometry of {@link Shapes} on geometries
 * whose IoU is known by hand, the per-unit matching of {@link GeometryAgreement}, and the Spark
 * transform end to end, every expected value computed by hand.
 */
class GeometryAgreementTest extends SparkTestBase {
  private static final double EPS = 1e-9;

  // ---- coordinate JSON ------------------------------------------------------------------------

  private static String box(double x, double y, double w, double h) {
    return String.format(Locale.ROOT, "{\"x\":%s,\"y\":%s,\"w\":%s,\"h\":%s}", x, y, w, h);
  }

  private static String rbox(double x, double y, double w, double h, double theta) {
    return String.format(
        Locale.ROOT, "{\"x\":%s,\"y\":%s,\"w\":%s,\"h\":%s,\"theta\":%s}", x, y, w, h, theta);
  }

  private static String pointList(double... xy) {
    List<String> pts = new ArrayList<>();
    for (int i = 0; i < xy.length; i += 2) {
      pts.add(String.format(Locale.ROOT, "{\"x\":%s,\"y\":%s}", xy[i], xy[i + 1]));
    }
    return "[" + String.join(",", pts) + "]";
  }

  private static double iou(String a, String b) {
    Shape sa = Shapes.parse(a);
    Shape sb = Shapes.parse(b);
    assertThat(sa).as("parsed %s", a).isNotNull();
    assertThat(sb).as("parsed %s", b).isNotNull();
    double forward = Shapes.iou(sa, sb);
    assertThat(Shapes.iou(sb, sa)).as("IoU is symmetric").isCloseTo(forward, within(EPS));
    return forward;
  }

  @Nested
  class ShapesIou {
    @Test
    void identicalBoxesHaveIouOne() {
      assertThat(iou(box(0.1, 0.2, 0.3, 0.4), box(0.1, 0.2, 0.3, 0.4))).isEqualTo(1.0);
    }

    @Test
    void disjointAndEdgeTouchingBoxesHaveIouZero() {
      assertThat(iou(box(0.0, 0.0, 0.2, 0.2), box(0.5, 0.5, 0.2, 0.2))).isEqualTo(0.0);
      assertThat(iou(box(0.0, 0.0, 0.2, 0.2), box(0.2, 0.0, 0.2, 0.2)))
          .as("sharing an edge only")
          .isEqualTo(0.0);
    }

    @Test
    void boxesOverlappingByHalfTheirWidthHaveIouOneThird() {
      // Intersection 0.1 x 0.2 = 0.02; union 0.04 + 0.04 - 0.02 = 0.06.
      assertThat(iou(box(0.0, 0.0, 0.2, 0.2), box(0.1, 0.0, 0.2, 0.2)))
          .isCloseTo(1.0 / 3.0, within(EPS));
    }

    @Test
    void rotatedBoxAgainstItselfHasIouOne() {
      assertThat(iou(rbox(0.2, 0.3, 0.3, 0.1, 30), rbox(0.2, 0.3, 0.3, 0.1, 30)))
          .isCloseTo(1.0, within(EPS));
    }

    @Test
    void squareRotatedByNinetyDegreesEqualsTheUnrotatedSquare() {
      assertThat(iou(rbox(0.2, 0.2, 0.4, 0.4, 90), box(0.2, 0.2, 0.4, 0.4))).isEqualTo(1.0);
      assertThat(iou(rbox(0.2, 0.2, 0.4, 0.4, -270), box(0.2, 0.2, 0.4, 0.4))).isEqualTo(1.0);
      // A 0.4 x 0.2 box turned a quarter about its centre (0.4, 0.3) is 0.2 x 0.4.
      assertThat(iou(rbox(0.2, 0.2, 0.4, 0.2, 90), box(0.3, 0.1, 0.2, 0.4)))
          .isCloseTo(1.0, within(EPS));
      assertThat(Shapes.parse(rbox(0.2, 0.2, 0.4, 0.2, 90)).kind())
          .as("quarter turns stay axis-aligned boxes")
          .isEqualTo(Shapes.Kind.BOX);
    }

    @Test
    void squareRotatedByFortyFiveDegreesOverlapsTheSquareInARegularOctagon() {
      // Octagon area 2(sqrt2 - 1) s^2, so IoU = 2(sqrt2-1) / (2 - 2(sqrt2-1)) = sqrt2 / 2.
      assertThat(iou(rbox(0.2, 0.2, 0.4, 0.4, 45), box(0.2, 0.2, 0.4, 0.4)))
          .isCloseTo(Math.sqrt(2) / 2, within(EPS));
    }

    @Test
    void rotatedBoxEqualsThePolygonOfItsCorners() {
      // Square (0.3,0.3)-(0.5,0.5) turned 45 degrees: a diamond around (0.4, 0.4).
      double r = Math.sqrt(0.02);
      String diamond = pointList(0.4, 0.4 - r, 0.4 + r, 0.4, 0.4, 0.4 + r, 0.4 - r, 0.4);
      assertThat(iou(rbox(0.3, 0.3, 0.2, 0.2, 45), diamond)).isCloseTo(1.0, within(EPS));
    }

    @Test
    void triangleInsideSquareHasIouOfTheAreaRatio() {
      // Triangle area 0.08 inside a square of area 0.16.
      String triangle = pointList(0.0, 0.0, 0.4, 0.0, 0.0, 0.4);
      assertThat(iou(triangle, box(0.0, 0.0, 0.4, 0.4))).isCloseTo(0.5, within(EPS));
    }

    @Test
    void concavePolygonIsComparedByItsTrueArea() {
      // L shape: the 0.4 square without its 0.2 x 0.2 top-right quadrant, area 0.12.
      String ell = pointList(0.0, 0.0, 0.4, 0.0, 0.4, 0.2, 0.2, 0.2, 0.2, 0.4, 0.0, 0.4);
      assertThat(iou(ell, box(0.0, 0.0, 0.4, 0.4))).isCloseTo(0.75, within(EPS));
      assertThat(iou(ell, box(0.2, 0.2, 0.2, 0.2))).as("the missing quadrant").isEqualTo(0.0);
    }
  }

  @Nested
  class CoordinateFormats {
    @Test
    void everyAcceptedSpellingOfTheSameBoxParsesToIt() {
      String reference = box(0.1, 0.2, 0.3, 0.4);
      List<String> spellings =
          List.of(
              "{\"x\":0.1,\"y\":0.2,\"width\":0.3,\"height\":0.4}",
              "{\"bounding_box\":{\"x\":0.1,\"y\":0.2,\"w\":0.3,\"h\":0.4}}",
              "{\"boundingBox\":{\"x\":0.1,\"y\":0.2,\"w\":0.3,\"h\":0.4}}",
              "{\"x\":\"0.1\",\"y\":\"0.2\",\"w\":\"0.3\",\"h\":\"0.4\"}",
              "\"{\\\"x\\\":0.1,\\\"y\\\":0.2,\\\"w\\\":0.3,\\\"h\\\":0.4}\"",
              "{\"rotatable_bounding_box\":{\"x\":0.1,\"y\":0.2,\"w\":0.3,\"h\":0.4,\"theta\":0}}",
              "[[0.1,0.2],[0.4,0.2],[0.4,0.6],[0.1,0.6]]",
              pointList(0.1, 0.2, 0.4, 0.2, 0.4, 0.6, 0.1, 0.6),
              "{\"1\":{\"x\":0.4,\"y\":0.2},\"0\":{\"x\":0.1,\"y\":0.2},"
                  + "\"2\":{\"x\":0.4,\"y\":0.6},\"3\":{\"x\":0.1,\"y\":0.6}}",
              "{\"polygon\":[[0.1,0.2],[0.4,0.2],[0.4,0.6],[0.1,0.6]]}",
              "{\"points\":{\"0\":[0.1,0.2],\"1\":[0.4,0.2],\"2\":[0.4,0.6],\"3\":[0.1,0.6]}}");
      for (String s : spellings) {
        assertThat(iou(s, reference)).as(s).isCloseTo(1.0, within(EPS));
        assertThat(Shapes.parse(s).area()).as(s).isCloseTo(0.12, within(EPS));
      }
      assertThat(Shapes.parse("{\"x\":0.1,\"y\":0.2,\"w\":0.3,\"h\":0.4,\"angle\":15}").kind())
          .isEqualTo(Shapes.Kind.ROTATED_BOX);
    }

    @Test
    void coordinatesWithoutAnInterpretableAreaGiveNoShape() {
      List<String> unreadable =
          Arrays.asList(
              null,
              "",
              "not json",
              "{\"x\":0.1,\"y\":0.2,\"w\":0.3,",
              "{}",
              "[]",
              "42",
              "{\"x\":0.5,\"y\":0.5}",
              "{\"x\":0.1,\"y\":0.2,\"w\":0.3}",
              "{\"x\":0.1,\"y\":0.2,\"w\":0,\"h\":0.4}",
              "{\"x\":0.1,\"y\":0.2,\"w\":-0.3,\"h\":0.4}",
              "{\"x\":\"NaN\",\"y\":0.2,\"w\":0.3,\"h\":0.4}",
              "[[0.1,0.2],[0.4,0.2]]",
              "[[0.1,0.1],[0.2,0.2],[0.3,0.3]]",
              "[[0.1,0.2],[0.4,\"a\"],[0.4,0.6]]",
              "{\"0\":[0.1,0.2],\"one\":[0.4,0.2],\"2\":[0.4,0.6]}",
              "{\"polygon\":\"garbage\"}",
              "{\"bitmask\":{\"rle\":\"abc\"}}");
      for (String s : unreadable) {
        assertThat(Shapes.parse(s)).as("%s", s).isNull();
      }
    }
  }

  // ---- per-unit matching in plain Java --------------------------------------------------------

  private static ObjectEvent event(
      String id, String branch, String user, String kind, String hash, String coords) {
    ObjectEvent e = new ObjectEvent();
    e.setUnitId("u");
    e.setEventId(id);
    e.setEventTime(Instant.parse("2025-04-01T10:00:00Z").plusSeconds(Long.parseLong(id)));
    e.setBranchName(branch);
    e.setOwnerId(user);
    e.setChangeKind(kind);
    e.setObjectHash(hash);
    e.setFeatureId("F");
    e.setFrame(0);
    if (kind.equals("coordinates")) {
      e.setNewCoordinates(coords);
    } else {
      e.setCoordinates(coords);
    }
    return e;
  }

  @Test
  void matchingIsOneToOneTakingTheHighestIouFirst() {
    // IoU of 0.4 squares shifted sideways by d: (0.4 - d) / (0.4 + d); 9/11 for d = 0.04 and
    // 19/21 for d = 0.02. a1-b1 (1.0) goes first; a1-b2 and a2-b2 then tie at 19/21, and as a1 is
    // taken, a2-b2 is matched; a2-b1 (9/11) is left.
    String base = box(0.0, 0.0, 0.4, 0.4);
    String shifted = box(0.04, 0.0, 0.4, 0.4);
    List<ObjectEvent> events =
        List.of(
            event("1", "ba", "ann", "created", "a1", base),
            event("2", "ba", "ann", "created", "a2", shifted),
            event("3", "bb", "bob", "created", "b1", base),
            event("4", "bb", "bob", "created", "b2", box(0.02, 0.0, 0.4, 0.4)));
    List<PairAgreement> out = GeometryAgreement.compareUnit(events);
    assertThat(out).hasSize(1);
    PairAgreement p = out.get(0);
    assertThat(p.getAnnotatorA()).isEqualTo("ann");
    assertThat(p.getAnnotatorB()).isEqualTo("bob");
    assertThat(p.getMatchedObjects()).isEqualTo(2);
    assertThat(p.getMeanIou()).isCloseTo((1.0 + 19.0 / 21.0) / 2, within(EPS));

    // One object against two candidates: only the better one is matched.
    List<PairAgreement> single =
        GeometryAgreement.compareUnit(
            List.of(
                event("1", "ba", "ann", "created", "a1", base),
                event("3", "bb", "bob", "created", "b1", shifted),
                event("4", "bb", "bob", "created", "b2", base)));
    assertThat(single.get(0).getMatchedObjects()).isEqualTo(1);
    assertThat(single.get(0).getMeanIou()).isEqualTo(1.0);
    assertThat(single.get(0).getPrecision()).isEqualTo(0.5);
    assertThat(single.get(0).getRecall()).isEqualTo(1.0);
  }

  @Test
  void objectStateIsReplayedInTimeThenIdOrderWhateverTheInputOrder() {
    String first = box(0.0, 0.0, 0.2, 0.2);
    String moved = box(0.5, 0.0, 0.2, 0.2);
    String again = box(0.0, 0.5, 0.2, 0.2);
    String other = box(0.5, 0.5, 0.2, 0.2);
    // a1: created and moved at the same instant; the event id puts the move last.
    ObjectEvent move = event("11", "ba", "ann", "coordinates", "a1", moved);
    ObjectEvent create = event("10", "ba", "ann", "created", "a1", first);
    move.setEventTime(create.getEventTime());
    // a2: deleted, then created again elsewhere. a3: its feature changed from F to G.
    ObjectEvent feature = event("32", "ba", "ann", "feature", "a3", null);
    feature.setNewFeatureHash("G");
    ObjectEvent b3 = event("43", "bb", "bob", "created", "b3", other);
    b3.setFeatureId("G");
    List<ObjectEvent> events =
        List.of(
            move,
            create,
            event("22", "ba", "ann", "created", "a2", again),
            event("21", "ba", "ann", "deleted", "a2", null),
            event("20", "ba", "ann", "created", "a2", first),
            feature,
            event("31", "ba", "ann", "created", "a3", other),
            event("41", "bb", "bob", "created", "b1", moved),
            event("42", "bb", "bob", "created", "b2", again),
            b3);

    PairAgreement p = GeometryAgreement.compareUnit(events).get(0);

    assertThat(p.getObjectsA()).isEqualTo(3);
    assertThat(p.getObjectsB()).isEqualTo(3);
    assertThat(p.getMatchedObjects()).as("a1-b1, a2-b2, a3-b3").isEqualTo(3);
    assertThat(p.getMeanIou()).isEqualTo(1.0);
  }

  @Test
  void objectsWithoutInterpretableCoordinatesAreCountedAsSkipped() {
    ObjectEvent polyline =
        event("5", "ba", "ann", "created", "a5", pointList(0, 0, 0.4, 0, 0, 0.4));
    polyline.setObjectShape("polyline");
    ObjectEvent point = event("6", "ba", "ann", "created", "a6", "{\"x\":0.5,\"y\":0.5}");
    point.setObjectShape("point");
    ObjectEvent noHash = event("7", "ba", "ann", "created", null, box(0.5, 0.5, 0.1, 0.1));
    List<ObjectEvent> events =
        List.of(
            event("1", "ba", "ann", "created", "a1", "not json"),
            event("2", "ba", "ann", "created", "a2", null),
            event("3", "ba", "ann", "created", "a3", "[[0.1,0.2],[0.4,0.2]]"),
            event("4", "ba", "ann", "range", "a4", null),
            polyline,
            point,
            noHash,
            event("8", "bb", "bob", "created", "b1", "{\"x\":1}"),
            event("9", "bb", "bob", "created", "b2", box(0.5, 0.5, 0.1, 0.1)));
    PairAgreement p = GeometryAgreement.compareUnit(events).get(0);
    // a1..a6 on ann's side (a4 has no coordinates at all), b1 on bob's: 7 skipped, none dropped.
    assertThat(p.getSkippedObjects()).isEqualTo(7);
    assertThat(p.getObjectsA()).as("the object without a hash still counts").isEqualTo(1);
    assertThat(p.getObjectsB()).isEqualTo(1);
    assertThat(p.getMatchedObjects()).isEqualTo(1);
  }

  // ---- Spark, end to end ----------------------------------------------------------------------

  private static final StructType OBJECT_CHANGES =
      new StructType()
          .add("event_id", DataTypes.StringType)
          .add("event_time", DataTypes.TimestampType)
          .add("user_id", DataTypes.StringType)
          .add("task_key", DataTypes.StringType)
          .add("branch_name", DataTypes.StringType)
          .add("change_kind", DataTypes.StringType)
          .add("object_hash", DataTypes.StringType)
          .add("feature_id", DataTypes.StringType)
          .add("new_feature_hash", DataTypes.StringType)
          .add("object_shape", DataTypes.StringType)
          .add("frame", DataTypes.IntegerType)
          .add("coordinates", DataTypes.StringType)
          .add("new_coordinates", DataTypes.StringType);

  private static final StructType CONSENSUS_UNITS =
      new StructType()
          .add("consensus_unit_id", DataTypes.StringType)
          .add("event_date", DataTypes.DateType);

  /**
   * object_changes rows in list order: ids e01, e02, ... one second apart, so the order of the
   * calls is the order of the events. {@code coords} go to new_coordinates for coordinate updates.
   */
  private static final class Changes {
    private final List<Row> rows = new ArrayList<>();

    Changes add(
        String task,
        String branch,
        String user,
        String kind,
        String hash,
        String feature,
        Integer frame,
        String coords) {
      boolean update = kind.equals("coordinates");
      rows.add(
          RowFactory.create(
              String.format(Locale.ROOT, "e%02d", rows.size() + 1),
              Instant.parse("2025-04-01T09:00:00Z").plusSeconds(rows.size()),
              user,
              task,
              branch,
              kind,
              hash,
              feature,
              null,
              null,
              frame,
              update ? null : coords,
              update ? coords : null));
      return this;
    }
  }

  private static Map<String, Object> row(Object... kv) {
    Map<String, Object> m = new TreeMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static Map<String, Object> pair(
      String unit,
      String a,
      String b,
      String date,
      long objectsA,
      long objectsB,
      long matched,
      Double meanIou,
      Double precision,
      Double recall,
      Double f1,
      long skipped) {
    return row(
        "consensus_unit_id", unit,
        "annotator_a", a,
        "annotator_b", b,
        "event_date", date == null ? null : LocalDate.parse(date),
        "objects_a", objectsA,
        "objects_b", objectsB,
        "matched_objects", matched,
        "mean_iou", meanIou,
        "precision", precision,
        "recall", recall,
        "f1", f1,
        "skipped_objects", skipped);
  }

  /** Doubles rounded to 1e-9 so that hand-computed fractions compare equal. */
  private static List<Map<String, Object>> rounded(List<Map<String, Object>> rows) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      Map<String, Object> m = new TreeMap<>();
      r.forEach((k, v) -> m.put(k, v instanceof Double d ? Math.round(d * 1e9) / 1e9 : v));
      out.add(m);
    }
    return out;
  }

  @Test
  void consensusGeometryComparesTheFinalObjectsOfEveryPairOfBranchOwners() {
    String square = "[[0.1,0.6],[0.3,0.6],[0.3,0.8],[0.1,0.8]]";
    String sameSquareKeyed = "{\"0\":[0.1,0.6],\"1\":[0.3,0.6],\"2\":[0.3,0.8],\"3\":[0.1,0.8]}";
    String o1 = box(0.12, 0.1, 0.2, 0.2);
    String p1 = box(0.1, 0.1, 0.2, 0.2);
    String low = box(0.5, 0.5, 0.2, 0.2);
    String high = box(0.6, 0.6, 0.2, 0.2);
    String q = box(0.2, 0.2, 0.3, 0.3);
    String small = box(0.1, 0.1, 0.1, 0.1);
    Changes c = new Changes();
    // T1, branch b1 owned by u1: o2 is moved from low to high, o3 deleted, o4 unreadable.
    c.add("T1", "b1", "u1", "created", "o1", "F1", 0, o1);
    c.add("T1", "b1", "u1", "created", "o2", "F1", 0, low);
    c.add("T1", "b1", "u1", "coordinates", "o2", "F1", 0, high);
    c.add("T1", "b1", "u1", "created", "o3", "F2", null, square);
    c.add("T1", "b1", "u1", "deleted", "o3", "F2", null, null);
    c.add("T1", "b1", "u1", "created", "o4", "F1", 0, "not json");
    // T1, branch b2 owned by u2 (u9 edits it once, without changing the shape).
    c.add("T1", "b2", "u2", "created", "p1", "F1", 0, p1);
    c.add("T1", "b2", "u2", "created", "p2", "F1", 0, high);
    c.add("T1", "b2", "u2", "created", "p3", "F2", 0, "{\"polygon\":" + square + "}");
    c.add("T1", "b2", "u9", "coordinates", "p3", "F2", 0, sameSquareKeyed);
    // T1 main branch: not an annotator's branch.
    c.add("T1", "main", "u1", "created", "m1", "F1", 0, p1);
    // T2 (undecided): three owners; c2 is a 1-1 tie between u4 and u3, so u3 owns it.
    c.add("T2", "c1", "u1", "created", "q1", "F1", 3, q);
    c.add("T2", "c2", "u4", "created", "r2", "F2", 3, q);
    c.add("T2", "c2", "u3", "created", "r1", "F1", 4, q);
    c.add("T2", "c3", "u0", "created", "s1", "F1", 3, "{\"x\":0.3,\"y\":0.3}");
    // T3: a single branch, nothing to compare. T4 is not a consensus unit.
    c.add("T3", "d1", "u5", "created", "t1", "F1", 0, small);
    c.add("T4", "x1", "u1", "created", "v1", "F1", 0, small);
    c.add("T4", "x2", "u2", "created", "v2", "F1", 0, small);
    Dataset<Row> objectChanges = spark.createDataFrame(c.rows, OBJECT_CHANGES);
    Dataset<Row> units =
        spark.createDataFrame(
            List.of(
                RowFactory.create("T1", LocalDate.parse("2025-04-02")),
                RowFactory.create("T2", null),
                RowFactory.create("T3", LocalDate.parse("2025-04-03"))),
            CONSENSUS_UNITS);

    // The owners of annotator_consensus_daily's rule (GoldTransforms.branchOwners): u9's one edit
    // leaves b2 to u2; c2's 1-1 tie between u4 and u3 goes to u3. T4's branches have none.
    Dataset<Row> owners =
        spark.createDataFrame(
            List.of(
                RowFactory.create("T1", "b1", "u1"),
                RowFactory.create("T1", "b2", "u2"),
                RowFactory.create("T2", "c1", "u1"),
                RowFactory.create("T2", "c2", "u3"),
                RowFactory.create("T2", "c3", "u0"),
                RowFactory.create("T3", "d1", "u5")),
            new StructType()
                .add("task_key", DataTypes.StringType)
                .add("branch_name", DataTypes.StringType)
                .add("owner_id", DataTypes.StringType));

    Dataset<Row> out = GeometryAgreement.consensusGeometry(objectChanges, units, owners);

    assertThat(out.columns())
        .containsExactly(
            "consensus_unit_id",
            "annotator_a",
            "annotator_b",
            "event_date",
            "objects_a",
            "objects_b",
            "matched_objects",
            "mean_iou",
            "precision",
            "recall",
            "f1",
            "skipped_objects");
    assertThat(out.schema().simpleString())
        .isEqualTo(
            "struct<consensus_unit_id:string,annotator_a:string,annotator_b:string,"
                + "event_date:date,objects_a:bigint,objects_b:bigint,matched_objects:bigint,"
                + "mean_iou:double,precision:double,recall:double,f1:double,"
                + "skipped_objects:bigint>");
    // T1: u1 keeps o1 and o2 (o2 moved onto p2; o3 deleted; o4 unreadable), u2 keeps p1..p3.
    // o1-p1: inter 0.18 x 0.2 = 0.036, union 0.044 -> 9/11; o2-p2: 1. p3 finds no partner.
    // T2: same boxes but on other frames or features never match; u0's point is skipped.
    assertThat(rounded(maps(out)))
        .as("consensus_geometry rows")
        .containsExactlyInAnyOrderElementsOf(
            rounded(
                List.of(
                    pair(
                        "T1",
                        "u1",
                        "u2",
                        "2025-04-02",
                        2,
                        3,
                        2,
                        10.0 / 11.0,
                        2.0 / 3.0,
                        1.0,
                        0.8,
                        1),
                    pair("T2", "u1", "u3", null, 1, 2, 0, null, 0.0, 0.0, 0.0, 0),
                    pair("T2", "u0", "u1", null, 0, 1, 0, null, 0.0, null, 0.0, 1),
                    pair("T2", "u0", "u3", null, 0, 2, 0, null, 0.0, null, 0.0, 1))));
  }

  @Test
  void consensusGeometryReadsTheSilverAndGoldTablesOfThePipeline() {
    EventRows rows = new EventRows();
    rows.editor("c1", "CREATE_OBJECT", "ua", "2025-04-03T09:00:00Z")
        .dataUnit("du9")
        .task("task-9")
        .branch("br-a")
        .labelId("oa")
        .featureId("F")
        .frame(7)
        .info("{\"coordinates\":" + box(0.1, 0.1, 0.2, 0.2) + "}");
    rows.editor("c2", "CREATE_OBJECT", "ub", "2025-04-03T09:05:00Z")
        .dataUnit("du9")
        .task("task-9")
        .branch("br-b")
        .labelId("ob")
        .featureId("F")
        .frame(7)
        .info("{\"coordinates\":" + rbox(0.1, 0.1, 0.2, 0.2, 90) + "}");
    rows.editor("c3", "UPDATE_OBJECT", "ub", "2025-04-03T09:06:00Z")
        .dataUnit("du9")
        .task("task-9")
        .branch("br-b")
        .labelId("ob")
        .featureId("F")
        .frame(7)
        .info(
            "{\"oldCoordinates\":"
                + rbox(0.1, 0.1, 0.2, 0.2, 90)
                + ",\"newCoordinates\":"
                + box(0.11, 0.1, 0.2, 0.2)
                + "}");
    rows.editor("c4", "APPROVE_TASK", "rev", "2025-04-04T08:00:00Z")
        .dataUnit("du9")
        .task("task-9")
        .branch("main")
        .info("{\"isConsensus\":true,\"approvedLabelHashes\":[\"oa\"]}");
    Dataset<Row> silver = rows.toSilver(spark);
    Dataset<Row> units =
        GoldTransforms.consensusUnits(
            GoldTransforms.prepare(silver), ActionTables.taskDecisions(silver));

    Dataset<Row> out =
        GeometryAgreement.consensusGeometry(
            ActionTables.objectChanges(silver),
            units,
            GoldTransforms.branchOwners(GoldTransforms.unitEvents(GoldTransforms.prepare(silver))));

    // Inter 0.19 x 0.2 = 0.038, union 0.042: IoU 19/21.
    assertThat(rounded(maps(out)))
        .containsExactlyElementsOf(
            rounded(
                List.of(
                    pair(
                        "task-9",
                        "ua",
                        "ub",
                        "2025-04-04",
                        1,
                        1,
                        1,
                        19.0 / 21.0,
                        1.0,
                        1.0,
                        1.0,
                        0))));
  }

  /**
   * On br-a, ua creates one object and submits the task twice (three branch-work events); uz, who
   * helps, creates, edits and deletes objects (two branch-work events, four object events). The
   * contract's owner is ua: consensus_geometry, which once counted object events and named uz, must
   * name the same owner as annotator_consensus_daily.
   */
  @Test
  void consensusGeometryNamesTheBranchOwnerOfAnnotatorConsensusDaily() {
    EventRows rows = new EventRows();
    String square = box(0.1, 0.1, 0.2, 0.2);
    rows.editor("g1", "CREATE_OBJECT", "ua", "2025-04-03T09:00:00Z")
        .dataUnit("du7")
        .task("task-7")
        .branch("br-a")
        .labelId("oa")
        .featureId("F")
        .info("{\"coordinates\":" + square + "}");
    rows.editor("g2", "SUBMIT_TASK", "ua", "2025-04-03T09:01:00Z")
        .dataUnit("du7")
        .task("task-7")
        .branch("br-a");
    rows.editor("g3", "SUBMIT_TASK", "ua", "2025-04-03T09:30:00Z")
        .dataUnit("du7")
        .task("task-7")
        .branch("br-a");
    rows.editor("g4", "CREATE_OBJECT", "uz", "2025-04-03T09:10:00Z")
        .dataUnit("du7")
        .task("task-7")
        .branch("br-a")
        .labelId("oz")
        .featureId("F")
        .info("{\"coordinates\":" + box(0.6, 0.6, 0.1, 0.1) + "}");
    rows.editor("g5", "UPDATE_OBJECT", "uz", "2025-04-03T09:11:00Z")
        .dataUnit("du7")
        .task("task-7")
        .branch("br-a")
        .labelId("oz")
        .featureId("F")
        .info("{\"newCoordinates\":" + box(0.7, 0.7, 0.1, 0.1) + "}");
    rows.editor("g6", "DELETE_OBJECT", "uz", "2025-04-03T09:12:00Z")
        .dataUnit("du7")
        .task("task-7")
        .branch("br-a")
        .labelId("oz")
        .featureId("F");
    rows.editor("g7", "DELETE_OBJECT", "uz", "2025-04-03T09:13:00Z")
        .dataUnit("du7")
        .task("task-7")
        .branch("br-a")
        .labelId("ox")
        .featureId("F");
    rows.editor("g8", "CREATE_OBJECT", "ub", "2025-04-03T09:05:00Z")
        .dataUnit("du7")
        .task("task-7")
        .branch("br-b")
        .labelId("ob")
        .featureId("F")
        .info("{\"coordinates\":" + square + "}");
    rows.editor("g9", "APPROVE_TASK", "rev", "2025-04-04T08:00:00Z")
        .dataUnit("du7")
        .task("task-7")
        .branch("main")
        .info("{\"isConsensus\":true,\"approvedLabelHashes\":[\"oa\"]}");
    Dataset<Row> silver = rows.toSilver(spark);
    Dataset<Row> prepared = GoldTransforms.prepare(silver);
    Dataset<Row> taskDecisions = ActionTables.taskDecisions(silver);
    Dataset<Row> units = GoldTransforms.consensusUnits(prepared, taskDecisions);

    Dataset<Row> geometry =
        GeometryAgreement.consensusGeometry(
            ActionTables.objectChanges(silver),
            units,
            GoldTransforms.branchOwners(GoldTransforms.unitEvents(prepared)));
    Dataset<Row> daily = GoldTransforms.annotatorConsensusDaily(prepared, units, taskDecisions);

    assertThat(maps(geometry.select("annotator_a", "annotator_b", "matched_objects")))
        .as("ua owns br-a, and ua's object matches ub's")
        .containsExactly(Map.of("annotator_a", "ua", "annotator_b", "ub", "matched_objects", 1L));
    assertThat(daily.select("user_id").as(Encoders.STRING()).collectAsList())
        .as("the owners of annotator_consensus_daily")
        .containsExactlyInAnyOrder("ua", "ub");
  }
}
