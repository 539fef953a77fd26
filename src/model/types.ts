import type { Column } from "./columns";
import type { OrgEntry } from "../registry/org-entry";
import type { StackSettings } from "../config/settings";

export interface TimePartitioning {
  readonly type: "DAY" | "HOUR" | "MONTH" | "YEAR";
  readonly field?: string;
  readonly expirationMs?: number;
}

export interface RangePartitioning {
  readonly field: string;
  readonly start: number;
  readonly end: number;
  readonly interval: number;
}

export interface TableModel {
  readonly kind: "table";
  readonly tableId: string;
  readonly description: string;
  /** `lock ∪ JSON`: every column ever declared stays declared. */
  readonly columns: readonly Column[];
  readonly timePartitioning: TimePartitioning | null;
  readonly rangePartitioning: RangePartitioning | null;
  readonly clustering: readonly string[];
  readonly requirePartitionFilter: boolean;
  readonly labels: Readonly<Record<string, string>>;
}

export interface ViewModel {
  readonly kind: "materialized_view" | "view";
  readonly tableId: string;
  readonly description: string;
  /** Rendered SQL: identifiers backtick-quoted, the org slug a validated string literal. */
  readonly query: string;
  /** The central table the view reads. */
  readonly baseTable: string;
  /** The SQL template and org, so a stack can render the query against referenced central values. */
  readonly template: string;
  readonly orgSlug: string;
  /** Materialized views only: the refresh cap, not a schedule. */
  readonly refreshIntervalMinutes: number | null;
  readonly labels: Readonly<Record<string, string>>;
}

export interface DatasetModel {
  readonly datasetId: string;
  readonly role: "bootstrap" | "org";
  /** The org slug, for org datasets. */
  readonly org: string | null;
  readonly description: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly tables: readonly TableModel[];
  readonly views: readonly ViewModel[];
}

export interface OrgModel {
  readonly slug: string;
  readonly datasetId: string;
  readonly entry: OrgEntry;
}

/** Everything one stack declares, as plain data: the components only map it to resources. */
export interface Model {
  readonly stack: string;
  /** The registry environment the stack serves: `environment` setting, else the stack name. */
  readonly environment: string;
  readonly settings: StackSettings;
  /** The central dataset. Declared by this stack unless its role is `orgs` (then it is referenced). */
  readonly bootstrap: DatasetModel;
  readonly declaresBootstrap: boolean;
  readonly orgs: readonly OrgModel[];
  readonly orgDatasets: readonly DatasetModel[];
}
