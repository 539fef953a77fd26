SELECT
  org_slug,
  channel_type,
  status,
  DATE(created_at) AS notification_date,
  COUNT(*) AS notification_count
FROM {{central}}.`org_notification_history`
WHERE org_slug = {{org_slug}}
GROUP BY org_slug, channel_type, status, DATE(created_at)
