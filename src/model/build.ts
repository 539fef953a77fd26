import { CENTRAL_DATASET, CONFIG_KEYS, type StackSettings } from "../config/settings";
import type { RegisteredOrg } from "../registry/load";
import type { SchemaDir, SchemaSet, TableSpec } from "../schemas/load";
import { unionColumns, type Column } from "./columns";
import type { DatasetModel, Model, OrgModel, TableModel, ViewModel } from "./types";
import { renderViewQuery } from "./views";

/** BigQuery: at most 100 materialized views per base table from one project. */
export const MATERIALIZED_VIEWS_PER_BASE_TABLE = 100;
export const MATERIALIZED_VIEW_REFRESH_MINUTES = 15;
const MANAGED_BY_LABEL = { "managed-by": "cloudact-pulumi" };

/** Columns ever declared per table, keyed `<dir>/<table>`; see schemas/schema.lock.json. */
export type LockedColumns = Readonly<Record<string, readonly Column[]>>;

export interface ModelInput {
  readonly stack: string;
  readonly settings: StackSettings;
  readonly orgs: readonly RegisteredOrg[];
  readonly schemas: SchemaSet;
  readonly lock?: LockedColumns;
}

/** A rule of the model that the input breaks, tied to the stack setting that resolves it. */
export interface ModelIssue {
  readonly key: string;
  readonly message: string;
}

export function orgDatasetId(slug: string, suffix: string): string {
  return `${slug}_${suffix}`;
}

export function lockKey(dir: SchemaDir, tableId: string): string {
  return `${dir}/${tableId}`;
}

/** The registry environment a stack serves. */
export function stackEnvironment(stack: string, settings: Pick<StackSettings, "environment">): string {
  return settings.environment ?? stack;
}

/**
 * The orgs a stack onboards: those whose registry entry names the stack's environment, and for a
 * shard stack (role `orgs`) only those of its shard. An org's shard is written in its own file,
 * so adding an org never moves another one.
 */
export function orgsInStack(
  orgs: readonly RegisteredOrg[],
  stack: string,
  settings: Pick<StackSettings, "environment" | "role" | "shard"> = { role: "all" },
): RegisteredOrg[] {
  if (settings.role === "bootstrap") return [];
  const environment = stackEnvironment(stack, settings);
  return orgs.filter((org) => org.entry.environments.includes(environment) && (settings.role === "all" || org.entry.shard === settings.shard));
}

export function buildModel(input: ModelInput): { model: Model; issues: ModelIssue[] } {
  const { settings, schemas } = input;
  const stackLabels = { ...MANAGED_BY_LABEL, ...settings.labels, stack: input.stack };
  const bootstrap: DatasetModel = {
    datasetId: CENTRAL_DATASET,
    role: "bootstrap",
    org: null,
    description: "CloudAct central metadata: org profiles, keys, subscriptions, pipelines, audit, notifications, hierarchy.",
    labels: { ...stackLabels, role: "bootstrap" },
    tables: schemas.bootstrap.map((spec) => tableModel(spec, stackLabels, input.lock)),
    views: [],
  };
  const orgTables = schemas.org.map((spec) => tableModel(spec, stackLabels, input.lock));
  const orgs: OrgModel[] = orgsInStack(input.orgs, input.stack, settings).map(({ entry }) => ({
    slug: entry.org_slug,
    datasetId: orgDatasetId(entry.org_slug, settings.datasetSuffix),
    entry,
  }));
  const orgDatasets = orgs.map((org): DatasetModel => {
    const labels = { ...stackLabels, role: "org", org: org.slug.toLowerCase() };
    return {
      datasetId: org.datasetId,
      role: "org",
      org: org.slug,
      description: `CloudAct cost and usage data of ${org.entry.company_name} (${org.slug}).`,
      labels,
      tables: orgTables.map((table) => ({ ...table, labels: { ...table.labels, org: labels.org } })),
      views: schemas.views.map((view): ViewModel => {
        const materialized = settings.viewMode === "materialized" && view.materializable;
        return {
          kind: materialized ? "materialized_view" : "view",
          tableId: view.viewId,
          description: view.description,
          query: renderViewQuery(view, settings.project, CENTRAL_DATASET, org.slug),
          template: view.template,
          orgSlug: org.slug,
          baseTable: view.baseTable,
          refreshIntervalMinutes: materialized ? MATERIALIZED_VIEW_REFRESH_MINUTES : null,
          labels,
        };
      }),
    };
  });
  const model: Model = {
    stack: input.stack,
    environment: stackEnvironment(input.stack, settings),
    settings,
    bootstrap,
    declaresBootstrap: settings.role !== "orgs",
    orgs,
    orgDatasets,
  };
  return { model, issues: [...materializedViewCapIssues(model), ...resourceBudgetIssues(model)] };
}

