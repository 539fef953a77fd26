import type { Registration } from "./mock-runtime";

/** Dynamic resources (the metadata rows and API keys) register with this type. */
export const DYNAMIC_TYPE = "pulumi-nodejs:dynamic:Resource";

/** One entry of a dataset's access list, as registered. */
export interface InventoryAccess {
  role: string | null;
  /** `user:`, `serviceAccount:`, `group:` or `domain:`; absent for an authorized dataset. */
  principal?: string;
  /** `project.dataset` whose views may read this dataset. */
  authorizedDataset?: string;
  targetTypes?: string[];
}

export interface InventoryMetadataRow {
  resource: string;
  table: string;
  key: Record<string, unknown>;
  columns: Record<string, unknown>;
  protected: boolean;
  retainOnDelete: boolean;
}

export interface InventoryApiKey {
  resource: string;
  table: string;
  keyVersion: number | null;
  scopes: string[];
  /** Outputs the engine keeps secret: the key itself. */
  secretOutputs: string[];
  protected: boolean;
  retainOnDelete: boolean;
}

interface RegisteredAccess {
  role?: string;
  userByEmail?: string;
  groupByEmail?: string;
  domain?: string;
  dataset?: { dataset?: { projectId?: string; datasetId?: string }; targetTypes?: string[] };
}

function principalOf(entry: RegisteredAccess): string | undefined {
  if (entry.groupByEmail) return `group:${entry.groupByEmail}`;
  if (entry.domain) return `domain:${entry.domain}`;
  if (entry.userByEmail) return `${entry.userByEmail.endsWith(".gserviceaccount.com") ? "serviceAccount" : "user"}:${entry.userByEmail}`;
  return undefined;
}

export function inventoryAccess(inputs: Readonly<Record<string, unknown>>): InventoryAccess[] {
  const accesses = Array.isArray(inputs.accesses) ? (inputs.accesses as RegisteredAccess[]) : [];
  return accesses.map((entry) => {
    const target = entry.dataset?.dataset;
    if (target) {
      return { role: entry.role ?? null, authorizedDataset: `${target.projectId ?? ""}.${target.datasetId ?? ""}`, targetTypes: entry.dataset?.targetTypes ?? [] };
    }
    const principal = principalOf(entry);
    return { role: entry.role ?? null, ...(principal ? { principal } : {}) };
  });
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
}

export function isApiKey(registration: Registration): boolean {
  return registration.type === DYNAMIC_TYPE && typeof registration.inputs.keyVersion === "number";
}

export function inventoryMetadataRow(registration: Registration): InventoryMetadataRow {
  return {
    resource: registration.name,
    table: String(registration.inputs.table ?? ""),
    key: record(registration.inputs.key),
    columns: record(registration.inputs.row),
    protected: registration.protect,
    retainOnDelete: registration.retainOnDelete,
  };
}

export function inventoryApiKey(registration: Registration): InventoryApiKey {
  const { inputs } = registration;
  return {
    resource: registration.name,
    table: String(inputs.table ?? ""),
    keyVersion: typeof inputs.keyVersion === "number" ? inputs.keyVersion : null,
    scopes: Array.isArray(inputs.scopes) ? inputs.scopes.map(String) : [],
    secretOutputs: [...registration.additionalSecretOutputs],
    protected: registration.protect,
    retainOnDelete: registration.retainOnDelete,
  };
}
