/**
 * The one column normalization shared by the model, the guards and status.
 * Type aliases collapse to one canonical name, mode defaults to NULLABLE,
 * column order never matters and RECORD fields compare recursively.
 */

export const CANONICAL_TYPES = [
  "STRING",
  "BYTES",
  "INT64",
  "FLOAT64",
  "NUMERIC",
  "BIGNUMERIC",
  "BOOL",
  "TIMESTAMP",
  "DATE",
  "TIME",
  "DATETIME",
  "GEOGRAPHY",
  "JSON",
  "INTERVAL",
  "RANGE",
  "STRUCT",
] as const;
export type CanonicalType = (typeof CANONICAL_TYPES)[number];

export const MODES = ["NULLABLE", "REQUIRED", "REPEATED"] as const;
export type Mode = (typeof MODES)[number];

const TYPE_ALIASES: Readonly<Record<string, CanonicalType>> = {
  INTEGER: "INT64",
  FLOAT: "FLOAT64",
  BOOLEAN: "BOOL",
  RECORD: "STRUCT",
  DECIMAL: "NUMERIC",
  BIGDECIMAL: "BIGNUMERIC",
};

/** The names BigQuery's tables API returns; rendering with them keeps the provider's diff quiet. */
const API_TYPE_NAMES: Readonly<Record<CanonicalType, string>> = {
  STRING: "STRING",
  BYTES: "BYTES",
  INT64: "INTEGER",
  FLOAT64: "FLOAT",
  NUMERIC: "NUMERIC",
  BIGNUMERIC: "BIGNUMERIC",
  BOOL: "BOOLEAN",
  TIMESTAMP: "TIMESTAMP",
  DATE: "DATE",
  TIME: "TIME",
  DATETIME: "DATETIME",
  GEOGRAPHY: "GEOGRAPHY",
  JSON: "JSON",
  INTERVAL: "INTERVAL",
  RANGE: "RANGE",
  STRUCT: "RECORD",
};

export interface Column {
  readonly name: string;
  readonly type: CanonicalType;
  readonly mode: Mode;
  readonly description?: string;
  /** Present (possibly empty) only for STRUCT columns. */
  readonly fields?: readonly Column[];
}

/** Returns the canonical name of a BigQuery type, or undefined when the type is unknown. */
export function canonicalType(raw: string): CanonicalType | undefined {
  const upper = raw.trim().toUpperCase();
  const aliased = TYPE_ALIASES[upper];
  if (aliased) return aliased;
  return (CANONICAL_TYPES as readonly string[]).includes(upper) ? (upper as CanonicalType) : undefined;
}

export function canonicalMode(raw: string | undefined): Mode | undefined {
  if (raw === undefined || raw === "") return "NULLABLE";
  const upper = raw.trim().toUpperCase();
  return (MODES as readonly string[]).includes(upper) ? (upper as Mode) : undefined;
}

export function apiTypeName(type: CanonicalType): string {
  return API_TYPE_NAMES[type];
}

/** Column names compare case-insensitively in BigQuery. */
export function columnKey(name: string): string {
  return name.toLowerCase();
}

/** A column as the BigQuery tables API and `bq show --schema` spell it. */
export interface ApiColumn {
  name: string;
  type: string;
  mode?: string;
  description?: string;
  fields?: ApiColumn[];
}

export function toApiSchema(columns: readonly Column[]): ApiColumn[] {
  return columns.map((column) => {
    const api: ApiColumn = { name: column.name, type: apiTypeName(column.type), mode: column.mode };
    if (column.description) api.description = column.description;
    if (column.fields) api.fields = toApiSchema(column.fields);
    return api;
  });
}

/**
 * Reads a schema that is already known to be well formed (the model's own output, a lock, a
 * preview's schema string). Unknown types are kept verbatim upper-cased so that a comparison
 * reports them instead of hiding them.
 */
export function fromApiSchema(columns: readonly ApiColumn[]): Column[] {
  return columns.map((api) => {
    const type = canonicalType(api.type) ?? (api.type.toUpperCase() as CanonicalType);
    const mode = canonicalMode(api.mode) ?? (String(api.mode).toUpperCase() as Mode);
    const column: Column = {
      name: api.name,
      type,
      mode,
      ...(api.description ? { description: api.description } : {}),
      ...(type === "STRUCT" ? { fields: fromApiSchema(api.fields ?? []) } : {}),
    };
    return column;
  });
}

