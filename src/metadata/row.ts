import type { BigQueryClient, ParamType } from "./client";
import { ACTOR_ID, auditStatement } from "./audit";
import { mergeStatement, transaction, type Cell } from "./merge";

export type RowValue = string | number | boolean | null;

/** How a metadata row records its changes in the audit log. */
export interface RowAudit {
  readonly table: string;
  readonly orgSlug: string;
  readonly resourceType: string;
  readonly createAction: string;
  readonly updateAction: string;
}

/** A row kept in step with the registry: the inputs of a metadata row resource (plain data). */
export interface RowInputs {
  readonly project: string;
  readonly location: string;
  readonly dataset: string;
  readonly table: string;
  /** Columns that identify the row. */
  readonly key: Readonly<Record<string, string>>;
  /** Columns written on insert and on every change. */
  readonly row: Readonly<Record<string, RowValue>>;
  /** Columns written on insert only (counters, first-write facts). */
  readonly seed: Readonly<Record<string, RowValue>>;
  /** The query parameter type of each column written, from the table's schema. */
  readonly types: Readonly<Record<string, ParamType>>;
  /** Columns set to CURRENT_TIMESTAMP(). */
  readonly stamp: { readonly insert: readonly string[]; readonly update: readonly string[] };
  /** Daily rows (one per key per UTC day): the written row is the one of the day of the write. */
  readonly daily: { readonly dateColumn: string; readonly idColumn: string } | null;
  readonly audit: RowAudit | null;
}

export interface RowOutputs extends RowInputs {
  /** The key of the row last written, including a daily row's date and id. */
  readonly writtenKey: Readonly<Record<string, RowValue>>;
}

export interface RowDeps {
  readonly client: BigQueryClient;
  readonly now: () => Date;
  readonly uuid: () => string;
}

/** The resource id, and logical name, of a row: `dataset.table/org_slug` (else the key's values). */
export function rowId(inputs: Pick<RowInputs, "dataset" | "table" | "key">): string {
  return `${inputs.dataset}.${inputs.table}/${inputs.key.org_slug ?? Object.values(inputs.key).join("/")}`;
}

const IDENTITY = ["project", "location", "dataset", "table"] as const;

/** The input properties that differ, as `row.<column>` / `key.<column>` paths; the rest never cause a write. */
export function changedRowProperties(olds: RowInputs, news: RowInputs): string[] {
  const changed: string[] = IDENTITY.filter((property) => olds[property] !== news[property]);
  for (const group of ["key", "row"] as const) {
    const columns = new Set([...Object.keys(olds[group] ?? {}), ...Object.keys(news[group])]);
    for (const column of columns) {
      const before: unknown = olds[group]?.[column];
      if (before !== news[group][column]) changed.push(`${group}.${column}`);
    }
  }
  if (JSON.stringify(olds.daily ?? null) !== JSON.stringify(news.daily)) changed.push("daily");
  return changed;
}

function writtenKey(inputs: RowInputs, now: Date): Record<string, RowValue> {
  if (!inputs.daily) return { ...inputs.key };
  const day = now.toISOString().slice(0, 10);
  const id = `${Object.values(inputs.key).join("_")}_${day.replaceAll("-", "")}`;
  return { ...inputs.key, [inputs.daily.dateColumn]: day, [inputs.daily.idColumn]: id };
}

function cells(values: Readonly<Record<string, RowValue>>, types: Readonly<Record<string, ParamType>>): Record<string, Cell> {
  const result: Record<string, Cell> = {};
  for (const [column, value] of Object.entries(values)) {
    const type = types[column];
    if (type === undefined) throw new Error(`no parameter type for column ${column}`);
    result[column] = { value, type };
  }
  return result;
}

async function writeRow(deps: RowDeps, inputs: RowInputs, before: RowInputs | null, changed: readonly string[]): Promise<RowOutputs> {
  const key = writtenKey(inputs, deps.now());
  const target = { project: inputs.project, dataset: inputs.dataset, table: inputs.table };
  const statements = [
    mergeStatement({
      target,
      match: Object.keys(key),
      values: cells({ ...key, ...inputs.row, ...inputs.seed }, inputs.types),
      insertOnly: Object.keys(inputs.seed),
      stamp: inputs.stamp,
    }),
  ];
  if (inputs.audit) {
    const { audit } = inputs;
    statements.push(
      auditStatement(
        { project: inputs.project, dataset: inputs.dataset, table: audit.table },
        {
          auditId: deps.uuid(),
          orgSlug: audit.orgSlug,
          action: before ? audit.updateAction : audit.createAction,
          resourceType: audit.resourceType,
          resourceId: rowId(inputs),
          before: before ? { ...before.row } : null,
          after: { ...inputs.row },
          details: { table: inputs.table, changed, by: ACTOR_ID },
        },
      ),
    );
  }
  await deps.client.query(transaction(statements));
  return { ...inputs, writtenKey: key };
}

export async function createRow(deps: RowDeps, inputs: RowInputs): Promise<{ id: string; outs: RowOutputs }> {
  return { id: rowId(inputs), outs: await writeRow(deps, inputs, null, Object.keys(inputs.row).map((column) => `row.${column}`)) };
}

/** Writes only when an input that reaches the row changed; otherwise returns the old state. */
export async function updateRow(deps: RowDeps, olds: RowOutputs, news: RowInputs): Promise<{ outs: RowOutputs }> {
  const changed = changedRowProperties(olds, news);
  if (changed.length === 0) return { outs: { ...news, writtenKey: olds.writtenKey } };
  return { outs: await writeRow(deps, news, olds, changed) };
}
