package io.encordanalytics.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Small helpers over Jackson trees that accept both key styles and lenient scalar types: a number
 * where a string belongs is read as its text, a numeric string where a number belongs as the
 * number.
 */
public final class Json {
  private Json() {}

  /** Deepest nesting a record may have; deeper records are quarantined, never recursed into. */
  public static final int MAX_DEPTH = 500;

  /**
   * Shared, thread-safe mapper: strict JSON (one value per text, trailing tokens fail), generous
   * size limits, bounded nesting.
   */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_DEPTH)
                          .maxStringLength(Integer.MAX_VALUE)
                          .maxNumberLength(1000)
                          .build())
                  .build())
          .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          // "{...} {...}" or "{...}," is not one record: without this the rest is silently lost.
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final KeyMemo CAMEL = new KeyMemo(Json::toCamel);

  /** snake_case to camelCase: {@code log_hash -> logHash}. */
  public static String camel(String snake) {
    return CAMEL.apply(snake);
  }

  private static String toCamel(String snake) {
    StringBuilder b = new StringBuilder(snake.length());
    boolean up = false;
    for (char ch : snake.toCharArray()) {
      if (ch == '_') {
        up = true;
      } else {
        b.append(up ? Character.toUpperCase(ch) : ch);
        up = false;
      }
    }
    return b.toString();
  }

  /** The value under the snake_case key or its camelCase twin; null when missing or JSON null. */
  public static JsonNode field(JsonNode node, String snakeKey) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode v = node.get(snakeKey);
    if (v == null || v.isNull()) {
      v = node.get(camel(snakeKey));
    }
    return v == null || v.isNull() ? null : v;
  }

  /** True if either key style is present (even with a null value). */
  public static boolean has(JsonNode node, String snakeKey) {
    return node.has(snakeKey) || node.has(camel(snakeKey));
  }

  /** Scalar as text; containers as compact JSON; null when missing. */
  public static String text(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return null;
    }
    return v.isValueNode() ? v.asText() : v.toString();
  }

  public static String text(JsonNode node, String snakeKey) {
    return text(field(node, snakeKey));
  }

  /** An integer from a number or a numeric string; null otherwise. */
  public static Long integer(JsonNode v) {
    if (v == null) {
      return null;
    }
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.asLong();
    }
    if (v.isNumber()) {
      double d = v.asDouble();
      return d == Math.rint(d) && Math.abs(d) < 9e15 ? (long) d : null;
    }
    if (v.isTextual()) {
      String s = v.asText().trim();
      if (s.matches("-?\\d{1,18}")) {
        return Long.parseLong(s);
      }
      if (s.matches("-?\\d{1,15}\\.0*")) {
        return Long.parseLong(s.substring(0, s.indexOf('.')));
      }
    }
    return null;
  }

  public static Integer int32(JsonNode v) {
    Long l = integer(v);
    return l == null || l > Integer.MAX_VALUE || l < Integer.MIN_VALUE ? null : l.intValue();
  }

  /** A boolean from true/false or their text; null otherwise. */
  public static Boolean bool(JsonNode v) {
    if (v == null) {
      return null;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isTextual()) {
      String s = v.asText().trim();
      if (s.equalsIgnoreCase("true")) {
        return true;
      }
      if (s.equalsIgnoreCase("false")) {
        return false;
      }
    }
    return null;
  }

  /** A nested object that may also arrive as a JSON string holding the object; null otherwise. */
  public static JsonNode object(JsonNode v) {
    if (v == null) {
      return null;
    }
    if (v.isObject()) {
      return v;
    }
    if (v.isTextual()) {
      String s = v.asText().trim();
      if (s.startsWith("{")) {
        try {
          JsonNode parsed = MAPPER.readTree(s);
          return parsed != null && parsed.isObject() ? parsed : null;
        } catch (Exception e) {
          return null;
        }
      }
    }
    return null;
  }

  /** Elements of an array as text (objects as compact JSON); a single scalar as one element. */
  public static List<String> strings(JsonNode v) {
    if (v == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    if (v.isArray()) {
      for (JsonNode e : v) {
        String t = text(e);
        if (t != null) {
          out.add(t);
        }
      }
    } else if (v.isValueNode()) {
      out.add(v.asText());
    }
    return out;
  }
}
