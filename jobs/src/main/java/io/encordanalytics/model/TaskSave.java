package io.encordanalytics.model;

/** SAVE_TASK events (editor) and CLICK_SAVE (label logs). */
public class TaskSave extends ActionRow {
  private static final long serialVersionUID = 1L;

  private String saveType;
  private Boolean success;

  public TaskSave() {}

  public String getSaveType() {
    return saveType;
  }

  public void setSaveType(String saveType) {
    this.saveType = saveType;
  }

  public Boolean getSuccess() {
    return success;
  }

  public void setSuccess(Boolean success) {
    this.success = success;
  }
}
