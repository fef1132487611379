package io.encordanalytics;

import io.encordanalytics.io.JobRuns;
import java.time.Duration;
import java.util.Map;

/** The one-screen summary printed at the end of a run. */
final class Summary {
  private Summary() {}

  static String render(JobRuns.Audit a) {
    StringBuilder b = new StringBuilder();
    b.append("\n==== nightly run ").append(a.runId).append(": ").append(a.status).append(" ====\n");
    if (a.finishedAt != null) {
      b.append(
          String.format(
              "duration          %.1f s%n",
              Duration.between(a.startedAt, a.finishedAt).toMillis() / 1000.0));
    }
    b.append(String.format("input files       %s new (%s empty)%n", a.inputFiles, a.filesEmpty));
    b.append(String.format("records read      %s%n", a.recordsRead));
    b.append(String.format("new events        %s%n", a.eventsNew));
    b.append(String.format("duplicates        %s%n", a.duplicates));
    b.append(String.format("quarantined       %s%n", a.quarantined));
    b.append(String.format("unknown actions   %s%n", unknownActions(a)));
    if (!a.filesSkipped.isEmpty()) {
      b.append(String.format("files skipped     %s (see the log)%n", a.filesSkipped));
    }
    b.append(String.format("dates rebuilt     %d%s%n", a.rebuiltDates.size(), dates(a)));
    b.append("delta versions\n");
    for (Map.Entry<String, Long> e : a.tableVersions.entrySet()) {
      b.append(String.format("  %-42s v%d%n", e.getKey(), e.getValue()));
    }
    if (a.message != null) {
      b.append("message           ").append(a.message).append('\n');
    }
    return b.toString();
  }

  /** {@code none}, or each unknown action with its count of new events. */
  static String unknownActions(JobRuns.Audit a) {
    if (a.unknownActions.isEmpty()) {
      return "none";
    }
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, Long> e : a.unknownActions.entrySet()) {
      b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append(" x").append(e.getValue());
    }
    return b.toString();
  }

  private static String dates(JobRuns.Audit a) {
    if (a.rebuiltDates.isEmpty()) {
      return "";
    }
    var sorted = a.rebuiltDates.stream().sorted().toList();
    return " (" + sorted.get(0) + " .. " + sorted.get(sorted.size() - 1) + ")";
  }
}
