package io.encordanalytics.model;

/** Label-log video playback incidents (30, 31, 32). */
public class PlaybackEvent extends ActionRow {
  private static final long serialVersionUID = 1L;

  /** buffering, bitrate_warning or seeking. */
  private String incidentType;

  private Integer frame;

  public PlaybackEvent() {}

  public String getIncidentType() {
    return incidentType;
  }

  public void setIncidentType(String incidentType) {
    this.incidentType = incidentType;
  }

  public Integer getFrame() {
    return frame;
  }

  public void setFrame(Integer frame) {
    this.frame = frame;
  }
}
