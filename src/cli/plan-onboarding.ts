import type { InventoryDataset } from "../plan/inventory";

/** The summary lines under a dataset: its access list, CMEK key, metadata rows and API key. */
export function renderDatasetDetails(dataset: InventoryDataset): string[] {
  const lines: string[] = [];
  const principals = dataset.access.filter((entry) => entry.principal).map((entry) => `${entry.role} ${entry.principal}`);
  const authorized = dataset.access.filter((entry) => entry.authorizedDataset).length;
  const access = [...principals, ...(authorized > 0 ? [`views of ${authorized} org dataset${authorized === 1 ? "" : "s"} authorized`] : [])];
  lines.push(`      access: ${access.length > 0 ? access.join(", ") : "NONE DECLARED (BigQuery's defaults would apply)"}`);
  if (dataset.kmsKeyName) lines.push(`      encryption: customer-managed key ${dataset.kmsKeyName}`);
  if (dataset.metadata && dataset.metadata.length > 0) {
    lines.push(`      rows: ${dataset.metadata.map((row) => row.table).sort().join(", ")} (MERGE; never deleted)`);
  }
  if (dataset.apiKey) {
    lines.push(`      api key: ${dataset.apiKey.table} v${dataset.apiKey.keyVersion ?? "?"}, scopes ${dataset.apiKey.scopes.join(", ")}; secret output ${dataset.apiKey.secretOutputs.join(", ")}`);
  }
  return lines;
}
