package io.encordanalytics.model;

/** Label-log consensus events (35, 36, 37). */
public class ConsensusEvent extends ActionRow {
  private static final long serialVersionUID = 1L;

  /** label_approved, label_cancelled or in_agreement. */
  private String kind;

  private String labelId;
  private String featureId;
  private String labelName;

  public ConsensusEvent() {}

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
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
}
