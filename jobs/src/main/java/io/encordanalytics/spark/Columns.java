package io.encordanalytics.spark;

import static org.apache.spark.sql.functions.col;

import java.util.Arrays;
import java.util.Collection;
import org.apache.spark.sql.Column;

/** Columns by name, for {@code select} and {@code repartition}. */
public final class Columns {
  private Columns() {}

  /** The columns named {@code names}, in that order. */
  public static Column[] of(String... names) {
    return Arrays.stream(names).map(c -> col(c)).toArray(Column[]::new);
  }

  /** The columns named {@code names}, in their order. */
  public static Column[] of(Collection<String> names) {
    return names.stream().map(c -> col(c)).toArray(Column[]::new);
  }
}
