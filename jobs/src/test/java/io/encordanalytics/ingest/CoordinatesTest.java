package io.encordanalytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.encordanalytics.gold.Shapes;
import io.encordanalytics.ingest.Coordinates.Type;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one coordinate reader: what each value reads as, and that gold's area shape agrees with the
 * type silver stores for it (a box or polygon with an area is a shape, a point never is).
 */
class CoordinatesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"x\":1,\"y\":2,\"w\":3,\"h\":4}                          | BOUNDING_BOX           | true",
        "{\"x\":\"1\",\"y\":\"2\",\"width\":\" 3\",\"height\":4}     | BOUNDING_BOX           | true",
        "{\"x\":1,\"y\":2,\"w\":3,\"h\":4,\"theta\":30}              | ROTATABLE_BOUNDING_BOX | true",
        "{\"boundingBox\":{\"x\":1,\"y\":2,\"w\":3,\"h\":4}}         | BOUNDING_BOX           | true",
        "\"{\\\"x\\\":1,\\\"y\\\":2,\\\"w\\\":3,\\\"h\\\":4}\"       | BOUNDING_BOX           | true",
        "{\"x\":1,\"y\":2,\"w\":0,\"h\":4}                          | BOUNDING_BOX           | false",
        "{\"x\":1,\"y\":2}                                          | POINT                  | false",
        "[{\"x\":0,\"y\":0},{\"x\":1,\"y\":0},{\"x\":0,\"y\":1}]    | POLYGON                | true",
        "[[0,0],[1,0],[0,1]]                                        | POLYGON                | true",
        "{\"points\":{\"1\":{\"x\":1,\"y\":0},\"0\":{\"x\":0,\"y\":0},\"2\":{\"x\":0,\"y\":1}}} | POLYGON | true",
        "[[0,0],[1,1]]                                              | POLYGON                | false",
        "{\"x\":1}                                                  | -                      | false",
        "{\"x\":\"NaN\",\"y\":2}                                    | -                      | false",
        "[[0,0],[1]]                                                | -                      | false",
        "not json                                                   | -                      | false",
        "{\"0\":[0,0],\"one\":[1,0],\"2\":[0,1]}                  | -                      | false",
      })
  void readsEachFormOnceForSilverAndGold(String json, String type, boolean shape) {
    Coordinates.Read c = Coordinates.read(json);
    if (type.equals("-")) {
      assertThat(c).as(json).isNull();
    } else {
      assertThat(c).as(json).isNotNull();
      assertThat(c.type()).as(json).isEqualTo(Type.valueOf(type));
    }
    assertThat(Shapes.parse(json) != null).as("area shape of " + json).isEqualTo(shape);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"points\":{\"1\":{\"x\":1,\"y\":0},\"0\":{\"x\":0,\"y\":0},\"2\":{\"x\":0,\"y\":1}}} | 0,1,0",
      })
  void objectPointsAreInNumericKeyOrder(String json, String xs) {
    Coordinates.Read c = Coordinates.read(json);
    StringBuilder got = new StringBuilder();
    for (double x : c.xs()) {
      got.append(got.length() == 0 ? "" : ",").append((int) x);
    }
    assertThat(got.toString()).isEqualTo(xs);
    assertThat(c.pointCount()).isEqualTo(c.xs().length);
  }
}
