/**
 * BigQuery's per-user request quotas, and how a rollout's concurrency (stacks at once) and Pulumi's
 * `--parallel` (resource operations at once, per stack) map onto them. Every stack deploys as the
 * same identity (the deployer), so the quotas are shared by all stacks of a rollout:
 *
 * - API requests: 100 per second per user per method (tables.insert, tables.get, ...).
 * - tables.insert: 10 per second (creating tables and views).
 * - table metadata updates: 5 per table per 10 seconds (one `pulumi up` updates a table at most once).
 *
 * Operations in flight = concurrency x parallel. Each table create is one tables.insert followed by
 * a tables.get, and takes about a second end to end; so in-flight creates <= 10 keeps inserts near
 * 10/s and gets far below 100/s. Above that, BigQuery answers rateLimitExceeded and the provider
 * retries with backoff (its default, which we leave on): the rollout still finishes, only slower.
 */
export const BIGQUERY_QUOTAS = {
  requestsPerSecondPerMethod: 100,
  tableInsertsPerSecond: 10,
  metadataUpdatesPerTablePer10Seconds: 5,
} as const;

/** Stacks deployed at once after the bootstrap stack. */
export const DEFAULT_CONCURRENCY = 2;

/** The largest `--parallel` that keeps concurrency x parallel within the tables.insert rate. */
export function defaultParallel(concurrency: number): number {
  return Math.max(1, Math.floor(BIGQUERY_QUOTAS.tableInsertsPerSecond / Math.max(1, concurrency)));
}

/** Operations in flight across the rollout, and a warning when they can exceed the insert quota. */
export function quotaNote(concurrency: number, parallel: number): { inFlight: number; warning: string | null } {
  const inFlight = concurrency * parallel;
  const limit = BIGQUERY_QUOTAS.tableInsertsPerSecond;
  return {
    inFlight,
    warning:
      inFlight > limit
        ? `${concurrency} stacks x --parallel ${parallel} = ${inFlight} operations in flight, above BigQuery's ${limit} tables.insert/s per user: ` +
          `expect rateLimitExceeded retries (the provider backs off) and a slower rollout; --parallel ${defaultParallel(concurrency)} stays within it`
        : null,
  };
}
