package io.encordanalytics.ingest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * A key-name conversion remembered per key: the reader converts the same few dozen key names
 * (snake_case to camelCase and back) for every record, and building each name again was a sixth of
 * the parse's CPU. The memo lives as long as the JVM (an executor), so it is bounded in both ways:
 * at most {@link #MAX_KEYS} names of at most {@link #MAX_KEY_CHARS} characters; other keys are
 * converted without being kept. The result is always the conversion's.
 */
final class KeyMemo {
  /** More distinct keys than any export has; past it, names are converted without being kept. */
  static final int MAX_KEYS = 4096;

  /** Longer than any real key name; longer keys (hostile or corrupt input) are never kept. */
  static final int MAX_KEY_CHARS = 128;

  private final Map<String, String> names = new ConcurrentHashMap<>();
  private final UnaryOperator<String> convert;

  KeyMemo(UnaryOperator<String> convert) {
    this.convert = convert;
  }

  String apply(String key) {
    String name = names.get(key);
    if (name != null) {
      return name;
    }
    name = convert.apply(key);
    if (key.length() <= MAX_KEY_CHARS && names.size() < MAX_KEYS) {
      names.put(key, name);
    }
    return name;
  }
}
