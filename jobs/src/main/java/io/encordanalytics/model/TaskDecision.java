package io.encordanalytics.model;

import java.util.List;

/** Task submissions, approvals and rejections of both formats. */
public class TaskDecision extends ActionRow {
  private static final long serialVersionUID = 1L;

  /** submitted, approved or rejected. */
  private String decision;

  private String workflowStageType;
  private Boolean isConsensus;
  private Boolean isDetermineConsensus;
  private List<String> submittedLabelHashes;
  private List<String> approvedLabelHashes;
  private List<String> rejectedLabelHashes;
  private List<String> annotators;

  /** Annotator hashes. */
  private List<String> annotatorsWithApprovedLabels;

  /** Annotator hashes. */
  private List<String> selectedAnnotators;

  private String winningSetAnnotatorHash;
  private String winningSetAnnotatorEmail;

  public TaskDecision() {}

  public String getDecision() {
    return decision;
  }

  public void setDecision(String decision) {
    this.decision = decision;
  }

  public String getWorkflowStageType() {
    return workflowStageType;
  }

  public void setWorkflowStageType(String workflowStageType) {
    this.workflowStageType = workflowStageType;
  }

  public Boolean getIsConsensus() {
    return isConsensus;
  }

  public void setIsConsensus(Boolean isConsensus) {
    this.isConsensus = isConsensus;
  }

  public Boolean getIsDetermineConsensus() {
    return isDetermineConsensus;
  }

  public void setIsDetermineConsensus(Boolean isDetermineConsensus) {
    this.isDetermineConsensus = isDetermineConsensus;
  }

  public List<String> getSubmittedLabelHashes() {
    return submittedLabelHashes;
  }

  public void setSubmittedLabelHashes(List<String> submittedLabelHashes) {
    this.submittedLabelHashes = submittedLabelHashes;
  }

  public List<String> getApprovedLabelHashes() {
    return approvedLabelHashes;
  }

  public void setApprovedLabelHashes(List<String> approvedLabelHashes) {
    this.approvedLabelHashes = approvedLabelHashes;
  }

  public List<String> getRejectedLabelHashes() {
    return rejectedLabelHashes;
  }

  public void setRejectedLabelHashes(List<String> rejectedLabelHashes) {
    this.rejectedLabelHashes = rejectedLabelHashes;
  }

  public List<String> getAnnotators() {
    return annotators;
  }

  public void setAnnotators(List<String> annotators) {
    this.annotators = annotators;
  }

  public List<String> getAnnotatorsWithApprovedLabels() {
    return annotatorsWithApprovedLabels;
  }

  public void setAnnotatorsWithApprovedLabels(List<String> annotatorsWithApprovedLabels) {
    this.annotatorsWithApprovedLabels = annotatorsWithApprovedLabels;
  }

  public List<String> getSelectedAnnotators() {
    return selectedAnnotators;
  }

  public void setSelectedAnnotators(List<String> selectedAnnotators) {
    this.selectedAnnotators = selectedAnnotators;
  }

  public String getWinningSetAnnotatorHash() {
    return winningSetAnnotatorHash;
  }

  public void setWinningSetAnnotatorHash(String winningSetAnnotatorHash) {
    this.winningSetAnnotatorHash = winningSetAnnotatorHash;
  }

  public String getWinningSetAnnotatorEmail() {
    return winningSetAnnotatorEmail;
  }

  public void setWinningSetAnnotatorEmail(String winningSetAnnotatorEmail) {
    this.winningSetAnnotatorEmail = winningSetAnnotatorEmail;
  }
}
