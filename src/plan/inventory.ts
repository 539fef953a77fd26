import { fromApiSchema, toApiSchema, type ApiColumn } from "../model/columns";
import type { Registration } from "./mock-runtime";

export const DATASET_TYPE = "gcp:bigquery/dataset:Dataset";
export const TABLE_TYPE = "gcp:bigquery/table:Table";
export const ORGANIZATION_COMPONENT = "cloudact:bigquery:Organization";

export interface InventoryTable {
  tableId: string;
  kind: "table" | "view" | "materialized_view";
  protected: boolean;
  retainOnDelete: boolean;
  deletionProtection: boolean;
  columns?: ApiColumn[];
  timePartitioning?: unknown;
  clustering?: string[];
  query?: string;
  refreshIntervalMinutes?: number | null;
}

export interface InventoryDataset {
  datasetId: string;
  role: "bootstrap" | "org";
  org?: string;
  protected: boolean;
  retainOnDelete: boolean;
  deleteContentsOnDestroy: boolean;
  tables: InventoryTable[];
}

/** What `cloudact plan --json` prints: what the program registered, options included. */
export interface Inventory {
  stack: string;
  project: string;
  location: string;
  datasets: InventoryDataset[];
  otherResources: { type: string; name: string; protected: boolean }[];
  resources: { total: number; protected: number; byType: Record<string, number> };
}

/** The component name is the last URN segment; its type the last `$`-separated part of the type segment. */
function parentOf(urn: string): { type: string; name: string } {
  const parts = urn.split("::");
  const name = parts[parts.length - 1] ?? "";
  const typeChain = parts[parts.length - 2] ?? "";
  return { type: typeChain.split("$").pop() ?? "", name };
}

function stringInput(inputs: Readonly<Record<string, unknown>>, key: string): string {
  const value = inputs[key];
  return typeof value === "string" ? value : "";
}

export function buildInventory(stack: string, registrations: readonly Registration[]): Inventory {
  const datasets = new Map<string, InventoryDataset>();
  const otherResources: Inventory["otherResources"] = [];
  const byType: Record<string, number> = {};
  let project = "";
  let location = "";
  for (const registration of registrations) {
    byType[registration.type] = (byType[registration.type] ?? 0) + 1;
    if (registration.type !== DATASET_TYPE) continue;
    const datasetId = stringInput(registration.inputs, "datasetId");
    project ||= stringInput(registration.inputs, "project");
    location ||= stringInput(registration.inputs, "location");
    const parent = parentOf(registration.parent);
    const isOrg = parent.type === ORGANIZATION_COMPONENT;
    datasets.set(datasetId, {
      datasetId,
      role: isOrg ? "org" : "bootstrap",
      ...(isOrg ? { org: parent.name } : {}),
      protected: registration.protect,
      retainOnDelete: registration.retainOnDelete,
      deleteContentsOnDestroy: registration.inputs.deleteContentsOnDestroy === true,
      tables: [],
    });
  }
  for (const registration of registrations) {
    if (registration.type === TABLE_TYPE) {
      const table = inventoryTable(registration);
      const datasetId = stringInput(registration.inputs, "datasetId");
      const dataset = datasets.get(datasetId);
      if (dataset) dataset.tables.push(table);
      else otherResources.push({ type: registration.type, name: registration.name, protected: registration.protect });
    } else if (registration.type !== DATASET_TYPE && registration.custom) {
      otherResources.push({ type: registration.type, name: registration.name, protected: registration.protect });
    }
  }
  const custom = registrations.filter((registration) => registration.custom);
  return {
    stack,
    project,
    location,
    datasets: [...datasets.values()],
    otherResources,
    resources: { total: custom.length, protected: custom.filter((registration) => registration.protect).length, byType },
  };
}

function inventoryTable(registration: Registration): InventoryTable {
  const inputs = registration.inputs;
  const materialized = inputs.materializedView as { query?: string; refreshIntervalMs?: number } | undefined;
  const view = inputs.view as { query?: string } | undefined;
  const base = {
    tableId: stringInput(inputs, "tableId"),
    protected: registration.protect,
    retainOnDelete: registration.retainOnDelete,
    deletionProtection: inputs.deletionProtection === true,
  };
  if (materialized) {
    return {
      ...base,
      kind: "materialized_view",
      query: materialized.query ?? "",
      refreshIntervalMinutes: typeof materialized.refreshIntervalMs === "number" ? materialized.refreshIntervalMs / 60_000 : null,
    };
  }
  if (view) return { ...base, kind: "view", query: view.query ?? "" };
  const schema = stringInput(inputs, "schema");
  return {
    ...base,
    kind: "table",
    columns: schema ? toApiSchema(fromApiSchema(JSON.parse(schema) as ApiColumn[])) : [],
    timePartitioning: inputs.timePartitioning ?? null,
    clustering: Array.isArray(inputs.clusterings) ? (inputs.clusterings as string[]) : [],
  };
}
