package io.encordanalytics.silver;

import static org.assertj.core.api.Assertions.assertThat;

import io.encordanalytics.silver.EmailUsers.Mapping;
import io.encordanalytics.silver.EmailUsers.Move;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** The user of an event without a user hash, from the (e-mail, user) pairs of silver. */
class EmailUsersTest {

  /** A distinct (user_email, user_id, user_id_from_email) of silver events. */
  private static Row hashed(String email, String hash) {
    return RowFactory.create(email, hash, false);
  }

  private static Row emailOnly(String email, String userId) {
    return RowFactory.create(email, userId, true);
  }

  @Test
  void emailOnlyEventsBelongToTheHashTheirAddressHasInAnyCase() {
    Mapping m =
        EmailUsers.mapping(
            List.of(emailOnly("Ann@X.com", "email:ann@x.com"), hashed("ann@x.com ", "u1")), null);

    assertThat(m.resolved()).containsExactly(Map.entry("email:ann@x.com", "u1"));
    assertThat(m.moves()).isEmpty();
  }

  @Test
  void anAddressWithoutHashStaysItsOwnUserAndOneWithTwoHashesIsMergedIntoNeither() {
    Mapping m =
        EmailUsers.mapping(
            List.of(
                emailOnly("yuki@y.com", "email:yuki@y.com"),
                emailOnly("shared@x.com", "email:shared@x.com"),
                hashed("shared@x.com", "u1")),
            List.of(hashed("shared@x.com", "u2")));

    assertThat(m.resolved()).as("nothing to change").isEmpty();
  }

  @Test
  void storedEmailOnlyEventsMoveWhenTheirAddressGetsItsFirstHash() {
    Mapping m =
        EmailUsers.mapping(
            List.of(hashed("ann@x.com", "u1"), hashed(null, "u7")),
            List.of(
                emailOnly("Ann@X.com", "email:ann@x.com"),
                emailOnly("bob@x.com", "email:bob@x.com"),
                hashed("carl@x.com", "u3")));

    assertThat(m.moves())
        .as("only Ann's; Bob's address still has no hash")
        .containsExactly(new Move("Ann@X.com", "email:ann@x.com", "u1"));
  }

  @Test
  void storedEventsResolvedToAHashMoveBackWhenASecondHashMakesTheAddressAmbiguous() {
    Mapping m =
        EmailUsers.mapping(
            List.of(hashed("ann@x.com", "u2")),
            List.of(hashed("ann@x.com", "u1"), emailOnly("ann@x.com", "u1")));

    assertThat(m.moves()).containsExactly(new Move("ann@x.com", "u1", "email:ann@x.com"));
  }
}
