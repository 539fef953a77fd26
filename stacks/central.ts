import * as pulumi from "@pulumi/pulumi";
import { CENTRAL_OUTPUTS } from "../src/config/settings";

/** Where the central dataset lives, as the org components need it. */
export interface CentralDataset {
  readonly project: pulumi.Output<string>;
  readonly datasetId: pulumi.Output<string>;
  /** Central tables to wait for; empty when they belong to another stack. */
  readonly tables: readonly pulumi.Resource[];
}


/** A shard stack reads the central dataset's identity from the bootstrap stack instead of repeating it. */
export function referencedCentral(bootstrapStack: string): CentralDataset {
  const reference = new pulumi.StackReference(bootstrapStack);
  return {
    project: reference.requireOutput(CENTRAL_OUTPUTS.project).apply(String),
    datasetId: reference.requireOutput(CENTRAL_OUTPUTS.datasetId).apply(String),
    tables: [],
  };
}
