package io.encordanalytics.model;

/** SKIP_TASK events. */
public class TaskSkip extends ActionRow {
  private static final long serialVersionUID = 1L;

  private String skipReason;

  public TaskSkip() {}

  public String getSkipReason() {
    return skipReason;
  }

  public void setSkipReason(String skipReason) {
    this.skipReason = skipReason;
  }
}
