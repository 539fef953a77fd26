/** Query parameter types as `@google-cloud/bigquery` names them; a one-element array is an ARRAY of that type. */
export type ScalarType = "STRING" | "INT64" | "FLOAT64" | "NUMERIC" | "BOOL" | "DATE" | "TIMESTAMP" | "JSON";
export type ParamType = ScalarType | readonly [ScalarType];
export type ParamValue = string | number | boolean | null | readonly string[];

/** One parameterized statement: values only ever travel in `params`, never in `query`. */
export interface Statement {
  readonly query: string;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly types: Readonly<Record<string, ParamType>>;
}

/** The part of BigQuery the metadata providers use; the real one wraps `@google-cloud/bigquery`, tests pass a fake. */
export interface BigQueryClient {
  query(statement: Statement): Promise<unknown[]>;
}
