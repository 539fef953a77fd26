/** The status vocabulary and the report `cloudact status` prints (see docs/status.md). */

export const STATUSES = ["SYNCED", "OUT_OF_SYNC", "NOT_BOOTSTRAPPED", "PROFILE_ONLY", "NOT_ONBOARDED", "NOT_IN_STACK", "NOT_FOUND"] as const;
export type Status = (typeof STATUSES)[number];
export type BootstrapStatusName = "SYNCED" | "OUT_OF_SYNC" | "NOT_BOOTSTRAPPED";
export type OrgStatusName = "SYNCED" | "OUT_OF_SYNC" | "PROFILE_ONLY" | "NOT_ONBOARDED" | "NOT_IN_STACK" | "NOT_FOUND";

/** A column whose type or repeated-ness differs: only a manual migration fixes it. */
export interface TypeMismatch {
  readonly column: string;
  /** GoogleSQL spelling of what the model declares: `INT64`, `ARRAY<STRUCT>`. */
  readonly declared: string;
  /** The catalog's `data_type`, verbatim. */
  readonly actual: string;
}

/** Differences between what one dataset declares and what BigQuery holds; maps keyed by table. */
export interface DatasetDiff {
  readonly missing_tables: string[];
  readonly missing_columns: Record<string, string[]>;
  /** Harmless: columns BigQuery has and the model does not declare. */
  readonly extra_columns: Record<string, string[]>;
  readonly type_mismatches: Record<string, TypeMismatch[]>;
  /** Harmless: tables and views in the dataset that the model does not declare. */
  readonly extra_tables: string[];
}

/** How to get back to SYNCED: commands to run in order, and what to know first. */
export interface Fix {
  readonly commands: string[];
  readonly note: string;
}

export interface BootstrapStatus extends DatasetDiff {
  readonly status: BootstrapStatusName;
  readonly dataset: string;
  readonly fix: Fix | null;
}

export interface OrgStatus extends DatasetDiff {
  readonly status: OrgStatusName;
  /** The org's dataset id; null when the org is not in the registry. */
  readonly dataset: string | null;
  readonly fix: Fix | null;
}

export interface StatusReport {
  readonly stack: string;
  readonly project: string;
  readonly location: string;
  readonly bootstrap: BootstrapStatus;
  readonly organizations: Record<string, OrgStatus>;
  /** What the comparison can and cannot see. */
  readonly compared: string;
}

export const COMPARED =
  "tables, views, column names (case-insensitive), types (aliases normalized) and repeated-ness; " +
  "INFORMATION_SCHEMA cannot tell NULLABLE from REQUIRED, so mode is not compared";

export function emptyDiff(): DatasetDiff {
  return { missing_tables: [], missing_columns: {}, extra_columns: {}, type_mismatches: {}, extra_tables: [] };
}

export function hasMissing(diff: DatasetDiff): boolean {
  return diff.missing_tables.length > 0 || Object.keys(diff.missing_columns).length > 0;
}

export function hasMismatch(diff: DatasetDiff): boolean {
  return Object.keys(diff.type_mismatches).length > 0;
}

/** Every scope of the report, bootstrap first. */
export function allStatuses(report: StatusReport): Status[] {
  return [report.bootstrap.status, ...Object.values(report.organizations).map((org) => org.status)];
}

export function isAllSynced(report: StatusReport): boolean {
  return allStatuses(report).every((status) => status === "SYNCED");
}
