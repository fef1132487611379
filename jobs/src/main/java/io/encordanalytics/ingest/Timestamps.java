package io.encordanalytics.ingest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
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
          .toFormatter(Locale.ROOT);

  /** Parses {@code text}; throws {@link IllegalArgumentException} with the reason otherwise. */
  public static Instant parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("missing timestamp");
    }
    String s = text.trim();
    try {
      if (Character.isLetter(s.charAt(0))) {
        return ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME)
            .toInstant()
            .truncatedTo(ChronoUnit.MICROS);
      }
      if (s.length() > 10 && s.charAt(10) == ' ') {
        s = s.substring(0, 10) + 'T' + s.substring(11);
      }
      var parsed = ISO.parseBest(s, OffsetDateTime::from, LocalDateTime::from);
      Instant instant =
          parsed instanceof OffsetDateTime odt
              ? odt.toInstant()
              : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
      return instant.truncatedTo(ChronoUnit.MICROS);
    } catch (DateTimeParseException | ClassCastException e) {
      throw new IllegalArgumentException("unparseable timestamp: " + abbreviate(text));
    }
  }

  static String abbreviate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 61) + "...";
  }
}
