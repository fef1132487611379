package io.encordanalytics.io;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;

/**
 * The session catalog's names for the warehouse's tables: {@code <database>.<table>}, an external
 * Delta table at the table's location (see {@link TableLocations}), so that tables resolve by name
 * from any new session pointed at the same warehouse, with no external metastore.
 */
public final class CatalogRegistry {
  /** Where each table name was registered in this JVM's session catalog. */
  private static final Map<String, String> REGISTERED = new ConcurrentHashMap<>();

  private final SparkSession spark;
  private final TableLocations locations;
  private final TableVersions versions;

  CatalogRegistry(SparkSession spark, TableLocations locations, TableVersions versions) {
    this.spark = spark;
    this.locations = locations;
    this.versions = versions;
  }

  /**
   * Whether the session's catalog outlives the job (a Hive metastore, Databricks): only then is
   * registering tables from the job worth its cost (each registration reads the table's log). With
   * Spark's in-memory catalog, readers (sql.sh, the notebooks) register the tables themselves.
   */
  public boolean persistent() {
    return !"in-memory".equals(spark.conf().get("spark.sql.catalogImplementation", "in-memory"));
  }

  /** Registers the table when the catalog outlives the job (see {@link #persistent}). */
  void registerIfPersistent(TableId t) {
    if (persistent()) {
      register(t);
    }
  }

  /** Registers every Delta table of every configured database. */
  public void registerAll() {
    registerExisting(locations.databases());
  }

  /** Registers every Delta table found in the warehouse whose database is in {@code databases}. */
  public void registerExisting(Collection<String> databases) {
    for (String db : databases) {
      ensureDatabase(db);
      for (TableId t : versions.existing(List.of(db))) {
        register(t);
      }
    }
  }

  /**
   * Registers only the tables a SQL statement names ({@code db.table}), or every table of a
   * database it names alone (e.g. {@code SHOW TABLES IN db}); all tables when it names none.
   * Registration reads each table's Delta log, so naming fewer tables starts faster.
   */
  public void registerReferenced(String sql) {
    Named named = named(sql, locations.databases());
    if (named.databases().isEmpty()) {
      registerAll();
      return;
    }
    for (String db : named.databases()) {
      ensureDatabase(db);
      List<TableId> tables = named.tables().stream().filter(t -> t.database().equals(db)).toList();
      if (tables.isEmpty()) {
        registerExisting(List.of(db));
      }
      for (TableId t : tables) {
        if (versions.exists(t)) {
          register(t);
        }
      }
    }
  }

  /** The configured databases a statement names, and the tables it names in them. */
  record Named(List<String> databases, List<TableId> tables) {}

  /**
   * What a statement names, found in its text, in any case: a database by its name as a word, a
   * table as {@code db.table} (the table maybe in backticks). A match on the text, not Spark's
   * parser, whose plans (tables in subqueries and CTEs) are internal API: a name in a comment or a
   * string literal registers a table more, which is harmless.
   */
  static Named named(String sql, List<String> databases) {
    String lower = sql.toLowerCase(Locale.ROOT);
    List<String> dbs = new ArrayList<>();
    Set<TableId> tables = new LinkedHashSet<>();
    for (String db : databases) {
      String d = Pattern.quote(db.toLowerCase(Locale.ROOT));
      if (!Pattern.compile("\\b" + d + "\\b").matcher(lower).find()) {
        continue;
      }
      dbs.add(db);
      Matcher m = Pattern.compile("\\b" + d + "\\s*\\.\\s*`?(\\w+)").matcher(lower);
      while (m.find()) {
        tables.add(new TableId(db, m.group(1)));
      }
    }
    return new Named(dbs, List.copyOf(tables));
  }

  /** Registers {@code <database>.<table>} for this warehouse (re-pointing it if needed). */
  public void register(TableId t) {
    String location = locations.path(t).toString();
    // The external catalog answers without loading the table (the old location may be gone).
    boolean exists =
        spark.catalog().databaseExists(t.database())
            && spark.sharedState().externalCatalog().tableExists(t.database(), t.table());
    if (exists && location.equals(REGISTERED.get(t.toString()))) {
      return;
    }
    ensureDatabase(t.database());
    if (exists) {
      // Straight to the catalog: a Delta DROP would first try to load the old location.
      spark.sharedState().externalCatalog().dropTable(t.database(), t.table(), true, false);
      spark.sessionState().catalog().invalidateAllCachedTables();
    }
    spark.sql(
        "CREATE TABLE IF NOT EXISTS "
            + t
            + " USING delta LOCATION "
            + TableLocations.sqlString(location));
    REGISTERED.put(t.toString(), location);
  }

  /** Removes the table's name from the catalog (its files stay where they are). */
  void unregister(TableId t) {
    spark.sql("DROP TABLE IF EXISTS " + t);
  }

  private void ensureDatabase(String db) {
    if (!spark.catalog().databaseExists(db)) {
      spark.sql(
          "CREATE DATABASE IF NOT EXISTS "
              + db
              + " LOCATION "
              + TableLocations.sqlString(locations.database(db).toString()));
    }
  }
}
