package io.encordanalytics.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ids for what an export leaves out: an event id derived from the record's content when it has none
 * (Encord's own documentation prints label logs with {@code log_hash=None}), and a user id derived
 * from the e-mail when there is no user hash.
 *
 * <p>The event id is {@code derived-} + SHA-256 (hex) of the record's canonical content, so the
 * same record exported again, in either key style, with nulls written or left out, gets the same id
 * (and is a duplicate), while records that differ in any value get different ids. The canonical
 * content is the record's format and every key with a non-null value except the (absent or blank)
 * id itself: keys in snake_case at every level, sorted; scalars compared as their text ({@code 12}
 * and {@code "12"} are one value); the time as the instant it denotes (every timestamp form of the
 * contract); {@code event_information} given as a JSON string read as the object; empty objects
 * left out like nulls; the deprecated {@code annotation_hash} left out when it repeats {@code
 * identifier} and read as {@code identifier} when that is absent.
 */
public final class DerivedIds {
  private DerivedIds() {}

  /** Prefix of every derived event id. */
  public static final String EVENT_PREFIX = "derived-";

  /** Prefix of a user id derived from an e-mail address. */
  public static final String USER_PREFIX = "email:";

  /** An e-mail address as one user: trimmed, lower case; null when missing or blank. */
  public static String emailKey(String email) {
    if (email == null || email.isBlank()) {
      return null;
    }
    return email.strip().toLowerCase(Locale.ROOT);
  }

  /** {@code email:<address in lower case>}, or null without an address. */
  public static String userFromEmail(String email) {
    String key = emailKey(email);
    return key == null ? null : USER_PREFIX + key;
  }

  /**
   * The derived id of a record of {@code format} whose id (under {@code idKey}) is absent or blank;
   * {@code timeKey} holds its time, already parsed to {@code time}.
   */
  public static String eventId(
      String format, JsonNode record, String idKey, String timeKey, Instant time) {
    TreeMap<String, List<String>> fields = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = record.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String key = snakeKey(f.getKey());
      JsonNode value = f.getValue();
      if (key.equals(idKey) || absent(value)) {
        continue;
      }
      String canonical;
      if (key.equals(timeKey)) {
        canonical = quote(time.toString());
      } else if (key.equals("event_information") && Json.object(value) != null) {
        canonical = canonical(Json.object(value));
      } else {
        canonical = canonical(value);
      }
      if (!canonical.equals("{}")) {
        add(fields, key, canonical);
      }
    }
    List<String> alias = fields.get("annotation_hash");
    if (alias != null
        && (!fields.containsKey("identifier") || alias.equals(fields.get("identifier")))) {
      fields.remove("annotation_hash");
      fields.put("identifier", alias);
    }
    StringBuilder text = new StringBuilder(format).append('\n');
    object(fields, text);
    return EVENT_PREFIX + HexFormat.of().formatHex(sha256(text.toString()));
  }

  /**
   * snake_case of a key in either style: {@code logHash -> log_hash}, {@code dataUnitID ->
   * data_unit_id}; snake_case keys are unchanged.
   */
  public static String snakeKey(String key) {
    return isPlainSnake(key) ? key : SNAKE.apply(key);
  }

  private static final KeyMemo SNAKE = new KeyMemo(DerivedIds::toSnake);

  private static String toSnake(String key) {
    StringBuilder b = new StringBuilder(key.length() + 4);
    int n = key.length();
    for (int i = 0; i < n; i++) {
      char ch = key.charAt(i);
      if (Character.isUpperCase(ch)) {
        char prev = i > 0 ? key.charAt(i - 1) : '_';
        boolean nextLower = i + 1 < n && Character.isLowerCase(key.charAt(i + 1));
        boolean boundary =
            Character.isLowerCase(prev)
                || Character.isDigit(prev)
                || (Character.isUpperCase(prev) && nextLower);
        if (boundary && b.length() > 0 && b.charAt(b.length() - 1) != '_') {
          b.append('_');
        }
        b.append(Character.toLowerCase(ch));
      } else {
        b.append(ch);
      }
    }
    return b.toString();
  }

  /** ASCII without capitals: {@link #snakeKey} would return it as it is. */
  private static boolean isPlainSnake(String key) {
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c > 127 || (c >= 'A' && c <= 'Z')) {
        return false;
      }
    }
    return true;
  }

  private static boolean absent(JsonNode v) {
    return v == null || v.isNull() || v.isMissingNode();
  }

  private static void add(TreeMap<String, List<String>> fields, String key, String canonical) {
    List<String> values = fields.computeIfAbsent(key, k -> new ArrayList<>(1));
    if (!values.contains(canonical)) {
      values.add(canonical);
      values.sort(null);
    }
  }

  /** Canonical text of a JSON value (see the class comment). */
  static String canonical(JsonNode v) {
    if (v.isObject()) {
      TreeMap<String, List<String>> fields = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        if (absent(f.getValue())) {
          continue;
        }
        String c = canonical(f.getValue());
        if (!c.equals("{}")) {
          add(fields, snakeKey(f.getKey()), c);
        }
      }
      StringBuilder b = new StringBuilder();
      object(fields, b);
      return b.toString();
    }
    if (v.isArray()) {
      StringBuilder b = new StringBuilder("[");
      for (int i = 0; i < v.size(); i++) {
        b.append(i == 0 ? "" : ",").append(absent(v.get(i)) ? "null" : canonical(v.get(i)));
      }
      return b.append(']').toString();
    }
    return quote(v.asText());
  }

  /**
   * Writes sorted fields; a key that two keys of the record map to (both {@code foo_bar} and {@code
   * fooBar}, with different values) keeps every value, marked so it cannot look like one.
   */
  private static void object(TreeMap<String, List<String>> fields, StringBuilder b) {
    b.append('{');
    boolean first = true;
    for (Map.Entry<String, List<String>> f : fields.entrySet()) {
      b.append(first ? "" : ",").append(quote(f.getKey())).append(':');
      List<String> values = f.getValue();
      if (values.size() == 1) {
        b.append(values.get(0));
      } else {
        b.append("![").append(String.join(",", values)).append(']');
      }
      first = false;
    }
    b.append('}');
  }

  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
