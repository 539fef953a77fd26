import * as pulumi from "@pulumi/pulumi";
import type * as gcp from "@pulumi/gcp";
import type { DatasetModel } from "../src/model/types";
import { protectedDataset, protectedTable } from "./protected";

export interface BootstrapArgs {
  readonly dataset: DatasetModel;
  readonly project: string;
  readonly location: string;
}

/** The central `organizations` dataset and its meta tables. */
export class Bootstrap extends pulumi.ComponentResource {
  readonly dataset: gcp.bigquery.Dataset;
  readonly tables: Readonly<Record<string, gcp.bigquery.Table>>;

  constructor(name: string, args: BootstrapArgs, opts?: pulumi.ComponentResourceOptions) {
    super("cloudact:bigquery:Bootstrap", name, {}, opts);
    const { dataset, project, location } = args;
    this.dataset = protectedDataset(dataset, project, location, {}, { parent: this });
    const tables: Record<string, gcp.bigquery.Table> = {};
    for (const table of dataset.tables) tables[table.tableId] = protectedTable(this.dataset, dataset.datasetId, table, project, { parent: this });
    this.tables = tables;
    this.registerOutputs({ datasetId: this.dataset.datasetId });
  }
}
