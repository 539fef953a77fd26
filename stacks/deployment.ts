import * as pulumi from "@pulumi/pulumi";
import type { Model } from "../src/model/types";
import { Bootstrap } from "./bootstrap";
import { referencedCentral, type CentralDataset } from "./central";
import { Organization } from "./organization";

export interface DeploymentOutputs {
  /** Only a stack that declares the central dataset exports it (shard stacks reference it). */
  readonly central: CentralDataset | null;
  readonly organizations: Record<string, { datasetId: pulumi.Output<string>; tables: pulumi.Output<string>[] }>;
}

/** Renders a stack's model into resources; makes no decisions of its own. */
export function deploy(model: Model): DeploymentOutputs {
  const { project, location } = model.settings;
  let central: CentralDataset;
  let declared: CentralDataset | null = null;
  if (model.declaresBootstrap) {
    const bootstrap = new Bootstrap(model.bootstrap.datasetId, { dataset: model.bootstrap, project, location });
    central = { project: bootstrap.dataset.project, datasetId: bootstrap.dataset.datasetId, tables: Object.values(bootstrap.tables) };
    declared = central;
  } else {
    // role orgs: validation guarantees bootstrapStack is set.
    central = referencedCentral(model.settings.bootstrapStack ?? "");
  }
  const organizations: DeploymentOutputs["organizations"] = {};
  for (const dataset of model.orgDatasets) {
    const slug = dataset.org ?? dataset.datasetId;
    const org = new Organization(slug, { dataset, project, location, central });
    organizations[slug] = { datasetId: org.dataset.datasetId, tables: org.tableIds };
  }
  return { central: declared, organizations };
}
