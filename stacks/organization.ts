import * as pulumi from "@pulumi/pulumi";
import type * as gcp from "@pulumi/gcp";
import type { PrincipalAccess } from "../src/access/dataset-access";
import type { OrgMetadata } from "../src/metadata/org-rows";
import type { DatasetModel } from "../src/model/types";
import { datasetAccesses } from "./access";
import { centralDependencies, type CentralDataset } from "./central";
import { onboardOrg } from "./onboarding";
import { derivedView, protectedDataset, protectedTable } from "./protected";
import { ORGANIZATION_COMPONENT } from "../src/model/resource-types";

export interface OrganizationArgs {
  readonly dataset: DatasetModel;
  readonly project: string;
  readonly location: string;
  /** The central dataset the views read: this stack's own, or referenced from the bootstrap stack. */
  readonly central: CentralDataset;
  /** The dataset's whole access list. */
  readonly access: readonly PrincipalAccess[];
  /** The org's rows in the central metadata tables and its API key. */
  readonly metadata: OrgMetadata;
}

/** One organization's dataset `{slug}_{suffix}`: its tables, the per-org views of central tables, its metadata rows and key. */
export class Organization extends pulumi.ComponentResource {
  readonly dataset: gcp.bigquery.Dataset;
  /** `project.dataset.table` of every table and view: plain strings, known from the model. */
  readonly tableIds: string[];
  readonly apiKey: pulumi.Output<string>;

  constructor(name: string, args: OrganizationArgs, opts?: pulumi.ComponentResourceOptions) {
    super(ORGANIZATION_COMPONENT, name, {}, opts);
    const { dataset, project, location, central } = args;
    this.dataset = protectedDataset(dataset, project, location, { accesses: datasetAccesses(args.access) }, { parent: this });
    for (const table of dataset.tables) protectedTable(this.dataset, dataset.datasetId, table, project, { parent: this });
    for (const view of dataset.views) {
      derivedView(this.dataset, dataset.datasetId, view, central.query(view), project, {
        parent: this,
        dependsOn: centralDependencies(central, [view.baseTable]),
      });
    }
    // Not pulumi.interpolate over each table's outputs: an Output per table costs the SDK a chain of
    // promises (each capturing a stack trace) and the ids are known without it (docs/scale.md).
    this.tableIds = [...dataset.tables, ...dataset.views].map((table) => `${project}.${dataset.datasetId}.${table.tableId}`);
    this.apiKey = onboardOrg(args.metadata, central, this).apiKey.apiKey;
    this.registerOutputs({ datasetId: this.dataset.datasetId });
  }
}
