package io.encordanalytics.generator;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;

/** JSON output: the compact and the pretty writer (LF line ends, two spaces), ordered maps. */
final class Json {
  private Json() {}

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final ObjectWriter COMPACT = MAPPER.writer();
  static final ObjectWriter PRETTY;

  static {
    DefaultPrettyPrinter pp =
        new DefaultPrettyPrinter(
            Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
    DefaultIndenter lf = new DefaultIndenter("  ", "\n");
    pp.indentObjectsWith(lf);
    pp.indentArraysWith(lf);
    PRETTY = MAPPER.writer(pp);
  }

  static byte[] json(ObjectWriter w, Object value) {
    try {
      return w.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String jsonText(ObjectWriter w, Object value) {
    return new String(json(w, value), StandardCharsets.UTF_8);
  }

  /** An ordered map of the given keys and values. */
  @SuppressWarnings("unchecked")
  static LinkedHashMap<String, Object> ei(Object... kv) {
    LinkedHashMap<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
