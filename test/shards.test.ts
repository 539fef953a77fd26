import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildModel, countStackResources, orgsInStack } from "../src/model/build";
import { loadSchemas } from "../src/schemas/load";
import { registeredOrg } from "./helpers/orgs";
import type { RegisteredOrg } from "../src/registry/load";
import { stackSettingsSchema, parseStackSettings, type StackSettings } from "../src/config/settings";
import { environmentProblems, type StackPlacement } from "../src/project/environments";
import { formatProblem } from "../src/diagnostics/problem";

const root = join(__dirname, "..");
const { schemas } = loadSchemas(join(root, "schemas"), root);

function org(slug: string, shard: number, environments = ["prod"]): RegisteredOrg {
  return registeredOrg(slug, { shard, environments });
}

function settings(overrides: Partial<StackSettings>): StackSettings {
  return stackSettingsSchema.parse({ project: "cloudact-prod", viewMode: "logical", ...overrides });
}

function placement(stack: string, overrides: Partial<StackSettings>): StackPlacement {
  const parsed = settings({ environment: "prod", ...overrides });
  return { stack, file: `Pulumi.${stack}.yaml`, text: "", settings: parsed, environment: "prod" };
}

const SHARDS = 14;
const registry = Array.from({ length: 1000 }, (_, index) => org(`org_${String(index).padStart(4, "0")}`, index % SHARDS));
const bootstrapSettings = settings({ role: "bootstrap", environment: "prod" });
const shardSettings = Array.from({ length: SHARDS }, (_, shard) =>
  settings({ role: "orgs", environment: "prod", shard, bootstrapStack: "cloudact/cloudact-bigquery/prod" }),
);

test("a 1,000-org registry splits into shard stacks that each stay under the resource budget", () => {
  const bootstrap = buildModel({ stack: "prod", settings: bootstrapSettings, orgs: registry, schemas });
  assert.deepEqual(bootstrap.issues, []);
  assert.equal(bootstrap.model.orgDatasets.length, 0);
  assert.ok(bootstrap.model.declaresBootstrap);
  const seen = new Set<string>();
  shardSettings.forEach((shard, index) => {
    const { model, issues } = buildModel({ stack: `prod-orgs-${index}`, settings: shard, orgs: registry, schemas });
    assert.deepEqual(issues, [], `shard ${index}`);
    assert.equal(model.declaresBootstrap, false);
    assert.ok(countStackResources(model) <= shard.resourceBudget);
    for (const dataset of model.orgDatasets) {
      assert.ok(!seen.has(dataset.datasetId), `${dataset.datasetId} in two shards`);
      seen.add(dataset.datasetId);
    }
  });
  assert.equal(seen.size, registry.length);
});

test("one stack holding all 1,000 orgs is refused with a message naming the fix", () => {
  const { issues } = buildModel({ stack: "prod", settings: settings({ role: "all" }), orgs: registry, schemas });
  const budget = issues.find((issue) => issue.key === "cloudact-bigquery:resourceBudget");
  assert.ok(budget);
  assert.match(budget.message, /over its budget of 2500; split the environment's orgs into shard stacks/);
});

test("adding an org never moves an existing org to another stack", () => {
  const before = shardSettings.map((shard) => orgsInStack(registry, "prod-orgs", shard).map((candidate) => candidate.entry.org_slug));
  const grown = [...registry, org("newcomer", 5)];
  shardSettings.forEach((shard, index) => {
    const after = orgsInStack(grown, "prod-orgs", shard).map((candidate) => candidate.entry.org_slug);
    assert.deepEqual(after.filter((slug) => slug !== "newcomer"), before[index]);
  });
});

test("shard settings: orgs stacks need a shard and a bootstrap stack; others may not hold a shard", () => {
  const missing = parseStackSettings({ "gcp:project": "cloudact-prod", "cloudact-bigquery:role": "orgs" });
  assert.equal(missing.ok, false);
  const keys = missing.ok ? [] : missing.issues.map((issue) => issue.key);
  assert.ok(keys.includes("cloudact-bigquery:shard"));
  assert.ok(keys.includes("cloudact-bigquery:bootstrapStack"));
  const stray = parseStackSettings({ "gcp:project": "cloudact-prod", "cloudact-bigquery:shard": "2" });
  assert.equal(stray.ok, false);
  const good = parseStackSettings({
    "gcp:project": "cloudact-prod",
    "cloudact-bigquery:role": "orgs",
    "cloudact-bigquery:shard": "2",
    "cloudact-bigquery:bootstrapStack": "cloudact/cloudact-bigquery/prod",
  });
  assert.ok(good.ok);
  assert.equal(good.ok && good.settings.shard, 2);
});

test("environment rules: one central stack, no overlapping shards, every org served", () => {
  const orgsDir = mkdtempSync(join(tmpdir(), "cloudact-shards-"));
  writeFileSync(join(orgsDir, "stray_org.yaml"), "org_slug: stray_org\nshard: 7\n");
  const orgs = [org("kept_org", 0), { ...org("stray_org", 7), file: join(orgsDir, "stray_org.yaml") }];
  const problems = environmentProblems(
    [
      placement("prod", { role: "bootstrap" }),
      placement("prod-orgs-0", { role: "orgs", shard: 0, bootstrapStack: "prod" }),
      placement("prod-orgs-0b", { role: "orgs", shard: 0, bootstrapStack: "prod" }),
    ],
    orgs,
    orgsDir,
    root,
  ).map(formatProblem);
  assert.ok(problems.some((line) => /Pulumi\.prod-orgs-0b\.yaml:\d+: cloudact-bigquery:shard: shard 0 of prod is already held by stack prod-orgs-0/.test(line)), problems.join("\n"));
  assert.ok(problems.some((line) => /stray_org\.yaml:2: shard: no stack of environment prod holds shard 7/.test(line)), problems.join("\n"));
  assert.ok(!problems.some((line) => line.includes("kept_org")));

  const twoCentral = environmentProblems([placement("prod", { role: "all" }), placement("prod-b", { role: "bootstrap" })], [], orgsDir, root).map(formatProblem);
  assert.ok(twoCentral.some((line) => /already has its central dataset in stack prod/.test(line)));
  const allPlusShard = environmentProblems(
    [placement("prod", { role: "all" }), placement("prod-orgs-1", { role: "orgs", shard: 1, bootstrapStack: "prod" })],
    [],
    orgsDir,
    root,
  ).map(formatProblem);
  assert.ok(allPlusShard.some((line) => /already holds every org of prod; set it to role bootstrap/.test(line)));
});
