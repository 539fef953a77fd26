import type { CatalogRows } from "./rows";

/** What a status run needs from BigQuery: one project and location, the stack's datasets. */
export interface CatalogScope {
  readonly project: string;
  readonly location: string;
  /** The central dataset; its `org_profiles` table lists the orgs that have a profile row. */
  readonly centralDataset: string;
  /** Every dataset the stack declares (central first); a reader may return more rows, never fewer. */
  readonly datasets: readonly string[];
}

/** Reads the catalog rows of a scope: from a snapshot file or from BigQuery. */
export interface CatalogReader {
  read(scope: CatalogScope): Promise<CatalogRows>;
}