function tableModel(spec: TableSpec, stackLabels: Record<string, string>, lock: LockedColumns | undefined): TableModel {
  const locked = lock?.[lockKey(spec.dir, spec.tableId)];
  const { options } = spec;
  const time = options.time_partitioning;
  const range = options.range_partitioning;
  return {
    kind: "table",
    tableId: spec.tableId,
    description: options.description,
    columns: locked ? unionColumns(locked, spec.columns) : spec.columns,
    timePartitioning: time
      ? {
          type: time.type,
          ...(time.field !== undefined ? { field: time.field } : {}),
          ...(time.expiration_days !== undefined ? { expirationMs: time.expiration_days * 86_400_000 } : {}),
        }
      : null,
    rangePartitioning: range ? { field: range.field, start: range.start, end: range.end, interval: range.interval } : null,
    clustering: options.clustering,
    requirePartitionFilter: options.require_partition_filter,
    labels: { ...stackLabels, ...options.labels },
  };
}

/** Counts materialized views per central base table; past BigQuery's cap the stack must use logical views. */
export function countMaterializedViews(datasets: readonly DatasetModel[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const dataset of datasets) {
    for (const view of dataset.views) {
      if (view.kind === "materialized_view") counts.set(view.baseTable, (counts.get(view.baseTable) ?? 0) + 1);
    }
  }
  return counts;
}

function materializedViewCapIssues(model: Model): ModelIssue[] {
  const issues: ModelIssue[] = [];
  for (const [baseTable, count] of countMaterializedViews(model.orgDatasets)) {
    if (count > MATERIALIZED_VIEWS_PER_BASE_TABLE) {
      issues.push({
        key: CONFIG_KEYS.viewMode,
        message:
          `${count} materialized views would read ${CENTRAL_DATASET}.${baseTable}, but BigQuery allows ` +
          `${MATERIALIZED_VIEWS_PER_BASE_TABLE} per base table per project; set ${CONFIG_KEYS.viewMode}: logical for stack ${model.stack}`,
      });
    }
  }
  return issues;
}

/** Per org beyond its dataset, tables and views: its component, 3 metadata rows and its API key. */
export const ORG_SUPPORT_RESOURCES = 5;
/** The central component, and with CMEK the key ring, key and grant. */
const BOOTSTRAP_SUPPORT_RESOURCES = 1;
const CMEK_RESOURCES = 3;
/** The stack itself and its default providers (gcp and dynamic), which the engine adds. */
export const STACK_SUPPORT_RESOURCES = 3;

/** How many resources a stack's state will hold: what the resource budget is checked against. */
export function countStackResources(model: Model): number {
  const central = model.declaresBootstrap
    ? BOOTSTRAP_SUPPORT_RESOURCES + 1 + model.bootstrap.tables.length + (model.settings.kms.enabled ? CMEK_RESOURCES : 0)
    : 0;
  const orgs = model.orgDatasets.reduce((sum, dataset) => sum + 1 + dataset.tables.length + dataset.views.length + ORG_SUPPORT_RESOURCES, 0);
  return STACK_SUPPORT_RESOURCES + central + orgs;
}

function resourceBudgetIssues(model: Model): ModelIssue[] {
  const count = countStackResources(model);
  if (count <= model.settings.resourceBudget) return [];
  return [
    {
      key: CONFIG_KEYS.resourceBudget,
      message:
        `stack ${model.stack} would hold ${count} resources, over its budget of ${model.settings.resourceBudget}; ` +
        `split the environment's orgs into shard stacks (role: orgs, shard: N; see docs/scale.md) or raise ${CONFIG_KEYS.resourceBudget}`,
    },
  ];
}
