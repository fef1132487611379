package io.encordanalytics.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.encordanalytics.ingest.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collection;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A copy of the file ledger ({@code encord_ops.ingested_files}) as of one Delta version, kept next
 * to the run marker so that a night can tell which files are new without starting a Spark query.
 *
 * <p>The copy is only ever used for the exact table commit it was written for: any later commit to
 * the ledger (a run, a restore, a compaction) changes the version, and the next run reads the table
 * itself and writes a new copy. A missing, stale or unreadable copy therefore costs one Delta read,
 * never a wrong answer. Entries are {@code path|size|modification_time_ms}.
 */
public final class LedgerCache {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerCache.class);

  private final FileSystem fs;
  private final Path file;

  public LedgerCache(Warehouse wh) {
    FileSystem whFs = wh.locations().fs();
    this.fs = whFs instanceof LocalFileSystem local ? local.getRawFileSystem() : whFs;
    this.file = new Path(new Path(wh.locations().root(), RunGuard.DIR), "ingested_files.json.gz");
  }

  /**
   * The stamp of a table's latest commit: its version and the modification time of its commit file,
   * so that a table deleted and created again is not taken for the old one at the same version;
   * null when the table has no commit.
   */
  public static String stamp(Warehouse wh, TableId t) {
    long version = wh.version(t);
    if (version < 0) {
      return null;
    }
    OptionalLong at = wh.versions().commitTime(t, version);
    return at.isPresent() ? version + "@" + at.getAsLong() : null;
  }

  /** The entries as of the commit {@code stamp}, or null when no copy of that commit exists. */
  public Set<String> read(String stamp) {
    long t0 = System.nanoTime();
    try {
      if (!fs.exists(file)) {
        return null;
      }
      JsonNode root;
      try (InputStream in = new GZIPInputStream(fs.open(file))) {
        root = Json.MAPPER.readTree(in);
      }
      if (stamp == null || root == null || !stamp.equals(root.path("table_commit").asText())) {
        return null;
      }
      Set<String> out = new HashSet<>();
      for (JsonNode e : root.path("entries")) {
        out.add(e.asText());
      }
      LOG.info(
          "Ledger copy: {} ingested files in {} ms",
          out.size(),
          (System.nanoTime() - t0) / 1_000_000);
      return out;
    } catch (IOException | RuntimeException e) {
      LOG.warn("Ignoring unreadable ledger copy {}: {}", file, e.toString());
      return null;
    }
  }

  /** Replaces the copy with {@code entries} as of the commit {@code stamp}; failures only warn. */
  public void write(String stamp, Collection<String> entries) {
    if (stamp == null) {
      return;
    }
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("table_commit", stamp);
    ArrayNode arr = root.putArray("entries");
    entries.stream().sorted().forEach(arr::add);
    Path tmp = new Path(file.getParent(), "." + file.getName() + ".tmp");
    try {
      fs.mkdirs(file.getParent());
      try (OutputStream out = new GZIPOutputStream(fs.create(tmp, true))) {
        Json.MAPPER.writeValue(out, root);
      }
      fs.delete(file, false);
      if (!fs.rename(tmp, file)) {
        throw new IOException("could not rename " + tmp + " to " + file);
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not write the ledger copy {}: {}", file, e.toString());
    }
  }

  /** The entry of one file: {@code path|size|modification_time_ms}. */
  public static String entry(String path, long size, long modificationTimeMs) {
    return path + "|" + size + "|" + modificationTimeMs;
  }
}
