package io.encordanalytics.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.encordanalytics.silver.ActionTables;
import io.encordanalytics.spark.Columns;
import io.encordanalytics.testing.EventRows;
import io.encordanalytics.testing.SparkTestBase;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Classification agreement ({@link ClassificationAgreement}): Cohen's and Fleiss' kappa reproduce
 * the worked examples of the literature exactly, and the answers are each annotator's final answer
 * on the consensus branches, from editor attribute events.
 */
class ClassificationAgreementTest extends SparkTestBase {
  private static final StructType ANSWERS =
      new StructType()
          .add("consensus_unit_id", DataTypes.StringType)
          .add("feature_id", DataTypes.StringType)
          .add("feature_name", DataTypes.StringType)
          .add("annotator_id", DataTypes.StringType)
          .add("value", DataTypes.StringType)
          .add("answered_at", DataTypes.TimestampType)
          .add("event_date", DataTypes.DateType)
          .add("branch_name", DataTypes.StringType)
          .add("object_hash", DataTypes.StringType)
          .add(
              "matched_objects",
              DataTypes.createArrayType(
                  new StructType()
                      .add("annotator_id", DataTypes.StringType)
                      .add("branch_name", DataTypes.StringType)
                      .add("object_hash", DataTypes.StringType)));

  /** A classification's answer (no object): unit, feature, feature name, annotator, value, time. */
  private static Row answer(
      String unit, String feature, String name, String annotator, String value, Timestamp at) {
    return RowFactory.create(unit, feature, name, annotator, value, at, null, null, null, null);
  }

  /** Answers of {@code annotators} to feature F on units u0, u1, ...: one category row per unit. */
  private static Dataset<Row> answers(List<String[]> unitAnswers, String... annotators) {
    List<Row> rows = new ArrayList<>();
    Timestamp t = Timestamp.valueOf("2025-04-01 10:00:00");
    for (int u = 0; u < unitAnswers.size(); u++) {
      String[] values = unitAnswers.get(u);
      for (int a = 0; a < values.length; a++) {
        String annotator = annotators.length > a ? annotators[a] : "rater" + (100 + a);
        rows.add(answer("u" + u, "F", "Feature", annotator, values[a], t));
      }
    }
    return spark.createDataFrame(rows, ANSWERS);
  }

