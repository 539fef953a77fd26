/**
 * Synthetic `pulumi preview --json` documents shaped like this project's stacks: per organization a
 * component, its dataset and its tables. For benchmarks and size tests; not used by the guard.
 */
import type { PreviewDocument, PreviewStep, ResourceState } from "./preview";
import { DATASET_TYPE, ORGANIZATION_COMPONENT as ORG_TYPE, TABLE_TYPE } from "../../model/resource-types";
import { PROJECT_NAME as PROJECT } from "../../config/settings";

const TABLES_PER_ORG = 22;

export interface SyntheticOptions {
  /** Number of steps in the document. */
  readonly steps: number;
  readonly stack?: string;
  /** Every n-th table is an `update` adding a NULLABLE column (0: none). */
  readonly updateEvery?: number;
  /** Every n-th table is an `update` dropping a column (0: none): a violation each. */
  readonly dropEvery?: number;
}

const BASE_COLUMNS = [
  { name: "org_slug", type: "STRING", mode: "REQUIRED" },
  { name: "usage_date", type: "DATE", mode: "REQUIRED" },
  { name: "cost", type: "NUMERIC", mode: "NULLABLE" },
];
const BASE_SCHEMA = JSON.stringify(BASE_COLUMNS);
const ADDED_SCHEMA = JSON.stringify([...BASE_COLUMNS, { name: "currency", type: "STRING", mode: "NULLABLE" }]);
const DROPPED_SCHEMA = JSON.stringify(BASE_COLUMNS.slice(0, 2));

function urn(stack: string, chain: string, name: string): string {
  return `urn:pulumi:${stack}::${PROJECT}::${chain}::${name}`;
}

function state(type: string, inputs: Record<string, unknown>, custom = true): ResourceState {
  return { type, inputs, outputs: {}, protect: custom, retainOnDelete: custom };
}

/** A document of exactly `options.steps` steps; deterministic for the same options. */
export function syntheticPreview(options: SyntheticOptions): PreviewDocument {
  const stack = options.stack ?? "dev";
  const updateEvery = options.updateEvery ?? 50;
  const dropEvery = options.dropEvery ?? 0;
  const steps: PreviewStep[] = [];
  let tableIndex = 0;
  for (let org = 0; steps.length < options.steps; org += 1) {
    const slug = `org_${org.toString().padStart(6, "0")}`;
    const dataset = `${slug}_prod`;
    const component = state(ORG_TYPE, {}, false);
    steps.push({ op: "same", urn: urn(stack, ORG_TYPE, slug), oldState: component, newState: component });
    if (steps.length >= options.steps) break;
    const datasetState = state(DATASET_TYPE, { datasetId: dataset, location: "US", deleteContentsOnDestroy: false });
    steps.push({
      op: "same",
      urn: urn(stack, `${ORG_TYPE}$${DATASET_TYPE}`, dataset),
      oldState: datasetState,
      newState: datasetState,
    });
    for (let table = 0; table < TABLES_PER_ORG && steps.length < options.steps; table += 1) {
      tableIndex += 1;
      const drop = dropEvery > 0 && tableIndex % dropEvery === 0;
      const update = drop || (updateEvery > 0 && tableIndex % updateEvery === 0);
      const inputs = { datasetId: dataset, tableId: `table_${table}`, deletionProtection: true };
      const oldState = state(TABLE_TYPE, { ...inputs, schema: BASE_SCHEMA });
      const newSchema = drop ? DROPPED_SCHEMA : update ? ADDED_SCHEMA : BASE_SCHEMA;
      steps.push({
        op: update ? "update" : "same",
        urn: urn(stack, `${ORG_TYPE}$${TABLE_TYPE}`, `${dataset}.table_${table}`),
        oldState,
        newState: update ? state(TABLE_TYPE, { ...inputs, schema: newSchema }) : oldState,
        diffReasons: update ? ["schema"] : [],
        replaceReasons: [],
        detailedDiff: update ? { schema: { kind: "update", inputDiff: true } } : null,
      });
    }
  }
  return { steps, diagnostics: [], duration: 0, changeSummary: {} };
}
