import { z } from "zod";
import { labelsSchema } from "../schemas/table-options";
import { GCP_PROJECT_ID } from "../model/identifiers";
import { PRINCIPAL_PATTERN } from "../registry/org-entry";

export const PROJECT_NAME = "cloudact-bigquery";
export const CENTRAL_DATASET = "organizations";
/** Stack outputs of a bootstrap stack that shard stacks read through a stack reference (see index.ts). */
export const CENTRAL_OUTPUTS = { project: "centralProject", datasetId: "centralDataset" } as const;
/** Default resource budget per stack: previews stay fast and the Node heap stays small. */
export const DEFAULT_RESOURCE_BUDGET = 2_500;

const SERVICE_ACCOUNT = /^serviceAccount:[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z0-9.-]+\.iam\.gserviceaccount\.com$/;
const KMS_NAME = /^[a-zA-Z0-9_-]{1,63}$/;

/** Customer-managed encryption of the central dataset (Cloud KMS); off unless a stack turns it on. */
const kmsSchema = z.strictObject({
  enabled: z.boolean("must be true or false").default(false),
  /** The KMS location must be the BigQuery location, lowercased (US -> us); it defaults to that. */
  location: z.string().regex(/^[a-z]+(-[a-z0-9]+)*$/, "must be a Cloud KMS location such as us, eu or europe-west3").optional(),
  keyRing: z.string().regex(KMS_NAME, "must be 1-63 letters, digits, hyphens or underscores").default("cloudact-bigquery"),
  key: z.string().regex(KMS_NAME, "must be 1-63 letters, digits, hyphens or underscores").default("organizations"),
});

/**
 * Each stack setting: its field in StackSettings, the Pulumi config key an operator edits, and
 * whether the config value is structured (Pulumi passes objects and numbers as JSON strings).
 */
const SETTINGS = [
  { field: "project", key: "gcp:project", json: false },
  { field: "location", key: `${PROJECT_NAME}:location`, json: false },
  { field: "datasetSuffix", key: `${PROJECT_NAME}:datasetSuffix`, json: false },
  { field: "viewMode", key: `${PROJECT_NAME}:viewMode`, json: false },
  { field: "labels", key: `${PROJECT_NAME}:labels`, json: true },
  { field: "role", key: `${PROJECT_NAME}:role`, json: false },
  { field: "environment", key: `${PROJECT_NAME}:environment`, json: false },
  { field: "shard", key: `${PROJECT_NAME}:shard`, json: true },
  { field: "bootstrapStack", key: `${PROJECT_NAME}:bootstrapStack`, json: false },
  { field: "resourceBudget", key: `${PROJECT_NAME}:resourceBudget`, json: true },
  { field: "deployer", key: `${PROJECT_NAME}:deployer`, json: false },
  { field: "apiServiceAccount", key: `${PROJECT_NAME}:apiServiceAccount`, json: false },
  { field: "kms", key: `${PROJECT_NAME}:kms`, json: true },
] as const;

type SettingField = (typeof SETTINGS)[number]["field"];

type Setting = (typeof SETTINGS)[number];

/** Pulumi config keys this program reads, with their namespace, by settings field. */
export const CONFIG_KEYS = Object.fromEntries(SETTINGS.map((setting) => [setting.field, setting.key])) as {
  readonly [S in Setting as S["field"]]: S["key"];
};

