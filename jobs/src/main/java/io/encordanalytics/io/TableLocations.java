package io.encordanalytics.io;

import io.encordanalytics.config.Settings;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Where the warehouse and each of its tables live: table {@code <database>.<table>} at {@code
 * <warehouse>/<database>.db/<table>}, for the four configured databases.
 */
public final class TableLocations {
  private final Settings settings;
  private final FileSystem fs;
  private final Path root;

  TableLocations(SparkSession spark, Settings settings) {
    this.settings = settings;
    try {
      Path p = new Path(settings.warehouse);
      this.fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      this.root = fs.makeQualified(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The warehouse's file system. */
  public FileSystem fs() {
    return fs;
  }

  /** The warehouse root, qualified ({@code file:/...}, {@code s3a://...}). */
  public Path root() {
    return root;
  }

  /** All configured databases. */
  public List<String> databases() {
    return List.of(settings.bronzeDb, settings.silverDb, settings.goldDb, settings.opsDb);
  }

  /** {@code <warehouse>/<database>.db}. */
  public Path database(String db) {
    return new Path(root, db + ".db");
  }

  /** {@code <warehouse>/<database>.db/<table>}. */
  public Path path(TableId t) {
    return new Path(database(t.database()), t.table());
  }

  /**
   * Every directory of a database's folder, as a table of that database: a Delta table or not (see
   * {@link TableVersions#exists}); none when the folder does not exist.
   */
  public List<TableId> directories(String db) {
    List<TableId> out = new ArrayList<>();
    try {
      for (FileStatus st : fs.listStatus(database(db))) {
        if (st.isDirectory()) {
          out.add(new TableId(db, st.getPath().getName()));
        }
      }
    } catch (FileNotFoundException e) {
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** {@code delta.`<path>`}: the table in SQL, whether or not the session catalog knows it. */
  public String sqlIdentifier(TableId t) {
    return "delta.`" + path(t).toString().replace("`", "``") + "`";
  }

  /** A SQL string literal: the text quoted, its backslashes and quotes escaped. */
  static String sqlString(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
