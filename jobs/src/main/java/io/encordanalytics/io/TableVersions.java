package io.encordanalytics.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * The committed Delta version of each table, read from the names of its commit files ({@code
 * _delta_log/<20-digit version>.json}).
 *
 * <p>Deliberately not {@code DeltaTable.forPath(...).history(1)}, which loads the table's snapshot
 * first: on the samples' warehouse (2 cores), listing one table's log took under 1 ms and {@code
 * history(1)} 90 to 430 ms, and a run looks versions up 71 times on a night with nothing new (its
 * lease records the 23 tables' versions twice, the audit row once more, the file ledger's copy
 * checks its own) and 108 times on the samples' first night (every write asks whether its table
 * exists). That would be seconds per run, on no-op nights that take 0.2 s in all. Only the version
 * number is read here; everything that reads or changes a table's content goes through Delta.
 */
public final class TableVersions {
  private static final Pattern COMMIT = Pattern.compile("\\d{20}\\.json");

  private final TableLocations locations;

  TableVersions(TableLocations locations) {
    this.locations = locations;
  }

  /** The latest committed Delta version of the table, or -1 when it does not exist. */
  public long version(TableId t) {
    long max = -1;
    try {
      for (FileStatus st : locations.fs().listStatus(log(t))) {
        String n = st.getPath().getName();
        if (COMMIT.matcher(n).matches()) {
          max = Math.max(max, Long.parseLong(n.substring(0, 20)));
        }
      }
    } catch (FileNotFoundException e) {
      return -1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return max;
  }

  /**
   * Whether the table has at least one commit. A run killed while creating a table can leave a
   * {@code _delta_log} directory without any commit: that is no table (and is removed by the next
   * run's recovery).
   */
  public boolean exists(TableId t) {
    return version(t) >= 0;
  }

  /** Versions of the given tables, in a stable order (-1 for tables that do not exist). */
  public Map<String, Long> of(Collection<TableId> tables) {
    Map<String, Long> out = new TreeMap<>();
    for (TableId t : tables) {
      out.put(t.toString(), version(t));
    }
    return out;
  }

  /** Every Delta table of the given databases, in the order their folders list. */
  public List<TableId> existing(Collection<String> databases) {
    List<TableId> out = new ArrayList<>();
    for (String db : databases) {
      for (TableId t : locations.directories(db)) {
        if (exists(t)) {
          out.add(t);
        }
      }
    }
    return out;
  }

  /** Every Delta table of the warehouse. */
  public List<TableId> existing() {
    return existing(locations.databases());
  }

  /**
   * When commit {@code version} of the table was written (its commit file's modification time), or
   * empty when that commit cannot be found.
   */
  public OptionalLong commitTime(TableId t, long version) {
    Path commit = new Path(log(t), String.format(Locale.ROOT, "%020d.json", version));
    try {
      return OptionalLong.of(locations.fs().getFileStatus(commit).getModificationTime());
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  private Path log(TableId t) {
    return new Path(locations.path(t), "_delta_log");
  }
}
