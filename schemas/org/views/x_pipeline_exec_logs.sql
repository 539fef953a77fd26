SELECT
  pipeline_logging_id,
  org_slug,
  pipeline_id,
  status,
  trigger_type,
  triggered_by,
  start_time,
  end_time,
  duration_ms,
  rows_processed,
  error_message,
  created_at
FROM {{central}}.`org_meta_pipeline_runs`
WHERE org_slug = {{org_slug}}
