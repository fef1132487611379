package io.encordanalytics.ingest;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces e-mail addresses by a keyed hash: {@code pseudo-} followed by the first 32 hex digits of
 * HMAC-SHA256(key, address in lower case). The same address always gives the same pseudonym under
 * one key, so joins and per-user metrics are unchanged; without the key, the address cannot be
 * recovered or confirmed by hashing guesses.
 *
 * <p>Applied to each record's text as it is read, before anything is stored: bronze, quarantine,
 * silver and therefore gold only ever hold pseudonyms. Pseudonyms contain no {@code @}, so applying
 * it again (a silver rebuild from bronze) changes nothing.
 */
public final class EmailPseudonymizer implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What an address looks like inside any text, JSON included ({@code @} possibly escaped). */
  static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+\\-]+(?:@|\\\\u0040)[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)+");

  private static final String ESCAPED_AT = "\\u0040";

  public static final String PREFIX = "pseudo-";

  private final byte[] key;

  /** Mac instances are not thread-safe; a reader may be shared by the threads of an executor. */
  private transient volatile ThreadLocal<Mac> macs;

  public EmailPseudonymizer(String key) {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("the pseudonymization key must not be empty");
    }
    this.key = key.getBytes(StandardCharsets.UTF_8);
  }

  /** The pseudonym of one address (any value containing {@code @}); other values unchanged. */
  public String pseudonym(String value) {
    if (value == null || value.indexOf('@') < 0 && !value.contains(ESCAPED_AT)) {
      return value;
    }
    String address = value.strip().replace(ESCAPED_AT, "@").toLowerCase(Locale.ROOT);
    byte[] digest = mac().doFinal(address.getBytes(StandardCharsets.UTF_8));
    return PREFIX + HexFormat.of().formatHex(digest, 0, 16);
  }

  /** The text with every address in it replaced by its pseudonym. */
  public String scrub(String text) {
    if (text == null || text.indexOf('@') < 0 && !text.contains(ESCAPED_AT)) {
      return text;
    }
    Matcher m = EMAIL.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    do {
      m.appendReplacement(out, Matcher.quoteReplacement(pseudonym(m.group())));
    } while (m.find());
    m.appendTail(out);
    return out.toString();
  }

  private Mac mac() {
    if (macs == null) {
      synchronized (this) {
        if (macs == null) {
          macs = ThreadLocal.withInitial(this::newMac);
        }
      }
    }
    return macs.get();
  }

  private Mac newMac() {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      return m;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
