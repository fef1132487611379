package io.encordanalytics.model;

import java.io.Serializable;

/** One input record: its raw text and either a parsed event or a quarantine reason. */
public class ParsedRecord implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Path of the file the record came from. */
  private String sourceFile;

  /** Position of the file in path order within the run. */
  private Integer fileOrder;

  /** Position of the record within its file. */
  private Long recordIndex;

  /** The record's text as read. */
  private String raw;

  /** Why the record was quarantined; null for a valid event. */
  private String reason;

  /** The parsed event; null when quarantined. */
  private Event event;

  public ParsedRecord() {}

  public String getSourceFile() {
    return sourceFile;
  }

  public void setSourceFile(String sourceFile) {
    this.sourceFile = sourceFile;
  }

  public Integer getFileOrder() {
    return fileOrder;
  }

  public void setFileOrder(Integer fileOrder) {
    this.fileOrder = fileOrder;
  }

  public Long getRecordIndex() {
    return recordIndex;
  }

  public void setRecordIndex(Long recordIndex) {
    this.recordIndex = recordIndex;
  }

  public String getRaw() {
    return raw;
  }

  public void setRaw(String raw) {
    this.raw = raw;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public Event getEvent() {
    return event;
  }

  public void setEvent(Event event) {
    this.event = event;
  }
}
