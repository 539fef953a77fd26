/** One department / project / team node of an org's hierarchy, as both reads return it. */
export interface OrgHierarchyNode {
  readonly org_slug: string;
  readonly entity_id: string;
  readonly entity_name: string | null;
  readonly level_code: string | null;
  readonly parent_id: string | null;
  readonly path: string | null;
  readonly path_names: string | null;
  readonly depth: number | null;
  readonly owner_email: string | null;
  readonly is_active: boolean | null;
  /** ISO 8601 timestamps, microsecond precision as BigQuery stores them. */
  readonly created_at: string;
  readonly updated_at: string | null;
}

/** The columns both reads select, in the view's order: the two sources return the same shape. */
export const HIERARCHY_COLUMNS = [
  "org_slug",
  "entity_id",
  "entity_name",
  "level_code",
  "parent_id",
  "path",
  "path_names",
  "depth",
  "owner_email",
  "is_active",
  "created_at",
  "updated_at",
] as const satisfies readonly (keyof OrgHierarchyNode)[];

/** A row the client returned that does not have the hierarchy's shape. */
export class HierarchyRowError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "HierarchyRowError";
  }
}

/** Converts a row as `@google-cloud/bigquery` parses it (TIMESTAMP as BigQueryTimestamp) into a node. */
export function toHierarchyNode(row: unknown, index: number): OrgHierarchyNode {
  if (row === null || typeof row !== "object") throw new HierarchyRowError(`row ${index} is not an object`);
  const record = row as Record<string, unknown>;
  const text = (column: string, required = false): string | null => {
    const value = record[column];
    if (value === null || value === undefined) {
      if (required) throw new HierarchyRowError(`row ${index}: ${column} is missing`);
      return null;
    }
    if (typeof value !== "string") throw new HierarchyRowError(`row ${index}: ${column} is not a string`);
    return value;
  };
  const timestamp = (column: string, required = false): string | null => {
    const value = record[column];
    if (value === null || value === undefined) {
      if (required) throw new HierarchyRowError(`row ${index}: ${column} is missing`);
      return null;
    }
    if (value instanceof Date) return value.toISOString();
    if (typeof value === "string") return microseconds(value);
    const wrapped = (value as { value?: unknown }).value;
    if (typeof wrapped === "string") return microseconds(wrapped);
    throw new HierarchyRowError(`row ${index}: ${column} is not a timestamp`);
  };
  const depth = record.depth;
  const active = record.is_active;
  if (depth !== null && depth !== undefined && !Number.isInteger(depth)) throw new HierarchyRowError(`row ${index}: depth is not an integer`);
  if (active !== null && active !== undefined && typeof active !== "boolean") throw new HierarchyRowError(`row ${index}: is_active is not a boolean`);
  return {
    org_slug: text("org_slug", true) ?? "",
    entity_id: text("entity_id", true) ?? "",
    entity_name: text("entity_name"),
    level_code: text("level_code"),
    parent_id: text("parent_id"),
    path: text("path"),
    path_names: text("path_names"),
    depth: (depth as number | null | undefined) ?? null,
    owner_email: text("owner_email"),
    is_active: (active as boolean | null | undefined) ?? null,
    created_at: timestamp("created_at", true) ?? "",
    updated_at: timestamp("updated_at"),
  };
}

/** BigQuery TIMESTAMPs have microsecond precision; the client prints nanoseconds (`.123456000Z`). */
function microseconds(iso: string): string {
  return iso.replace(/(\.\d{6})000Z$/, "$1Z");
}
