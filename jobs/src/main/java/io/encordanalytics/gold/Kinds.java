package io.encordanalytics.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.encordanalytics.spark.ActionSelection;
import io.encordanalytics.vocabulary.Kind;
import java.util.Arrays;
import org.apache.spark.sql.Column;

/**
 * The {@code kind} column of gold's inputs, from the one definition of the kinds ({@link Kind}).
 * Label logs are matched by code, editor logs by action string, so an unknown action of either
 * format never lands in a kind.
 */
public final class Kinds {
  private Kinds() {}

  /** The kind of each silver event, null for actions no metric counts. */
  public static Column kind() {
    Column c = null;
    for (Kind k : Kind.values()) {
      Column match = ActionSelection.kinds(k).column();
      c = c == null ? when(match, lit(k.value())) : c.when(match, lit(k.value()));
    }
    return c.otherwise(lit(null).cast("string"));
  }

  /** True where the {@code kind} column is {@code k}. */
  public static Column is(Kind k) {
    return col("kind").equalTo(k.value());
  }

  /** True where the {@code kind} column is one of {@code ks}. */
  public static Column isAny(Kind... ks) {
    return col("kind").isin((Object[]) values(ks));
  }

  /** The column values of {@code ks}. */
  public static String[] values(Kind... ks) {
    return Arrays.stream(ks).map(Kind::value).toArray(String[]::new);
  }
}
