package io.encordanalytics.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.encordanalytics.ingest.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a nightly run all-or-nothing across the many Delta commits it makes.
 *
 * <p>Before writing, a run records in {@code <warehouse>/_encord_runs/in_progress.json} the Delta
 * version of every table it may change. The marker is removed only after the run's audit row is
 * written. A run that finds a marker from a run that is no longer alive (killed, crashed, machine
 * lost) restores every table to the recorded versions before starting, so the interrupted work is
 * redone exactly once; a run that fails with an exception does the same before it exits. A marker
 * whose owner process is still running on this host means a concurrent run: the new run stops at
 * once with a clear message.
 */
public final class RunGuard {
  private static final Logger LOG = LoggerFactory.getLogger(RunGuard.class);

  private final Warehouse warehouse;
  private final Path marker;
  private final List<TableId> tables;
  private final FileSystem fs;

  public RunGuard(Warehouse warehouse, List<TableId> tables) {
    this.warehouse = warehouse;
    // No .crc side files for the marker: it is small, rewritten often, and read by people.
    this.fs =
        warehouse.fs() instanceof LocalFileSystem local ? local.getRawFileSystem() : warehouse.fs();
    this.marker = new Path(new Path(warehouse.root(), "_encord_runs"), "in_progress.json");
    this.tables = tables;
  }

  /** What recovery found: the id of an interrupted run whose work was undone, if any. */
  public record Recovery(String abortedRunId, String abortedStartedAt) {}

  /**
   * Recovers from an interrupted earlier run (if any) and takes the marker for {@code runId}.
   *
   * @param completed tells whether a run id already has its audit row (then it finished, and only
   *     its marker was left behind)
   */
  public Recovery begin(String runId, String startedAt, Predicate<String> completed) {
    Recovery recovery = new Recovery(null, null);
    JsonNode previous = readMarker();
    if (previous != null) {
      String prevRun = previous.path("run_id").asText();
      long pid = previous.path("pid").asLong(-1);
      String host = previous.path("host").asText("");
      if (host.equals(hostName())
          && pid > 0
          && pid != ProcessHandle.current().pid()
          && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        throw new IllegalStateException(
            "another nightly run ("
                + prevRun
                + ", pid "
                + pid
                + ") is in progress on this warehouse: "
                + warehouse.root()
                + ". Wait for it to finish; if it is gone, delete "
                + marker);
      }
      if (completed.test(prevRun)) {
        LOG.info("Run {} had finished; removing its leftover marker", prevRun);
      } else {
        LOG.warn("Run {} did not finish; restoring every table to its state before it", prevRun);
        previous
            .path("versions")
            .fields()
            .forEachRemaining(
                e -> {
                  TableId t = parse(e.getKey());
                  if (t != null) {
                    warehouse.restore(t, e.getValue().asLong());
                  }
                });
        recovery = new Recovery(prevRun, previous.path("started_at").asText(null));
      }
      end();
    }
    writeMarker(runId, startedAt);
    return recovery;
  }

  /** Undoes this run's writes (after a failure). */
  public void rollback() {
    JsonNode mine = readMarker();
    if (mine == null) {
      return;
    }
    mine.path("versions")
        .fields()
        .forEachRemaining(
            e -> {
              TableId t = parse(e.getKey());
              if (t != null) {
                try {
                  warehouse.restore(t, e.getValue().asLong());
                } catch (RuntimeException ex) {
                  LOG.error("Could not restore {}; the next run will retry", t, ex);
                  throw ex;
                }
              }
            });
  }

  /** Removes the marker: the run is complete (or fully rolled back). */
  public void end() {
    try {
      fs.delete(marker, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private TableId parse(String name) {
    for (TableId t : tables) {
      if (t.toString().equals(name)) {
        return t;
      }
    }
    int dot = name.indexOf('.');
    return dot > 0 ? new TableId(name.substring(0, dot), name.substring(dot + 1)) : null;
  }

  private JsonNode readMarker() {
    try {
      if (!fs.exists(marker)) {
        return null;
      }
      try (InputStream in = fs.open(marker)) {
        return Json.MAPPER.readTree(in);
      }
    } catch (IOException e) {
      LOG.warn("Unreadable run marker {}; treating it as an interrupted run with no state", marker);
      return Json.MAPPER.createObjectNode();
    }
  }

  private void writeMarker(String runId, String startedAt) {
    ObjectNode m = Json.MAPPER.createObjectNode();
    m.put("run_id", runId);
    m.put("started_at", startedAt);
    m.put("pid", ProcessHandle.current().pid());
    m.put("host", hostName());
    Map<String, Long> versions = new LinkedHashMap<>(warehouse.versions(tables));
    ObjectNode v = m.putObject("versions");
    versions.forEach(v::put);
    byte[] content = m.toPrettyString().getBytes(StandardCharsets.UTF_8);
    try {
      fs.mkdirs(marker.getParent());
      // Created exclusively: of two runs started at the same moment, exactly one gets the marker.
      if ("file".equals(fs.getUri().getScheme())) {
        java.nio.file.Files.write(
            java.nio.file.Paths.get(marker.toUri()),
            content,
            java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE);
      } else {
        try (OutputStream out = fs.create(marker, false)) {
          out.write(content);
        }
      }
    } catch (java.nio.file.FileAlreadyExistsException
        | org.apache.hadoop.fs.FileAlreadyExistsException e) {
      throw new IllegalStateException(
          "another nightly run started on this warehouse at the same moment: " + warehouse.root());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
