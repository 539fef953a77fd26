import type * as pulumi from "@pulumi/pulumi";
import type { Model } from "../src/model/types";
import { Bootstrap } from "./bootstrap";
import { Organization } from "./organization";

export interface DeploymentOutputs {
  readonly centralDatasetId: pulumi.Output<string>;
  readonly organizations: Record<string, { datasetId: pulumi.Output<string>; tables: pulumi.Output<string>[] }>;
}

/** Renders a stack's model into resources; makes no decisions of its own. */
export function deploy(model: Model): DeploymentOutputs {
  const { project, location } = model.settings;
  const bootstrap = new Bootstrap(model.bootstrap.datasetId, { dataset: model.bootstrap, project, location });
  const centralTables = Object.values(bootstrap.tables);
  const organizations: DeploymentOutputs["organizations"] = {};
  for (const dataset of model.orgDatasets) {
    const slug = dataset.org ?? dataset.datasetId;
    const org = new Organization(slug, { dataset, project, location, centralTables });
    organizations[slug] = { datasetId: org.dataset.datasetId, tables: org.tableIds };
  }
  return { centralDatasetId: bootstrap.dataset.datasetId, organizations };
}
