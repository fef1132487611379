-- The contract's six gold tables (../shared/contract/tables.md) computed by DuckDB straight from
-- the JSON Lines exports, for scripts/bench.sh. Run by DuckDbBaseline, which replaces the
-- ${...} placeholders and runs the statements in order (one per ';' at a line end).
--
-- Faithful to the pipeline (jobs/, GoldTransforms) for what the bench generator writes: both log
-- formats detected from the keys, snake_case and camelCase keys, every timestamp form of the
-- generator's TimestampForm, bad lines dropped, one row per event id, the same action kinds. Not
-- covered: JSON arrays and envelopes, gzip, event_information given as a JSON string.
--
-- Known difference: read_json finds records by parsing, not by line, so a line cut off inside a
-- value ('..."feature_hash":' then a newline) takes the next line with it when ignore_errors
-- skips it; the pipeline reads line by line and keeps that next event (about 1 in 100,000
-- records in the bench data). Records without an id are dropped here; the pipeline keeps them with
-- an id derived from their content, and users without a hash get the user of their e-mail there
-- (EventMapper, EmailUsers): the bench generator writes neither.

SET threads = ${threads};
SET TimeZone = 'UTC';
SET preserve_insertion_order = false;

-- An annotator entry: an {email, hash} object or a plain hash string (ActionTables.annotatorHash).
CREATE TEMP MACRO annotator_hash(x) AS
  CASE json_type(x)
    WHEN 'OBJECT' THEN coalesce(x ->> 'hash', x ->> 'user_hash', x ->> 'userHash')
    WHEN 'VARCHAR' THEN x ->> '$'
  END;

-- Every record, both formats, both key styles: an explicit column list, no inference.
CREATE TEMP TABLE raw AS
SELECT *
FROM read_json(
  ${files},
  format = 'newline_delimited',
  ignore_errors = true,
  filename = true,
  maximum_object_size = 67108864,
  columns = {
    -- label logs
    log_hash: 'VARCHAR', logHash: 'VARCHAR',
    user_hash: 'VARCHAR', userHash: 'VARCHAR',
    user_email: 'VARCHAR', userEmail: 'VARCHAR',
    identifier: 'VARCHAR', annotation_hash: 'VARCHAR', annotationHash: 'VARCHAR',
    data_hash: 'VARCHAR', dataHash: 'VARCHAR',
    action: 'VARCHAR',
    label_name: 'VARCHAR', labelName: 'VARCHAR',
    time_taken: 'BIGINT', timeTaken: 'BIGINT',
    created_at: 'VARCHAR', createdAt: 'VARCHAR',
    branch_name: 'VARCHAR', branchName: 'VARCHAR',
    -- editor logs
    id: 'VARCHAR',
    "timestamp": 'VARCHAR',
    actor_user_id: 'VARCHAR', actorUserId: 'VARCHAR',
    actor_user_email: 'VARCHAR', actorUserEmail: 'VARCHAR',
    data_unit_id: 'VARCHAR', dataUnitId: 'VARCHAR',
    workflow_task_id: 'VARCHAR', workflowTaskId: 'VARCHAR',
    workflow_stage_type: 'VARCHAR', workflowStageType: 'VARCHAR',
    object_hash: 'VARCHAR', objectHash: 'VARCHAR',
    classification_hash: 'VARCHAR', classificationHash: 'VARCHAR',
    event_information: 'JSON', eventInformation: 'JSON'
  });

