SELECT 'annotator_daily_activity' AS gold_table, 'rows' AS metric, CAST(count(*) AS DOUBLE) AS value FROM encord_gold.annotator_daily_activity
UNION ALL SELECT 'annotator_daily_activity', 'users', CAST(count(DISTINCT user_id) AS DOUBLE) FROM encord_gold.annotator_daily_activity
UNION ALL SELECT 'annotator_daily_activity', 'with_email', CAST(count(user_email) AS DOUBLE) FROM encord_gold.annotator_daily_activity
UNION ALL SELECT 'annotator_daily_activity', 'events', CAST(sum(events) AS DOUBLE) FROM encord_gold.annotator_daily_activity
UNION ALL SELECT 'annotator_daily_activity', 'labels_created', CAST(sum(labels_created) AS DOUBLE) FROM encord_gold.annotator_daily_activity
UNION ALL SELECT 'annotator_daily_activity', 'labels_edited', CAST(sum(labels_edited) AS DOUBLE) FROM encord_gold.annotator_daily_activity
UNION ALL SELECT 'annotator_daily_activity', 'labels_deleted', CAST(sum(labels_deleted) AS DOUBLE) FROM encord_gold.annotator_daily_activity
UNION ALL SELECT 'annotator_daily_activity', 'attributes_created', CAST(sum(attributes_created) AS DOUBLE) FROM encord_gold.annotator_daily_activity
UNION ALL SELECT 'annotator_daily_activity', 'attributes_edited', CAST(sum(attributes_edited) AS DOUBLE) FROM encord_gold.annotator_daily_activity
UNION ALL SELECT 'annotator_daily_activity', 'attributes_deleted', CAST(sum(attributes_deleted) AS DOUBLE) FROM encord_gold.annotator_daily_activity
UNION ALL SELECT 'annotator_daily_activity', 'tasks_submitted', CAST(sum(tasks_submitted) AS DOUBLE) FROM encord_gold.annotator_daily_activity
UNION ALL SELECT 'annotator_daily_activity', 'tasks_skipped', CAST(sum(tasks_skipped) AS DOUBLE) FROM encord_gold.annotator_daily_activity
UNION ALL SELECT 'annotator_daily_activity', 'label_time_ms', CAST(sum(label_time_ms) AS DOUBLE) FROM encord_gold.annotator_daily_activity
UNION ALL SELECT 'annotator_daily_activity', 'active_time_ms', CAST(sum(active_time_ms) AS DOUBLE) FROM encord_gold.annotator_daily_activity
UNION ALL SELECT 'annotator_daily_activity', 'labels_per_active_hour', sum(labels_per_active_hour) FROM encord_gold.annotator_daily_activity
UNION ALL SELECT 'review_outcomes_daily', 'rows', CAST(count(*) AS DOUBLE) FROM encord_gold.review_outcomes_daily
UNION ALL SELECT 'review_outcomes_daily', 'annotators', CAST(count(DISTINCT annotator_id) AS DOUBLE) FROM encord_gold.review_outcomes_daily
UNION ALL SELECT 'review_outcomes_daily', 'unknown_annotator_rows', CAST(count(CASE WHEN annotator_id = 'unknown' THEN 1 END) AS DOUBLE) FROM encord_gold.review_outcomes_daily
UNION ALL SELECT 'review_outcomes_daily', 'label_names', CAST(count(DISTINCT label_name) AS DOUBLE) FROM encord_gold.review_outcomes_daily
UNION ALL SELECT 'review_outcomes_daily', 'approved', CAST(sum(approved) AS DOUBLE) FROM encord_gold.review_outcomes_daily
UNION ALL SELECT 'review_outcomes_daily', 'rejected', CAST(sum(rejected) AS DOUBLE) FROM encord_gold.review_outcomes_daily
UNION ALL SELECT 'review_outcomes_daily', 'rejected_task', CAST(sum(CASE WHEN target_type = 'task' THEN rejected END) AS DOUBLE) FROM encord_gold.review_outcomes_daily
UNION ALL SELECT 'review_outcomes_daily', 'rejection_rate', sum(rejection_rate) FROM encord_gold.review_outcomes_daily
UNION ALL SELECT 'reviewer_daily_decisions', 'rows', CAST(count(*) AS DOUBLE) FROM encord_gold.reviewer_daily_decisions
UNION ALL SELECT 'reviewer_daily_decisions', 'with_email', CAST(count(reviewer_email) AS DOUBLE) FROM encord_gold.reviewer_daily_decisions
UNION ALL SELECT 'reviewer_daily_decisions', 'approved', CAST(sum(approved) AS DOUBLE) FROM encord_gold.reviewer_daily_decisions
UNION ALL SELECT 'reviewer_daily_decisions', 'rejected', CAST(sum(rejected) AS DOUBLE) FROM encord_gold.reviewer_daily_decisions
UNION ALL SELECT 'consensus_units', 'rows', CAST(count(*) AS DOUBLE) FROM encord_gold.consensus_units
UNION ALL SELECT 'consensus_units', 'annotator_branches', CAST(sum(annotator_branches) AS DOUBLE) FROM encord_gold.consensus_units
UNION ALL SELECT 'consensus_units', 'agreeing_branches', CAST(sum(agreeing_branches) AS DOUBLE) FROM encord_gold.consensus_units
UNION ALL SELECT 'consensus_units', 'agreement_rate', sum(agreement_rate) FROM encord_gold.consensus_units
UNION ALL SELECT 'consensus_units', 'reached', CAST(count(CASE WHEN consensus_reached THEN 1 END) AS DOUBLE) FROM encord_gold.consensus_units
UNION ALL SELECT 'consensus_units', 'with_winner', CAST(count(winning_user_id) AS DOUBLE) FROM encord_gold.consensus_units
UNION ALL SELECT 'consensus_units', 'consensus_labels_approved', CAST(sum(consensus_labels_approved) AS DOUBLE) FROM encord_gold.consensus_units
UNION ALL SELECT 'consensus_units', 'decided_at_epoch_s', CAST(sum(unix_timestamp(decided_at)) AS DOUBLE) FROM encord_gold.consensus_units
UNION ALL SELECT 'consensus_units', 'decision_dates', CAST(count(DISTINCT event_date) AS DOUBLE) FROM encord_gold.consensus_units
UNION ALL SELECT 'annotator_consensus_daily', 'rows', CAST(count(*) AS DOUBLE) FROM encord_gold.annotator_consensus_daily
UNION ALL SELECT 'annotator_consensus_daily', 'consensus_units', CAST(sum(consensus_units) AS DOUBLE) FROM encord_gold.annotator_consensus_daily
UNION ALL SELECT 'annotator_consensus_daily', 'units_in_agreement', CAST(sum(units_in_agreement) AS DOUBLE) FROM encord_gold.annotator_consensus_daily
UNION ALL SELECT 'annotator_consensus_daily', 'agreement_rate', sum(agreement_rate) FROM encord_gold.annotator_consensus_daily
UNION ALL SELECT 'annotator_consensus_daily', 'wins', CAST(sum(wins) AS DOUBLE) FROM encord_gold.annotator_consensus_daily
UNION ALL SELECT 'playback_incidents_daily', 'rows', CAST(count(*) AS DOUBLE) FROM encord_gold.playback_incidents_daily
UNION ALL SELECT 'playback_incidents_daily', 'buffering_events', CAST(sum(buffering_events) AS DOUBLE) FROM encord_gold.playback_incidents_daily
UNION ALL SELECT 'playback_incidents_daily', 'bitrate_warnings', CAST(sum(bitrate_warnings) AS DOUBLE) FROM encord_gold.playback_incidents_daily
UNION ALL SELECT 'playback_incidents_daily', 'seeking_events', CAST(sum(seeking_events) AS DOUBLE) FROM encord_gold.playback_incidents_daily
UNION ALL SELECT 'playback_incidents_daily', 'playback_events', CAST(sum(playback_events) AS DOUBLE) FROM encord_gold.playback_incidents_daily
UNION ALL SELECT 'playback_incidents_daily', 'incident_episodes', CAST(sum(incident_episodes) AS DOUBLE) FROM encord_gold.playback_incidents_daily
UNION ALL SELECT 'playback_incidents_daily', 'active_time_ms', CAST(sum(active_time_ms) AS DOUBLE) FROM encord_gold.playback_incidents_daily
UNION ALL SELECT 'playback_incidents_daily', 'incidents_per_active_hour', sum(incidents_per_active_hour) FROM encord_gold.playback_incidents_daily
