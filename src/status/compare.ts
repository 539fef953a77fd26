/**
 * Status: the model of one stack against the BigQuery catalog rows. Pure: no I/O.
 */
import { orgDatasetId } from "../model/build";
import type { DatasetModel, Model } from "../model/types";
import type { RegisteredOrg } from "../registry/load";
import type { CatalogRows } from "./catalog/rows";
import { indexCatalog, type CatalogIndex } from "./catalog-index";
import { compareDataset } from "./compare-dataset";
import { centralStack, notBootstrappedFix, notFoundFix, notInStackFix, notOnboardedFix, outOfSyncFix, profileOnlyFix } from "./fixes";
import { COMPARED, emptyDiff, hasMismatch, hasMissing, type BootstrapStatus, type OrgStatus, type StatusReport } from "./report";

export interface CompareOptions {
  /** Every registry org (also those not in the stack), for NOT_IN_STACK; defaults to the model's orgs. */
  readonly registry?: readonly RegisteredOrg[];
  /** Report this org only (matched case-insensitively); otherwise every org of the stack. */
  readonly org?: string;
}

/** The datasets a status run reads: central first, then every org dataset of the stack. */
export function stackDatasets(model: Model): string[] {
  return [model.bootstrap.datasetId, ...model.orgDatasets.map((dataset) => dataset.datasetId)];
}

function existingStatus(dataset: DatasetModel, index: CatalogIndex, stack: string): Omit<OrgStatus, "dataset"> {
  const diff = compareDataset(dataset, index.tables.get(dataset.datasetId));
  const synced = !hasMissing(diff) && !hasMismatch(diff);
  return { ...diff, status: synced ? "SYNCED" : "OUT_OF_SYNC", fix: synced ? null : outOfSyncFix(stack, diff) };
}

function bootstrapStatus(model: Model, index: CatalogIndex): BootstrapStatus {
  const dataset = model.bootstrap.datasetId;
  if (!index.datasets.has(dataset)) return { ...emptyDiff(), status: "NOT_BOOTSTRAPPED", dataset, fix: notBootstrappedFix(centralStack(model)) };
  const status = existingStatus(model.bootstrap, index, centralStack(model));
  return { ...status, status: status.status === "SYNCED" ? "SYNCED" : "OUT_OF_SYNC", dataset };
}

function orgInStackStatus(model: Model, dataset: DatasetModel, slug: string, index: CatalogIndex): OrgStatus {
  if (index.datasets.has(dataset.datasetId)) return { ...existingStatus(dataset, index, model.stack), dataset: dataset.datasetId };
  if (index.profiles.has(slug.toLowerCase())) {
    return {
      ...emptyDiff(),
      status: "PROFILE_ONLY",
      dataset: dataset.datasetId,
      // Everything the program declares for the org is missing until `pulumi up` recreates it.
      missing_tables: [...dataset.tables, ...dataset.views].map((table) => table.tableId),
      fix: profileOnlyFix(model.stack, dataset.datasetId, dataset.tables.length, dataset.views.length),
    };
  }
  return { ...emptyDiff(), status: "NOT_ONBOARDED", dataset: dataset.datasetId, fix: notOnboardedFix(model.stack, dataset.datasetId) };
}

function orgStatus(model: Model, slug: string, registry: readonly RegisteredOrg[], byDataset: ReadonlyMap<string, DatasetModel>, index: CatalogIndex): [string, OrgStatus] {
  const key = slug.toLowerCase();
  const registered = registry.find((org) => org.entry.org_slug.toLowerCase() === key);
  if (!registered) return [slug, { ...emptyDiff(), status: "NOT_FOUND", dataset: null, fix: notFoundFix(model.stack, slug, index.profiles.has(key)) }];
  const name = registered.entry.org_slug;
  const datasetId = orgDatasetId(name, model.settings.datasetSuffix);
  const dataset = byDataset.get(datasetId);
  if (!dataset) return [name, { ...emptyDiff(), status: "NOT_IN_STACK", dataset: datasetId, fix: notInStackFix(model, registered.entry, registered.file) }];
  return [name, orgInStackStatus(model, dataset, name, index)];
}

/**
 * Without `org`: the bootstrap, every org of the stack, and any org with a profile row that the
 * stack does not declare (NOT_IN_STACK or NOT_FOUND). With `org`: the bootstrap and that org.
 */
export function compareCatalog(model: Model, rows: CatalogRows, options: CompareOptions = {}): StatusReport {
  const registry = options.registry ?? model.orgs.map((org) => ({ entry: org.entry, file: `orgs/${org.slug}.yaml` }));
  const byDataset = new Map(model.orgDatasets.map((dataset) => [dataset.datasetId, dataset]));
  const index = indexCatalog(rows, new Set(stackDatasets(model)));
  const organizations: Record<string, OrgStatus> = {};
  const add = (slug: string) => {
    const [name, status] = orgStatus(model, slug, registry, byDataset, index);
    organizations[name] = status;
  };
  if (options.org !== undefined) {
    add(options.org);
  } else {
    for (const org of model.orgs) add(org.slug);
    const inStack = new Set(model.orgs.map((org) => org.slug.toLowerCase()));
    const profiled = [...new Set(rows.org_profiles.map((row) => row.org_slug))].filter((slug) => !inStack.has(slug.toLowerCase())).sort();
    for (const slug of profiled) add(slug);
  }
  return {
    stack: model.stack,
    project: model.settings.project,
    location: model.settings.location,
    bootstrap: bootstrapStatus(model, index),
    organizations,
    compared: COMPARED,
  };
}
