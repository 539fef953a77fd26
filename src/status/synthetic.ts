/**
 * Synthetic catalog snapshots built from a model: what BigQuery would hold if every declared
 * dataset, table, view and column existed, minus what the options drop. For tests and benchmarks.
 */
import { CENTRAL_DATASET } from "../config/settings";
import { buildModel } from "../model/build";
import { catalogTypeOf } from "../model/catalog-types";
import type { Column } from "../model/columns";
import type { Model } from "../model/types";
import type { ProjectInputs } from "../project/load";
import type { RegisteredOrg } from "../registry/load";
import type { StackSettings } from "../config/settings";
import type { CatalogRows, ColumnRow } from "./catalog/rows";

export interface TableRef {
  readonly dataset: string;
  readonly table: string;
}

export interface ColumnRef extends TableRef {
  /** A top-level column or a nested path such as `credits.amount`. */
  readonly column: string;
}

export interface SyntheticCatalogOptions {
  /** Datasets BigQuery does not have (the central one included, for NOT_BOOTSTRAPPED). */
  readonly dropDatasets?: readonly string[];
  readonly dropTables?: readonly TableRef[];
  readonly dropColumns?: readonly ColumnRef[];
  /** Columns BigQuery has beyond the model's, with their catalog data_type. */
  readonly extraColumns?: ReadonlyArray<ColumnRef & { readonly dataType: string }>;
  /** Columns whose catalog data_type differs from the declared one. */
  readonly retypeColumns?: ReadonlyArray<ColumnRef & { readonly dataType: string }>;
  /** Org slugs with a profile row; default: every org of the model, unless the central dataset is dropped. */
  readonly profiles?: readonly string[];
}

function columnRows(dataset: string, table: string, columns: readonly Column[], topLevel: string | null, prefix: string, out: ColumnRow[]): void {
  for (const column of columns) {
    const path = prefix + column.name;
    out.push({ table_schema: dataset, table_name: table, column_name: topLevel ?? column.name, field_path: path, data_type: catalogTypeOf(column) });
    if (column.fields) columnRows(dataset, table, column.fields, topLevel ?? column.name, path + ".", out);
  }
}

const refKey = (ref: TableRef) => `${ref.dataset}\u0000${ref.table}`;
const lower = (text: string) => text.toLowerCase();

/** The columns without the dropped paths (lower-cased), so parents' STRUCT types lose them too. */
function prune(columns: readonly Column[], dropped: ReadonlySet<string>, prefix = ""): Column[] {
  const kept: Column[] = [];
  for (const column of columns) {
    const path = prefix + lower(column.name);
    if (dropped.has(path)) continue;
    kept.push(column.fields ? { ...column, fields: prune(column.fields, dropped, path + ".") } : column);
  }
  return kept;
}

/** A snapshot of the model's stack, as `cloudact status --snapshot` reads it. */
export function syntheticCatalog(model: Model, options: SyntheticCatalogOptions = {}): CatalogRows {
  const dropDatasets = new Set(options.dropDatasets ?? []);
  const dropTables = new Set((options.dropTables ?? []).map(refKey));
  const dropColumns = new Map<string, Set<string>>();
  for (const ref of options.dropColumns ?? []) {
    const paths = dropColumns.get(refKey(ref)) ?? new Set<string>();
    dropColumns.set(refKey(ref), paths.add(lower(ref.column)));
  }
  const retype = new Map((options.retypeColumns ?? []).map((ref) => [`${refKey(ref)}\u0000${lower(ref.column)}`, ref.dataType]));
  const datasets = [model.bootstrap, ...model.orgDatasets].filter((dataset) => !dropDatasets.has(dataset.datasetId));
  const columns: ColumnRow[] = [];
  for (const dataset of datasets) {
    for (const table of dataset.tables) {
      const key = refKey({ dataset: dataset.datasetId, table: table.tableId });
      if (dropTables.has(key)) continue;
      const dropped = dropColumns.get(key);
      columnRows(dataset.datasetId, table.tableId, dropped ? prune(table.columns, dropped) : table.columns, null, "", columns);
    }
    // A view's columns are derived; one row is enough to make it visible, as COLUMN_FIELD_PATHS does.
    for (const view of dataset.views) {
      if (dropTables.has(refKey({ dataset: dataset.datasetId, table: view.tableId }))) continue;
      columns.push({ table_schema: dataset.datasetId, table_name: view.tableId, column_name: "org_slug", field_path: "org_slug", data_type: "STRING" });
    }
  }
  if (retype.size > 0) {
    for (const [index, row] of columns.entries()) {
      const dataType = retype.get(`${refKey({ dataset: row.table_schema, table: row.table_name })}\u0000${lower(row.field_path)}`);
      if (dataType) columns[index] = { ...row, data_type: dataType };
    }
  }
  for (const extra of options.extraColumns ?? []) {
    const top = extra.column.split(".")[0] ?? extra.column;
    columns.push({ table_schema: extra.dataset, table_name: extra.table, column_name: top, field_path: extra.column, data_type: extra.dataType });
  }
  const central = !dropDatasets.has(CENTRAL_DATASET);
  const profiles = options.profiles ?? (central ? model.orgs.map((org) => org.slug) : []);
  return {
    schemata: datasets.map((dataset) => ({ schema_name: dataset.datasetId, location: model.settings.location })),
    columns,
    org_profiles: profiles.map((slug) => ({ org_slug: slug })),
  };
}

/** `count` registry entries cloned from `template`, slugs `org_000001`..., onboarded in `stack`. */
export function syntheticOrgs(template: RegisteredOrg, count: number, stack: string): RegisteredOrg[] {
  return Array.from({ length: count }, (_, index) => {
    const slug = `org_${String(index + 1).padStart(6, "0")}`;
    return { entry: { ...template.entry, org_slug: slug, environments: [stack] }, file: `orgs/${slug}.yaml` };
  });
}

/** A stack model with `count` synthetic orgs and the repo's real schemas and lock (logical views: no cap). */
export function syntheticModel(inputs: ProjectInputs, settings: StackSettings, stack: string, count: number): Model {
  const template = inputs.registry.orgs[0];
  if (!template) throw new Error("the registry has no org to clone");
  const { model } = buildModel({ stack, settings: { ...settings, viewMode: "logical" }, orgs: syntheticOrgs(template, count, stack), schemas: inputs.schemas, lock: inputs.lock });
  return model;
}
