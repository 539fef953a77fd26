import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import fc from "fast-check";
import { stackSettingsSchema, type StackSettings } from "../src/config/settings";
import { onboard, renderOrgYaml, type OnboardContext, type OnboardRequest } from "../src/onboarding/onboard";
import { loadInputs, projectPaths } from "../src/project/load";
import { parseOrgEntry, type RegisteredOrg } from "../src/registry/load";

const ROOT = join(__dirname, "..");
const inputs = loadInputs(projectPaths(ROOT, ROOT));
const REQUEST: OnboardRequest = { slug: "nimbus", company: "Nimbus", email: "ops@nimbus.example", plan: "starter" };

function settings(values: Record<string, unknown>): StackSettings {
  return stackSettingsSchema.parse({ project: "cloudact-unit-1", ...values });
}

function context(stacks: Record<string, StackSettings>, registered: readonly RegisteredOrg[] = []): OnboardContext {
  return {
    file: "orgs/nimbus.yaml",
    registered,
    registryFiles: registered.map((org) => ({ file: org.file, stem: org.entry.org_slug })),
    knownEnvironments: Object.keys(stacks),
    stacks: new Map(Object.entries(stacks)),
    schemas: inputs.schemas,
    lock: inputs.lock,
  };
}

/** A registered org as the registry would hold it, built through the same rendering and parsing. */
function registeredOrg(slug: string, environments: string[]): RegisteredOrg {
  const parsed = parseOrgEntry(renderOrgYaml({ ...REQUEST, slug }, environments), `orgs/${slug}.yaml`);
  assert.ok(parsed.ok);
  return { entry: parsed.entry, file: `orgs/${slug}.yaml` };
}

test("the repository inputs the tests build on are valid", () => {
  assert.deepEqual(inputs.problems, []);
});

test("dataset id and view kind follow each stack's settings", () => {
  const result = onboard(REQUEST, context({ dev: settings({ datasetSuffix: "stg", viewMode: "logical" }), prod: settings({ viewMode: "materialized" }) }));
  assert.deepEqual(result.problems, []);
  const [dev, prod] = result.summary?.environments ?? [];
  assert.equal(dev?.datasetId, "nimbus_stg");
  assert.equal(prod?.datasetId, "nimbus_prod");
  assert.deepEqual(new Set(dev?.views.map((view) => view.kind)), new Set(["view"]));
  assert.ok(prod?.views.some((view) => view.kind === "materialized_view"));
  assert.equal(dev?.tableCount, inputs.schemas.org.length);
  assert.deepEqual(
    dev?.views.map((view) => view.name),
    inputs.schemas.views.map((view) => view.viewId),
  );
});

test("only the stacks the org names are previewed, with the plan's limits in its rows", () => {
  const result = onboard({ ...REQUEST, plan: "enterprise", environments: ["prod"] }, context({ dev: settings({}), prod: settings({}) }));
  assert.deepEqual(
    result.summary?.environments.map((env) => env.stack),
    ["prod"],
  );
  const rows = result.summary?.environments[0]?.metadataRows ?? [];
  assert.deepEqual(
    rows.map((row) => row.table),
    ["org_profiles", "org_subscriptions", "org_usage_quotas"],
  );
  assert.equal(rows[1]?.values.seat_limit, 1_000);
  assert.equal(rows[2]?.values.monthly_pipeline_run_limit, 30_000);
  assert.equal(rows[0]?.values.org_dataset_id, "nimbus_prod");
});

test("an org that would pass the materialized view cap is refused, naming the setting that resolves it", () => {
  // Two materialized views per org read org_notification_history: 50 orgs reach BigQuery's 100.
  const fifty = Array.from({ length: 50 }, (_, index) => registeredOrg(`org_${String(index).padStart(3, "0")}`, ["dev"]));
  const materialized = onboard({ ...REQUEST, environments: ["dev"] }, context({ dev: settings({ viewMode: "materialized" }) }, fifty));
  assert.equal(materialized.summary, null);
  assert.ok(materialized.problems.some((problem) => problem.field.endsWith(":viewMode") && /org_notification_history/.test(problem.message)));
  const logical = onboard({ ...REQUEST, environments: ["dev"] }, context({ dev: settings({ viewMode: "logical" }) }, fifty));
  assert.deepEqual(logical.problems, []);
  const fortyNine = onboard({ ...REQUEST, environments: ["dev"] }, context({ dev: settings({ viewMode: "materialized" }) }, fifty.slice(1)));
  assert.deepEqual(fortyNine.problems, []);
});

test("any company name survives the YAML round trip exactly", () => {
  const tricky = fc.constantFrom("yes", "null", "~", "#1 Corp", "a: b", "O'Brien & Co", '"quoted"', "2024", "- dash", "Ünïcödé 株式会社", "[x]", "{y}", "tab\there");
  const company = fc.oneof(tricky, fc.string({ unit: "grapheme", minLength: 1, maxLength: 60 })).map((text) => text.trim()).filter((text) => text.length > 0);
  fc.assert(
    fc.property(company, (name) => {
      const parsed = parseOrgEntry(renderOrgYaml({ ...REQUEST, company: name }, ["dev"]), "orgs/nimbus.yaml");
      assert.ok(parsed.ok, JSON.stringify(name));
      assert.equal(parsed.entry.company_name, name);
    }),
    { numRuns: 300 },
  );
});
