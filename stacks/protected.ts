import * as pulumi from "@pulumi/pulumi";
import * as gcp from "@pulumi/gcp";
import { toApiSchema } from "../src/model/columns";
import type { DatasetModel, TableModel, ViewModel } from "../src/model/types";

/**
 * The one place datasets, tables and views are created, so their safety options cannot be
 * forgotten: datasets and base tables are protected and retained on delete; tables carry
 * BigQuery's own deletion protection; datasets never delete their contents.
 *
 * Views hold derived data only. They are not engine-protected, so that a reviewed entry in the
 * guard's allowlist can replace one (a materialized view's SQL cannot be altered in place); the
 * plan guard rejects every other destructive step on them.
 */
const KEEP: pulumi.CustomResourceOptions = { protect: true, retainOnDelete: true };

export function protectedDataset(
  dataset: DatasetModel,
  project: string,
  location: string,
  extra: Partial<gcp.bigquery.DatasetArgs>,
  opts: pulumi.CustomResourceOptions,
): gcp.bigquery.Dataset {
  return new gcp.bigquery.Dataset(
    dataset.datasetId,
    {
      ...extra,
      project,
      datasetId: dataset.datasetId,
      location,
      description: dataset.description,
      labels: { ...dataset.labels },
      deleteContentsOnDestroy: false,
    },
    { ...opts, ...KEEP },
  );
}

export function protectedTable(
  dataset: gcp.bigquery.Dataset,
  datasetId: string,
  table: TableModel,
  project: string,
  opts: pulumi.CustomResourceOptions,
): gcp.bigquery.Table {
  return new gcp.bigquery.Table(
    `${datasetId}.${table.tableId}`,
    {
      project,
      datasetId: dataset.datasetId,
      tableId: table.tableId,
      description: table.description,
      schema: JSON.stringify(toApiSchema(table.columns)),
      timePartitioning: table.timePartitioning ? { ...table.timePartitioning } : undefined,
      rangePartitioning: table.rangePartitioning
        ? {
            field: table.rangePartitioning.field,
            range: { start: table.rangePartitioning.start, end: table.rangePartitioning.end, interval: table.rangePartitioning.interval },
          }
        : undefined,
      clusterings: table.clustering.length > 0 ? [...table.clustering] : undefined,
      requirePartitionFilter: table.requirePartitionFilter || undefined,
      labels: { ...table.labels },
      deletionProtection: true,
    },
    { ...opts, ...KEEP },
  );
}

export function derivedView(
  dataset: gcp.bigquery.Dataset,
  datasetId: string,
  view: ViewModel,
  query: pulumi.Input<string>,
  project: string,
  opts: pulumi.CustomResourceOptions,
): gcp.bigquery.Table {
  const definition =
    view.kind === "materialized_view"
      ? { materializedView: { query, enableRefresh: true, refreshIntervalMs: (view.refreshIntervalMinutes ?? 15) * 60_000 } }
      : { view: { query, useLegacySql: false } };
  return new gcp.bigquery.Table(
    `${datasetId}.${view.tableId}`,
    {
      project,
      datasetId: dataset.datasetId,
      tableId: view.tableId,
      description: view.description,
      labels: { ...view.labels },
      deletionProtection: false,
      ...definition,
    },
    opts,
  );
}
