import { CENTRAL_DATASET } from "../config/settings";
import type { Column } from "../model/columns";
import type { Model, OrgModel } from "../model/types";
import { PLANS } from "../registry/plans";
import type { ApiKeyInputs } from "./api-key";
import type { ParamType, ScalarType } from "./client";
import type { RowInputs, RowValue } from "./row";

export const PROFILES_TABLE = "org_profiles";
export const SUBSCRIPTIONS_TABLE = "org_subscriptions";
export const QUOTAS_TABLE = "org_usage_quotas";
export const API_KEYS_TABLE = "org_api_keys";
export const AUDIT_TABLE = "org_audit_logs";

/** What an org API key may do in CloudAct's API. */
export const API_KEY_SCOPES = ["integrations", "pipelines", "data_access"] as const;

/** The rows onboarding keeps for one org, as the inputs of their resources. */
export interface OrgMetadata {
  readonly rows: readonly RowInputs[];
  readonly apiKey: ApiKeyInputs;
}

const SCALAR_TYPES: ReadonlySet<string> = new Set<ScalarType>(["STRING", "INT64", "FLOAT64", "NUMERIC", "BOOL", "DATE", "TIMESTAMP", "JSON"]);

/** The parameter types of `columns`, read from the central table's schema; unknown columns are a bug. */
function typesOf(model: Model, table: string, columns: readonly string[]): Record<string, ParamType> {
  const spec = model.bootstrap.tables.find((candidate) => candidate.tableId === table);
  if (!spec) throw new Error(`central table ${table} is not declared`);
  const types: Record<string, ParamType> = {};
  for (const name of columns) {
    const column: Column | undefined = spec.columns.find((candidate) => candidate.name === name);
    if (!column || !SCALAR_TYPES.has(column.type)) throw new Error(`${table}.${name} is not a scalar column of the schema`);
    const scalar = column.type as ScalarType;
    types[name] = column.mode === "REPEATED" ? [scalar] : scalar;
  }
  return types;
}

function rowInputs(model: Model, table: string, parts: Omit<RowInputs, "project" | "location" | "dataset" | "table" | "types">): RowInputs {
  const daily = parts.daily ? [parts.daily.dateColumn, parts.daily.idColumn] : [];
  const written = [...Object.keys(parts.key), ...Object.keys(parts.row), ...Object.keys(parts.seed), ...daily];
  typesOf(model, table, [...parts.stamp.insert, ...parts.stamp.update]);
  return {
    project: model.settings.project,
    location: model.settings.location,
    dataset: CENTRAL_DATASET,
    table,
    ...parts,
    types: typesOf(model, table, written),
  };
}

export function orgMetadata(model: Model, org: OrgModel): OrgMetadata {
  const { entry } = org;
  const plan = PLANS[entry.subscription_plan];
  const key = { org_slug: org.slug };
  const profile: Record<string, RowValue> = {
    company_name: entry.company_name,
    admin_email: entry.admin_email,
    subscription_plan: entry.subscription_plan,
    default_currency: entry.default_currency,
    default_timezone: entry.default_timezone,
    fiscal_year_start_month: entry.fiscal_year_start_month,
    locale: entry.locale,
    status: entry.status,
    org_dataset_id: org.datasetId,
    data_location: model.settings.location,
  };
  const limits = {
    seat_limit: plan.seats,
    integration_limit: plan.integrations,
    daily_pipeline_run_limit: plan.dailyPipelineRuns,
    monthly_pipeline_run_limit: plan.monthlyPipelineRuns,
  };
  const rows = [
    rowInputs(model, PROFILES_TABLE, {
      key,
      row: profile,
      seed: { created_by: "cloudact-pulumi" },
      stamp: { insert: ["onboarded_at", "created_at", "updated_at"], update: ["updated_at"] },
      daily: null,
      audit: { table: AUDIT_TABLE, orgSlug: org.slug, resourceType: "org_profile", createAction: "org.onboarded", updateAction: "org.profile_updated" },
    }),
    rowInputs(model, SUBSCRIPTIONS_TABLE, {
      key: { subscription_id: `${org.slug}_subscription`, org_slug: org.slug },
      row: { plan_name: entry.subscription_plan, ...limits, status: "active" },
      seed: { created_by: "cloudact-pulumi" },
      stamp: { insert: ["effective_from", "created_at", "updated_at"], update: ["updated_at"] },
      daily: null,
      audit: null,
    }),
    rowInputs(model, QUOTAS_TABLE, {
      key,
      row: { plan_name: entry.subscription_plan, ...limits },
      seed: { daily_pipeline_runs_used: 0, monthly_pipeline_runs_used: 0, seats_used: 0, integrations_used: 0, quota_exceeded: false },
      stamp: { insert: ["created_at", "updated_at"], update: ["updated_at"] },
      daily: { dateColumn: "usage_date", idColumn: "quota_id" },
      audit: null,
    }),
  ];
  const apiKey: ApiKeyInputs = {
    project: model.settings.project,
    location: model.settings.location,
    dataset: CENTRAL_DATASET,
    table: API_KEYS_TABLE,
    orgSlug: org.slug,
    keyName: `${org.slug} org key`,
    keyVersion: entry.key_version,
    scopes: [...API_KEY_SCOPES],
  };
  return { rows, apiKey };
}
