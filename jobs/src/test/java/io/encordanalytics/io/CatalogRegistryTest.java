package io.encordanalytics.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which tables a statement for {@code scripts/sql.sh} names, so that only those are registered. */
class CatalogRegistryTest {
  private static final List<String> DBS =
      List.of("encord_bronze", "encord_silver", "encord_gold", "encord_ops");

  @Test
  void tablesNamedAsDatabaseDotTableInAnyCaseWithOrWithoutBackticks() {
    CatalogRegistry.Named n =
        CatalogRegistry.named(
            "SELECT * FROM Encord_Silver.events e JOIN encord_gold . `annotator_daily_activity` a"
                + " ON e.user_id = a.user_id WHERE e.run_id IN (SELECT run_id FROM"
                + " encord_ops.job_runs) UNION SELECT * FROM encord_silver.events",
            DBS);

    assertThat(n.databases()).containsExactly("encord_silver", "encord_gold", "encord_ops");
    assertThat(n.tables())
        .containsExactly(
            new TableId("encord_silver", "events"),
            new TableId("encord_gold", "annotator_daily_activity"),
            new TableId("encord_ops", "job_runs"));
  }

  @Test
  void aDatabaseNamedAloneNamesNoTableAndNoDatabaseNamesNothing() {
    CatalogRegistry.Named alone = CatalogRegistry.named("SHOW TABLES IN encord_gold", DBS);
    assertThat(alone.databases()).containsExactly("encord_gold");
    assertThat(alone.tables()).isEmpty();

    CatalogRegistry.Named none = CatalogRegistry.named("SHOW DATABASES", DBS);
    assertThat(none.databases()).isEmpty();
    assertThat(none.tables()).isEmpty();

    // A name inside a longer word is not the database.
    assertThat(CatalogRegistry.named("SELECT 1 AS my_encord_gold_x", DBS).databases()).isEmpty();
  }
}
