package io.encordanalytics;

import io.encordanalytics.gold.GoldStep;
import io.encordanalytics.io.GuardedRun;
import io.encordanalytics.io.JobRuns;
import io.encordanalytics.io.Tables;
import io.encordanalytics.io.Warehouse;
import java.time.LocalDate;

/**
 * Backfill ({@code NightlyJob --from YYYY-MM-DD --to YYYY-MM-DD}): rebuilds every gold table for
 * the inclusive date range from silver, with no ingestion. Safe to re-run; rolled back like a
 * nightly run if it fails.
 */
public final class BackfillJob {
  public static final String JOB = "backfill";

  private final Warehouse wh;
  private final Tables tables;

  public BackfillJob(Warehouse wh) {
    this.wh = wh;
    this.tables = new Tables(wh.settings());
  }

  /** Rebuilds the gold dates {@code from} to {@code to}; returns the run's audit row (written). */
  public JobRuns.Audit run(LocalDate from, LocalDate to) {
    return new GuardedRun(wh, tables)
        .run(
            JOB,
            audit -> {
              audit.message = "backfill " + from + " .. " + to;
              if (wh.exists(tables.events)) {
                audit.rebuiltDates.addAll(new GoldStep(wh, tables).rebuild(from, to, audit.runId));
              }
            });
  }
}
