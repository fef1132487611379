package io.encordanalytics.gold;

import static org.assertj.core.api.Assertions.assertThat;

import io.encordanalytics.config.Settings;
import io.encordanalytics.spark.EventDates;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The days a later night's gold step reads around its new events. */
class GoldStepWindowTest {
  @Test
  void lookbackCoversTheIdleTimeoutAndTheEpisodeGapInWholeDays() {
    assertThat(GoldStep.lookbackDays(Settings.load(null, Map.of()))).as("300 s, 10 s").isEqualTo(1);
    assertThat(
            GoldStep.lookbackDays(
                Settings.load(null, Map.of("encord.metrics.idle-timeout", "24h"))))
        .isEqualTo(1);
    assertThat(
            GoldStep.lookbackDays(
                Settings.load(null, Map.of("encord.metrics.idle-timeout", "36h"))))
        .isEqualTo(2);
    assertThat(
            GoldStep.lookbackDays(Settings.load(null, Map.of("encord.metrics.episode-gap", "49h"))))
        .isEqualTo(3);
  }

  @Test
  void aroundIsEveryDateWithinTheLookbackOfANewDate() {
    assertThat(
            EventDates.around(
                Set.of(LocalDate.parse("2025-04-02"), LocalDate.parse("2025-04-05")), 1))
        .containsExactly(
            LocalDate.parse("2025-04-01"),
            LocalDate.parse("2025-04-02"),
            LocalDate.parse("2025-04-03"),
            LocalDate.parse("2025-04-04"),
            LocalDate.parse("2025-04-05"),
            LocalDate.parse("2025-04-06"));
  }
}
