import type { RegisteredOrg } from "../../src/registry/load";
import { orgEntrySchema, type OrgEntry } from "../../src/registry/org-entry";

/** A valid registry entry for tests: the required fields filled, anything else overridable. */
export function orgEntry(slug: string, overrides: Partial<Record<keyof OrgEntry, unknown>> = {}): OrgEntry {
  return orgEntrySchema.parse({
    org_slug: slug,
    company_name: `${slug} Inc`,
    admin_email: "admin@example.com",
    subscription_plan: "starter",
    default_currency: "USD",
    default_timezone: "UTC",
    environments: ["dev"],
    ...overrides,
  });
}

/** The same entry as the registry loader returns it, with its file. */
export function registeredOrg(slug: string, overrides: Partial<Record<keyof OrgEntry, unknown>> = {}): RegisteredOrg {
  return { entry: orgEntry(slug, overrides), file: `orgs/${slug}.yaml` };
}
