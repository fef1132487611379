package io.encordanalytics.generator;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The timestamp forms of inputs.md, each with its precision ({@code unit}, in microseconds): an
 * event's time is truncated to its file's form ({@link #quantize}) and written in it ({@link
 * #format}).
 */
enum TimestampForm {
  ISO_Z("ISO 8601 with Z, whole seconds", 1_000_000L),
  ISO_Z_MILLIS("ISO 8601 with Z, milliseconds", 1_000L),
  ISO_Z_MICROS("ISO 8601 with Z, microseconds", 1L),
  ISO_UTC_OFFSET_MICROS("ISO 8601 with +00:00, microseconds (Python isoformat)", 1L),
  ISO_PLUS2_MILLIS("ISO 8601 with +02:00 offset, milliseconds", 1_000L),
  ISO_PLUS2("ISO 8601 with +02:00 offset, whole seconds", 1_000_000L),
  NAIVE_SPACE("naive YYYY-MM-DD HH:MM:SS (UTC)", 1_000_000L),
  NAIVE_SPACE_MICROS("naive YYYY-MM-DD HH:MM:SS.ffffff (UTC)", 1L),
  NAIVE_ISO("naive ISO YYYY-MM-DDTHH:MM:SS (UTC)", 1_000_000L),
  NAIVE_ISO_MICROS("naive ISO YYYY-MM-DDTHH:MM:SS.ffffff (UTC)", 1L),
  RFC_1123("RFC 1123, e.g. Thu, 01 May 2025 13:53:59 GMT", 1_000_000L);

  private static final String[] DOW = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  private static final String[] MON = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  final String description;
  final long unit;

  TimestampForm(String description, long unit) {
    this.description = description;
    this.unit = unit;
  }

  long quantize(long micros) {
    return Math.floorDiv(micros, unit) * unit;
  }

  String format(long micros) {
    long q = quantize(micros);
    boolean plus2 = this == ISO_PLUS2 || this == ISO_PLUS2_MILLIS;
    long sec = Math.floorDiv(q, 1_000_000L) + (plus2 ? 7200 : 0);
    int frac = (int) Math.floorMod(q, 1_000_000L);
    LocalDateTime t = LocalDateTime.ofEpochSecond(sec, 0, ZoneOffset.UTC);
    StringBuilder b = new StringBuilder(32);
    if (this == RFC_1123) {
      b.append(DOW[t.getDayOfWeek().ordinal()]).append(", ");
      pad(b, t.getDayOfMonth(), 2).append(' ').append(MON[t.getMonthValue() - 1]).append(' ');
      pad(b, t.getYear(), 4).append(' ');
      pad(b, t.getHour(), 2).append(':');
      pad(b, t.getMinute(), 2).append(':');
      return pad(b, t.getSecond(), 2).append(" GMT").toString();
    }
    pad(b, t.getYear(), 4).append('-');
    pad(b, t.getMonthValue(), 2).append('-');
    pad(b, t.getDayOfMonth(), 2);
    b.append(this == NAIVE_SPACE || this == NAIVE_SPACE_MICROS ? ' ' : 'T');
    pad(b, t.getHour(), 2).append(':');
    pad(b, t.getMinute(), 2).append(':');
    pad(b, t.getSecond(), 2);
    if (unit == 1_000L) {
      pad(b.append('.'), frac / 1000, 3);
    } else if (unit == 1L) {
      pad(b.append('.'), frac, 6);
    }
    switch (this) {
      case ISO_Z, ISO_Z_MILLIS, ISO_Z_MICROS -> b.append('Z');
      case ISO_UTC_OFFSET_MICROS -> b.append("+00:00");
      case ISO_PLUS2, ISO_PLUS2_MILLIS -> b.append("+02:00");
      default -> {}
    }
    return b.toString();
  }

  private static StringBuilder pad(StringBuilder b, int v, int width) {
    String s = Integer.toString(v);
    for (int i = s.length(); i < width; i++) {
      b.append('0');
    }
    return b.append(s);
  }
}
