package io.encordanalytics.gold;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.encordanalytics.spark.ActionSelection;
import io.encordanalytics.vocabulary.EditorAction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;

/**
 * Pure transforms for classification agreement in consensus units: {@code
 * encord_gold.classification_answers} (each annotator's final answer to each classification feature
 * on each unit), {@code encord_gold.classification_agreement} (per feature and annotator pair:
 * observed agreement and Cohen's kappa) and {@code encord_gold.classification_agreement_by_feature}
 * (pooled agreement and Fleiss' kappa). The README gives the definitions.
 *
 * <p>Answers come from the editor's CREATE_ATTRIBUTE ({@code classifications}), UPDATE_ATTRIBUTE
 * ({@code newValue}) and DELETE_ATTRIBUTE ({@code classifications}, which withdraws the answer) on
 * the non-main branches of consensus units: each entry of the feature-hash map, and each of its
 * nested {@code answers}, is an answer to its feature. Label logs carry no values.
 *
 * <p>Objects carry classification values too (UPDATE_OBJECT {@code newClassification}, a creation's
 * {@code classifications}): each final object's values are its owner's answers for that object, and
 * they are compared with those of the objects it is matched with in {@code consensus_geometry}
 * (same frame and feature, IoU at least 0.5). Such a comparison counts in the pair figures like a
 * unit both answered; Fleiss' kappa needs one item rated by three or more annotators, so it rests
 * on the classifications' units alone.
 */
public final class ClassificationAgreement {
  private ClassificationAgreement() {}

  /** The silver attribute_changes columns the answers read. */
  public static final String[] CHANGE_COLUMNS = {
    "event_id",
    "source_format",
    "event_time",
    "user_id",
    "task_key",
    "branch_name",
    "action",
    "classifications",
    "new_value"
  };

  private static final Column CREATE =
      ActionSelection.editor(EditorAction.CREATE_ATTRIBUTE).column();
  private static final Column UPDATE =
      ActionSelection.editor(EditorAction.UPDATE_ATTRIBUTE).column();
  private static final Column DELETE =
      ActionSelection.editor(EditorAction.DELETE_ATTRIBUTE).column();

  /** One answer: camelCase or snake_case keys, the value as JSON text when it is not a string. */
  private static StructType answer() {
    return new StructType()
        .add("featureId", DataTypes.StringType)
        .add("feature_id", DataTypes.StringType)
        .add("featureHash", DataTypes.StringType)
        .add("feature_hash", DataTypes.StringType)
        .add("name", DataTypes.StringType)
        .add("value", DataTypes.StringType);
  }

  private static final DataType ANSWERS =
      new MapType(
          DataTypes.StringType, answer().add("answers", new ArrayType(answer(), true)), true);

  private static Column featureOf(String answer, Column fallback) {
    return coalesce(
        col(answer + ".featureId"),
        col(answer + ".feature_id"),
        col(answer + ".featureHash"),
        col(answer + ".feature_hash"),
        fallback);
  }

  /** {@code carried} columns, then {@code more}. */
  private static Column[] with(String[] carried, Column... more) {
    Column[] out = new Column[carried.length + more.length];
    for (int i = 0; i < carried.length; i++) {
      out[i] = col(carried[i]);
    }
    System.arraycopy(more, 0, out, carried.length, more.length);
    return out;
  }

  private static final String[] EVENT = {
    "event_id", "event_time", "user_id", "task_key", "branch_name", "withdrawn"
  };

  /**
   * Every answer an attribute event gives (or withdraws: {@code withdrawn}): event_id, event_time,
   * user_id, task_key, branch_name, feature_id, parent_id (the top-level feature of a nested
   * answer, else null), feature_name, value.
   */
  public static Dataset<Row> answerEvents(Dataset<Row> attributeChanges) {
    Column text =
        when(CREATE.or(DELETE), col("classifications"))
            .when(UPDATE, coalesce(col("new_value"), col("classifications")));
    return explodeAnswers(
        attributeChanges.filter(CREATE.or(UPDATE).or(DELETE)).withColumn("withdrawn", DELETE),
        text,
        EVENT);
  }

