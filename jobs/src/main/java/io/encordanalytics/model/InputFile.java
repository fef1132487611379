package io.encordanalytics.model;

import java.io.Serializable;

/** An input file found by discovery. */
public class InputFile implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Fully qualified path. */
  private String path;

  /** Size in bytes. */
  private Long size;

  /** Modification time, epoch milliseconds. */
  private Long modificationTime;

  /** Position in path order within the run. */
  private Integer fileOrder;

  public InputFile() {}

  public String getPath() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }

  public Long getSize() {
    return size;
  }

  public void setSize(Long size) {
    this.size = size;
  }

  public Long getModificationTime() {
    return modificationTime;
  }

  public void setModificationTime(Long modificationTime) {
    this.modificationTime = modificationTime;
  }

  public Integer getFileOrder() {
    return fileOrder;
  }

  public void setFileOrder(Integer fileOrder) {
    this.fileOrder = fileOrder;
  }
}
