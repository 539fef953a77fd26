import { z } from "zod";
import { labelsSchema } from "../schemas/table-options";

export const PROJECT_NAME = "cloudact-bigquery";
export const CENTRAL_DATASET = "organizations";

/** Pulumi config keys this program reads, with the project namespace. */
export const CONFIG_KEYS = {
  gcpProject: "gcp:project",
  location: `${PROJECT_NAME}:location`,
  datasetSuffix: `${PROJECT_NAME}:datasetSuffix`,
  viewMode: `${PROJECT_NAME}:viewMode`,
  labels: `${PROJECT_NAME}:labels`,
} as const;

const GCP_PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

export const stackSettingsSchema = z.strictObject({
  project: z.string().regex(GCP_PROJECT_ID, "must be a GCP project id (6-30 lowercase letters, digits, hyphens)"),
  location: z
    .string()
    .regex(/^[A-Za-z]+(-[a-z0-9]+)*$/, "must be a BigQuery location such as US, EU or europe-west3")
    .default("US"),
  datasetSuffix: z.string().regex(/^[a-z0-9_]{1,20}$/, "must be 1-20 lowercase letters, digits or underscores").default("prod"),
  viewMode: z.enum(["materialized", "logical"], "must be materialized or logical").default("materialized"),
  labels: labelsSchema.default({}),
});

export type StackSettings = z.infer<typeof stackSettingsSchema>;

/** Maps settings fields back to the config key an operator edits, for messages. */
export const SETTING_KEYS: Readonly<Record<keyof StackSettings, string>> = {
  project: CONFIG_KEYS.gcpProject,
  location: CONFIG_KEYS.location,
  datasetSuffix: CONFIG_KEYS.datasetSuffix,
  viewMode: CONFIG_KEYS.viewMode,
  labels: CONFIG_KEYS.labels,
};

export interface SettingIssue {
  readonly key: string;
  readonly message: string;
}

/**
 * Reads settings from Pulumi's flat config map (values are strings; objects are JSON strings),
 * the form both `pulumi.runtime.allConfig()` and our stack-file reader produce.
 */
export function parseStackSettings(config: Readonly<Record<string, string>>): { ok: true; settings: StackSettings } | { ok: false; issues: SettingIssue[] } {
  const issues: SettingIssue[] = [];
  let labels: unknown;
  const rawLabels = config[CONFIG_KEYS.labels];
  if (rawLabels !== undefined) {
    try {
      labels = JSON.parse(rawLabels);
    } catch {
      issues.push({ key: CONFIG_KEYS.labels, message: "must be a mapping of label keys to values" });
    }
  }
  const candidate = {
    project: config[CONFIG_KEYS.gcpProject],
    location: config[CONFIG_KEYS.location],
    datasetSuffix: config[CONFIG_KEYS.datasetSuffix],
    viewMode: config[CONFIG_KEYS.viewMode],
    labels,
  };
  const result = stackSettingsSchema.safeParse(candidate);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = issue.path[0] as keyof StackSettings | undefined;
      const key = field ? SETTING_KEYS[field] : "(config)";
      const rest = issue.path.slice(1).map(String).join(".");
      const message = issue.code === "invalid_type" && /received undefined$/.test(issue.message) ? "is required" : issue.message;
      issues.push({ key: rest ? `${key}.${rest}` : key, message });
    }
  }
  if (issues.length > 0 || !result.success) return { ok: false, issues };
  return { ok: true, settings: result.data };
}
