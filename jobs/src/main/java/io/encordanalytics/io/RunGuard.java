package io.encordanalytics.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.encordanalytics.config.Settings;
import io.encordanalytics.ingest.Json;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.VersionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job at a time per warehouse, across hosts, and all-or-nothing runs.
 *
 * <p><b>The lease.</b> A job that writes the warehouse first takes a lease: it creates {@code
 * <warehouse>/_encord_runs/lease-<generation>.json} exclusively (create-if-absent, so of two runs
 * only one gets a generation) with its run id, job, host, pid and the Delta version of every table
 * it may change. While it works, a daemon thread renews the lease every {@code
 * encord.run-guard.renew-every} by rewriting {@code lease-<generation>.heartbeat}, whose
 * modification time (the storage's clock, not the host's) is the renewal time. The lease files are
 * removed when the run is complete.
 *
 * <p><b>A run that finds a lease</b> judges its holder: alive if it is a process of this host that
 * still runs, or if the lease was renewed less than {@code encord.run-guard.lease} ago (another
 * host cannot see the process, only the heartbeat). A live holder makes the new run wait up to
 * {@code encord.run-guard.wait}, then stop with a message naming the holder. A dead holder (its
 * process gone from this host, or its lease expired) is taken over: the new run creates the next
 * generation exclusively, restores every table to the versions before the holder's work, records
 * the holder as aborted, and does its own work. A holder that had already written its audit row (it
 * died while removing its lease) is not rolled back.
 *
 * <p><b>A holder that loses its lease stops</b>: before every write (see {@link Warehouse#fence})
 * and every renewal it checks that its lease is still the newest generation and still its own, and
 * that it renewed it less than half a lease ago; otherwise it cancels its Spark jobs and throws
 * {@link LeaseLostException} without writing, restoring or auditing anything: the run that took
 * over (or the next run) rolls its work back. The gap between the holder's half lease and another
 * run's whole lease is the margin for a pause of the holder's driver between its last check and a
 * commit.
 *
 * <p><b>What the storage must give</b>: an atomic create-if-absent ({@link #storageProblem}); on
 * one without it the jobs stop at start-up unless {@code encord.run-guard.single-scheduler} says
 * runs are serialised outside the jobs.
 */
public final class RunGuard implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunGuard.class);

  /** The directory of the lease files, below the warehouse root. */
  public static final String DIR = "_encord_runs";

  /** The marker of versions before the lease (a run killed under them is still rolled back). */
  static final String LEGACY_MARKER = "in_progress.json";

  private static final Pattern LEASE = Pattern.compile("lease-(\\d+)\\.json");
  private static final Pattern HEARTBEAT = Pattern.compile("lease-(\\d+)\\.heartbeat");

  /** Leases held by guards of this JVM: a lease of this pid that is not here was left behind. */
  private static final Set<String> HELD = ConcurrentHashMap.newKeySet();

  private final Warehouse warehouse;
  private final FileSystem fs;
  private final Path dir;
  private final List<TableId> tables;
  private final String job;
  private final long leaseMs;
  private final long renewMs;
  private final long waitMs;
  private final boolean singleScheduler;

  private String runId;
  private long generation = -1;
  private Map<String, Long> restoreTo = Map.of();
  private volatile long lastRenewalNanos;
  private volatile String lost;
  private ScheduledExecutorService heartbeat;

  /** Why the last holder judged was found dead (for the log). */
  private String deadBecause;

  public RunGuard(Warehouse warehouse, List<TableId> tables, String job) {
    this.warehouse = warehouse;
    // No .crc side files for the lease files: they are small, rewritten often and read by people.
    FileSystem whFs = warehouse.locations().fs();
    this.fs = whFs instanceof LocalFileSystem local ? local.getRawFileSystem() : whFs;
    this.dir = new Path(warehouse.locations().root(), DIR);
    this.tables = tables;
    this.job = job;
    Settings s = warehouse.settings();
    this.leaseMs = s.leaseDuration.toMillis();
    this.renewMs = s.leaseRenewal.toMillis();
    this.waitMs = s.leaseWait.toMillis();
    this.singleScheduler = s.singleScheduler;
  }

  /** A run whose work was undone by this one: it gets an {@code ABORTED} audit row. */
  public record Aborted(String runId, String job, String startedAt) {}

  /** What recovery found: the interrupted runs whose work was undone and have no audit row. */
  public record Recovery(List<Aborted> aborted) {}

  /** Thrown when this run no longer holds the lease: it must stop without writing anything. */
  public static final class LeaseLostException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    LeaseLostException(String message) {
      super(message);
    }
  }

  /**
   * Takes the lease for {@code runId}: waits for (or refuses) a live holder, takes over from a dead
   * one and rolls back its unfinished work.
   *
   * @param completed tells whether a run id already has its audit row (then it finished, and only
   *     its lease was left behind)
   */
  public Recovery begin(String runId, String startedAt, Predicate<String> completed) {
    String problem = storageProblem(fs.getUri().getScheme(), fs.getConf());
    if (problem != null && !singleScheduler) {
      throw new IllegalStateException(
          problem
              + ", so two runs started at once on different hosts could both take the warehouse "
              + warehouse.locations().root()
              + ". Use a storage that gives it (README, \"One run at a time\"), or, if your"
              + " scheduler never starts two runs on this warehouse at once, set"
              + " encord.run-guard.single-scheduler = true");
    }
    this.runId = runId;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
    boolean waiting = false;
    try {
      while (true) {
        List<Lease> leases = leases();
        if (leases.isEmpty()) {
          if (acquireFresh(0, startedAt)) {
            return new Recovery(List.of());
          }
          continue;
        }
        Lease head = leases.get(leases.size() - 1);
        String alive = liveness(head);
        if (alive != null) {
          String message =
              "another run ("
                  + head.describe()
                  + ") is in progress on this warehouse: "
                  + warehouse.locations().root()
                  + "; "
                  + alive;
          if (System.nanoTime() >= deadline) {
            throw new IllegalStateException(
                message
                    + ". Wait for it to finish (encord.run-guard.wait), or, if it is gone, run again"
                    + " once its lease has expired");
          }
          if (!waiting) {
            LOG.warn("Waiting up to {} s for {}", waitMs / 1000, message);
            waiting = true;
          }
          Thread.sleep(Math.min(renewMs, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
          continue;
        }
        Recovery r = takeOver(leases, head, startedAt, completed);
        if (r != null) {
          return r;
        }
      }
    } catch (IOException e) {
      close();
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted while waiting for the warehouse", e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Takes the next generation from a dead holder; null if another run was faster. */
  private Recovery takeOver(
      List<Lease> leases, Lease head, String startedAt, Predicate<String> completed)
      throws IOException {
    // The newest lease whose content is complete (a holder can die between creating its lease
    // file and writing it; it wrote nothing else then, and the lease before it still holds).
    Lease basis = null;
    for (int i = leases.size() - 1; i >= 0 && basis == null; i--) {
      if (leases.get(i).content() != null) {
        basis = leases.get(i);
      }
    }
    if (basis == null || completed.test(basis.runId())) {
      if (basis != null) {
        LOG.info("Run {} had finished; removing its leftover lease", basis.runId());
      }
      if (!acquireFresh(head.generation + 1, startedAt)) {
        return null;
      }
      removeOlderLeases();
      return new Recovery(List.of());
    }
    List<Aborted> chain = new ArrayList<>();
    for (JsonNode a : basis.content().path("aborted")) {
      chain.add(
          new Aborted(
              a.path("run_id").asText(),
              a.path("job").asText(),
              a.path("started_at").asText(null)));
    }
    chain.add(
        new Aborted(
            basis.runId(),
            basis.content().path("job").asText("nightly"),
            basis.content().path("started_at").asText(null)));
    Map<String, Long> versions = new TreeMap<>();
    basis
        .content()
        .path("versions")
        .fields()
        .forEachRemaining(e -> versions.put(e.getKey(), e.getValue().asLong()));
    if (!acquire(head.generation + 1, startedAt, versions, chain)) {
      return null;
    }
    LOG.warn(
        "Run {} took over the warehouse from run {} ({}); restoring every table to its state before"
            + " {}",
        runId,
        head.runId(),
        deadBecause,
        chain.size() == 1 ? "it" : "runs " + chain.stream().map(Aborted::runId).toList());
    restore(versions);
    removeOlderLeases();
    List<Aborted> unaudited = new ArrayList<>();
    for (Aborted a : chain) {
      if (!completed.test(a.runId())) {
        unaudited.add(a);
      }
    }
    return new Recovery(unaudited);
  }

  /**
   * Null when the holder is dead (and says why in {@link #deadBecause}); otherwise why it counts as
   * alive.
   */
  private String liveness(Lease head) throws IOException {
    long age = storageNow() - head.renewedAtMs;
    JsonNode c = head.content();
    long lease = c == null ? leaseMs : c.path("lease_ms").asLong(leaseMs);
    String renewed =
        "its lease was renewed "
            + Math.max(0, age / 1000)
            + " s ago and expires after "
            + lease / 1000
            + " s";
    if (c == null) {
      deadBecause = "its lease file was never completed, " + age / 1000 + " s ago";
      return age <= lease ? "its lease file is being written" : null;
    }
    String host = c.path("host").asText("");
    long pid = c.path("pid").asLong(-1);
    boolean sameHost = host.equals(hostName());
    if (sameHost && pid == ProcessHandle.current().pid()) {
      if (HELD.contains(head.file.getPath().toString())) {
        return "it is held by this process";
      }
      deadBecause = "left behind by this process";
      return null;
    }
    if (sameHost && pid > 0 && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      deadBecause = "its process " + pid + " is gone from this host";
      return null;
    }
    if (head.legacy() && sameHost) {
      return "its process " + pid + " still runs on this host";
    }
    if (age <= lease) {
      return renewed;
    }
    deadBecause = "its lease expired " + (age - lease) / 1000 + " s ago";
    return null;
  }

  /**
   * Takes a lease with the current versions (nothing to roll back); gives it up again if a table
   * changed meanwhile (another run finished in between), so the versions are those the run starts
   * from.
   */
  private boolean acquireFresh(long gen, String startedAt) throws IOException {
    Map<String, Long> versions = new TreeMap<>(warehouse.versions().of(tables));
    if (!acquire(gen, startedAt, versions, List.of())) {
      return false;
    }
    if (!versions.equals(new TreeMap<>(warehouse.versions().of(tables)))) {
      LOG.info("A table changed while taking the lease; taking it again");
      close();
      fs.delete(leasePath(gen), false);
      fs.delete(heartbeatPath(gen), false);
      return false;
    }
    return true;
  }

  /** Creates lease {@code gen} exclusively and starts renewing it; false if it exists. */
  private boolean acquire(
      long gen, String startedAt, Map<String, Long> versions, List<Aborted> aborted)
      throws IOException {
    ObjectNode m = Json.MAPPER.createObjectNode();
    m.put("run_id", runId);
    m.put("job", job);
    m.put("host", hostName());
    m.put("pid", ProcessHandle.current().pid());
    m.put("started_at", startedAt);
    m.put("lease_ms", leaseMs);
    ObjectNode v = m.putObject("versions");
    versions.forEach(v::put);
    ArrayNode a = m.putArray("aborted");
    for (Aborted r : aborted) {
      a.addObject().put("run_id", r.runId()).put("job", r.job()).put("started_at", r.startedAt());
    }
    Path lease = leasePath(gen);
    fs.mkdirs(dir);
    if (!createExclusive(lease, m.toPrettyString().getBytes(StandardCharsets.UTF_8))) {
      return false;
    }
    generation = gen;
    restoreTo = versions;
    HELD.add(lease.toString());
    lastRenewalNanos = System.nanoTime();
    lost = null;
    writeHeartbeat();
    heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "encord-lease-heartbeat");
              t.setDaemon(true);
              return t;
            });
    heartbeat.scheduleWithFixedDelay(this::renew, renewMs, renewMs, TimeUnit.MILLISECONDS);
    warehouse.fence(this::checkOwnership);
    return true;
  }

  /** The heartbeat: checks the lease is still this run's, then renews it. */
  private void renew() {
    long start = System.nanoTime();
    try {
      verifyNewest();
      writeHeartbeat();
      lastRenewalNanos = start;
    } catch (LeaseLostException e) {
      return;
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not renew the lease of run {}: {}", runId, e.toString());
    }
    stale();
  }

  /**
   * Throws {@link LeaseLostException} unless this run still holds its lease: renewed less than half
   * a lease ago, still the newest generation, still its own. Runs before every table write.
   */
  public void checkOwnership() {
    if (lost != null) {
      throw new LeaseLostException(lost);
    }
    stale();
    try {
      verifyNewest();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check the lease of run " + runId, e);
    }
  }

  private void stale() {
    long since = (System.nanoTime() - lastRenewalNanos) / 1_000_000;
    if (since > leaseMs / 2) {
      lose(
          "run "
              + runId
              + " could not renew its lease for "
              + since / 1000
              + " s (half of encord.run-guard.lease): another run may take the warehouse over, so"
              + " it stops without writing");
    }
  }

  private void verifyNewest() throws IOException {
    long newest = -1;
    for (FileStatus st : list()) {
      Matcher m = LEASE.matcher(st.getPath().getName());
      if (m.matches()) {
        newest = Math.max(newest, Long.parseLong(m.group(1)));
      }
    }
    JsonNode mine = readJson(leasePath(generation));
    if (newest > generation) {
      JsonNode taker = readJson(leasePath(newest));
      lose(
          "run "
              + runId
              + " lost its lease: run "
              + (taker == null ? "?" : taker.path("run_id").asText())
              + " on host "
              + (taker == null ? "?" : taker.path("host").asText())
              + " took the warehouse over; this run stops without writing, and that run rolls"
              + " its work back");
    } else if (mine == null || !runId.equals(mine.path("run_id").asText())) {
      lose(
          "run " + runId + " lost its lease: its lease file was removed; it stops without writing");
    }
  }

  private void lose(String reason) {
    if (lost == null) {
      lost = reason;
      LOG.error("{}", reason);
      try {
        // Jobs in flight fail before their commit.
        warehouse.spark().sparkContext().cancelAllJobs();
      } catch (RuntimeException e) {
        LOG.warn("Could not cancel the Spark jobs: {}", e.toString());
      }
      if (heartbeat != null) {
        heartbeat.shutdown();
      }
    }
    throw new LeaseLostException(lost);
  }

  /** Undoes this run's writes (after a failure); stops at once if the lease was lost. */
  public void rollback() {
    checkOwnership();
    restore(restoreTo);
  }

  private void restore(Map<String, Long> versions) {
    versions.forEach(
        (name, version) -> {
          TableId t = parse(name);
          if (t != null) {
            try {
              warehouse.writer().restore(t, version);
            } catch (RuntimeException ex) {
              LOG.error("Could not restore {}; the next run will retry", t, ex);
              throw ex;
            }
          }
        });
  }

  /** The run is complete (or fully rolled back): removes its lease and every older one. */
  public void end() {
    checkOwnership();
    close();
    try {
      for (FileStatus st : list()) {
        String n = st.getPath().getName();
        Matcher beat = HEARTBEAT.matcher(n);
        if (n.startsWith(".clock-")
            || beat.matches() && Long.parseLong(beat.group(1)) <= generation) {
          fs.delete(st.getPath(), false);
        }
      }
      removeOlderLeases();
      fs.delete(leasePath(generation), false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops renewing the lease, which stays where it is (for the next run to judge). */
  @Override
  public void close() {
    if (heartbeat != null) {
      heartbeat.shutdownNow();
      try {
        // A renewal in flight must not write a heartbeat after the lease files are removed.
        heartbeat.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      heartbeat = null;
    }
    if (generation >= 0) {
      HELD.remove(leasePath(generation).toString());
    }
    warehouse.fence(null);
  }

  private void removeOlderLeases() throws IOException {
    for (FileStatus st : list()) {
      String n = st.getPath().getName();
      Matcher m = LEASE.matcher(n);
      Matcher b = HEARTBEAT.matcher(n);
      if (n.equals(LEGACY_MARKER)
          || m.matches() && Long.parseLong(m.group(1)) < generation
          || b.matches() && Long.parseLong(b.group(1)) < generation) {
        fs.delete(st.getPath(), false);
      }
    }
  }

  // ---- the lease files ------------------------------------------------------------------------

  /** One lease file, its content read when first needed. */
  private final class Lease {
    final long generation;
    final FileStatus file;
    final long renewedAtMs;
    private JsonNode content;
    private boolean read;

    Lease(long generation, FileStatus file, long renewedAtMs) {
      this.generation = generation;
      this.file = file;
      this.renewedAtMs = renewedAtMs;
    }

    boolean legacy() {
      return generation < 0;
    }

    /** The content, or null while it is incomplete. */
    JsonNode content() throws IOException {
      if (!read) {
        content = readJson(file.getPath());
        if (content != null && !content.has("run_id") && !legacy()) {
          content = null;
        }
        read = true;
      }
      return content;
    }

    String runId() throws IOException {
      JsonNode c = content();
      return c == null ? "?" : c.path("run_id").asText("?");
    }

    String describe() throws IOException {
      JsonNode c = content();
      if (c == null) {
        return "lease " + file.getPath().getName() + " being written";
      }
      return c.path("job").asText("nightly")
          + " run "
          + c.path("run_id").asText("?")
          + " on host "
          + c.path("host").asText("?")
          + ", pid "
          + c.path("pid").asText("?");
    }
  }

  /** Every lease in generation order; the legacy marker counts as generation -1. */
  private List<Lease> leases() throws IOException {
    Map<Long, FileStatus> files = new TreeMap<>();
    Map<Long, Long> beats = new TreeMap<>();
    for (FileStatus st : list()) {
      String n = st.getPath().getName();
      Matcher m = LEASE.matcher(n);
      Matcher b = HEARTBEAT.matcher(n);
      if (m.matches()) {
        files.put(Long.parseLong(m.group(1)), st);
      } else if (b.matches()) {
        beats.put(Long.parseLong(b.group(1)), st.getModificationTime());
      } else if (n.equals(LEGACY_MARKER)) {
        files.put(-1L, st);
      }
    }
    List<Lease> out = new ArrayList<>();
    files.forEach(
        (gen, st) ->
            out.add(
                new Lease(
                    gen,
                    st,
                    Math.max(st.getModificationTime(), beats.getOrDefault(gen, Long.MIN_VALUE)))));
    return out;
  }

  private FileStatus[] list() throws IOException {
    try {
      return fs.listStatus(dir);
    } catch (FileNotFoundException e) {
      return new FileStatus[0];
    }
  }

  private Path leasePath(long gen) {
    return new Path(dir, String.format(Locale.ROOT, "lease-%06d.json", gen));
  }

  private Path heartbeatPath(long gen) {
    return new Path(dir, String.format(Locale.ROOT, "lease-%06d.heartbeat", gen));
  }

  private void writeHeartbeat() throws IOException {
    ObjectNode h = Json.MAPPER.createObjectNode();
    h.put("run_id", runId);
    h.put("renewed_at", Instant.now().toString());
    h.put("lease_ms", leaseMs);
    byte[] content = h.toString().getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = fs.create(heartbeatPath(generation), true)) {
      out.write(content);
    }
  }

  /** Null if the file is missing or not (yet) complete JSON. */
  private JsonNode readJson(Path p) throws IOException {
    try (InputStream in = fs.open(p)) {
      return Json.MAPPER.readTree(in);
    } catch (FileNotFoundException e) {
      return null;
    } catch (JacksonException e) {
      return null;
    }
  }

  /** Creates the file only if it does not exist, atomically; false if it exists. */
  private boolean createExclusive(Path p, byte[] content) throws IOException {
    try {
      if ("file".equals(fs.getUri().getScheme())) {
        Files.write(
            Paths.get(p.toUri()), content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } else {
        try (OutputStream out = fs.create(p, false)) {
          out.write(content);
        }
      }
      return true;
    } catch (FileAlreadyExistsException
        // Hadoop's own, of the same name.
        | org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    }
  }

  /**
   * Now by the clock that stamps the heartbeat files: the storage's. A local file system has the
   * host's clock; a remote one is asked by writing a probe file, so no two hosts' clocks are
   * compared.
   */
  private long storageNow() throws IOException {
    if ("file".equals(fs.getUri().getScheme())) {
      return System.currentTimeMillis();
    }
    Path probe = new Path(dir, ".clock-" + UUID.randomUUID());
    try (OutputStream out = fs.create(probe, true)) {
      out.write('\n');
    }
    try {
      return fs.getFileStatus(probe).getModificationTime();
    } finally {
      fs.delete(probe, false);
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

  /**
   * Why a file system cannot be trusted to create a file only if it is absent, atomically (null if
   * it can): the local file system ({@code O_EXCL}), HDFS (the NameNode), ABFS ({@code
   * If-None-Match: *}), Google Cloud Storage ({@code ifGenerationMatch=0}) and S3A from Hadoop 3.5
   * with conditional writes on ({@code If-None-Match: *}, the default) can.
   */
  public static String storageProblem(String scheme, Configuration conf) {
    String s = scheme == null ? "file" : scheme.toLowerCase(Locale.ROOT);
    switch (s) {
      case "file", "hdfs", "viewfs", "webhdfs", "swebhdfs", "abfs", "abfss", "gs":
        return null;
      case "s3a":
        String[] v = VersionInfo.getVersion().split("[.-]");
        boolean atLeast35 =
            v.length >= 2
                && (Integer.parseInt(v[0]) > 3
                    || Integer.parseInt(v[0]) == 3 && Integer.parseInt(v[1]) >= 5);
        if (!atLeast35) {
          return "S3A of Hadoop "
              + VersionInfo.getVersion()
              + " checks whether a file exists and then writes it, which is not atomic (S3"
              + " conditional writes need Hadoop 3.5 or later)";
        }
        if (conf != null && !conf.getBoolean("fs.s3a.create.conditional.enabled", true)) {
          return "S3A conditional writes are switched off (fs.s3a.create.conditional.enabled ="
              + " false), so creating a file is not atomic";
        }
        return null;
      default:
        return "the "
            + s
            + ": file system is not known to create a file only if it is absent, atomically";
    }
  }

  /**
   * This host's name as the operating system has it (per UTS namespace on Linux). {@code
   * -Dencord.test.host-name} overrides it, for tests on machines where a process cannot be given
   * its own host name.
   */
  static String hostName() {
    String override = System.getProperty("encord.test.host-name");
    if (override != null) {
      return override;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      try {
        return Files.readString(Paths.get("/proc/sys/kernel/hostname")).trim();
      } catch (IOException | RuntimeException notLinux) {
        return "unknown";
      }
    }
  }
}
