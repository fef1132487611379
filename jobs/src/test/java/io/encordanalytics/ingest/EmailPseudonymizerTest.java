package io.encordanalytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmailPseudonymizerTest {
  private final EmailPseudonymizer p = new EmailPseudonymizer("secret-key");

  @Test
  void pseudonymIsKeyedHmacOfTheLowerCasedAddress() {
    // HMAC-SHA256("secret-key", "ann@example.com"), first 16 bytes, computed independently with
    // openssl: printf %s ann@example.com | openssl dgst -sha256 -hmac secret-key
    assertThat(p.pseudonym("ann@example.com"))
        .isEqualTo("pseudo-a1984fcb0d42d4897838ab0bfcf54037")
        .isEqualTo(p.pseudonym(" Ann@Example.COM "));
    assertThat(new EmailPseudonymizer("other-key").pseudonym("ann@example.com"))
        .as("another key gives another pseudonym")
        .isNotEqualTo(p.pseudonym("ann@example.com"));
  }

  @Test
  void valuesWithoutAnAtSignAreKept() {
    assertThat(p.pseudonym(null)).isNull();
    assertThat(p.pseudonym("u1-hash")).isEqualTo("u1-hash");
    assertThat(p.scrub("{\"user_hash\":\"u1\"}")).isEqualTo("{\"user_hash\":\"u1\"}");
  }

  @Test
  void scrubReplacesEveryAddressInsideJsonText() {
    String raw =
        "{\"user_email\":\"ann@example.com\",\"event_information\":{\"annotators\":"
            + "[{\"email\":\"bob.smith+qa@sub.example.org\",\"hash\":\"h2\"}]},\"n\":\"a @ b\"}";
    String scrubbed = p.scrub(raw);
    assertThat(scrubbed)
        .doesNotContain("example")
        .contains("\"user_email\":\"" + p.pseudonym("ann@example.com") + "\"")
        .contains("\"email\":\"" + p.pseudonym("bob.smith+qa@sub.example.org") + "\"")
        .contains("\"n\":\"a @ b\"")
        .contains("\"hash\":\"h2\"");
    assertThat(p.scrub(scrubbed))
        .as("idempotent: a silver rebuild changes nothing")
        .isEqualTo(scrubbed);
  }

  @Test
  void emptyKeyIsRefused() {
    assertThatThrownBy(() -> new EmailPseudonymizer(" "))
        .hasMessageContaining("key must not be empty");
  }
}
