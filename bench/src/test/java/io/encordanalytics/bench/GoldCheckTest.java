package io.encordanalytics.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GoldCheckTest {
  @Test
  void integralTotalsMustBeEqualAndRatesAlmostEqual() {
    assertThat(GoldCheck.same(99449.0, 99449.0)).isTrue();
    assertThat(GoldCheck.same(6.29840550892E11, 6.29840550985E11)).isFalse();
    assertThat(GoldCheck.same(401.16666666666674, 401.1666666666667)).isTrue();
    assertThat(GoldCheck.same(401.1666, 401.1667)).isFalse();
    assertThat(GoldCheck.same(null, null)).isTrue();
    assertThat(GoldCheck.same(null, 0.0)).isFalse();
  }

  @Test
  void readsTheCsvThatSqlShPrints() {
    assertThat(
            GoldCheck.parseCsv(
                List.of(
                    "gold_table,metric,value",
                    "consensus_units,rows,670.0",
                    "consensus_units,agreement_rate,")))
        .containsEntry("consensus_units.rows", 670.0)
        .containsEntry("consensus_units.agreement_rate", null)
        .hasSize(2);
  }

  @Test
  void totalsCoverEveryContractTable() {
    String sql = GoldCheck.totalsSql();
    for (String table : DuckDbBaseline.TABLES) {
      assertThat(sql).contains("encord_gold." + table);
    }
  }
}