  /**
   * One row per answer in the feature-hash map {@code text} of each row (each entry, and each of
   * its nested {@code answers}): the {@code carried} columns, then feature_id, parent_id (the
   * top-level feature of a nested answer, else null), feature_name, value.
   */
  private static Dataset<Row> explodeAnswers(Dataset<Row> rows, Column text, String[] carried) {
    Dataset<Row> entries =
        rows.select(
            with(carried, explode(from_json(text, ANSWERS)).as(new String[] {"key", "top"})));
    Dataset<Row> top =
        entries.select(
            with(
                carried,
                featureOf("top", col("key")).as("feature_id"),
                lit(null).cast("string").as("parent_id"),
                col("top.name").as("feature_name"),
                col("top.value").as("value")));
    Dataset<Row> nested =
        entries
            .select(
                with(
                    carried,
                    featureOf("top", col("key")).as("parent_id"),
                    explode(col("top.answers")).as("nested")))
            .select(
                with(
                    carried,
                    featureOf("nested", lit(null).cast("string")).as("feature_id"),
                    col("parent_id"),
                    col("nested.name").as("feature_name"),
                    col("nested.value").as("value")));
    return top.unionByName(nested).filter(col("feature_id").isNotNull());
  }

  /** The columns of {@link GeometryAgreement#objectAnswers} each object answer row carries. */
  private static final String[] OBJECT = {
    "task_key", "annotator_id", "branch_name", "object_hash", "answered_at", "matched_objects"
  };

  /** The type of {@code matched_objects}: the other owners' objects an object is matched with. */
  private static final DataType MATCHED =
      new ArrayType(
          new StructType()
              .add("annotator_id", DataTypes.StringType)
              .add("branch_name", DataTypes.StringType)
              .add("object_hash", DataTypes.StringType),
          true);

