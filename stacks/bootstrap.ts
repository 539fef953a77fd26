import * as pulumi from "@pulumi/pulumi";
import type * as gcp from "@pulumi/gcp";
import type { AccessEntry } from "../src/access/dataset-access";
import type { DatasetModel } from "../src/model/types";
import { datasetAccesses } from "./access";
import { centralKey, type CentralKeyArgs } from "./encryption";
import { protectedDataset, protectedTable } from "./protected";
import { BOOTSTRAP_COMPONENT } from "../src/model/resource-types";

export interface BootstrapArgs {
  readonly dataset: DatasetModel;
  readonly project: string;
  readonly location: string;
  /** The dataset's whole access list, authorized org datasets included. */
  readonly access: readonly AccessEntry[];
  /** Resources the access list names (the authorized org datasets): the dataset is written after them. */
  readonly accessTargets: Promise<pulumi.Resource[]>;
  /** Customer-managed encryption key, when the stack turns CMEK on. */
  readonly kms: Omit<CentralKeyArgs, "project"> | null;
}

/** The central `organizations` dataset and its meta tables. */
export class Bootstrap extends pulumi.ComponentResource {
  readonly dataset: gcp.bigquery.Dataset;
  readonly tables: Readonly<Record<string, gcp.bigquery.Table>>;

  constructor(name: string, args: BootstrapArgs, opts?: pulumi.ComponentResourceOptions) {
    super(BOOTSTRAP_COMPONENT, name, {}, opts);
    const { dataset, project, location } = args;
    const key = args.kms ? centralKey({ project, ...args.kms }, this) : null;
    const encryption = key ? { defaultEncryptionConfiguration: { kmsKeyName: key.kmsKeyName } } : {};
    const waitFor: Promise<pulumi.Resource[]> = key ? args.accessTargets.then((targets) => [...targets, key.grant]) : args.accessTargets;
    this.dataset = protectedDataset(
      dataset,
      project,
      location,
      { accesses: datasetAccesses(args.access), ...encryption },
      { parent: this, dependsOn: waitFor },
    );
    const tables: Record<string, gcp.bigquery.Table> = {};
    for (const table of dataset.tables) tables[table.tableId] = protectedTable(this.dataset, dataset.datasetId, table, project, { parent: this });
    this.tables = tables;
    this.registerOutputs({ datasetId: this.dataset.datasetId });
  }
}
