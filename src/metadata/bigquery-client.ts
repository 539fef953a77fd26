import type { BigQueryClient, ParamType } from "./client";

/**
 * The real client, created inside a provider operation. `@google-cloud/bigquery` is required here
 * rather than imported: Pulumi serializes the provider's functions into the state, and a module
 * required at run time keeps that closure small. Credentials are Application Default Credentials.
 */
export function bigQueryClient(project: string, location: string): BigQueryClient {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { BigQuery } = require("@google-cloud/bigquery") as typeof import("@google-cloud/bigquery");
  const bigquery = new BigQuery({ projectId: project });
  return {
    async query(statement) {
      const types: Record<string, string | string[]> = {};
      for (const [name, type] of Object.entries(statement.types)) types[name] = typeof type === "string" ? type : [...(type as Exclude<ParamType, string>)];
      const [rows] = await bigquery.query({ query: statement.query, params: { ...statement.params }, types, location });
      return rows as unknown[];
    },
  };
}
