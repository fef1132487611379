package io.encordanalytics.io;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * One run of a job that writes the warehouse, all or nothing: it takes the warehouse's lease
 * ({@link RunGuard}; a dead holder's work is rolled back first and audited {@code ABORTED}), does
 * its work and appends its audit row to {@code encord_ops.job_runs} with every table's version. A
 * run whose work fails restores every table to where it started and is audited {@code FAILED}.
 */
public final class GuardedRun {
  private final Warehouse wh;
  private final Tables tables;

  public GuardedRun(Warehouse wh, Tables tables) {
    this.wh = wh;
    this.tables = tables;
  }

  /** Runs {@code work} as job {@code job}; returns the run's audit row (already written). */
  public JobRuns.Audit run(String job, Consumer<JobRuns.Audit> work) {
    Instant start = Instant.now();
    String runId = JobRuns.newRunId(start);
    JobRuns.Audit audit = new JobRuns.Audit(runId, job, start);
    RunGuard guard = new RunGuard(wh, tables.transactional(), job);
    RunGuard.Recovery recovery = guard.begin(runId, start.toString(), this::hasAuditRow);
    try {
      JobRuns.appendAborted(wh, tables.jobRuns, recovery.aborted(), runId, start);
      work.accept(audit);
      audit.status = "SUCCEEDED";
    } catch (RuntimeException e) {
      audit.status = "FAILED";
      audit.message = String.valueOf(e.getMessage());
      audit.recordsRead = audit.eventsNew = audit.duplicates = audit.quarantined = null;
      try {
        // Throws at once, restoring nothing, when another run has taken the warehouse over.
        guard.rollback();
      } catch (RuntimeException rollbackFailure) {
        guard.close();
        if (rollbackFailure instanceof RunGuard.LeaseLostException lost) {
          lost.addSuppressed(e); // the failure was the lost lease: say that first
          throw lost;
        }
        e.addSuppressed(rollbackFailure);
        throw e;
      }
      finish(audit, guard);
      throw e;
    }
    finish(audit, guard);
    return audit;
  }

  private void finish(JobRuns.Audit audit, RunGuard guard) {
    try {
      audit.finishedAt = Instant.now();
      for (TableId t : tables.transactional()) {
        long v = wh.version(t);
        if (v >= 0) {
          audit.tableVersions.put(t.toString(), v);
        }
      }
      JobRuns.append(wh, tables.jobRuns, audit);
      guard.end();
    } finally {
      guard.close();
    }
  }

  private boolean hasAuditRow(String runId) {
    return JobRuns.has(wh, tables.jobRuns, runId);
  }
}
