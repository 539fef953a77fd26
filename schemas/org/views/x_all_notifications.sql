SELECT
  notification_id,
  org_slug,
  channel_id,
  channel_type,
  rule_id,
  event_type,
  severity,
  status,
  subject,
  error_message,
  created_at,
  sent_at,
  delivered_at
FROM {{central}}.`org_notification_history`
WHERE org_slug = {{org_slug}}