  /**
   * {@code encord_gold.classification_answers}: grain (consensus_unit_id, feature_id,
   * annotator_id). Each annotator's latest answer to the feature on the unit's non-main branches,
   * unless withdrawn by a later delete, and with a value. {@code attributeChanges} are silver
   * attribute_changes ({@link #CHANGE_COLUMNS}) of at least the units' events; {@code units} their
   * task keys (one column, task_key); {@code owners} the units' {@link
   * GoldTransforms#branchOwners}; {@code objectAnswers} the units' {@link
   * GeometryAgreement#objectAnswers} (of those units only), whose values are answers too: grain
   * (consensus_unit_id, feature_id, annotator_id, branch_name, object_hash), the last two null for
   * a classification's answer.
   */
  public static Dataset<Row> answers(
      Dataset<Row> attributeChanges,
      Dataset<Row> units,
      Dataset<Row> owners,
      Dataset<Row> objectAnswers) {
    Dataset<Row> events =
        answerEvents(
                attributeChanges
                    .filter(GoldTransforms.nonMainBranch())
                    .join(units, "task_key", "left_semi"))
            .join(owners, new String[] {"task_key", "branch_name"}, "left")
            .withColumn(
                "annotator_id",
                coalesce(
                    col("owner_id"),
                    when(col("user_id").notEqual(""), col("user_id")),
                    lit(GoldTransforms.UNKNOWN)));
    Dataset<Row> latest =
        events
            .withColumn(
                "rn",
                row_number()
                    .over(
                        Window.partitionBy("task_key", "feature_id", "annotator_id")
                            .orderBy(
                                col("event_time").desc(),
                                col("event_id").desc(),
                                col("withdrawn"),
                                col("value").desc_nulls_last())))
            .filter(col("rn").equalTo(1));
    // A nested answer stands only as part of its parent's final answer: a later answer to the
    // parent without it (another option chosen) or a delete of the parent withdraws it.
    Dataset<Row> parents =
        latest
            .filter(col("parent_id").isNull())
            .select(
                col("task_key"),
                col("annotator_id"),
                col("feature_id").as("parent_id"),
                col("event_id").as("parent_event"));
    Dataset<Row> classifications =
        latest
            .join(parents, new String[] {"task_key", "annotator_id", "parent_id"}, "left")
            .filter(col("parent_id").isNull().or(col("parent_event").equalTo(col("event_id"))))
            .filter(col("withdrawn").unary_$bang().and(col("value").isNotNull()))
            .select(
                col("task_key").as("consensus_unit_id"),
                col("feature_id"),
                col("feature_name"),
                col("annotator_id"),
                lit(null).cast("string").as("branch_name"),
                lit(null).cast("string").as("object_hash"),
                col("value"),
                col("event_time").as("answered_at"),
                to_date(col("event_time")).as("event_date"),
                lit(null).cast(MATCHED).as("matched_objects"));
    // An object's values are one snapshot: each feature answered once (the first of duplicates).
    Dataset<Row> objects =
        explodeAnswers(objectAnswers, col("classifications"), OBJECT)
            .filter(col("value").isNotNull())
            .withColumn(
                "rn",
                row_number()
                    .over(
                        Window.partitionBy(
                                "task_key",
                                "annotator_id",
                                "branch_name",
                                "object_hash",
                                "feature_id")
                            .orderBy(
                                col("parent_id").asc_nulls_first(),
                                col("value"),
                                col("feature_name").asc_nulls_last())))
            .filter(col("rn").equalTo(1))
            .select(
                col("task_key").as("consensus_unit_id"),
                col("feature_id"),
                col("feature_name"),
                col("annotator_id"),
                col("branch_name"),
                col("object_hash"),
                col("value"),
                col("answered_at"),
                to_date(col("answered_at")).as("event_date"),
                col("matched_objects"));
    return classifications.unionByName(objects);
  }

  /**
   * {@code encord_gold.classification_agreement}: grain (feature_id, annotator_a, annotator_b),
   * annotator_a &lt; annotator_b, over the units both answered and the matched objects both gave a
   * value.
   */
  public static Dataset<Row> pairs(Dataset<Row> answers) {
    Dataset<Row> classifications = answers.filter(col("object_hash").isNull());
    Dataset<Row> onUnits =
        classifications
            .as("a")
            .join(
                classifications.as("b"),
                col("a.consensus_unit_id")
                    .equalTo(col("b.consensus_unit_id"))
                    .and(col("a.feature_id").equalTo(col("b.feature_id")))
                    .and(col("a.annotator_id").lt(col("b.annotator_id"))))
            .withColumn("on_object", lit(false));
    // An object's answer meets the answers of the objects it is matched with.
    Dataset<Row> objects = answers.filter(col("object_hash").isNotNull());
    Dataset<Row> onObjects =
        objects
            .withColumn("m", explode(col("matched_objects")))
            .as("a")
            .join(
                objects.as("b"),
                col("a.consensus_unit_id")
                    .equalTo(col("b.consensus_unit_id"))
                    .and(col("a.feature_id").equalTo(col("b.feature_id")))
                    .and(col("a.m.annotator_id").equalTo(col("b.annotator_id")))
                    .and(col("a.m.branch_name").equalTo(col("b.branch_name")))
                    .and(col("a.m.object_hash").equalTo(col("b.object_hash")))
                    .and(col("a.annotator_id").lt(col("b.annotator_id"))))
            .withColumn("on_object", lit(true));
    Dataset<Row> both = onUnits.select(compared()).unionByName(onObjects.select(compared()));
    String[] pair = {"feature_id", "annotator_a", "annotator_b"};
    Dataset<Row> observed =
        both.groupBy(pair[0], pair[1], pair[2])
            .agg(
                max(col("named")).getField("name").as("feature_name"),
                Aggregates.countIf(col("on_object").unary_$bang()).as("units"),
                Aggregates.countIf(col("on_object")).as("object_pairs"),
                count(lit(1)).as("comparisons"),
                Aggregates.countIf(col("value_a").equalTo(col("value_b"))).as("agreements"));
    // Chance agreement: sum over categories of (a's share) x (b's share) over the comparisons.
    Dataset<Row> chance =
        categoryCounts(both, "value_a", "count_a")
            .join(
                categoryCounts(both, "value_b", "count_b"),
                new String[] {"feature_id", "annotator_a", "annotator_b", "category"})
            .groupBy(pair[0], pair[1], pair[2])
            .agg(sum(col("count_a").multiply(col("count_b"))).as("chance_products"));
    Dataset<Row> joined =
        observed
            .join(chance, pair, "left")
            .withColumn(
                "observed_agreement", col("agreements").cast("double").divide(col("comparisons")))
            .withColumn(
                "expected_agreement",
                coalesce(col("chance_products"), lit(0L))
                    .cast("double")
                    .divide(col("comparisons").multiply(col("comparisons"))));
    return joined.select(
        col("feature_id"),
        col("feature_name"),
        col("annotator_a"),
        col("annotator_b"),
        col("units"),
        col("object_pairs"),
        col("comparisons"),
        col("agreements"),
        col("observed_agreement"),
        col("expected_agreement"),
        kappa(col("observed_agreement"), col("expected_agreement")).as("cohen_kappa"));
  }

