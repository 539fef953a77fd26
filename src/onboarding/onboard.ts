import { dump } from "js-yaml";
import { CENTRAL_DATASET, type StackSettings } from "../config/settings";
import type { Problem } from "../diagnostics/problem";
import { orgMetadata } from "../metadata/org-rows";
import type { RowValue } from "../metadata/row";
import { buildModel, type LockedColumns } from "../model/build";
import { ORG_SCHEMA_HEADER } from "../registry/json-schema";
import { parseOrgEntry, unknownEnvironmentProblems, type RegisteredOrg } from "../registry/load";
import { ORG_SLUG_PATTERN, type OrgEntry } from "../registry/org-entry";
import type { SchemaSet } from "../schemas/load";
import { locateLine } from "../yaml/locate";

/** What `cloudact onboard` was asked for, as the operator typed it (strings, not yet validated). */
export interface OnboardRequest {
  readonly slug: string;
  readonly company: string;
  readonly email: string;
  readonly plan: string;
  readonly currency?: string;
  readonly timezone?: string;
  readonly fiscalYearStart?: string;
  readonly locale?: string;
  /** Stacks to onboard into; every known stack when absent. */
  readonly environments?: readonly string[];
  readonly readers?: readonly string[];
  /** The shard stack the org lives in (environments split into shard stacks); 0 when absent. */
  readonly shard?: string;
}

export const ONBOARD_DEFAULTS = { currency: "USD", timezone: "UTC", fiscalYearStart: "1", locale: "en-US" } as const;

/** The repository as it is now, read by the caller. */
export interface OnboardContext {
  /** How the new registry file is shown in messages, e.g. `orgs/new_org.yaml`. */
  readonly file: string;
  /** Valid registry entries. */
  readonly registered: readonly RegisteredOrg[];
  /** Every registry file already present (display path and slug-like stem), valid or not. */
  readonly registryFiles: readonly { readonly file: string; readonly stem: string }[];
  /** Environments an org may name: what the registry checks `environments` against. */
  readonly knownEnvironments: readonly string[];
  /** Every stack (`Pulumi.<stack>.yaml`) with its settings. */
  readonly stacks: ReadonlyMap<string, StackSettings>;
  readonly schemas: SchemaSet;
  readonly lock: LockedColumns;
}

export interface EnvironmentPreview {
  readonly stack: string;
  readonly project: string;
  readonly location: string;
  readonly datasetId: string;
  readonly tableCount: number;
  readonly views: readonly { readonly name: string; readonly kind: "materialized_view" | "view" }[];
  /** Rows `pulumi up` writes for the org into the stack's central dataset. */
  readonly metadataRows: readonly MetadataRow[];
}

export interface MetadataRow {
  readonly table: string;
  /** Key, row and insert-only columns; timestamps are set by BigQuery at apply time. */
  readonly values: Readonly<Record<string, RowValue>>;
}

export interface OnboardSummary {
  readonly entry: OrgEntry;
  readonly environments: readonly EnvironmentPreview[];
  /** `pulumi up` issues one key per stack; only its hash is stored, the key is a secret stack output. */
  readonly apiKey: { readonly keyVersion: number; readonly hashTable: string; readonly scopes: readonly string[] };
}

export interface OnboardResult {
  /** The registry file's text, exactly as it would be written. */
  readonly yaml: string;
  /** Every problem found; when not empty nothing may be written and `summary` is null. */
  readonly problems: readonly Problem[];
  readonly summary: OnboardSummary | null;
}

/** Which option sets each registry field, for messages. */
const OPTION_OF: Readonly<Record<string, string>> = {
  org_slug: "SLUG",
  company_name: "--company",
  admin_email: "--email",
  subscription_plan: "--plan",
  default_currency: "--currency",
  default_timezone: "--timezone",
  fiscal_year_start_month: "--fiscal-year-start",
  locale: "--locale",
  environments: "--env",
  readers: "--reader",
  shard: "--shard",
};

/**
 * Builds `orgs/<slug>.yaml` from the request, validates it with the registry's own rules (the file
 * alone, then against the other files and the stacks), and previews what each stack will create.
 * Pure: reads nothing, writes nothing.
 */