  private static List<String[]> repeat(int times, String... values) {
    List<String[]> out = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      out.add(values);
    }
    return out;
  }

  /**
   * Cohen's example as Wikipedia gives it: 50 proposals, both say yes on 20, A yes and B no on 5, A
   * no and B yes on 10, both no on 15. p_o = 0.7, p_e = 0.5 x 0.6 + 0.5 x 0.4 = 0.5, kappa = 0.4.
   */
  @Test
  void cohensKappaOfTheTwoReaderExample() {
    List<String[]> units = new ArrayList<>();
    units.addAll(repeat(20, "yes", "yes"));
    units.addAll(repeat(5, "yes", "no"));
    units.addAll(repeat(10, "no", "yes"));
    units.addAll(repeat(15, "no", "no"));
    List<Map<String, Object>> pairs = maps(ClassificationAgreement.pairs(answers(units, "A", "B")));
    assertThat(pairs).hasSize(1);
    Map<String, Object> p = pairs.get(0);
    assertThat(p)
        .containsEntry("annotator_a", "A")
        .containsEntry("annotator_b", "B")
        .containsEntry("units", 50L)
        .containsEntry("agreements", 35L)
        .containsEntry("feature_name", "Feature");
    assertThat((Double) p.get("observed_agreement")).isCloseTo(0.7, within(1e-12));
    assertThat((Double) p.get("expected_agreement")).isCloseTo(0.5, within(1e-12));
    assertThat((Double) p.get("cohen_kappa")).isCloseTo(0.4, within(1e-12));
  }

  /**
   * Fleiss (1971) as Wikipedia works it: 14 raters put 10 subjects in 5 categories. P = 0.378, P_e
   * = 0.213, kappa = 0.210 (exactly 4211 / 20059).
   */
  @Test
  void fleissKappaOfTheFourteenRaterExample() {
    int[][] table = {
      {0, 0, 0, 0, 14},
      {0, 2, 6, 4, 2},
      {0, 0, 3, 5, 6},
      {0, 3, 9, 2, 0},
      {2, 2, 8, 1, 1},
      {7, 7, 0, 0, 0},
      {3, 2, 6, 3, 0},
      {2, 5, 3, 2, 2},
      {6, 5, 2, 1, 0},
      {0, 2, 2, 3, 7}
    };
    List<String[]> units = new ArrayList<>();
    for (int[] counts : table) {
      List<String> values = new ArrayList<>();
      for (int k = 0; k < counts.length; k++) {
        for (int i = 0; i < counts[k]; i++) {
          values.add("c" + (k + 1));
        }
      }
      units.add(values.toArray(String[]::new));
    }
    Dataset<Row> answers = answers(units);
    List<Map<String, Object>> rows =
        maps(ClassificationAgreement.byFeature(answers, ClassificationAgreement.pairs(answers)));
    assertThat(rows).hasSize(1);
    Map<String, Object> f = rows.get(0);
    assertThat(f)
        .containsEntry("annotators", 14L)
        .containsEntry("units_answered", 10L)
        .containsEntry("units_compared", 10L)
        .containsEntry("fleiss_units", 10L)
        .containsEntry("annotator_pairs", 91L)
        .containsEntry("pair_comparisons", 910L);
    assertThat((Double) f.get("fleiss_kappa"))
        .isCloseTo(4211.0 / 20059.0, within(1e-12))
        .isCloseTo(0.210, within(0.0005));
    // The same bits however the answers are partitioned (a cluster run splits them otherwise).
    for (int partitions : new int[] {1, 3, 7}) {
      Dataset<Row> shuffled = answers.repartition(partitions, functions.col("annotator_id"));
      assertThat(
              maps(
                  ClassificationAgreement.byFeature(
                      shuffled, ClassificationAgreement.pairs(shuffled))))
          .as("%d partitions", partitions)
          .isEqualTo(rows);
    }
  }

  /**
   * Fleiss' kappa with a varying number of raters: units answered a/a/a, a/b/b/b and a/b/c. P_i =
   * 1, 1/2, 0 (mean 1/2); p = 5/10, 4/10, 1/10, chance 0.42; kappa = 0.08 / 0.58 = 4/29.
   */
  @Test
  void fleissKappaWithADifferentNumberOfRatersPerUnit() {
    List<String[]> units =
        List.of(
            new String[] {"a", "a", "a"},
            new String[] {"a", "b", "b", "b"},
            new String[] {"a", "b", "c"});
    Dataset<Row> answers = answers(units);
    Map<String, Object> f =
        maps(ClassificationAgreement.byFeature(answers, ClassificationAgreement.pairs(answers)))
            .get(0);
    assertThat(f).containsEntry("fleiss_units", 3L).containsEntry("units_compared", 3L);
    assertThat((Double) f.get("fleiss_kappa")).isCloseTo(4.0 / 29.0, within(1e-12));
  }

  /**
   * A value one annotator gives and the other never does: A answers x, x, y and B x, z, z. p_o =
   * 1/3, p_e = (2/3)(1/3) = 2/9 (y and z add nothing), kappa = 1/7. The pair's feature name is the
   * latest answer's.
   */
  @Test
  void cohensKappaWithValuesOnOneSideOnlyAndTheLatestName() {
    List<Row> rows = new ArrayList<>();
    String[][] values = {{"x", "x"}, {"x", "z"}, {"y", "z"}};
    for (int u = 0; u < values.length; u++) {
      rows.add(
          answer(
              "u" + u,
              "F",
              "Old name",
              "A",
              values[u][0],
              Timestamp.valueOf("2025-04-01 10:00:00")));
      rows.add(
          answer(
              "u" + u,
              "F",
              u == 1 ? "New name" : "Old name",
              "B",
              values[u][1],
              Timestamp.valueOf("2025-04-0" + (u == 1 ? 3 : 2) + " 10:00:00")));
    }
    Map<String, Object> p =
        maps(ClassificationAgreement.pairs(spark.createDataFrame(rows, ANSWERS))).get(0);
    assertThat(p)
        .containsEntry("units", 3L)
        .containsEntry("agreements", 1L)
        .containsEntry("feature_name", "New name");
    assertThat((Double) p.get("expected_agreement")).isCloseTo(2.0 / 9.0, within(1e-12));
    assertThat((Double) p.get("cohen_kappa")).isCloseTo(1.0 / 7.0, within(1e-12));
  }

  @Test
  void kappaIsNullWhenChanceAgreementIsCertainAndFleissNeedsThreeRaters() {
    Dataset<Row> answers = answers(repeat(4, "yes", "yes"), "A", "B");
    Map<String, Object> p = maps(ClassificationAgreement.pairs(answers)).get(0);
    assertThat(p).containsEntry("observed_agreement", 1.0).containsEntry("cohen_kappa", null);
    Map<String, Object> f =
        maps(ClassificationAgreement.byFeature(answers, ClassificationAgreement.pairs(answers)))
            .get(0);
    assertThat(f)
        .containsEntry("fleiss_units", 0L)
        .containsEntry("fleiss_kappa", null)
        .containsEntry("observed_agreement", 1.0);
  }

  /**
   * Answers from editor events: the latest on each branch, an update's new value, a delete that
   * withdraws, nested answers (which stand only with their parent's final answer), both key styles;
   * main-branch work and non-consensus tasks are not answers; each branch's answers belong to its
   * owner.
   */
  @Test
  void finalAnswersOnConsensusBranches() {
    EventRows rows = new EventRows();
    // Unit C1, branches of a1 and a2 (each creates an object there, so owns it); main is review.
    rows.editor("o1", "CREATE_OBJECT", "a1", "2025-04-01T09:00:00Z")
        .task("C1")
        .branch("b-a1")
        .labelId("x1");
    rows.editor("o2", "CREATE_OBJECT", "a2", "2025-04-01T09:00:00Z")
        .task("C1")
        .branch("b-a2")
        .labelId("x2");
    attribute(
        rows,
        "c1",
        "CREATE_ATTRIBUTE",
        "a1",
        "2025-04-01T09:01:00Z",
        "C1",
        "b-a1",
        "{\"classifications\":{\"W\":{\"featureId\":\"W\",\"name\":\"Weather\",\"value\":\"rain\","
            + "\"answers\":[{\"featureId\":\"R\",\"name\":\"Rain\",\"value\":\"light\"}]}}}");
    attribute(
        rows,
        "c2",
        "UPDATE_ATTRIBUTE",
        "a1",
        "2025-04-01T09:05:00Z",
        "C1",
        "b-a1",
        "{\"oldValue\":{\"W\":{\"featureId\":\"W\",\"value\":\"rain\"}},"
            + "\"newValue\":{\"W\":{\"featureId\":\"W\",\"name\":\"Weather\",\"value\":\"sun\"}}}");
    attribute(
        rows,
        "c3",
        "CREATE_ATTRIBUTE",
        "a2",
        "2025-04-01T09:02:00Z",
        "C1",
        "b-a2",
        "{\"classifications\":{\"W\":{\"feature_id\":\"W\",\"name\":\"Weather\",\"value\":\"sun\","
            + "\"answers\":[{\"feature_id\":\"S\",\"value\":\"bright\"}]},"
            + "\"T\":{\"featureId\":\"T\",\"name\":\"Time\",\"value\":\"day\"}}}");
    attribute(
        rows,
        "c4",
        "DELETE_ATTRIBUTE",
        "a2",
        "2025-04-01T09:03:00Z",
        "C1",
        "b-a2",
        "{\"classifications\":{\"T\":{\"featureId\":\"T\",\"value\":\"day\"}}}");
    attribute(
        rows,
        "c5",
        "CREATE_ATTRIBUTE",
        "r1",
        "2025-04-01T10:00:00Z",
        "C1",
        "main",
        "{\"classifications\":{\"W\":{\"featureId\":\"W\",\"value\":\"fog\"}}}");
    // A task that is not a consensus unit.
    attribute(
        rows,
        "c6",
        "CREATE_ATTRIBUTE",
        "a1",
        "2025-04-01T11:00:00Z",
        "N1",
        "main",
        "{\"classifications\":{\"W\":{\"featureId\":\"W\",\"value\":\"sun\"}}}");
    Dataset<Row> answers = answersOf(rows.toSilver(spark));
    Map<String, String> got = valuesBy(answers, "consensus_unit_id", "feature_id", "annotator_id");
    // a1's nested "Rain: light" went with the answer "rain"; a2's "Sun: bright" stands with "sun",
    // given in the same event.
    assertThat(got).isEqualTo(Map.of("C1/W/a1", "sun", "C1/W/a2", "sun", "C1/S/a2", "bright"));
    Map<String, Object> w = maps(ClassificationAgreement.pairs(answers)).get(0);
    assertThat(w)
        .containsEntry("feature_id", "W")
        .containsEntry("units", 1L)
        .containsEntry("agreements", 1L);
  }

  /**
   * The values inside object events are answers for the object, compared on the objects
   * consensus_geometry matches. Unit C2, boxes of feature F:
   *
   * <ul>
   *   <li>a1's o1: Facing (FC) front, then side (an edit naming the old value); Occluded (OC) yes,
   *       logged alone (FC stands); Size (SZ) big, then dropped (named old, no new value). o1r:
   *       values with its creation, deleted, created again without values: no answer.
   *   <li>a2's o2 beside o1: FC side, OC no in one snake_case map. o2b elsewhere (back, matched
   *       with nothing). o2c also overlaps o1 and o3 (front), less than o2 does: matching is one to
   *       one, so it is compared with nothing.
   *   <li>a3's o3 on o1 (FC front, with its creation); o3x there too (back, then deleted).
   * </ul>
   *
   * o1, o2 and o3 match one another: on FC a1-a2 agree, a1-a3 and a2-a3 do not; on OC a1-a2
   * disagree. The main branch's edit is no one's answer. a1 and a2 also answer the classification W
   * on the unit, which counts apart.
   */
  @Test
  void objectValuesAreComparedOnMatchedObjects() {
    EventRows rows = new EventRows();
    object(rows, "e1", "CREATE_OBJECT", "a1", "09:00", "o1", info("coordinates", box(0.1)));
    object(
        rows, "e2", "UPDATE_OBJECT", "a1", "09:01", "o1", info("newClassification", fc("front")));
    object(
        rows,
        "e3",
        "UPDATE_OBJECT",
        "a1",
        "09:09",
        "o1",
        info("oldClassification", fc("front"), "newClassification", fc("side")));
    object(rows, "e3b", "UPDATE_OBJECT", "a1", "09:10", "o1", info("newClassification", oc("yes")));
    String size = "{\"SZ\":{\"featureId\":\"SZ\",\"value\":\"big\"}}";
    object(rows, "e3c", "UPDATE_OBJECT", "a1", "09:11", "o1", info("newClassification", size));
    object(
        rows,
        "e3d",
        "UPDATE_OBJECT",
        "a1",
        "09:12",
        "o1",
        info("oldClassification", size, "newClassification", "{}"));
    object(
        rows,
        "e14",
        "CREATE_OBJECT",
        "a1",
        "09:20",
        "o1r",
        info("coordinates", box(0.5), "classifications", fc("back")));
    object(rows, "e15", "DELETE_OBJECT", "a1", "09:21", "o1r", info("classifications", fc("back")));
    object(rows, "e16", "CREATE_OBJECT", "a1", "09:22", "o1r", info("coordinates", box(0.5)));
    object(rows, "e4", "CREATE_OBJECT", "a2", "09:00", "o2", info("coordinates", box(0.11)));
    object(
        rows,
        "e5",
        "UPDATE_OBJECT",
        "a2",
        "09:02",
        "o2",
        info(
            "new_classification",
            "{\"FC\":{\"feature_id\":\"FC\",\"value\":\"side\"},"
                + "\"OC\":{\"feature_id\":\"OC\",\"value\":\"no\"}}"));
    object(rows, "e6", "CREATE_OBJECT", "a2", "09:03", "o2b", info("coordinates", box(0.7)));
    object(
        rows, "e7", "UPDATE_OBJECT", "a2", "09:04", "o2b", info("newClassification", fc("back")));
    object(
        rows,
        "e6c",
        "CREATE_OBJECT",
        "a2",
        "09:05",
        "o2c",
        info("coordinates", box(0.12), "classifications", fc("front")));
    object(
        rows,
        "e8",
        "CREATE_OBJECT",
        "a3",
        "09:00",
        "o3",
        info("coordinates", box(0.1), "classifications", fc("front")));
    object(rows, "e10", "CREATE_OBJECT", "a3", "09:06", "o3x", info("coordinates", box(0.1)));
    object(
        rows, "e11", "UPDATE_OBJECT", "a3", "09:07", "o3x", info("newClassification", fc("back")));
    object(rows, "e12", "DELETE_OBJECT", "a3", "09:08", "o3x", info("classifications", fc("back")));
    rows.editor("e13", "UPDATE_OBJECT", "r1", "2025-04-01T10:00:00Z")
        .task("C2")
        .branch("main")
        .labelId("o1")
        .featureId("F")
        .info(info("newClassification", fc("back")));
    for (String a : List.of("a1", "a2")) {
      attribute(
          rows,
          "w-" + a,
          "CREATE_ATTRIBUTE",
          a,
          "2025-04-01T09:30:00Z",
          "C2",
          "b-" + a,
          "{\"classifications\":{\"W\":{\"featureId\":\"W\",\"value\":\"sun\"}}}");
    }
    Dataset<Row> answers = answersOf(rows.toSilver(spark));
    Map<String, String> got = valuesBy(answers, "feature_id", "object_hash", "annotator_id");
    assertThat(got)
        .isEqualTo(
            Map.of(
                "FC/o1/a1", "side",
                "OC/o1/a1", "yes",
                "FC/o2/a2", "side",
                "OC/o2/a2", "no",
                "FC/o2b/a2", "back",
                "FC/o2c/a2", "front",
                "FC/o3/a3", "front",
                "W/null/a1", "sun",
                "W/null/a2", "sun"));

    Dataset<Row> pairs = ClassificationAgreement.pairs(answers).cache();
    Map<String, String> byPair =
        maps(pairs).stream()
            .collect(
                Collectors.toMap(
                    p ->
                        p.get("feature_id")
                            + " "
                            + p.get("annotator_a")
                            + "-"
                            + p.get("annotator_b"),
                    p ->
                        p.get("units")
                            + " units, "
                            + p.get("object_pairs")
                            + " objects, "
                            + p.get("agreements")
                            + " agree, kappa "
                            + p.get("cohen_kappa")));
    assertThat(byPair)
        .isEqualTo(
            Map.of(
                "FC a1-a2", "0 units, 1 objects, 1 agree, kappa null",
                "FC a1-a3", "0 units, 1 objects, 0 agree, kappa 0.0",
                "FC a2-a3", "0 units, 1 objects, 0 agree, kappa 0.0",
                "OC a1-a2", "0 units, 1 objects, 0 agree, kappa 0.0",
                "W a1-a2", "1 units, 0 objects, 1 agree, kappa null"));
    Map<String, Object> facing =
        maps(ClassificationAgreement.byFeature(answers, pairs)).stream()
            .filter(f -> f.get("feature_id").equals("FC"))
            .findFirst()
            .orElseThrow();
    assertThat(facing)
        .containsEntry("feature_name", "Facing")
        .containsEntry("annotators", 3L)
        .containsEntry("units_answered", 1L)
        .containsEntry("units_compared", 0L)
        .containsEntry("object_pairs_compared", 3L)
        .containsEntry("pair_comparisons", 3L)
        .containsEntry("pair_agreements", 1L)
        .containsEntry("fleiss_units", 0L)
        .containsEntry("fleiss_kappa", null);
    assertThat((Double) facing.get("observed_agreement")).isCloseTo(1.0 / 3.0, within(1e-12));
  }

  /** The classification answers of the consensus units of {@code silver} events. */
  private static Dataset<Row> answersOf(Dataset<Row> silver) {
    Dataset<Row> prepared = GoldTransforms.prepare(silver);
    Dataset<Row> units = GoldTransforms.consensusUnitKeys(prepared);
    Dataset<Row> owners = GoldTransforms.branchOwners(GoldTransforms.unitEvents(prepared));
    Dataset<Row> answers =
        ClassificationAgreement.answers(
            ActionTables.attributeChanges(silver)
                .select(Columns.of(ClassificationAgreement.CHANGE_COLUMNS)),
            units,
            owners,
            GeometryAgreement.objectAnswers(ActionTables.objectChanges(silver), units, owners));
    // As the gold step does, the agreement is computed over the answers' rows, not over the query
    // that made them (which each query over them would plan again).
    return spark.createDataFrame(answers.collectAsList(), answers.schema());
  }

  /** Each answer's value by its {@code key} columns, joined with "/". */
  private static Map<String, String> valuesBy(Dataset<Row> answers, String... key) {
    return answers.collectAsList().stream()
        .collect(
            Collectors.toMap(
                r ->
                    Arrays.stream(key)
                        .map(k -> String.valueOf((Object) r.getAs(k)))
                        .collect(Collectors.joining("/")),
                r -> r.getAs("value")));
  }

  /** A box of 0.2 by 0.2 at (x, 0.1). */
  private static String box(double x) {
    return "{\"x\":" + x + ",\"y\":0.1,\"w\":0.2,\"h\":0.2}";
  }

  /** Event information: {@code key, json, key, json, ...}. */
  private static String info(String... keysAndJson) {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < keysAndJson.length; i += 2) {
      b.append(i == 0 ? "" : ",").append('"').append(keysAndJson[i]).append("\":");
      b.append(keysAndJson[i + 1]);
    }
    return b.append('}').toString();
  }

  /** An object's values map with feature FC ("Facing") = {@code value}. */
  private static String fc(String value) {
    return "{\"FC\":{\"featureId\":\"FC\",\"name\":\"Facing\",\"value\":\"" + value + "\"}}";
  }

  /** An object's values map with feature OC ("Occluded") = {@code value}. */
  private static String oc(String value) {
    return "{\"OC\":{\"featureId\":\"OC\",\"name\":\"Occluded\",\"value\":\"" + value + "\"}}";
  }

  private static void object(
      EventRows rows,
      String id,
      String action,
      String user,
      String hhmm,
      String hash,
      String info) {
    rows.editor(id, action, user, "2025-04-01T" + hhmm + ":00Z")
        .task("C2")
        .branch("b-" + user)
        .labelId(hash)
        .featureId("F")
        .info(info);
  }

  private static void attribute(
      EventRows rows,
      String id,
      String action,
      String user,
      String time,
      String task,
      String branch,
      String info) {
    rows.editor(id, action, user, time).task(task).branch(branch).labelId("k-" + id).info(info);
  }
}
