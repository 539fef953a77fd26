import { fromApiSchema, toApiSchema, type ApiColumn } from "../model/columns";
import type { Registration } from "./mock-runtime";
import {
  DYNAMIC_TYPE,
  inventoryAccess,
  inventoryApiKey,
  inventoryMetadataRow,
  isApiKey,
  type InventoryAccess,
  type InventoryApiKey,
  type InventoryMetadataRow,
} from "./inventory-onboarding";
import { DATASET_TYPE, ORGANIZATION_COMPONENT, TABLE_TYPE } from "../model/resource-types";

export { DATASET_TYPE, TABLE_TYPE };

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
  /** The dataset's whole access list as registered. */
  access: InventoryAccess[];
  /** The Cloud KMS key of the dataset's default encryption, when CMEK is on. */
  kmsKeyName?: string;
  /** Org datasets: the org's rows in the central metadata tables. */
  metadata?: InventoryMetadataRow[];
  /** Org datasets: the org's API key resource. */
  apiKey?: InventoryApiKey;
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
      access: inventoryAccess(registration.inputs),
      ...kmsKey(registration.inputs),
      ...(isOrg ? { metadata: [] } : {}),
    });
  }
  for (const registration of registrations) {
    if (registration.type === TABLE_TYPE) {
      const table = inventoryTable(registration);
      const datasetId = stringInput(registration.inputs, "datasetId");
      const dataset = datasets.get(datasetId);
      if (dataset) dataset.tables.push(table);
      else otherResources.push({ type: registration.type, name: registration.name, protected: registration.protect });
    } else if (registration.type === DYNAMIC_TYPE && orgDataset(datasets, registration)) {
      const dataset = orgDataset(datasets, registration) as InventoryDataset;
      if (isApiKey(registration)) dataset.apiKey = inventoryApiKey(registration);
      else (dataset.metadata ??= []).push(inventoryMetadataRow(registration));
    } else if (registration.type !== DATASET_TYPE && registration.custom) {
      otherResources.push({ type: registration.type, name: registration.name, protected: registration.protect });
    }
  }
  const custom = registrations.filter((registration) => registration.custom);
  return {
    stack,
    project,
    location,
    datasets: [...datasets.values()].sort((a, b) => Number(a.role === "org") - Number(b.role === "org")),
    otherResources,
    resources: { total: custom.length, protected: custom.filter((registration) => registration.protect).length, byType },
  };
}

/** The org dataset whose Organization component a resource belongs to. */
function orgDataset(datasets: ReadonlyMap<string, InventoryDataset>, registration: Registration): InventoryDataset | undefined {
  const parent = parentOf(registration.parent);
  if (parent.type !== ORGANIZATION_COMPONENT) return undefined;
  return [...datasets.values()].find((dataset) => dataset.role === "org" && dataset.org === parent.name);
}

function kmsKey(inputs: Readonly<Record<string, unknown>>): { kmsKeyName?: string } {
  const encryption = inputs.defaultEncryptionConfiguration as { kmsKeyName?: unknown } | undefined;
  return typeof encryption?.kmsKeyName === "string" ? { kmsKeyName: encryption.kmsKeyName } : {};
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
