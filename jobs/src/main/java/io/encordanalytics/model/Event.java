package io.encordanalytics.model;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;

/** One activity event in the unified model of both log formats (silver events). */
public class Event implements Serializable {
  private static final long serialVersionUID = 1L;

  /** log_hash (label logs) or id (editor logs). */
  private String eventId;

  /** label_log or editor_log. */
  private String sourceFormat;

  /** Code name (label logs), action string (editor logs), or the raw text of an unknown action. */
  private String action;

  /** Integer action code, label logs only. */
  private Integer actionCode;

  /** When the action happened (UTC). */
  private Instant eventTime;

  /** UTC date of eventTime. */
  private LocalDate eventDate;

  /** user_hash or actor_user_id. */
  private String userId;

  private String userEmail;

  /** data_hash or data_unit_id. */
  private String dataUnitId;

  /** Label instance: identifier (or annotation_hash), object_hash or classification_hash. */
  private String labelId;

  private String featureId;
  private String labelName;

  /** Label-log frame, or the editor's object_current_frame. */
  private Integer frame;

  private String branchName;

  /** Workflow stage (editor) or graph_node_uuid (label logs). */
  private String workflowStageId;

  private String workflowTaskId;
  private String sessionId;
  private Long timeTakenMs;

  /** The raw nested event_information object as JSON text. */
  private String eventInformation;

  /** event_information.isConsensus, when present. */
  private Boolean isConsensus;

  private String actionCategory;
  private String workflowStageType;
  private String workflowStageTitle;
  private String projectId;
  private String projectUserRole;
  private String organisationId;

  /** The editor log's label_id (label row), not the label instance. */
  private String labelRowId;

  private String objectShape;

  /** Frame ranges [[start,end],...] as JSON text. */
  private String labelRanges;

  private String dataUnitTitle;
  private String dataUnitDataType;
  private String datasetId;
  private String ontologyId;

  /** True when the record had no id and eventId was derived from its content. */
  private Boolean eventIdDerived = false;

  /** True when the record had no user hash and userId was derived from its e-mail. */
  private Boolean userIdFromEmail = false;

  /**
   * The record's top-level keys that no column holds (snake_case, sorted, nulls left out) as a JSON
   * object text; null when there are none.
   */
  private String extraFields;

  private String sourceFile;
  private String runId;

  public Event() {}

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

  public Integer getActionCode() {
    return actionCode;
  }

  public void setActionCode(Integer actionCode) {
    this.actionCode = actionCode;
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

  public String getLabelId() {
    return labelId;
  }

  public void setLabelId(String labelId) {
    this.labelId = labelId;
  }

  public String getFeatureId() {
    return featureId;
  }

  public void setFeatureId(String featureId) {
    this.featureId = featureId;
  }

  public String getLabelName() {
    return labelName;
  }

  public void setLabelName(String labelName) {
    this.labelName = labelName;
  }

  public Integer getFrame() {
    return frame;
  }

  public void setFrame(Integer frame) {
    this.frame = frame;
  }

  public String getBranchName() {
    return branchName;
  }

  public void setBranchName(String branchName) {
    this.branchName = branchName;
  }

  public String getWorkflowStageId() {
    return workflowStageId;
  }

  public void setWorkflowStageId(String workflowStageId) {
    this.workflowStageId = workflowStageId;
  }

  public String getWorkflowTaskId() {
    return workflowTaskId;
  }

  public void setWorkflowTaskId(String workflowTaskId) {
    this.workflowTaskId = workflowTaskId;
  }

  public String getSessionId() {
    return sessionId;
  }

  public void setSessionId(String sessionId) {
    this.sessionId = sessionId;
  }

  public Long getTimeTakenMs() {
    return timeTakenMs;
  }

  public void setTimeTakenMs(Long timeTakenMs) {
    this.timeTakenMs = timeTakenMs;
  }

  public String getEventInformation() {
    return eventInformation;
  }

  public void setEventInformation(String eventInformation) {
    this.eventInformation = eventInformation;
  }

  public Boolean getIsConsensus() {
    return isConsensus;
  }

  public void setIsConsensus(Boolean isConsensus) {
    this.isConsensus = isConsensus;
  }

  public String getActionCategory() {
    return actionCategory;
  }

  public void setActionCategory(String actionCategory) {
    this.actionCategory = actionCategory;
  }

  public String getWorkflowStageType() {
    return workflowStageType;
  }

  public void setWorkflowStageType(String workflowStageType) {
    this.workflowStageType = workflowStageType;
  }

  public String getWorkflowStageTitle() {
    return workflowStageTitle;
  }

  public void setWorkflowStageTitle(String workflowStageTitle) {
    this.workflowStageTitle = workflowStageTitle;
  }

  public String getProjectId() {
    return projectId;
  }

  public void setProjectId(String projectId) {
    this.projectId = projectId;
  }

  public String getProjectUserRole() {
    return projectUserRole;
  }

  public void setProjectUserRole(String projectUserRole) {
    this.projectUserRole = projectUserRole;
  }

  public String getOrganisationId() {
    return organisationId;
  }

  public void setOrganisationId(String organisationId) {
    this.organisationId = organisationId;
  }

  public String getLabelRowId() {
    return labelRowId;
  }

  public void setLabelRowId(String labelRowId) {
    this.labelRowId = labelRowId;
  }

  public String getObjectShape() {
    return objectShape;
  }

  public void setObjectShape(String objectShape) {
    this.objectShape = objectShape;
  }

  public String getLabelRanges() {
    return labelRanges;
  }

  public void setLabelRanges(String labelRanges) {
    this.labelRanges = labelRanges;
  }

  public String getDataUnitTitle() {
    return dataUnitTitle;
  }

  public void setDataUnitTitle(String dataUnitTitle) {
    this.dataUnitTitle = dataUnitTitle;
  }

  public String getDataUnitDataType() {
    return dataUnitDataType;
  }

  public void setDataUnitDataType(String dataUnitDataType) {
    this.dataUnitDataType = dataUnitDataType;
  }

  public String getDatasetId() {
    return datasetId;
  }

  public void setDatasetId(String datasetId) {
    this.datasetId = datasetId;
  }

  public String getOntologyId() {
    return ontologyId;
  }

  public void setOntologyId(String ontologyId) {
    this.ontologyId = ontologyId;
  }

  public Boolean getEventIdDerived() {
    return eventIdDerived;
  }

  public void setEventIdDerived(Boolean eventIdDerived) {
    this.eventIdDerived = eventIdDerived;
  }

  public Boolean getUserIdFromEmail() {
    return userIdFromEmail;
  }

  public void setUserIdFromEmail(Boolean userIdFromEmail) {
    this.userIdFromEmail = userIdFromEmail;
  }

  public String getExtraFields() {
    return extraFields;
  }

  public void setExtraFields(String extraFields) {
    this.extraFields = extraFields;
  }

  public String getSourceFile() {
    return sourceFile;
  }

  public void setSourceFile(String sourceFile) {
    this.sourceFile = sourceFile;
  }

  public String getRunId() {
    return runId;
  }

  public void setRunId(String runId) {
    this.runId = runId;
  }
}
