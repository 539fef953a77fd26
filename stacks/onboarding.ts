import * as pulumi from "@pulumi/pulumi";
import { apiKeyProvider, metadataRowProvider } from "../src/metadata/providers";
import { apiKeyId, type ApiKeyInputs } from "../src/metadata/api-key";
import { rowId, type RowInputs } from "../src/metadata/row";
import type { OrgMetadata } from "../src/metadata/org-rows";
import { centralDependencies, type CentralDataset } from "./central";

/**
 * Metadata rows and keys are never deleted or replaced by the program (their providers' delete is
 * a no-op); protect and retainOnDelete say the same to the engine.
 */
const KEEP: pulumi.CustomResourceOptions = { protect: true, retainOnDelete: true };

/** Where the rows are written: the central dataset of this stack, or the one a shard stack references. */
interface Location {
  readonly project: pulumi.Input<string>;
  readonly dataset: pulumi.Input<string>;
}

/** One row of a central metadata table, kept in step with the registry by a parameterized MERGE. */
export class MetadataRow extends pulumi.dynamic.Resource {
  constructor(row: RowInputs, at: Location, opts: pulumi.CustomResourceOptions) {
    super(metadataRowProvider, rowId(row), { ...row, ...at }, { ...opts, ...KEEP });
  }
}

/** An org API key: its hash and prefix in `org_api_keys`, the key itself a secret output. */
export class OrgApiKey extends pulumi.dynamic.Resource {
  declare readonly apiKey: pulumi.Output<string>;
  declare readonly keyPrefix: pulumi.Output<string>;

  constructor(key: ApiKeyInputs, at: Location, opts: pulumi.CustomResourceOptions) {
    super(apiKeyProvider, apiKeyId(key), { ...key, ...at, apiKey: undefined, keyPrefix: undefined }, { ...opts, ...KEEP, additionalSecretOutputs: ["apiKey"] });
  }
}

export interface Onboarded {
  readonly rows: readonly MetadataRow[];
  readonly apiKey: OrgApiKey;
}

/** The org's metadata rows and API key, written once the central tables exist. */
export function onboardOrg(metadata: OrgMetadata, central: CentralDataset, parent: pulumi.Resource): Onboarded {
  const at: Location = { project: central.project, dataset: central.datasetId };
  // Each resource waits only for the central tables its statements write.
  const after = (tables: readonly string[]): pulumi.CustomResourceOptions => ({ parent, dependsOn: centralDependencies(central, tables) });
  return {
    rows: metadata.rows.map((row) => new MetadataRow(row, at, after(row.audit ? [row.table, row.audit.table] : [row.table]))),
    apiKey: new OrgApiKey(metadata.apiKey, at, after([metadata.apiKey.table])),
  };
}
