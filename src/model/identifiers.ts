/** The one rule for identifiers that reach SQL text, shared by views, status, metadata and hierarchy reads. */

export const GCP_PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
/** Project ids, `region-xx`, dataset, table and column names: nothing that could close a backtick. */
const QUOTABLE = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;

/** Backtick-quotes one identifier; identifiers reaching SQL are validated before, this is defence in depth. */
export function quoteIdentifier(identifier: string): string {
  if (!QUOTABLE.test(identifier)) throw new Error(`identifier ${JSON.stringify(identifier)} cannot be quoted safely`);
  return `\`${identifier}\``;
}
