package io.encordanalytics.model;

/** CREATE_ATTRIBUTE, UPDATE_ATTRIBUTE and DELETE_ATTRIBUTE with event_information flattened. */
public class AttributeChange extends ActionRow {
  private static final long serialVersionUID = 1L;

  private String classificationHash;
  private String featureId;
  private String labelName;
  private String labelRanges;
  private String classifications;
  private String oldRange;
  private String newRange;
  private String oldValue;
  private String newValue;
  private String lastEditedBy;

  public AttributeChange() {}

  public String getClassificationHash() {
    return classificationHash;
  }

  public void setClassificationHash(String classificationHash) {
    this.classificationHash = classificationHash;
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

  public String getLabelRanges() {
    return labelRanges;
  }

  public void setLabelRanges(String labelRanges) {
    this.labelRanges = labelRanges;
  }

  public String getClassifications() {
    return classifications;
  }

  public void setClassifications(String classifications) {
    this.classifications = classifications;
  }

  public String getOldRange() {
    return oldRange;
  }

  public void setOldRange(String oldRange) {
    this.oldRange = oldRange;
  }

  public String getNewRange() {
    return newRange;
  }

  public void setNewRange(String newRange) {
    this.newRange = newRange;
  }

  public String getOldValue() {
    return oldValue;
  }

  public void setOldValue(String oldValue) {
    this.oldValue = oldValue;
  }

  public String getNewValue() {
    return newValue;
  }

  public void setNewValue(String newValue) {
    this.newValue = newValue;
  }

  public String getLastEditedBy() {
    return lastEditedBy;
  }

  public void setLastEditedBy(String lastEditedBy) {
    this.lastEditedBy = lastEditedBy;
  }
}
