package io.encordanalytics.silver;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.encordanalytics.ingest.DerivedIds;
import io.encordanalytics.io.TableId;
import io.encordanalytics.io.Tables;
import io.encordanalytics.io.Warehouse;
import io.encordanalytics.spark.EventDates;
import io.encordanalytics.spark.Sessions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who an event without a user hash belongs to. Encord's documentation prints label logs with {@code
 * user_hash=None} and the e-mail set; such an event belongs to the user that e-mail stands for:
 *
 * <ul>
 *   <li>the user hash the address (trimmed, in any case) has on the events in silver that carry
 *       one, when that is exactly one hash: the person is not split into two users;
 *   <li>otherwise {@code email:<address in lower case>} (no event with a hash names the address, or
 *       two hashes do: it is merged into neither of them).
 * </ul>
 *
 * The rule reads all of silver, so it can change when a later night brings the address's first
 * hash: the stored e-mail-only events of that address are then re-attributed (a MERGE of their
 * {@code user_id}, stamped with the run's id, in silver events and every per-action table), and the
 * gold step, which rebuilds what the run's rows touch, rebuilds their dates. Night by night thus
 * gives the users of one run over all files. Silver marks these events {@code user_id_from_email}.
 */
public final class EmailUsers {
  private static final Logger LOG = LoggerFactory.getLogger(EmailUsers.class);

  private EmailUsers() {}

  /** Silver events of one e-mail address re-attributed from one user id to another. */
  public record Move(String email, String from, String to) {}

  /**
   * The user ids of a run: {@code resolved} maps the provisional {@code email:<address>} of the
   * run's e-mail-only events to their user where that differs; {@code moves} are the stored events
   * whose user changes.
   */
  public record Mapping(Map<String, String> resolved, List<Move> moves) {}

  /**
   * The mapping from the distinct {@code (user_email, user_id, user_id_from_email)} rows of the
   * run's new events and of the stored events (null for none).
   */
  public static Mapping mapping(List<Row> run, List<Row> stored) {
    Map<String, Set<String>> hashes = new HashMap<>();
    for (List<Row> rows : Arrays.asList(run, stored)) {
      for (Row r : rows == null ? List.<Row>of() : rows) {
        String key = DerivedIds.emailKey(r.getString(0));
        String user = r.getString(1);
        if (key != null && !fromEmail(r) && user != null && !user.isBlank()) {
          hashes.computeIfAbsent(key, k -> new TreeSet<>()).add(user);
        }
      }
    }
    Map<String, String> resolved = new TreeMap<>();
    for (Row r : run) {
      String email = r.getString(0);
      if (fromEmail(r) && DerivedIds.emailKey(email) != null) {
        String user = user(hashes, email);
        if (!user.equals(r.getString(1))) {
          resolved.put(r.getString(1), user);
        }
      }
    }
    List<Move> moves = new ArrayList<>();
    for (Row r : stored == null ? List.<Row>of() : stored) {
      String email = r.getString(0);
      if (fromEmail(r) && DerivedIds.emailKey(email) != null) {
        String user = user(hashes, email);
        if (!user.equals(r.getString(1))) {
          moves.add(new Move(email, r.getString(1), user));
        }
      }
    }
    return new Mapping(resolved, moves);
  }

  private static boolean fromEmail(Row r) {
    return !r.isNullAt(2) && r.getBoolean(2);
  }

  /** The address's only hash, else the id derived from the address. */
  private static String user(Map<String, Set<String>> hashes, String email) {
    Set<String> h = hashes.get(DerivedIds.emailKey(email));
    return h != null && h.size() == 1 ? h.iterator().next() : DerivedIds.userFromEmail(email);
  }

  /** The distinct (user_email, user_id, user_id_from_email) of events that have an e-mail. */
  static List<Row> users(Dataset<Row> events) {
    Column fromEmail =
        Arrays.asList(events.columns()).contains("user_id_from_email")
            ? coalesce(col("user_id_from_email"), lit(false))
            : lit(false); // silver written before e-mail users existed
    return events
        .filter(col("user_email").isNotNull())
        .select(col("user_email"), col("user_id"), fromEmail.as("user_id_from_email"))
        .distinct()
        .collectAsList();
  }

  /** The events with the user ids of {@code resolved}, columns unchanged. */
  public static Dataset<Row> resolve(Dataset<Row> events, Map<String, String> resolved) {
    if (resolved.isEmpty()) {
      return events;
    }
    List<Row> rows = new ArrayList<>();
    resolved.forEach((from, to) -> rows.add(RowFactory.create(from, to)));
    Dataset<Row> map =
        events
            .sparkSession()
            .createDataFrame(
                rows, new StructType().add("email_user", "string").add("resolved_user", "string"));
    List<Column> cols = new ArrayList<>();
    for (String c : events.columns()) {
      cols.add(c.equals("user_id") ? coalesce(col("resolved_user"), col(c)).as(c) : col(c));
    }
    return events
        .join(
            broadcast(map),
            col("user_id_from_email").and(col("user_id").equalTo(col("email_user"))),
            "left")
        .select(cols.toArray(Column[]::new));
  }

  /**
   * A night's new events with their users resolved ({@code rows}), and the dates of the stored
   * events re-attributed to another user ({@code movedDates}; they now carry the run's id).
   */
  public record Attributed(Dataset<Row> rows, Set<LocalDate> movedDates) {}

  /**
   * Resolves the user ids of a night's new events (cached; the result is a projection of them) and
   * re-attributes the stored e-mail-only events whose user changes with them. Call it before the
   * night's rows are written: its commits must not race the appends to the same tables.
   */
  public static Attributed attribute(
      Warehouse wh, Tables tables, Dataset<Row> newEvents, String runId, boolean firstLoad) {
    List<Row> stored = firstLoad ? null : users(wh.read(tables.events));
    Mapping m = mapping(users(newEvents), stored);
    Set<LocalDate> moved = m.moves().isEmpty() ? Set.of() : move(wh, tables, m.moves(), runId);
    return new Attributed(resolve(newEvents, m.resolved()), moved);
  }

  /** The user ids of events rebuilt from bronze: all of silver at once, nothing stored. */
  public static Dataset<Row> attribute(Dataset<Row> events) {
    return resolve(events, mapping(users(events), null).resolved());
  }

  private static Set<LocalDate> move(Warehouse wh, Tables tables, List<Move> moves, String runId) {
    List<Row> rows = new ArrayList<>();
    for (Move mv : moves) {
      rows.add(RowFactory.create(mv.email(), mv.from(), mv.to()));
    }
    Dataset<Row> moved =
        wh.spark()
            .createDataFrame(
                rows,
                new StructType()
                    .add("move_email", "string")
                    .add("move_from", "string")
                    .add("move_to", "string"));
    // Stamped with this run's id, they are new to the gold step, which rebuilds their dates.
    // Materialized (not cached): the changes are read from silver events, which the updates
    // below commit to, and a cached query over a table is computed again after each commit.
    try (Sessions.Materialized<Row> materialized =
        Sessions.materialize(
            wh.read(tables.events)
                .filter(col("user_id_from_email"))
                .join(
                    broadcast(moved),
                    col("user_email")
                        .equalTo(col("move_email"))
                        .and(col("user_id").equalTo(col("move_from"))))
                .select(
                    col("event_id"),
                    col("event_date"),
                    col("move_to").as("user_id"),
                    lit(runId).as("run_id")))) {
      Dataset<Row> changes = materialized.rows();
      Set<LocalDate> dates = EventDates.dates(changes);
      LOG.info(
          "Re-attributing the e-mail-only events of {} address(es) on {} date(s)",
          moves.size(),
          dates.size());
      // Silver events last, so that a failure half-way leaves the source of the moves as it was.
      List<TableId> order = new ArrayList<>(tables.eventTables());
      order.remove(tables.events);
      order.add(tables.events);
      Column onDates = EventDates.inDates(dates);
      Dataset<Row> ids = changes.select("event_id");
      for (TableId t : order) {
        // A per-action table holds only some actions: no commit to those without moved events.
        boolean holds =
            t.equals(tables.events)
                || wh.exists(t)
                    && !wh.read(t)
                        .filter(onDates)
                        .join(broadcast(ids), new String[] {"event_id"}, "left_semi")
                        .isEmpty();
        if (holds) {
          wh.updateEvents(changes, t, dates, List.of("user_id", "run_id"), runId);
        }
      }
      return dates;
    }
  }
}
