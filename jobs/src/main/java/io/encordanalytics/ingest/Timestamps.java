package io.encordanalytics.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
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
    Instant instant = common(s);
    return checked(instant != null ? instant : general(s, text), text);
  }

  /** {@link #parse} without the fast path for the common form (tests compare the two). */
  static Instant parseGeneral(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("missing timestamp");
    }
    return checked(general(text.trim(), text), text);
  }

  /**
   * The common forms, {@code YYYY-MM-DD(T| )HH:MM:SS[.f{1,9}][Z|+HH:MM|-HH:MM]} exactly (without an
   * offset: UTC, as {@link #general} reads it), read by hand: the formatters took a sixth of the
   * parse's time. Null for anything else, including values out of range, which {@link #general}
   * then reads or rejects with its reason.
   */
  private static Instant common(String s) {
    int n = s.length();
    if (n < 19
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || (s.charAt(10) != 'T' && s.charAt(10) != ' ')
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if ((year | month | day | hour | minute | second) < 0
        || month < 1
        || month > 12
        || day < 1
        || day > YearMonth.of(year, month).lengthOfMonth()
        || hour > 23
        || minute > 59
        || second > 59) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (i < n && s.charAt(i) == '.') {
      int start = ++i;
      while (i < n && i - start < 9 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        nanos = nanos * 10 + (s.charAt(i) - '0');
        i++;
      }
      if (i == start) {
        return null;
      }
      for (int k = i - start; k < 9; k++) {
        nanos *= 10;
      }
    }
    int offsetSeconds;
    if (i == n || (i == n - 1 && s.charAt(i) == 'Z')) {
      offsetSeconds = 0;
    } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
      int oh = digits(s, i + 1, 2);
      int om = digits(s, i + 4, 2);
      if ((oh | om) < 0 || oh > 18 || om > 59 || (oh == 18 && om > 0)) {
        return null;
      }
      offsetSeconds = (s.charAt(i) == '-' ? -1 : 1) * (oh * 3600 + om * 60);
    } else {
      return null;
    }
    long days = LocalDate.of(year, month, day).toEpochDay();
    long seconds = days * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
    return Instant.ofEpochSecond(seconds, nanos);
  }

  /** The value of {@code count} ASCII digits at {@code from}; -1 if any is not a digit. */
  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** Truncated to microseconds; rejected outside Spark's years. */
  private static Instant checked(Instant instant, String text) {
    instant = instant.truncatedTo(ChronoUnit.MICROS);
    if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
      throw new IllegalArgumentException("timestamp outside years 1-9999: " + abbreviate(text));
    }
    return instant;
  }

  /** Every form of the contract, by the formatters. */
  private static Instant general(String s, String text) {
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
    return instant;
  }

  static String abbreviate(String s) {
    if (s == null) {
      return "null";
    }
    return s.length() <= 64 ? s : s.substring(0, 61) + "...";
  }
}