export function onboard(request: OnboardRequest, context: OnboardContext): OnboardResult {
  const environments = request.environments ?? context.knownEnvironments;
  const yaml = renderOrgYaml(request, environments);
  const parsed = parseOrgEntry(yaml, context.file);
  const problems: Problem[] = parsed.ok ? [] : [...parsed.problems];
  problems.push(...slugClashes(request.slug, yaml, context));
  problems.push(...unknownEnvironments(environments, yaml, context, problems));
  if (!parsed.ok || problems.length > 0) return { yaml, problems: withOptions(problems).sort((a, b) => a.line - b.line), summary: null };

  const entry = parsed.entry;
  const newOrg: RegisteredOrg = { entry, file: context.file };
  const previews: EnvironmentPreview[] = [];
  let scopes: readonly string[] = [];
  // Every stack is built with the org added: the stacks whose model holds its dataset are the ones
  // `pulumi up` will change, and a stack rule the org would break (e.g. the materialized view cap) shows.
  // The metadata rows come from the program's own builder, so the preview is what `pulumi up` writes.
  for (const [stack, settings] of context.stacks) {
    const { model, issues } = buildModel({ stack, settings, orgs: [...context.registered, newOrg], schemas: context.schemas, lock: context.lock });
    const dataset = model.orgDatasets.find((candidate) => candidate.org === entry.org_slug);
    const org = model.orgs.find((candidate) => candidate.slug === entry.org_slug);
    if (!dataset || !org) continue;
    const metadata = orgMetadata(model, org);
    scopes = metadata.apiKey.scopes;
    for (const issue of issues) problems.push({ file: `Pulumi.${stack}.yaml`, line: 1, field: issue.key, message: issue.message });
    previews.push({
      stack,
      project: settings.project,
      location: settings.location,
      datasetId: dataset.datasetId,
      tableCount: dataset.tables.length,
      views: dataset.views.map((view) => ({ name: view.tableId, kind: view.kind })),
      metadataRows: metadata.rows.map((row) => ({ table: row.table, values: { ...row.key, ...row.row, ...row.seed } })),
    });
  }
  if (problems.length > 0) return { yaml, problems, summary: null };
  return { yaml, problems, summary: { entry, environments: previews, apiKey: { keyVersion: entry.key_version, hashTable: `${CENTRAL_DATASET}.org_api_keys`, scopes } } };
}

/** The registry file: schema header, fields in the examples' order, explicit defaults. */
export function renderOrgYaml(request: OnboardRequest, environments: readonly string[]): string {
  const fiscal = request.fiscalYearStart ?? ONBOARD_DEFAULTS.fiscalYearStart;
  const fields: [string, unknown][] = [
    ["org_slug", request.slug],
    ["company_name", request.company.trim()],
    ["admin_email", request.email.trim()],
    ["subscription_plan", request.plan],
    ["default_currency", request.currency ?? ONBOARD_DEFAULTS.currency],
    ["default_timezone", request.timezone ?? ONBOARD_DEFAULTS.timezone],
    // A whole number is written as one; anything else stays a string so the schema names the field.
    ["fiscal_year_start_month", /^-?\d{1,3}$/.test(fiscal) ? Number(fiscal) : fiscal],
    ["locale", request.locale ?? ONBOARD_DEFAULTS.locale],
    ["environments", [...environments]],
    ["status", "active"],
    ["key_version", 1],
  ];
  const readers = request.readers ?? [];
  if (readers.length > 0) fields.push(["readers", [...readers]]);
  if (request.shard !== undefined) fields.push(["shard", /^\d{1,4}$/.test(request.shard) ? Number(request.shard) : request.shard]);
  const body = fields.map(([key, value]) => dump({ [key]: value }, { lineWidth: -1, flowLevel: key === "environments" ? 1 : -1 })).join("");
  return `${ORG_SCHEMA_HEADER}\n${body.replace(/^key_version: 1$/m, "key_version: 1 # raise to rotate the org API key")}`;
}

/** The registry's cross-file rule: slugs are unique ignoring case (against every file, valid or not). */
function slugClashes(slug: string, yaml: string, context: OnboardContext): Problem[] {
  const key = slug.toLowerCase();
  const taken = [
    ...context.registered.map((org) => ({ slug: org.entry.org_slug, file: org.file })),
    ...context.registryFiles.map((file) => ({ slug: file.stem, file: file.file })),
  ];
  const clash = taken.find((other) => other.slug.toLowerCase() === key);
  if (!clash) return [];
  const line = locateLine(yaml, ["org_slug"]);
  const message =
    clash.slug === slug
      ? `"${slug}" is already registered in ${clash.file}; edit that file instead`
      : `"${slug}" clashes with "${clash.slug}" in ${clash.file} (slugs are unique ignoring case)`;
  return [{ file: context.file, line, field: "org_slug", message }];
}

/** The registry's rule on environments, minus the fields the entry's own validation already reported. */
function unknownEnvironments(environments: readonly string[], yaml: string, context: OnboardContext, already: readonly Problem[]): Problem[] {
  return unknownEnvironmentProblems(environments, context.knownEnvironments, context.file, yaml).filter(
    (problem) => !already.some((reported) => reported.field === problem.field),
  );
}

function withOptions(problems: readonly Problem[]): Problem[] {
  return problems.map((problem) => {
    const option = OPTION_OF[problem.field.replace(/[[.].*$/, "")];
    return option ? { ...problem, message: `${problem.message} (${option})` } : problem;
  });
}

/** True when the slug may be used to build a file name (checked before any path is joined). */
export function isSafeSlug(slug: string): boolean {
  return ORG_SLUG_PATTERN.test(slug);
}
