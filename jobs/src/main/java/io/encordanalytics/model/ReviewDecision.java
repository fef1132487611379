package io.encordanalytics.model;

/** Label and attribute review decisions of both formats. */
public class ReviewDecision extends ActionRow {
  private static final long serialVersionUID = 1L;

  /** label or attribute. */
  private String targetType;

  /** approved, rejected or reverted. */
  private String decision;

  private String labelId;
  private String featureId;
  private String labelName;
  private Boolean isConsensus;
  private String previousAction;
  private String classifications;

  public ReviewDecision() {}

  public String getTargetType() {
    return targetType;
  }

  public void setTargetType(String targetType) {
    this.targetType = targetType;
  }

  public String getDecision() {
    return decision;
  }

  public void setDecision(String decision) {
    this.decision = decision;
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

  public Boolean getIsConsensus() {
    return isConsensus;
  }

  public void setIsConsensus(Boolean isConsensus) {
    this.isConsensus = isConsensus;
  }

  public String getPreviousAction() {
    return previousAction;
  }

  public void setPreviousAction(String previousAction) {
    this.previousAction = previousAction;
  }

  public String getClassifications() {
    return classifications;
  }

  public void setClassifications(String classifications) {
    this.classifications = classifications;
  }
}
