package io.encordanalytics.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Parses every timestamp form of the input contract; all mean UTC unless an offset is given.
 *
 * <ul>
 *   <li>ISO 8601 with {@code Z} or an offset, with or without fractional seconds;
 *   <li>naive {@code YYYY-MM-DD HH:MM:SS[.ffffff]} or naive ISO ({@code T}), taken as UTC;
 *   <li>RFC 1123, {@code Thu, 01 May 2025 13:53:59 GMT}.
 * </ul>
 *
 * Results are truncated to microseconds, the precision of Spark timestamps.
 */
public final class Timestamps {
  private Timestamps() {}

  private static final DateTimeFormatter ISO =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .appendLiteral('T')
          .appendValue(ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .optionalStart()
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH", "Z")
          .optionalEnd()
          .toFormatter(Locale.ROOT)
          // SMART (the default) would quietly turn 2025-02-30 into 2025-02-28.
          .withResolverStyle(ResolverStyle.STRICT);

  private static final DateTimeFormatter RFC_1123 =
      DateTimeFormatter.RFC_1123_DATE_TIME.withResolverStyle(ResolverStyle.STRICT);

  /** Spark timestamps hold years 1 to 9999; anything outside cannot be stored or dated. */
  private static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");

  private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

  /** Parses {@code text}; throws {@link IllegalArgumentException} with the reason otherwise. */
  public static Instant parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("missing timestamp");
    }
    String s = text.trim();
    Instant instant;
    try {
      if (Character.isLetter(s.charAt(0))) {
        instant = ZonedDateTime.parse(s, RFC_1123).toInstant();
      } else {
        if (s.length() > 10 && s.charAt(10) == ' ') {
          s = s.substring(0, 10) + 'T' + s.substring(11);
        }
        var parsed = ISO.parseBest(s, OffsetDateTime::from, LocalDateTime::from);
        instant =
            parsed instanceof OffsetDateTime odt
                ? odt.toInstant()
                : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
      }
    } catch (DateTimeException | ClassCastException | ArithmeticException e) {
      throw new IllegalArgumentException("unparseable timestamp: " + abbreviate(text));
    }
    instant = instant.truncatedTo(ChronoUnit.MICROS);
    if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
      throw new IllegalArgumentException("timestamp outside years 1-9999: " + abbreviate(text));
    }
    return instant;
  }

  static String abbreviate(String s) {
    if (s == null) {
      return "null";
    }
    return s.length() <= 64 ? s : s.substring(0, 61) + "...";
  }
}