/** A column with its position in the tree: `credits.amount` for a nested field. */
export interface FieldPath {
  readonly path: string;
  readonly type: CanonicalType;
  readonly mode: Mode;
}

export function flattenColumns(columns: readonly Column[], prefix = ""): FieldPath[] {
  const out: FieldPath[] = [];
  for (const column of columns) {
    const path = prefix + column.name;
    out.push({ path, type: column.type, mode: column.mode });
    if (column.fields) out.push(...flattenColumns(column.fields, path + "."));
  }
  return out;
}

/**
 * `base ∪ addition`: every column of base keeps its definition; columns and nested fields that
 * only addition has are appended in addition's order.
 */
export function unionColumns(base: readonly Column[], addition: readonly Column[]): Column[] {
  const byKey = new Map(addition.map((column) => [columnKey(column.name), column]));
  const merged: Column[] = base.map((column) => {
    const other = byKey.get(columnKey(column.name));
    if (!other || !column.fields || !other.fields) return column;
    return { ...column, fields: unionColumns(column.fields, other.fields) };
  });
  const baseKeys = new Set(base.map((column) => columnKey(column.name)));
  for (const column of addition) if (!baseKeys.has(columnKey(column.name))) merged.push(column);
  return merged;
}

export interface ColumnChange {
  readonly path: string;
  readonly before: { readonly type: CanonicalType; readonly mode: Mode };
  readonly after: { readonly type: CanonicalType; readonly mode: Mode };
}

export interface ColumnComparison {
  /** Paths in `before` that `after` lacks. */
  readonly removed: string[];
  /** Paths in `after` that `before` lacks. */
  readonly added: FieldPath[];
  /** Paths in both whose type or mode differ. */
  readonly changed: ColumnChange[];
}

/** Compares two column trees path by path, ignoring order and letter case of names. */
export function compareColumns(before: readonly Column[], after: readonly Column[]): ColumnComparison {
  const beforePaths = flattenColumns(before);
  const afterByKey = new Map(flattenColumns(after).map((field) => [columnKey(field.path), field]));
  const beforeKeys = new Set<string>();
  const removed: string[] = [];
  const changed: ColumnChange[] = [];
  for (const field of beforePaths) {
    const key = columnKey(field.path);
    beforeKeys.add(key);
    const other = afterByKey.get(key);
    if (!other) {
      removed.push(field.path);
    } else if (other.type !== field.type || other.mode !== field.mode) {
      changed.push({
        path: field.path,
        before: { type: field.type, mode: field.mode },
        after: { type: other.type, mode: other.mode },
      });
    }
  }
  const added = [...afterByKey.entries()].filter(([key]) => !beforeKeys.has(key)).map(([, field]) => field);
  return { removed, added, changed };
}

/** Only REQUIRED -> NULLABLE keeps data in place; every other mode change replaces the table. */
export function isSafeModeChange(before: Mode, after: Mode): boolean {
  return before === after || (before === "REQUIRED" && after === "NULLABLE");
}

/** What an add-only rule forbids between two column trees: the one definition both guards apply. */
export interface UnsafeColumnChanges {
  /** Columns and nested fields `after` lacks. */
  readonly removed: string[];
  /** Type changes beyond the aliases. */
  readonly typeChanged: ColumnChange[];
  /** Mode changes other than REQUIRED -> NULLABLE. */
  readonly modeChanged: ColumnChange[];
  /** REQUIRED columns or nested fields that `before` lacks. */
  readonly requiredAdded: FieldPath[];
}

export function unsafeColumnChanges(before: readonly Column[], after: readonly Column[]): UnsafeColumnChanges {
  const diff = compareColumns(before, after);
  return {
    removed: diff.removed,
    typeChanged: diff.changed.filter((change) => change.before.type !== change.after.type),
    modeChanged: diff.changed.filter((change) => !isSafeModeChange(change.before.mode, change.after.mode)),
    requiredAdded: diff.added.filter((field) => field.mode === "REQUIRED"),
  };
}