export const stackSettingsSchema = z
  .strictObject({
    project: z.string().regex(GCP_PROJECT_ID, "must be a GCP project id (6-30 lowercase letters, digits, hyphens)"),
    location: z
      .string()
      .regex(/^[A-Za-z]+(-[a-z0-9]+)*$/, "must be a BigQuery location such as US, EU or europe-west3")
      .default("US"),
    datasetSuffix: z.string().regex(/^[a-z0-9_]{1,20}$/, "must be 1-20 lowercase letters, digits or underscores").default("prod"),
    viewMode: z.enum(["materialized", "logical"], "must be materialized or logical").default("materialized"),
    labels: labelsSchema.default({}),
    /** all: central dataset and every org of the environment; bootstrap: central only; orgs: one shard of orgs. */
    role: z.enum(["all", "bootstrap", "orgs"], "must be all, bootstrap or orgs").default("all"),
    /** The registry environment this stack serves (orgs list it in `environments`); defaults to the stack name. */
    environment: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, "must be an environment name such as dev or prod").optional(),
    /** role orgs: the shard of the environment's orgs this stack holds (orgs name theirs in `shard`). */
    shard: z.int("must be a whole number").min(0).max(999).optional(),
    /** role orgs: the stack holding the central dataset, as a stack reference name (org/project/stack). */
    bootstrapStack: z.string().regex(/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+){0,2}$/, "must be a stack reference such as cloudact/cloudact-bigquery/prod").optional(),
    resourceBudget: z.int("must be a whole number").min(100).max(50_000).default(DEFAULT_RESOURCE_BUDGET),
    /** OWNER of every dataset: the identity `pulumi up` runs as. A deployment requires it (see src/access/required.ts). */
    deployer: z
      .string()
      .regex(PRINCIPAL_PATTERN, "must be a user:, serviceAccount: or group: principal")
      .refine((principal) => !principal.startsWith("domain:"), "must be a user:, serviceAccount: or group: principal, not a domain")
      .optional(),
    /** CloudAct's API service account: WRITER of the central and every org dataset. A deployment requires it. */
    apiServiceAccount: z.string().regex(SERVICE_ACCOUNT, "must be serviceAccount:<name>@<project>.iam.gserviceaccount.com").optional(),
    kms: kmsSchema.default({ enabled: false, keyRing: "cloudact-bigquery", key: "organizations" }),
  })
  .refine((settings) => !settings.kms.enabled || settings.kms.location === undefined || settings.kms.location === settings.location.toLowerCase(), {
    message: "must be the BigQuery location, lowercased (US -> us, EU -> eu): a CMEK key must share the dataset's location",
    path: ["kms", "location"],
  })
  .refine((settings) => settings.role !== "orgs" || settings.shard !== undefined, { message: "is required for a stack whose role is orgs", path: ["shard"] })
  .refine((settings) => settings.role !== "orgs" || settings.bootstrapStack !== undefined, {
    message: "is required for a stack whose role is orgs (the stack that holds the central dataset)",
    path: ["bootstrapStack"],
  })
  .refine((settings) => settings.role === "orgs" || settings.shard === undefined, { message: "only a stack whose role is orgs holds a shard", path: ["shard"] });

export type StackSettings = z.infer<typeof stackSettingsSchema>;

/** The Cloud KMS location of the central dataset's key: the BigQuery location, lowercased. */
export function kmsLocation(settings: Pick<StackSettings, "kms" | "location">): string {
  return settings.kms.location ?? settings.location.toLowerCase();
}

export interface SettingIssue {
  readonly key: string;
  readonly message: string;
}

/**
 * Reads settings from Pulumi's flat config map (values are strings; objects and numbers as JSON),
 * the form both `pulumi.runtime.allConfig()` and our stack-file reader produce.
 */
export function parseStackSettings(config: Readonly<Record<string, string>>): { ok: true; settings: StackSettings } | { ok: false; issues: SettingIssue[] } {
  const issues: SettingIssue[] = [];
  const candidate: Record<string, unknown> = {};
  for (const setting of SETTINGS) {
    const raw = config[setting.key];
    if (raw === undefined) continue;
    if (!setting.json) {
      candidate[setting.field] = raw;
      continue;
    }
    try {
      candidate[setting.field] = JSON.parse(raw);
    } catch {
      issues.push({ key: setting.key, message: "must be a YAML value of the documented shape (a mapping or a number)" });
    }
  }
  const result = stackSettingsSchema.safeParse(candidate);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = issue.path[0] as SettingField | undefined;
      const key = field ? CONFIG_KEYS[field] : "(config)";
      const rest = issue.path.slice(1).map(String).join(".");
      const message = issue.code === "invalid_type" && /received undefined$/.test(issue.message) ? "is required" : issue.message;
      issues.push({ key: rest ? `${key}.${rest}` : key, message });
    }
  }
  if (issues.length > 0 || !result.success) return { ok: false, issues };
  return { ok: true, settings: result.data };
}
