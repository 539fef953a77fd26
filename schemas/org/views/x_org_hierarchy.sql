SELECT
  org_slug,
  entity_id,
  entity_name,
  level_code,
  parent_id,
  path,
  path_names,
  depth,
  owner_email,
  is_active,
  created_at,
  updated_at
FROM {{central}}.`org_hierarchy`
WHERE org_slug = {{org_slug}}
