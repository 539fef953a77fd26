import type { BigQuery } from "@google-cloud/bigquery";
import { CENTRAL_DATASET } from "../config/settings";
import { orgDatasetId } from "../model/build";
import { GCP_PROJECT_ID, quoteIdentifier } from "../model/identifiers";
import { ORG_SLUG_PATTERN } from "../registry/org-entry";
import { HIERARCHY_COLUMNS, toHierarchyNode, type OrgHierarchyNode } from "./rows";

export type { OrgHierarchyNode } from "./rows";

/** The per-org view (fast reads) and the central table it reads (the fallback). */
export const HIERARCHY_VIEW = "x_org_hierarchy";
export const HIERARCHY_TABLE = "org_hierarchy";

const DATASET_SUFFIX = /^[a-z0-9_]{1,20}$/;

export interface HierarchyDeps {
  /** A client of the deployment's project; CloudAct's services pass their own. */
  readonly bigquery: Pick<BigQuery, "query">;
  /** The GCP project holding `organizations` and the org datasets. */
  readonly projectId: string;
  /** Org datasets are `{slug}_{suffix}`; the stack's `datasetSuffix`, `prod` by default. */
  readonly datasetSuffix?: string;
  /** BigQuery location of the datasets (US, EU, a region); the client's default when absent. */
  readonly location?: string;
}

export interface OrgHierarchy {
  /** `view` when read from the org's `x_org_hierarchy`, `central` when from `organizations.org_hierarchy`. */
  readonly source: "view" | "central";
  /** The table read, as `project.dataset.table`. */
  readonly table: string;
  readonly nodes: readonly OrgHierarchyNode[];
}

/** The slug (or another identifier) is not one this program would ever have created. */
export class InvalidIdentifierError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidIdentifierError";
  }
}

/** Neither source could be read: carries both causes, never an empty result. */
export class OrgHierarchyReadError extends Error {
  constructor(
    readonly slug: string,
    readonly viewError: Error,
    readonly centralError: Error,
    view: string,
    central: string,
  ) {
    super(`cannot read the hierarchy of org "${slug}": view ${view}: ${viewError.message}; fallback ${central}: ${centralError.message}`);
    this.name = "OrgHierarchyReadError";
  }
}

/**
 * Reads an org's hierarchy from its own `x_org_hierarchy` view; when that view (or the org's
 * dataset) does not exist, from the central `organizations.org_hierarchy` filtered to the org.
 * The slug is validated before any identifier is built; it reaches SQL only as a query parameter
 * and inside backtick-quoted identifiers.
 */
export async function readOrgHierarchy(slug: string, deps: HierarchyDeps): Promise<OrgHierarchy> {
  if (!ORG_SLUG_PATTERN.test(slug)) throw new InvalidIdentifierError(`org slug ${JSON.stringify(slug)} must be 3-50 letters, digits or underscores`);
  if (!GCP_PROJECT_ID.test(deps.projectId)) throw new InvalidIdentifierError(`project id ${JSON.stringify(deps.projectId)} is not a GCP project id`);
  const suffix = deps.datasetSuffix ?? "prod";
  if (!DATASET_SUFFIX.test(suffix)) throw new InvalidIdentifierError(`dataset suffix ${JSON.stringify(suffix)} must be 1-20 lowercase letters, digits or underscores`);

  const view = [deps.projectId, orgDatasetId(slug, suffix), HIERARCHY_VIEW];
  const central = [deps.projectId, CENTRAL_DATASET, HIERARCHY_TABLE];
  try {
    return { source: "view", table: view.join("."), nodes: await select(deps, view, slug) };
  } catch (viewError) {
    if (!isNotFound(viewError)) throw viewError;
    try {
      return { source: "central", table: central.join("."), nodes: await select(deps, central, slug) };
    } catch (centralError) {
      throw new OrgHierarchyReadError(slug, asError(viewError), asError(centralError), view.join("."), central.join("."));
    }
  }
}

/** One parameterized read. The view is already filtered to the org; the filter is repeated as a guard. */
async function select(deps: HierarchyDeps, table: readonly string[], slug: string): Promise<OrgHierarchyNode[]> {
  const query =
    `SELECT ${HIERARCHY_COLUMNS.map(quoteIdentifier).join(", ")}\n` +
    `FROM ${table.map(quoteIdentifier).join(".")}\n` +
    "WHERE `org_slug` = @org_slug\n" +
    "ORDER BY `depth`, `path`, `entity_id`";
  const [rows] = await deps.bigquery.query({
    query,
    params: { org_slug: slug },
    types: { org_slug: "STRING" },
    ...(deps.location ? { location: deps.location } : {}),
  });
  return (rows as unknown[]).map(toHierarchyNode);
}

/** BigQuery's "does not exist" (table, view or dataset): HTTP 404, reason notFound. */
export function isNotFound(error: unknown): boolean {
  if (error === null || typeof error !== "object") return false;
  const { code, errors } = error as { code?: unknown; errors?: unknown };
  if (code === 404) return true;
  return Array.isArray(errors) && errors.some((item) => (item as { reason?: unknown } | null)?.reason === "notFound");
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