  /** One comparison of two annotators' answers to a feature, on a unit or on matched objects. */
  private static Column[] compared() {
    return new Column[] {
      col("a.feature_id").as("feature_id"),
      greatest(named("a"), named("b")).as("named"),
      col("a.annotator_id").as("annotator_a"),
      col("b.annotator_id").as("annotator_b"),
      col("a.value").as("value_a"),
      col("b.value").as("value_b"),
      col("on_object")
    };
  }

  /** A side's feature name with the time it was given, to keep the latest; null without a name. */
  private static Column named(String side) {
    return when(
        col(side + ".feature_name").isNotNull(),
        struct(col(side + ".answered_at").as("at"), col(side + ".feature_name").as("name")));
  }

  /** How often each value of one side of the pairs ({@code value}) occurs, per pair. */
  private static Dataset<Row> categoryCounts(Dataset<Row> both, String value, String as) {
    return both.groupBy(
            col("feature_id"), col("annotator_a"), col("annotator_b"), col(value).as("category"))
        .agg(count(lit(1)).as(as));
  }

  /**
   * The sum of a group's non-null doubles, added in ascending order: the same bits however the rows
   * are partitioned (a plain sum or avg adds them in the order tasks deliver them, and a cluster
   * run then differs from a local one in the last digit).
   */
  private static Column orderedSum(String column) {
    return expr(
        "aggregate(array_sort(collect_list("
            + column
            + ")), CAST(0 AS DOUBLE), (acc, x) -> acc + x)");
  }

  /** (observed - expected) / (1 - expected); null when chance agreement is certain. */
  static Column kappa(Column observed, Column expected) {
    return when(expected.lt(1.0), observed.minus(expected).divide(lit(1.0).minus(expected)));
  }

