package io.encordanalytics.model;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;

/** Columns shared by every per-action silver table. */
public class ActionRow implements Serializable {
  private static final long serialVersionUID = 1L;

  private String eventId;
  private String sourceFormat;
  private String action;
  private Instant eventTime;
  private LocalDate eventDate;
  private String userId;
  private String userEmail;
  private String dataUnitId;
  private String taskKey;
  private String workflowTaskId;
  private String branchName;
  private String runId;

  public ActionRow() {}

  public String getEventId() {
    return eventId;
  }

  public void setEventId(String eventId) {
    this.eventId = eventId;
  }

  public String getSourceFormat() {
    return sourceFormat;
  }

  public void setSourceFormat(String sourceFormat) {
    this.sourceFormat = sourceFormat;
  }

  public String getAction() {
    return action;
  }

  public void setAction(String action) {
    this.action = action;
  }

  public Instant getEventTime() {
    return eventTime;
  }

  public void setEventTime(Instant eventTime) {
    this.eventTime = eventTime;
  }

  public LocalDate getEventDate() {
    return eventDate;
  }

  public void setEventDate(LocalDate eventDate) {
    this.eventDate = eventDate;
  }

  public String getUserId() {
    return userId;
  }

  public void setUserId(String userId) {
    this.userId = userId;
  }

  public String getUserEmail() {
    return userEmail;
  }

  public void setUserEmail(String userEmail) {
    this.userEmail = userEmail;
  }

  public String getDataUnitId() {
    return dataUnitId;
  }

  public void setDataUnitId(String dataUnitId) {
    this.dataUnitId = dataUnitId;
  }

  public String getTaskKey() {
    return taskKey;
  }

  public void setTaskKey(String taskKey) {
    this.taskKey = taskKey;
  }

  public String getWorkflowTaskId() {
    return workflowTaskId;
  }

  public void setWorkflowTaskId(String workflowTaskId) {
    this.workflowTaskId = workflowTaskId;
  }

  public String getBranchName() {
    return branchName;
  }

  public void setBranchName(String branchName) {
    this.branchName = branchName;
  }

  public String getRunId() {
    return runId;
  }

  public void setRunId(String runId) {
    this.runId = runId;
  }
}