-- One row per valid record in the unified event model (EventMapper), timestamps parsed.
CREATE TEMP TABLE parsed AS
WITH k AS (
  SELECT
    filename,
    coalesce(log_hash, logHash) AS log_hash_v,
    coalesce(created_at, createdAt) AS created_at_v,
    coalesce(user_hash, userHash) AS user_hash_v,
    coalesce(data_hash, dataHash) AS data_hash_v,
    coalesce(actor_user_id, actorUserId) AS actor_v,
    coalesce(data_unit_id, dataUnitId) AS data_unit_v,
    coalesce(workflow_task_id, workflowTaskId) AS task_v,
    coalesce(event_information, eventInformation) AS info,
    * EXCLUDE (filename)
  FROM raw
), f AS (
  SELECT
    *,
    CASE
      WHEN label_any AND NOT editor_any THEN 'label_log'
      WHEN editor_any AND NOT label_any THEN 'editor_log'
      WHEN NOT label_any THEN NULL
      WHEN log_hash_v IS NOT NULL THEN 'label_log'
      WHEN id IS NOT NULL THEN 'editor_log'
      WHEN try_cast(action AS BIGINT) IS NOT NULL THEN 'label_log'
      ELSE 'editor_log'
    END AS source_format
  FROM (
    SELECT
      *,
      coalesce(log_hash_v, created_at_v, user_hash_v, data_hash_v, identifier, annotation_hash,
               annotationHash, CAST(time_taken AS VARCHAR), CAST(timeTaken AS VARCHAR))
        IS NOT NULL AS label_any,
      coalesce(id, "timestamp", actor_v, data_unit_v, task_v, CAST(info AS VARCHAR),
               object_hash, objectHash, classification_hash, classificationHash)
        IS NOT NULL AS editor_any
    FROM k)
), e AS (
  SELECT
    filename,
    source_format,
    CASE source_format WHEN 'label_log' THEN log_hash_v ELSE id END AS event_id,
    CASE source_format WHEN 'label_log' THEN created_at_v ELSE "timestamp" END AS ts_text,
    action,
    CASE source_format WHEN 'label_log' THEN try_cast(action AS INTEGER) END AS action_code,
    CASE source_format WHEN 'label_log' THEN user_hash_v ELSE actor_v END AS user_id,
    CASE source_format
      WHEN 'label_log' THEN coalesce(user_email, userEmail)
      ELSE coalesce(actor_user_email, actorUserEmail)
    END AS user_email,
    CASE source_format WHEN 'label_log' THEN data_hash_v ELSE data_unit_v END AS data_unit_id,
    CASE source_format
      WHEN 'label_log' THEN coalesce(identifier, annotation_hash, annotationHash)
      ELSE coalesce(object_hash, objectHash, info ->> 'object_hash', info ->> 'objectHash',
                    classification_hash, classificationHash,
                    info ->> 'classification_hash', info ->> 'classificationHash')
    END AS label_id,
    coalesce(label_name, labelName, info ->> 'label_name', info ->> 'labelName') AS label_name,
    coalesce(branch_name, branchName) AS branch_name,
    CASE source_format WHEN 'editor_log' THEN task_v END AS workflow_task_id,
    CASE source_format
      WHEN 'editor_log' THEN coalesce(workflow_stage_type, workflowStageType)
    END AS workflow_stage_type,
    CASE source_format WHEN 'label_log' THEN coalesce(time_taken, timeTaken) END AS time_taken_ms,
    CASE source_format
      WHEN 'editor_log' THEN
        CASE lower(coalesce(info ->> 'is_consensus', info ->> 'isConsensus'))
          WHEN 'true' THEN true WHEN 'false' THEN false
        END
    END AS is_consensus,
    CASE WHEN source_format = 'editor_log' AND action = 'APPROVE_TASK' THEN info END AS task_info
  FROM f
  WHERE source_format IS NOT NULL
), t AS (
  SELECT
    * EXCLUDE (ts_text),
    -- The forms the generator's TimestampForm writes: ISO 8601 with Z or an offset, naive with a
    -- space or a T (UTC), each with or without fractions, and RFC 1123.
    try_strptime(trim(ts_text), [
      '%Y-%m-%dT%H:%M:%SZ', '%Y-%m-%dT%H:%M:%S.%fZ',
      '%Y-%m-%dT%H:%M:%S%z', '%Y-%m-%dT%H:%M:%S.%f%z',
      '%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M:%S.%f',
      '%Y-%m-%dT%H:%M:%S', '%Y-%m-%dT%H:%M:%S.%f',
      '%a, %d %b %Y %H:%M:%S GMT']) AS event_time
  FROM e
  WHERE event_id IS NOT NULL AND trim(event_id) <> ''
)
SELECT
  *,
  CAST(event_time AS DATE) AS event_date
