/**
 * Turns what @google-cloud/bigquery and google-auth-library throw into messages an operator can
 * act on. Every one is an InputError: the catalog could not be read (exit 2), never a stack trace.
 */
import { InputError } from "../../diagnostics/problem";
import type { CatalogScope } from "./reader";

export const REQUIRED_ROLES =
  "roles/bigquery.jobUser on the project (to run queries), roles/bigquery.metadataViewer on the project " +
  "(INFORMATION_SCHEMA) and roles/bigquery.dataViewer on the dataset organizations (org_profiles)";

const RETRYABLE_REASONS = new Set(["rateLimitExceeded", "userRateLimitExceeded", "backendError", "internalError"]);
const RETRYABLE_CODES = new Set([429, 500, 502, 503, 504]);
const NETWORK_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ECONNRESET", "ETIMEDOUT"]);

/** The parts of an ApiError (or a plain Error) the classification reads. */
export interface ErrorFacts {
  readonly status: number | undefined;
  readonly reasons: readonly string[];
  readonly message: string;
  readonly systemCode: string | undefined;
}

function field(value: unknown, name: string): unknown {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

export function errorFacts(error: unknown): ErrorFacts {
  const code = field(error, "code");
  const errors = field(error, "errors");
  const reasons = Array.isArray(errors) ? errors.map((entry) => field(entry, "reason")).filter((reason): reason is string => typeof reason === "string") : [];
  const message = error instanceof Error ? error.message : String(error);
  return {
    status: typeof code === "number" ? code : undefined,
    reasons,
    message: message.trim(),
    systemCode: typeof code === "string" ? code : undefined,
  };
}

export function isRetryable(error: unknown): boolean {
  const facts = errorFacts(error);
  return (facts.status !== undefined && RETRYABLE_CODES.has(facts.status)) || facts.reasons.some((reason) => RETRYABLE_REASONS.has(reason));
}

export class CatalogReadError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = "CatalogReadError";
  }
}

/** One actionable message per failure kind; `query` names which of the three reads failed. */
export function describeError(error: unknown, scope: CatalogScope, query: string, stack: string): CatalogReadError {
  const facts = errorFacts(error);
  const said = `BigQuery said: ${facts.message.split("\n")[0]}`;
  const { message } = facts;
  if (/Could not load the default credentials|Could not refresh access token|invalid_grant/i.test(message)) {
    return new CatalogReadError(
      "no usable Google credentials (Application Default Credentials): run `gcloud auth application-default login`, " +
        "or set GOOGLE_APPLICATION_CREDENTIALS to a service account key file; or read a snapshot with --snapshot FILE",
    );
  }
  if (/Unable to detect a Project Id/i.test(message)) {
    return new CatalogReadError(`no GCP project: set gcp:project in Pulumi.${stack}.yaml`);
  }
  if (facts.systemCode && NETWORK_CODES.has(facts.systemCode)) {
    return new CatalogReadError(`cannot reach BigQuery (${facts.systemCode}): check the network, or read a snapshot with --snapshot FILE`);
  }
  if (facts.status === 401) {
    return new CatalogReadError(`the credentials were rejected (expired or revoked): run \`gcloud auth application-default login\` again. ${said}`);
  }
  if (facts.status === 403 && !isRetryable(error)) {
    return new CatalogReadError(
      `permission denied reading the ${query} of project ${scope.project}: the caller needs ${REQUIRED_ROLES}. ${said}`,
    );
  }
  if ((facts.status === 404 || facts.status === 400) && /location|region/i.test(message)) {
    return new CatalogReadError(
      `region mismatch: the stack's location is ${scope.location} (cloudact-bigquery:location in Pulumi.${stack}.yaml) ` +
        `but BigQuery could not read the ${query} there; check where the datasets live ` +
        `(\`bq show --format=prettyjson ${scope.project}:${scope.centralDataset}\`). ${said}`,
    );
  }
  if (facts.status === 404 && /project/i.test(message)) {
    return new CatalogReadError(`project ${scope.project} not found, or the caller cannot see it (gcp:project in Pulumi.${stack}.yaml). ${said}`);
  }
  return new CatalogReadError(`reading the ${query} failed${facts.status ? ` (HTTP ${facts.status})` : ""}. ${said}`);
}
