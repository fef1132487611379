package io.encordanalytics.io;

import io.encordanalytics.config.Settings;
import java.util.ArrayList;
import java.util.List;

/** Names of every table the jobs write, by layer. Database names come from the settings. */
public final class Tables {
  public final TableId rawRecords;
  public final TableId events;
  public final TableId quarantine;
  public final TableId objectChanges;
  public final TableId attributeChanges;
  public final TableId reviewDecisions;
  public final TableId taskDecisions;
  public final TableId agentRuns;
  public final TableId taskSaves;
  public final TableId taskSkips;
  public final TableId playbackEvents;
  public final TableId consensusEvents;
  public final TableId eventKeys;
  public final TableId annotatorDailyActivity;
  public final TableId reviewOutcomesDaily;
  public final TableId reviewerDailyDecisions;
  public final TableId consensusUnits;
  public final TableId annotatorConsensusDaily;
  public final TableId playbackIncidentsDaily;
  public final TableId annotatorQualityDaily;
  public final TableId consensusGeometry;
  public final TableId dataUnitPlaybackHealth;
  public final TableId editorSessions;
  public final TableId taskTime;
  public final TableId annotatorSessionsDaily;
  public final TableId agentPrelabelDaily;
  public final TableId classificationAnswers;
  public final TableId classificationAgreement;
  public final TableId classificationAgreementByFeature;
  public final TableId jobRuns;
  public final TableId ingestedFiles;

  /**
   * Tables kept for rebuilding rather than queried (bronze): written and compacted with {@link
   * TableWriter#ARCHIVE_CODEC}.
   */
  public List<TableId> archives() {
    return List.of(rawRecords);
  }

  public Tables(Settings s) {
    rawRecords = new TableId(s.bronzeDb, "raw_records");
    events = new TableId(s.silverDb, "events");
    quarantine = new TableId(s.silverDb, "quarantine");
    objectChanges = new TableId(s.silverDb, "object_changes");
    attributeChanges = new TableId(s.silverDb, "attribute_changes");
    reviewDecisions = new TableId(s.silverDb, "review_decisions");
    taskDecisions = new TableId(s.silverDb, "task_decisions");
    agentRuns = new TableId(s.silverDb, "agent_runs");
    taskSaves = new TableId(s.silverDb, "task_saves");
    taskSkips = new TableId(s.silverDb, "task_skips");
    playbackEvents = new TableId(s.silverDb, "playback_events");
    consensusEvents = new TableId(s.silverDb, "consensus_events");
    eventKeys = new TableId(s.silverDb, "event_keys");
    annotatorDailyActivity = new TableId(s.goldDb, "annotator_daily_activity");
    reviewOutcomesDaily = new TableId(s.goldDb, "review_outcomes_daily");
    reviewerDailyDecisions = new TableId(s.goldDb, "reviewer_daily_decisions");
    consensusUnits = new TableId(s.goldDb, "consensus_units");
    annotatorConsensusDaily = new TableId(s.goldDb, "annotator_consensus_daily");
    playbackIncidentsDaily = new TableId(s.goldDb, "playback_incidents_daily");
    annotatorQualityDaily = new TableId(s.goldDb, "annotator_quality_daily");
    consensusGeometry = new TableId(s.goldDb, "consensus_geometry");
    dataUnitPlaybackHealth = new TableId(s.goldDb, "data_unit_playback_health");
    editorSessions = new TableId(s.goldDb, "editor_sessions");
    taskTime = new TableId(s.goldDb, "task_time");
    annotatorSessionsDaily = new TableId(s.goldDb, "annotator_sessions_daily");
    agentPrelabelDaily = new TableId(s.goldDb, "agent_prelabel_daily");
    classificationAnswers = new TableId(s.goldDb, "classification_answers");
    classificationAgreement = new TableId(s.goldDb, "classification_agreement");
    classificationAgreementByFeature = new TableId(s.goldDb, "classification_agreement_by_feature");
    jobRuns = new TableId(s.opsDb, "job_runs");
    ingestedFiles = new TableId(s.opsDb, "ingested_files");
  }

  /** Silver events and the per-action tables: the tables with a row per event and its user. */
  public List<TableId> eventTables() {
    return List.of(
        events,
        objectChanges,
        attributeChanges,
        reviewDecisions,
        taskDecisions,
        agentRuns,
        taskSaves,
        taskSkips,
        playbackEvents,
        consensusEvents);
  }

  /** Tables a nightly run may change, restored together when a run does not finish. */
  public List<TableId> transactional() {
    List<TableId> out = new ArrayList<>();
    out.add(rawRecords);
    out.addAll(eventTables());
    out.add(eventKeys);
    out.add(quarantine);
    out.addAll(
        List.of(
            annotatorDailyActivity,
            reviewOutcomesDaily,
            reviewerDailyDecisions,
            consensusUnits,
            annotatorConsensusDaily,
            playbackIncidentsDaily,
            annotatorQualityDaily,
            consensusGeometry,
            dataUnitPlaybackHealth,
            editorSessions,
            taskTime,
            annotatorSessionsDaily,
            agentPrelabelDaily,
            classificationAnswers,
            classificationAgreement,
            classificationAgreementByFeature,
            ingestedFiles));
    return List.copyOf(out);
  }
}
