package io.encordanalytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every timestamp form of inputs.md, and what is not one. */
class TimestampsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // ISO 8601 with Z, whole seconds and every fraction length
        "2025-05-01T13:53:59Z            | 2025-05-01T13:53:59Z",
        "2025-05-01T13:53:59.123Z        | 2025-05-01T13:53:59.123Z",
        "2025-05-01T13:53:59.123456Z     | 2025-05-01T13:53:59.123456Z",
        "2025-05-01T13:53:59.1Z          | 2025-05-01T13:53:59.100Z",
        // ISO 8601 with an offset: the instant is converted to UTC
        "2025-05-01T15:53:59+02:00       | 2025-05-01T13:53:59Z",
        "2025-05-01T15:53:59.250+02:00   | 2025-05-01T13:53:59.250Z",
        "2025-05-01T08:53:59-05:00       | 2025-05-01T13:53:59Z",
        "2025-05-01T13:53:59.123456+00:00| 2025-05-01T13:53:59.123456Z",
        "2025-05-01T15:53:59+0200        | 2025-05-01T13:53:59Z",
        // a +02:00 time just after local midnight is still the previous UTC day
        "2025-04-05T01:30:00+02:00       | 2025-04-04T23:30:00Z",
        // naive forms are UTC
        "2025-05-01 13:53:59             | 2025-05-01T13:53:59Z",
        "2025-05-01 13:53:59.123456      | 2025-05-01T13:53:59.123456Z",
        "2025-05-01T13:53:59             | 2025-05-01T13:53:59Z",
        "2025-05-01T13:53:59.5           | 2025-05-01T13:53:59.500Z",
        // RFC 1123
        "'Thu, 01 May 2025 13:53:59 GMT' | 2025-05-01T13:53:59Z",
        "'Thu, 1 May 2025 13:53:59 GMT'  | 2025-05-01T13:53:59Z",
        "'Thu, 01 May 2025 15:53:59 +0200' | 2025-05-01T13:53:59Z",
        // a real leap day
        "2024-02-29 10:00:00             | 2024-02-29T10:00:00Z",
      })
  void everyContractFormParsesToTheUtcInstant(String text, String expected) {
    assertThat(Timestamps.parse(text)).as("parse(%s)", text).isEqualTo(Instant.parse(expected));
  }

  @Test
  void nanosecondsAreTruncatedToMicroseconds() {
    assertThat(Timestamps.parse("2025-05-01T13:53:59.123456789Z"))
        .as("Spark timestamps hold microseconds; the rest is cut, not rounded")
        .isEqualTo(Instant.parse("2025-05-01T13:53:59.123456Z"));
    assertThat(Timestamps.parse("2025-05-01 13:53:59.999999999"))
        .as("naive form with nanoseconds")
        .isEqualTo(Instant.parse("2025-05-01T13:53:59.999999Z"));
  }

  @Test
  void surroundingWhitespaceIsIgnored() {
    assertThat(Timestamps.parse("  2025-05-01T13:53:59Z\t"))
        .as("padded ISO timestamp")
        .isEqualTo(Instant.parse("2025-05-01T13:53:59Z"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "garbage",
        "yesterday",
        "2025-13-01T00:00:00Z",
        "2025-02-30 10:00:00",
        "2025-02-29T10:00:00Z",
        "Sun, 30 Feb 2025 10:00:00 GMT",
        "2025-05-01T24:00:00Z",
        "2025-05-01T25:00:00Z",
        "2025-05-01",
        "1714571639",
        "01/05/2025 13:53:59",
        "Fri, 01 May 2025 13:53:59 GMT",
        "2025-05-01T13:53:59.1234567890Z",
        "2025-05-01T13:53:59Zjunk"
      })
  void garbageIsRejectedWithTheTextInTheMessage(String text) {
    assertThatThrownBy(() -> Timestamps.parse(text))
        .as("parse(%s)", text)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unparseable timestamp: " + text);
  }

  @Test
  void blankOrNullIsAMissingTimestamp() {
    assertThatThrownBy(() -> Timestamps.parse("  "))
        .as("blank")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("missing timestamp");
    assertThatThrownBy(() -> Timestamps.parse(null))
        .as("null")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("missing timestamp");
  }

  @Test
  void yearsSparkCannotStoreAreRejectedNotCrashing() {
    // Year 999999999 at -18:00 is past Instant's LocalDate range: it used to escape as a
    // DateTimeException from the mapper and fail the whole Spark task.
    assertThatThrownBy(() -> Timestamps.parse("+999999999-12-31T23:59:59-18:00"))
        .as("beyond year 9999")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timestamp outside years 1-9999: +999999999-12-31T23:59:59-18:00");
    assertThatThrownBy(() -> Timestamps.parse("+10000-01-01T00:00:00Z"))
        .as("year 10000")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("timestamp outside years 1-9999");
  }

  @Test
  void longGarbageIsAbbreviatedInTheMessage() {
    String text = "x".repeat(200);
    assertThatThrownBy(() -> Timestamps.parse(text))
        .as("a 200-character value")
        .hasMessage("unparseable timestamp: " + "x".repeat(61) + "...");
  }

  /** One random piece of a timestamp: mostly valid, sometimes off by a little or not a digit. */
  private static String piece(java.util.Random rnd, int width, int max) {
    int v =
        switch (rnd.nextInt(12)) {
          case 0 -> max + 1 + rnd.nextInt(3);
          case 1 -> 0;
          default -> rnd.nextInt(max + 1);
        };
    String text = String.format(java.util.Locale.ROOT, "%0" + width + "d", v);
    if (rnd.nextInt(40) == 0) {
      text = text.substring(1) + (rnd.nextBoolean() ? "x" : "٣");
    }
    return text.substring(Math.max(0, text.length() - width));
  }

  @Test
  void theFastPathForTheCommonFormAgreesWithTheFormattersOnEveryInput() {
    java.util.Random rnd = new java.util.Random(1207L);
    String[] seps = {"T", " ", "t", "_"};
    String[] offsets = {
      "Z",
      "z",
      "",
      "+00:00",
      "-05:30",
      "+18:00",
      "-18:00",
      "+18:01",
      "+05:61",
      "+0530",
      "+05",
      "+5:30",
      "Z ",
      "ZZ",
      "+05:30:00",
      "x",
      "+"
    };
    int fast = 0;
    for (int k = 0; k < 100_000; k++) {
      StringBuilder b = new StringBuilder();
      b.append(rnd.nextInt(30) == 0 ? piece(rnd, 4, 9999) : String.valueOf(1990 + rnd.nextInt(80)));
      b.append('-').append(piece(rnd, 2, 12)).append('-').append(piece(rnd, 2, 31));
      b.append(seps[rnd.nextInt(10) < 7 ? 0 : rnd.nextInt(seps.length)]);
      b.append(piece(rnd, 2, 23)).append(':').append(piece(rnd, 2, 59));
      if (rnd.nextInt(10) > 0) {
        b.append(':').append(piece(rnd, 2, 59));
      }
      if (rnd.nextBoolean()) {
        b.append('.');
        int digits = rnd.nextInt(11);
        for (int d = 0; d < digits; d++) {
          b.append((char) ('0' + rnd.nextInt(10)));
        }
      }
      b.append(offsets[rnd.nextInt(3) > 0 ? rnd.nextInt(3) : rnd.nextInt(offsets.length)]);
      String text = b.toString();
      Object general;
      try {
        general = Timestamps.parseGeneral(text);
      } catch (IllegalArgumentException e) {
        general = e.getMessage();
      }
      Object parsed;
      try {
        parsed = Timestamps.parse(text);
        fast++;
      } catch (IllegalArgumentException e) {
        parsed = e.getMessage();
      }
      assertThat(parsed).as(text).isEqualTo(general);
    }
    assertThat(fast).as("a good share of the inputs are valid timestamps").isGreaterThan(25_000);
  }

  @Test
  void snakeKeysOfPlainKeysAreTheKeysThemselves() {
    for (String key : new String[] {"log_hash", "a1_b2", "", "_x_", "data_hash"}) {
      assertThat(DerivedIds.snakeKey(key)).isSameAs(key);
    }
    assertThat(DerivedIds.snakeKey("logHash")).isEqualTo("log_hash");
    assertThat(DerivedIds.snakeKey("HTTPStatus")).isEqualTo("http_status");
    assertThat(DerivedIds.snakeKey("éLabel")).isEqualTo("é_label");
  }
}