FROM t
WHERE event_time IS NOT NULL
  AND year(event_time) BETWEEN ${min_year} AND ${max_year};

DROP TABLE raw;

-- One row per event id (the first copy in file path order: copies in the bench data are
-- byte-identical), with its kind, user key and task key (GoldTransforms.prepare, SilverEvents).
CREATE TEMP TABLE events AS
SELECT
  * EXCLUDE (filename, task_info),
  CASE
    WHEN source_format = 'label_log' THEN
      CASE action_code
        WHEN 0 THEN 'label_created' WHEN 1 THEN 'label_edited' WHEN 2 THEN 'label_deleted'
        WHEN 23 THEN 'attribute_created' WHEN 24 THEN 'attribute_edited'
        WHEN 25 THEN 'attribute_deleted' WHEN 11 THEN 'task_submitted'
        WHEN 12 THEN 'label_approved' WHEN 13 THEN 'label_rejected'
        WHEN 26 THEN 'attribute_approved' WHEN 27 THEN 'attribute_rejected'
        WHEN 33 THEN 'task_approved' WHEN 34 THEN 'task_rejected'
        WHEN 30 THEN 'buffering' WHEN 31 THEN 'bitrate_warning' WHEN 32 THEN 'seeking'
        WHEN 35 THEN 'consensus_label_approved' WHEN 36 THEN 'consensus_label_cancelled'
        WHEN 37 THEN 'consensus_in_agreement'
      END
    ELSE
      CASE action
        WHEN 'CREATE_OBJECT' THEN 'label_created' WHEN 'UPDATE_OBJECT' THEN 'label_edited'
        WHEN 'DELETE_OBJECT' THEN 'label_deleted' WHEN 'CREATE_ATTRIBUTE' THEN 'attribute_created'
        WHEN 'UPDATE_ATTRIBUTE' THEN 'attribute_edited'
        WHEN 'DELETE_ATTRIBUTE' THEN 'attribute_deleted'
        WHEN 'SUBMIT_TASK' THEN 'task_submitted' WHEN 'SKIP_TASK' THEN 'task_skipped'
        WHEN 'APPROVE_OBJECT' THEN 'label_approved' WHEN 'REJECT_OBJECT' THEN 'label_rejected'
        WHEN 'APPROVE_CLASSIFICATION' THEN 'attribute_approved'
        WHEN 'REJECT_CLASSIFICATION' THEN 'attribute_rejected'
        WHEN 'APPROVE_TASK' THEN 'task_approved' WHEN 'REJECT_TASK' THEN 'task_rejected'
      END
  END AS kind,
  CASE WHEN user_id IS NULL OR user_id = '' THEN 'unknown' ELSE user_id END AS user_key,
  CASE
    WHEN workflow_task_id IS NULL OR workflow_task_id = '' THEN data_unit_id
    ELSE workflow_task_id
  END AS task_key,
  -- Consensus approvals' annotator hashes ({email, hash} objects or plain hash strings).
  CASE WHEN task_info IS NOT NULL THEN
    list_distinct(list_filter(list_transform(
        coalesce(try_cast(task_info -> '$.selected_annotators' AS JSON[]),
                 try_cast(task_info -> '$.selectedAnnotators' AS JSON[]), [])
        || coalesce(try_cast(task_info -> '$.annotators_with_approved_labels' AS JSON[]),
                    try_cast(task_info -> '$.annotatorsWithApprovedLabels' AS JSON[]), []),
        x -> annotator_hash(x)), x -> x IS NOT NULL))
  END AS agreeing_hashes,
  annotator_hash(coalesce(task_info -> '$.winning_set_annotator',
                          task_info -> '$.winningSetAnnotator')) AS winning_hash
FROM parsed
QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY filename) = 1;

DROP TABLE parsed;

