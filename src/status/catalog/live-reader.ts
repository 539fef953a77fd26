/**
 * Reads the catalog from BigQuery: one query per INFORMATION_SCHEMA view for the stack's region,
 * plus the org_profiles slugs when the central dataset exists. Never one API call per table.
 */
import { BigQuery, type BigQueryOptions, type Query } from "@google-cloud/bigquery";
import { columnsQuery, profilesQuery, schemataQuery, type CatalogQuery } from "./queries";
import { DEFAULT_RETRY, RetriesExhausted, realSleep, withRetry, type Sleep } from "./retry";
import { CatalogReadError, describeError, isRetryable } from "./live-errors";
import type { CatalogReader, CatalogScope } from "./reader";
import type { CatalogRows, ColumnRow, ProfileRow, SchemataRow } from "./rows";

/** The one thing the reader needs from a BigQuery client: run a query, get every row. */
export interface QueryClient {
  /** Fails early when there are no usable credentials (the client would otherwise send the query unauthenticated). */
  authorize?(): Promise<void>;
  query(query: CatalogQuery): Promise<ReadonlyArray<Record<string, unknown>>>;
}

/** Wraps @google-cloud/bigquery; the client's own retry is off, the reader's bounded retry decides. */
export function bigQueryClient(client: BigQuery): QueryClient {
  return {
    async authorize() {
      await client.authClient.getAccessToken();
    },
    async query(query) {
      const params = query.params ? Object.fromEntries(Object.entries(query.params).map(([name, values]) => [name, [...values]])) : undefined;
      const types = query.types ? Object.fromEntries(Object.entries(query.types).map(([name, type]) => [name, [...type]])) : undefined;
      const request: Query = { query: query.query, location: query.location, ...(params ? { params, types } : {}) };
      const [rows] = (await client.query(request)) as [unknown[], ...unknown[]];
      return rows as Array<Record<string, unknown>>;
    },
  };
}

/** A client for Application Default Credentials; `overrides` lets tests point it at a fake. */
export function defaultBigQuery(scope: Pick<CatalogScope, "project" | "location">, overrides: BigQueryOptions = {}): BigQuery {
  return new BigQuery({ projectId: scope.project, location: scope.location, retryOptions: { autoRetry: false }, ...overrides });
}

export interface LiveReaderOptions {
  readonly client: QueryClient;
  readonly stack: string;
  readonly sleep?: Sleep;
  readonly attempts?: number;
  /** Called before each query and on each retry, for progress output. */
  readonly onProgress?: (message: string) => void;
}

function text(row: Record<string, unknown>, name: string): string {
  const value = row[name];
  return typeof value === "string" ? value : value === null || value === undefined ? "" : String(value);
}

export class LiveCatalogReader implements CatalogReader {
  constructor(private readonly options: LiveReaderOptions) {}

  private async run(query: CatalogQuery, scope: CatalogScope): Promise<ReadonlyArray<Record<string, unknown>>> {
    const { client, stack, onProgress } = this.options;
    onProgress?.(`reading ${query.name}`);
    try {
      return await withRetry(() => client.query(query), {
        ...DEFAULT_RETRY,
        attempts: this.options.attempts ?? DEFAULT_RETRY.attempts,
        sleep: this.options.sleep ?? realSleep,
        isRetryable,
        onRetry: (_error, attempt, delay) => onProgress?.(`${query.name}: rate limited, retry ${attempt} in ${delay} ms`),
      });
    } catch (error) {
      if (error instanceof RetriesExhausted) {
        const cause = describeError(error.lastError, scope, query.name, stack);
        throw new CatalogReadError(`BigQuery kept refusing (rate limit or backend error) after ${error.attempts} attempts; try again later. ${cause.message}`);
      }
      throw describeError(error, scope, query.name, stack);
    }
  }

  async read(scope: CatalogScope): Promise<CatalogRows> {
    try {
      this.options.onProgress?.("checking credentials");
      await this.options.client.authorize?.();
    } catch (error) {
      throw describeError(error, scope, "credentials", this.options.stack);
    }
    const schemata: SchemataRow[] = (await this.run(schemataQuery(scope), scope)).map((row) => ({ ...row, schema_name: text(row, "schema_name") }));
    const present = new Set(schemata.map((row) => row.schema_name));
    const datasets = scope.datasets.filter((dataset) => present.has(dataset));
    const columns: ColumnRow[] =
      datasets.length === 0
        ? []
        : (await this.run(columnsQuery(scope, datasets), scope)).map((row) => ({
            table_schema: text(row, "table_schema"),
            table_name: text(row, "table_name"),
            column_name: text(row, "column_name"),
            field_path: text(row, "field_path"),
            data_type: text(row, "data_type"),
          }));
    const hasProfiles = columns.some((row) => row.table_schema === scope.centralDataset && row.table_name === "org_profiles");
    const org_profiles: ProfileRow[] = hasProfiles
      ? (await this.run(profilesQuery(scope), scope)).map((row) => ({ org_slug: text(row, "org_slug") })).filter((row) => row.org_slug !== "")
      : [];
    return { schemata, columns, org_profiles };
  }
}
