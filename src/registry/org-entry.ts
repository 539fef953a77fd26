import { z } from "zod";
import { PLAN_NAMES } from "./plans";

/** BigQuery dataset ids allow these; the suffix is appended after an underscore. */
export const ORG_SLUG_PATTERN = /^[a-zA-Z0-9_]{3,50}$/;
/** Names an org may not take: they collide with CloudAct's own datasets or BigQuery's. */
export const RESERVED_SLUGS = ["organizations", "information_schema", "cloudact", "system", "admin", "default"];

/** IAM principals BigQuery dataset access accepts for a reader. */
export const PRINCIPAL_PATTERN =
  /^(group:[^@\s]+@[^@\s]+\.[a-z]{2,}|serviceAccount:[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z0-9.-]+\.iam\.gserviceaccount\.com|user:[^@\s]+@[^@\s]+\.[a-z]{2,}|domain:[a-z0-9.-]+\.[a-z]{2,})$/;

const currencies = new Set(Intl.supportedValuesOf("currency"));
const timezoneCache = new Map<string, boolean>();

export function isIsoCurrency(code: string): boolean {
  return currencies.has(code);
}

export function isIanaTimezone(name: string): boolean {
  let known = timezoneCache.get(name);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: name });
      known = name.includes("/") || name === "UTC";
    } catch {
      known = false;
    }
    timezoneCache.set(name, known);
  }
  return known;
}

export function isBcp47Locale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/** One organization's registry entry, `orgs/<slug>.yaml`. Unknown keys are rejected. */
export const orgEntrySchema = z
  .strictObject({
    org_slug: z
      .string()
      .regex(ORG_SLUG_PATTERN, "must be 3-50 letters, digits or underscores")
      .refine((slug) => !RESERVED_SLUGS.includes(slug.toLowerCase()), "is a reserved name")
      .describe("Stable org identifier; names the dataset `{org_slug}_{suffix}`. Must equal the file name."),
    company_name: z.string().trim().min(1, "must not be empty").max(200).describe("Legal or display name of the company."),
    admin_email: z.email("must be an email address").describe("The org's first administrator."),
    subscription_plan: z.enum(PLAN_NAMES, `must be one of: ${PLAN_NAMES.join(", ")}`).describe("Plan from the catalogue."),
    default_currency: z
      .string()
      .refine(isIsoCurrency, "must be an ISO 4217 currency code such as USD, EUR or INR")
      .describe("ISO 4217 currency of reports."),
    default_timezone: z
      .string()
      .refine(isIanaTimezone, "must be an IANA time zone such as America/New_York or Asia/Kolkata")
      .describe("IANA time zone of the org's day boundaries."),
    fiscal_year_start_month: z
      .int("must be a whole month number")
      .min(1, "must be between 1 and 12")
      .max(12, "must be between 1 and 12")
      .default(1)
      .describe("Month (1-12) the fiscal year starts in."),
    locale: z
      .string()
      .refine(isBcp47Locale, "must be a BCP 47 language tag such as en-US or fr-FR")
      .default("en-US")
      .describe("Language and formatting locale of the console and reports."),
    environments: z
      .array(z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, "must be a stack name such as dev or prod"))
      .min(1, "must list at least one environment (stack)")
      .refine((envs) => new Set(envs).size === envs.length, "must not repeat an environment")
      .describe("Stacks the org is onboarded in."),
    shard: z
      .int("must be a whole number")
      .min(0, "must be 0 or more")
      .max(999, "must be at most 999")
      .default(0)
      .describe("Shard of the environment's org stacks this org lives in; never changes once deployed (see docs/scale.md)."),
    status: z.enum(["active", "suspended"]).default("active").describe("Lifecycle state written to org_profiles."),
    key_version: z
      .int("must be a whole number")
      .min(1, "must be 1 or more")
      .default(1)
      .describe("Version of the org API key; raising it rotates the key (the old one is revoked, not deleted)."),
    readers: z
      .array(z.string().regex(PRINCIPAL_PATTERN, "must be group:, serviceAccount:, user: or domain: principal"))
      .default([])
      .describe("Principals granted read access to the org's own dataset only."),
  })
  .describe("A CloudAct organization onboarded by this program.");

export type OrgEntry = z.infer<typeof orgEntrySchema>;
