import type * as pulumi from "@pulumi/pulumi";
import { centralAccess, orgAccess } from "../src/access/dataset-access";
import { kmsLocation } from "../src/config/settings";
import { orgMetadata } from "../src/metadata/org-rows";
import type { Model } from "../src/model/types";
import { Bootstrap } from "./bootstrap";
import { ownCentral, referencedCentral, type CentralDataset } from "./central";
import { Organization } from "./organization";

export interface DeploymentOutputs {
  /** Only a stack that declares the central dataset exports it (shard stacks reference it). */
  readonly central: CentralDataset | null;
  readonly organizations: Record<string, { datasetId: pulumi.Output<string>; tables: string[] }>;
  /** Each org's API key, by slug: exported as a secret. */
  readonly apiKeys: Record<string, pulumi.Output<string>>;
}

/** Renders a stack's model into resources; makes no decisions of its own. */
export function deploy(model: Model): DeploymentOutputs {
  const { project, location, kms } = model.settings;
  let central: CentralDataset;
  let declared: CentralDataset | null = null;
  // The central dataset authorizes the org datasets' views, so it is written after them.
  let orgDatasetsDeclared: (datasets: pulumi.Resource[]) => void = () => undefined;
  const orgDatasets = new Promise<pulumi.Resource[]>((resolve) => (orgDatasetsDeclared = resolve));
  if (model.declaresBootstrap) {
    const bootstrap = new Bootstrap(model.bootstrap.datasetId, {
      dataset: model.bootstrap,
      project,
      location,
      access: centralAccess(model),
      accessTargets: orgDatasets,
      kms: kms.enabled ? { location: kmsLocation(model.settings), keyRing: kms.keyRing, key: kms.key } : null,
    });
    central = ownCentral(project, model.bootstrap.datasetId, bootstrap.tables);
    declared = central;
  } else {
    // role orgs: validation guarantees bootstrapStack is set.
    central = referencedCentral(model.settings.bootstrapStack ?? "");
  }
  const organizations: DeploymentOutputs["organizations"] = {};
  const apiKeys: DeploymentOutputs["apiKeys"] = {};
  const declaredDatasets: pulumi.Resource[] = [];
  const datasets = new Map(model.orgDatasets.map((dataset) => [dataset.datasetId, dataset]));
  for (const org of model.orgs) {
    const dataset = datasets.get(org.datasetId);
    if (!dataset) throw new Error(`the model has no dataset for org ${org.slug}`);
    const component = new Organization(org.slug, {
      dataset,
      project,
      location,
      central,
      access: orgAccess(model.settings, org),
      metadata: orgMetadata(model, org),
    });
    organizations[org.slug] = { datasetId: component.dataset.datasetId, tables: component.tableIds };
    apiKeys[org.slug] = component.apiKey;
    declaredDatasets.push(component.dataset);
  }
  orgDatasetsDeclared(declaredDatasets);
  return { central: declared, organizations, apiKeys };
}