-- Per event, the active-time gap to the user's previous event (GoldTransforms.activeGaps).
CREATE TEMP TABLE gaps AS
WITH w AS (
  SELECT
    event_id, event_time, event_date, user_key, user_email, kind, time_taken_ms,
    data_unit_id,
    epoch_us(event_time) - epoch_us(lag(event_time) OVER u) AS gap_us,
    lag(data_unit_id) OVER u AS prev_unit
  FROM events
  WINDOW u AS (PARTITION BY user_key ORDER BY event_time, event_id)
)
SELECT
  *,
  CASE WHEN gap_us IS NOT NULL AND gap_us <= ${idle_us} THEN gap_us ELSE 0 END AS active_us
FROM w;

COPY (
  SELECT
    event_date,
    user_key AS user_id,
    arg_max(user_email, (event_time, event_id)) FILTER (WHERE user_email IS NOT NULL) AS user_email,
    count(*) FILTER (WHERE kind = 'label_created') AS labels_created,
    count(*) FILTER (WHERE kind = 'label_edited') AS labels_edited,
    count(*) FILTER (WHERE kind = 'label_deleted') AS labels_deleted,
    count(*) FILTER (WHERE kind = 'attribute_created') AS attributes_created,
    count(*) FILTER (WHERE kind = 'attribute_edited') AS attributes_edited,
    count(*) FILTER (WHERE kind = 'attribute_deleted') AS attributes_deleted,
    count(*) FILTER (WHERE kind = 'task_submitted') AS tasks_submitted,
    count(*) FILTER (WHERE kind = 'task_skipped') AS tasks_skipped,
    CAST(coalesce(sum(time_taken_ms), 0) AS BIGINT) AS label_time_ms,
    CAST(sum(active_us) // 1000 AS BIGINT) AS active_time_ms,
    CASE
      WHEN sum(active_us) // 1000 > 0
        THEN count(*) FILTER (WHERE kind = 'label_created') * 3600000.0 / (sum(active_us) // 1000)
    END AS labels_per_active_hour,
    count(*) AS events
  FROM gaps
  GROUP BY event_date, user_key
) TO '${out}/annotator_daily_activity.parquet' (FORMAT parquet);

-- Review events (GoldTransforms.reviews).
CREATE TEMP TABLE reviews AS
SELECT
  event_id, event_time, event_date, user_key, user_email, task_key, label_id, label_name,
  CASE
    WHEN kind LIKE 'label\_%' ESCAPE '\' THEN 'label'
    WHEN kind LIKE 'attribute\_%' ESCAPE '\' THEN 'attribute'
    ELSE 'task'
  END AS target_type,
  kind LIKE '%\_approved' ESCAPE '\' AS approved
FROM events
WHERE kind IN ('label_approved', 'label_rejected', 'attribute_approved', 'attribute_rejected',
               'task_approved', 'task_rejected');

-- Each review with whose work it reviewed (GoldTransforms.attributedReviews).
CREATE TEMP TABLE attributed AS
WITH creators AS (
  SELECT
    CASE kind WHEN 'label_created' THEN 'label' ELSE 'attribute' END AS target_type,
    label_id,
    arg_min(user_key, (event_time, event_id)) AS creator_id,
    arg_min(label_name, (event_time, event_id)) AS creator_label_name
  FROM events
  WHERE kind IN ('label_created', 'attribute_created') AND label_id IS NOT NULL
  GROUP BY ALL
), timeline AS (
  SELECT task_key, event_time, event_id, 1 AS order_class, user_key AS submitter,
         NULL::VARCHAR AS review_id
  FROM events
  WHERE kind = 'task_submitted' AND task_key IS NOT NULL
  UNION ALL
  SELECT task_key, event_time, event_id, 0, NULL, event_id
  FROM reviews
  WHERE target_type = 'task' AND task_key IS NOT NULL
), last_submitter AS (
  SELECT review_id AS event_id, submitter AS last_submitter
  FROM (
    SELECT
      review_id,
      last_value(submitter IGNORE NULLS) OVER (
        PARTITION BY task_key ORDER BY event_time, order_class, event_id
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS submitter
    FROM timeline)
  WHERE review_id IS NOT NULL
)
SELECT
  r.event_id, r.event_date, r.target_type, r.approved,
  coalesce(c.creator_id, 'unknown') AS annotator_id,
  coalesce(r.label_name, c.creator_label_name, 'unknown') AS label_name
FROM reviews r
LEFT JOIN creators c ON c.target_type = r.target_type AND c.label_id = r.label_id
WHERE r.target_type <> 'task'
UNION ALL
SELECT
  r.event_id, r.event_date, r.target_type, r.approved,
  coalesce(s.last_submitter, 'unknown'),
  NULL
FROM reviews r
LEFT JOIN last_submitter s USING (event_id)
WHERE r.target_type = 'task';

COPY (
  SELECT
    event_date, annotator_id, target_type, label_name,
    count(*) FILTER (WHERE approved) AS approved,
    count(*) FILTER (WHERE NOT approved) AS rejected,
    count(*) FILTER (WHERE NOT approved) / count(*) AS rejection_rate
  FROM attributed
  GROUP BY ALL
) TO '${out}/review_outcomes_daily.parquet' (FORMAT parquet);

COPY (
  SELECT
    event_date,
    user_key AS reviewer_id,
    target_type,
    arg_max(user_email, (event_time, event_id)) FILTER (WHERE user_email IS NOT NULL)
      AS reviewer_email,
    count(*) FILTER (WHERE approved) AS approved,
    count(*) FILTER (WHERE NOT approved) AS rejected
  FROM reviews
  GROUP BY event_date, user_key, target_type
) TO '${out}/reviewer_daily_decisions.parquet' (FORMAT parquet);

-- Consensus units: task keys with any consensus marker (GoldTransforms.consensusUnitKeys).
CREATE TEMP TABLE unit_events AS
SELECT
  e.*,
  e.branch_name IS NOT NULL AND e.branch_name <> 'main' AS non_main,
  e.kind = 'task_approved' AND coalesce(e.is_consensus, false) AS consensus_approval
FROM events e
SEMI JOIN (
  SELECT task_key
  FROM events
  WHERE task_key IS NOT NULL
    AND ((branch_name IS NOT NULL AND branch_name <> 'main')
         OR kind IN ('consensus_label_approved', 'consensus_label_cancelled',
                     'consensus_in_agreement')
         OR coalesce(workflow_stage_type, '') LIKE 'CONSENSUS\_%' ESCAPE '\'
         OR coalesce(is_consensus, false))
) k USING (task_key);

CREATE TEMP TABLE agreeing_hashes AS
SELECT DISTINCT task_key, unnest(agreeing_hashes) AS annotator_hash
FROM unit_events
WHERE consensus_approval;

CREATE TEMP TABLE units AS
WITH base AS (
  SELECT
    task_key,
    min(data_unit_id) AS data_unit_id,
    count(DISTINCT branch_name) FILTER (
      WHERE non_main AND kind IN ('label_created', 'label_edited', 'attribute_created',
                                  'task_submitted')) AS annotator_branches,
    count(DISTINCT branch_name) FILTER (
      WHERE non_main AND kind = 'consensus_in_agreement') AS agreeing_branch_count,
    count(*) FILTER (WHERE kind = 'consensus_label_approved')
      - count(*) FILTER (WHERE kind = 'consensus_label_cancelled') AS consensus_labels_approved,
    min(event_time) FILTER (WHERE kind = 'consensus_in_agreement' OR consensus_approval)
      AS decided_at,
    arg_max(winning_hash, (event_time, event_id)) FILTER (
      WHERE consensus_approval AND winning_hash IS NOT NULL) AS winning_user_id
  FROM unit_events
  GROUP BY task_key
), hashes AS (
  SELECT task_key, count(*) AS agreeing_annotator_count
  FROM agreeing_hashes
  GROUP BY task_key
)
SELECT
  task_key AS consensus_unit_id,
  data_unit_id,
  annotator_branches,
  agreeing_branch_count + coalesce(agreeing_annotator_count, 0) AS agreeing_branches,
  CASE
    WHEN annotator_branches > 0
      THEN (agreeing_branch_count + coalesce(agreeing_annotator_count, 0)) / annotator_branches
  END AS agreement_rate,
  decided_at IS NOT NULL AS consensus_reached,
  winning_user_id,
  consensus_labels_approved,
  decided_at,
  CAST(decided_at AS DATE) AS event_date
FROM base
LEFT JOIN hashes USING (task_key);

COPY (SELECT * FROM units) TO '${out}/consensus_units.parquet' (FORMAT parquet);

COPY (
  WITH owners AS (
    SELECT task_key, branch_name, arg_min(user_key, (-work, user_key)) AS owner_id
    FROM (
      SELECT task_key, branch_name, user_key, count(*) AS work
      FROM unit_events
      WHERE non_main AND kind IN ('label_created', 'label_edited', 'attribute_created',
                                  'task_submitted')
      GROUP BY ALL)
    GROUP BY task_key, branch_name
  ), agree_branches AS (
    SELECT DISTINCT task_key, branch_name, true AS branch_agrees
    FROM unit_events
    WHERE non_main AND kind = 'consensus_in_agreement'
  ), joined AS (
    SELECT
      u.event_date,
      o.owner_id,
      o.task_key,
      u.winning_user_id,
      coalesce(b.branch_agrees, false) OR h.annotator_hash IS NOT NULL AS agrees
    FROM owners o
    JOIN units u ON u.consensus_unit_id = o.task_key AND u.consensus_reached
    LEFT JOIN agree_branches b USING (task_key, branch_name)
    LEFT JOIN agreeing_hashes h ON h.task_key = o.task_key AND h.annotator_hash = o.owner_id
  )
  SELECT
    event_date,
    owner_id AS user_id,
    count(DISTINCT task_key) AS consensus_units,
    count(DISTINCT task_key) FILTER (WHERE agrees) AS units_in_agreement,
    count(DISTINCT task_key) FILTER (WHERE agrees) / count(DISTINCT task_key) AS agreement_rate,
    count(DISTINCT task_key) FILTER (WHERE winning_user_id = owner_id) AS wins
  FROM joined
  GROUP BY event_date, owner_id
) TO '${out}/annotator_consensus_daily.parquet' (FORMAT parquet);

COPY (
  WITH playback AS (
    SELECT
      event_date, data_unit_id, user_key, kind,
      epoch_us(event_time) - epoch_us(lag(event_time) OVER (
        PARTITION BY user_key, data_unit_id ORDER BY event_time, event_id)) AS gap_us
    FROM events
    WHERE kind IN ('buffering', 'bitrate_warning', 'seeking')
  ), incidents AS (
    SELECT
      event_date, data_unit_id, user_key,
      count(*) FILTER (WHERE kind = 'buffering') AS buffering_events,
      count(*) FILTER (WHERE kind = 'bitrate_warning') AS bitrate_warnings,
      count(*) FILTER (WHERE kind = 'seeking') AS seeking_events,
      count(*) AS playback_events,
      count(*) FILTER (WHERE gap_us IS NULL OR gap_us >= ${gap_us}) AS incident_episodes
    FROM playback
    GROUP BY ALL
  ), active AS (
    SELECT event_date, data_unit_id, user_key, CAST(sum(active_us) // 1000 AS BIGINT) AS ms
    FROM gaps
    WHERE prev_unit IS NOT NULL AND prev_unit = data_unit_id AND active_us > 0
    GROUP BY ALL
  )
  SELECT
    i.event_date,
    i.data_unit_id,
    i.user_key AS user_id,
    buffering_events,
    bitrate_warnings,
    seeking_events,
    playback_events,
    incident_episodes,
    coalesce(a.ms, 0) AS active_time_ms,
    CASE WHEN coalesce(a.ms, 0) > 0 THEN playback_events * 3600000.0 / a.ms END
      AS incidents_per_active_hour
  FROM incidents i
  LEFT JOIN active a
    ON a.event_date = i.event_date
   AND a.data_unit_id IS NOT DISTINCT FROM i.data_unit_id
   AND a.user_key = i.user_key
) TO '${out}/playback_incidents_daily.parquet' (FORMAT parquet);
