import { GCP_PROJECT_ID } from "../model/identifiers";

/** BigQuery dataset, table and column names this program writes to: letters, digits, underscores. */
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,1023}$/;

export interface TableRef {
  readonly project: string;
  readonly dataset: string;
  readonly table: string;
}

/** A validated, backtick-quoted identifier: nothing but a checked name ever reaches SQL text. */
export function quoteName(name: string): string {
  if (!NAME.test(name)) throw new Error(`not a BigQuery identifier: ${JSON.stringify(name)}`);
  return `\`${name}\``;
}

export function quoteTable(ref: TableRef): string {
  if (!GCP_PROJECT_ID.test(ref.project)) throw new Error(`not a GCP project id: ${JSON.stringify(ref.project)}`);
  return `\`${ref.project}\`.${quoteName(ref.dataset)}.${quoteName(ref.table)}`;
}
