package io.encordanalytics.model;

/** CREATE_OBJECT, UPDATE_OBJECT and DELETE_OBJECT with event_information flattened. */
public class ObjectChange extends ActionRow {
  private static final long serialVersionUID = 1L;

  /** created, range, coordinates, feature, classification, deleted or other. */
  private String changeKind;

  private String objectHash;
  private String objectId;
  private String featureId;
  private String labelName;
  private String objectShape;
  private Integer frame;

  /** [[start,end],...] inclusive, as JSON text. */
  private String labelRanges;

  private Integer firstFrame;
  private Integer lastFrame;

  /** Coordinates of a created object (or final ones of a deleted object), JSON text. */
  private String coordinates;

  private String oldCoordinates;
  private String newCoordinates;
  private String oldRange;
  private String newRange;
  private String oldFeatureHash;
  private String newFeatureHash;
  private String oldClassification;
  private String newClassification;
  private String classifications;
  private String lastEditedBy;

  /** bounding_box, rotatable_bounding_box, polygon, point or null when not recognised. */
  private String geometryType;

  private Double bboxX;
  private Double bboxY;
  private Double bboxW;
  private Double bboxH;
  private Double theta;
  private Integer pointCount;

  public ObjectChange() {}

  public String getChangeKind() {
    return changeKind;
  }

  public void setChangeKind(String changeKind) {
    this.changeKind = changeKind;
  }

  public String getObjectHash() {
    return objectHash;
  }

  public void setObjectHash(String objectHash) {
    this.objectHash = objectHash;
  }

  public String getObjectId() {
    return objectId;
  }

  public void setObjectId(String objectId) {
    this.objectId = objectId;
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

  public String getObjectShape() {
    return objectShape;
  }

  public void setObjectShape(String objectShape) {
    this.objectShape = objectShape;
  }

  public Integer getFrame() {
    return frame;
  }

  public void setFrame(Integer frame) {
    this.frame = frame;
  }

  public String getLabelRanges() {
    return labelRanges;
  }

  public void setLabelRanges(String labelRanges) {
    this.labelRanges = labelRanges;
  }

  public Integer getFirstFrame() {
    return firstFrame;
  }

  public void setFirstFrame(Integer firstFrame) {
    this.firstFrame = firstFrame;
  }

  public Integer getLastFrame() {
    return lastFrame;
  }

  public void setLastFrame(Integer lastFrame) {
    this.lastFrame = lastFrame;
  }

  public String getCoordinates() {
    return coordinates;
  }

  public void setCoordinates(String coordinates) {
    this.coordinates = coordinates;
  }

  public String getOldCoordinates() {
    return oldCoordinates;
  }

  public void setOldCoordinates(String oldCoordinates) {
    this.oldCoordinates = oldCoordinates;
  }

  public String getNewCoordinates() {
    return newCoordinates;
  }

  public void setNewCoordinates(String newCoordinates) {
    this.newCoordinates = newCoordinates;
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

  public String getOldFeatureHash() {
    return oldFeatureHash;
  }

  public void setOldFeatureHash(String oldFeatureHash) {
    this.oldFeatureHash = oldFeatureHash;
  }

  public String getNewFeatureHash() {
    return newFeatureHash;
  }

  public void setNewFeatureHash(String newFeatureHash) {
    this.newFeatureHash = newFeatureHash;
  }

  public String getOldClassification() {
    return oldClassification;
  }

  public void setOldClassification(String oldClassification) {
    this.oldClassification = oldClassification;
  }

  public String getNewClassification() {
    return newClassification;
  }

  public void setNewClassification(String newClassification) {
    this.newClassification = newClassification;
  }

  public String getClassifications() {
    return classifications;
  }

  public void setClassifications(String classifications) {
    this.classifications = classifications;
  }

  public String getLastEditedBy() {
    return lastEditedBy;
  }

  public void setLastEditedBy(String lastEditedBy) {
    this.lastEditedBy = lastEditedBy;
  }

  public String getGeometryType() {
    return geometryType;
  }

  public void setGeometryType(String geometryType) {
    this.geometryType = geometryType;
  }

  public Double getBboxX() {
    return bboxX;
  }

  public void setBboxX(Double bboxX) {
    this.bboxX = bboxX;
  }

  public Double getBboxY() {
    return bboxY;
  }

  public void setBboxY(Double bboxY) {
    this.bboxY = bboxY;
  }

  public Double getBboxW() {
    return bboxW;
  }

  public void setBboxW(Double bboxW) {
    this.bboxW = bboxW;
  }

  public Double getBboxH() {
    return bboxH;
  }

  public void setBboxH(Double bboxH) {
    this.bboxH = bboxH;
  }

  public Double getTheta() {
    return theta;
  }

  public void setTheta(Double theta) {
    this.theta = theta;
  }

  public Integer getPointCount() {
    return pointCount;
  }

  public void setPointCount(Integer pointCount) {
    this.pointCount = pointCount;
  }
}
