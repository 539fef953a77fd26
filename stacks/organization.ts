import * as pulumi from "@pulumi/pulumi";
import type * as gcp from "@pulumi/gcp";
import type { DatasetModel } from "../src/model/types";
import { derivedView, protectedDataset, protectedTable } from "./protected";

export interface OrganizationArgs {
  readonly dataset: DatasetModel;
  readonly project: string;
  readonly location: string;
  /** Views read central tables, so they wait for them. */
  readonly centralTables: readonly pulumi.Resource[];
}

/** One organization's dataset `{slug}_{suffix}`: its tables and the per-org views of central tables. */
export class Organization extends pulumi.ComponentResource {
  readonly dataset: gcp.bigquery.Dataset;
  readonly tableIds: pulumi.Output<string>[];

  constructor(name: string, args: OrganizationArgs, opts?: pulumi.ComponentResourceOptions) {
    super("cloudact:bigquery:Organization", name, {}, opts);
    const { dataset, project, location } = args;
    this.dataset = protectedDataset(dataset, project, location, {}, { parent: this });
    const resources: gcp.bigquery.Table[] = dataset.tables.map((table) =>
      protectedTable(this.dataset, dataset.datasetId, table, project, { parent: this }),
    );
    for (const view of dataset.views) {
      resources.push(derivedView(this.dataset, dataset.datasetId, view, project, { parent: this, dependsOn: [...args.centralTables] }));
    }
    this.tableIds = resources.map((table) => pulumi.interpolate`${table.project}.${table.datasetId}.${table.tableId}`);
    this.registerOutputs({ datasetId: this.dataset.datasetId });
  }
}
