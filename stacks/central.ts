import * as pulumi from "@pulumi/pulumi";
import { CENTRAL_OUTPUTS } from "../src/config/settings";
import type { ViewModel } from "../src/model/types";
import { renderViewQuery } from "../src/model/views";

/** Where the central dataset lives, as the org components need it. */
export interface CentralDataset {
  readonly project: pulumi.Input<string>;
  readonly datasetId: pulumi.Input<string>;
  /** This stack's central tables by table id; empty when they belong to another stack. */
  readonly tables: Readonly<Record<string, pulumi.Resource>>;
  /** A view's SQL against this central dataset. */
  query(view: ViewModel): pulumi.Input<string>;
}

/**
 * The stack's own central dataset: its identity is known from the model, so views keep the SQL the
 * model rendered (no Output per view) and wait only for the tables they read.
 */
export function ownCentral(project: string, datasetId: string, tables: Readonly<Record<string, pulumi.Resource>>): CentralDataset {
  return { project, datasetId, tables, query: (view) => view.query };
}

/** A shard stack reads the central dataset's identity from the bootstrap stack instead of repeating it. */
export function referencedCentral(bootstrapStack: string): CentralDataset {
  const reference = new pulumi.StackReference(bootstrapStack);
  const project = reference.requireOutput(CENTRAL_OUTPUTS.project).apply(String);
  const datasetId = reference.requireOutput(CENTRAL_OUTPUTS.datasetId).apply(String);
  return {
    project,
    datasetId,
    tables: {},
    query: (view) => pulumi.all([project, datasetId]).apply(([centralProject, centralDatasetId]) => renderViewQuery(view, centralProject, centralDatasetId, view.orgSlug)),
  };
}

/** The central tables among `tableIds` that this stack declares: what a resource must wait for. */
export function centralDependencies(central: CentralDataset, tableIds: readonly string[]): pulumi.Resource[] {
  return tableIds.flatMap((tableId) => {
    const table = central.tables[tableId];
    return table ? [table] : [];
  });
}
