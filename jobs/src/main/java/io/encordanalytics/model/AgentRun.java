package io.encordanalytics.model;

import java.util.List;

/** RUN_AGENT events. */
public class AgentRun extends ActionRow {
  private static final long serialVersionUID = 1L;

  private List<String> objectHashes;
  private String agentUuid;
  private String agentEndpoint;
  private String agentTitle;
  private String agentDescription;
  private Boolean success;

  public AgentRun() {}

  public List<String> getObjectHashes() {
    return objectHashes;
  }

  public void setObjectHashes(List<String> objectHashes) {
    this.objectHashes = objectHashes;
  }

  public String getAgentUuid() {
    return agentUuid;
  }

  public void setAgentUuid(String agentUuid) {
    this.agentUuid = agentUuid;
  }

  public String getAgentEndpoint() {
    return agentEndpoint;
  }

  public void setAgentEndpoint(String agentEndpoint) {
    this.agentEndpoint = agentEndpoint;
  }

  public String getAgentTitle() {
    return agentTitle;
  }

  public void setAgentTitle(String agentTitle) {
    this.agentTitle = agentTitle;
  }

  public String getAgentDescription() {
    return agentDescription;
  }

  public void setAgentDescription(String agentDescription) {
    this.agentDescription = agentDescription;
  }

  public Boolean getSuccess() {
    return success;
  }

  public void setSuccess(Boolean success) {
    this.success = success;
  }
}