  /**
   * {@code encord_gold.classification_agreement_by_feature}: grain (feature_id), from the answers
   * and their {@link #pairs}.
   */
  public static Dataset<Row> byFeature(Dataset<Row> answers, Dataset<Row> pairs) {
    Dataset<Row> classifications = answers.filter(col("object_hash").isNull());
    Dataset<Row> perUnit =
        classifications.groupBy("feature_id", "consensus_unit_id").agg(count(lit(1)).as("raters"));
    Dataset<Row> cells =
        classifications
            .groupBy(col("feature_id"), col("consensus_unit_id"), col("value"))
            .agg(count(lit(1)).as("n_ik"))
            .join(perUnit, new String[] {"feature_id", "consensus_unit_id"});
    // Fleiss' kappa over the units with three or more raters: the mean of each unit's agreement
    // P_i = sum_k n_ik (n_ik - 1) / (n_i (n_i - 1)) against chance sum_k p_k^2, p_k the share of
    // all answers in category k (for a constant number of raters, Fleiss 1971 exactly).
    Dataset<Row> fleissCells = cells.filter(col("raters").geq(3));
    Dataset<Row> unitAgreement =
        fleissCells
            .groupBy("feature_id", "consensus_unit_id", "raters")
            .agg(sum(col("n_ik").multiply(col("n_ik").minus(1))).as("agreeing"))
            .withColumn(
                "p_i",
                col("agreeing")
                    .cast("double")
                    .divide(col("raters").multiply(col("raters").minus(1))));
    Dataset<Row> observed =
        unitAgreement
            .groupBy("feature_id")
            .agg(
                count(lit(1)).as("fleiss_units"),
                orderedSum("p_i").divide(count(lit(1))).as("fleiss_observed"),
                sum("raters").as("fleiss_answers"));
    Dataset<Row> expected =
        fleissCells
            .groupBy("feature_id", "value")
            .agg(sum("n_ik").as("n_k"))
            .join(observed.select("feature_id", "fleiss_answers"), "feature_id")
            .groupBy("feature_id")
            .agg(
                // sum_k (n_k / T)^2 = (sum_k n_k^2) / T^2, in whole numbers until the one division.
                sum(col("n_k").multiply(col("n_k")))
                    .cast("double")
                    .divide(max(col("fleiss_answers")).multiply(max(col("fleiss_answers"))))
                    .as("fleiss_expected"));
    Dataset<Row> features =
        answers
            .groupBy("feature_id")
            .agg(
                max(when(
                        col("feature_name").isNotNull(),
                        struct(col("answered_at"), col("feature_name"))))
                    .getField("feature_name")
                    .as("feature_name"),
                countDistinct("annotator_id").as("annotators"),
                countDistinct("consensus_unit_id").as("units_answered"));
    Dataset<Row> compared =
        perUnit
            .filter(col("raters").geq(2))
            .groupBy("feature_id")
            .agg(count(lit(1)).as("units_compared"));
    Dataset<Row> pooled =
        pairs
            .groupBy("feature_id")
            .agg(
                count(lit(1)).as("annotator_pairs"),
                sum("object_pairs").as("object_pairs_compared"),
                sum("comparisons").as("pair_comparisons"),
                sum("agreements").as("pair_agreements"),
                when(
                        count("cohen_kappa").gt(0),
                        orderedSum("cohen_kappa").divide(count("cohen_kappa")))
                    .as("mean_cohen_kappa"));
    return features
        .join(compared, new String[] {"feature_id"}, "left")
        .join(pooled, new String[] {"feature_id"}, "left")
        .join(observed, new String[] {"feature_id"}, "left")
        .join(expected, new String[] {"feature_id"}, "left")
        .select(
            col("feature_id"),
            col("feature_name"),
            col("annotators"),
            col("units_answered"),
            coalesce(col("units_compared"), lit(0L)).as("units_compared"),
            coalesce(col("object_pairs_compared"), lit(0L)).as("object_pairs_compared"),
            coalesce(col("annotator_pairs"), lit(0L)).as("annotator_pairs"),
            coalesce(col("pair_comparisons"), lit(0L)).as("pair_comparisons"),
            coalesce(col("pair_agreements"), lit(0L)).as("pair_agreements"),
            col("pair_agreements")
                .cast("double")
                .divide(col("pair_comparisons"))
                .as("observed_agreement"),
            col("mean_cohen_kappa"),
            coalesce(col("fleiss_units"), lit(0L)).as("fleiss_units"),
            kappa(col("fleiss_observed"), col("fleiss_expected")).as("fleiss_kappa"));
  }
}
