/**
 * The dev stack under Pulumi's mocks: per org its metadata rows, its API key (a secret output) and
 * its dataset's access list; the central dataset's access list and what it waits for.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { readStackFile } from "../src/config/stack-files";
import { runUnderMocks, type Registration } from "../src/plan/mock-runtime";
import { buildInventory, DATASET_TYPE } from "../src/plan/inventory";
import { DYNAMIC_TYPE } from "../src/plan/inventory-onboarding";
import { loadRegistry } from "../src/registry/load";

const root = join(__dirname, "..");
const stackFile = readStackFile(root, "dev", root);
if (!stackFile.ok) throw new Error("Pulumi.dev.yaml must load");
const config = stackFile.stackFile.config;
const deployer = "serviceAccount:cloudact-deployer@cloudact-testing-1.iam.gserviceaccount.com";
const api = "serviceAccount:cloudact-api@cloudact-testing-1.iam.gserviceaccount.com";
const devOrgs = loadRegistry(join(root, "orgs"), { cwd: root }).orgs.filter((org) => org.entry.environments.includes("dev"));

const run: Promise<Registration[]> = runUnderMocks({ program: join(root, "index.ts"), project: "cloudact-bigquery", stack: "dev", config });

test("the dev stack config names the principals the access lists use", () => {
  assert.equal(config["cloudact-bigquery:deployer"], deployer);
  assert.equal(config["cloudact-bigquery:apiServiceAccount"], api);
});

test("each org registers its profile, subscription and quota rows and its API key, protected and retained", async () => {
  const inventory = buildInventory("dev", await run);
  for (const { entry } of devOrgs) {
    const dataset = inventory.datasets.find((candidate) => candidate.org === entry.org_slug);
    assert.ok(dataset, entry.org_slug);
    assert.deepEqual(
      dataset.metadata?.map((row) => row.resource).sort(),
      ["org_profiles", "org_subscriptions", "org_usage_quotas"].map((table) => `organizations.${table}/${entry.org_slug}`),
    );
    const profile = dataset.metadata?.find((row) => row.table === "org_profiles");
    assert.equal(profile?.columns.company_name, entry.company_name);
    assert.equal(profile?.columns.subscription_plan, entry.subscription_plan);
    assert.ok(dataset.metadata?.every((row) => row.protected && row.retainOnDelete));
    assert.deepEqual(dataset.apiKey, {
      resource: `organizations.org_api_keys/${entry.org_slug}`,
      table: "org_api_keys",
      keyVersion: entry.key_version,
      scopes: ["integrations", "pipelines", "data_access"],
      secretOutputs: ["apiKey"],
      protected: true,
      retainOnDelete: true,
    });
  }
  const dynamic = (await run).filter((registration) => registration.type === DYNAMIC_TYPE);
  assert.equal(dynamic.length, 4 * devOrgs.length);
  for (const registration of dynamic) assert.equal(registration.inputs.project, "cloudact-testing-1");
});

test("each org dataset's access list is exactly the deployer, the API and the org's own readers", async () => {
  const inventory = buildInventory("dev", await run);
  for (const { entry } of devOrgs) {
    const dataset = inventory.datasets.find((candidate) => candidate.org === entry.org_slug);
    assert.deepEqual(dataset?.access, [
      { role: "OWNER", principal: deployer },
      { role: "WRITER", principal: api },
      ...entry.readers.map((principal) => ({ role: "READER", principal })),
    ]);
  }
  const readers = devOrgs.flatMap((org) => org.entry.readers);
  assert.ok(readers.length > 0, "the example registry has readers to check");
  const central = inventory.datasets.find((dataset) => dataset.role === "bootstrap");
  assert.ok(central);
  for (const reader of readers) assert.ok(!central.access.some((access) => access.principal === reader), `${reader} has no access to the central dataset`);
});

test("the central dataset authorizes every org dataset's views and is written after them", async () => {
  const registrations = await run;
  const inventory = buildInventory("dev", registrations);
  const central = inventory.datasets.find((dataset) => dataset.role === "bootstrap");
  assert.deepEqual(central?.access, [
    { role: "OWNER", principal: deployer },
    { role: "WRITER", principal: api },
    ...devOrgs.map((org) => ({ role: null, authorizedDataset: `cloudact-testing-1.${org.entry.org_slug}_prod`, targetTypes: ["VIEWS"] })),
  ]);
  assert.equal(central?.kmsKeyName, undefined, "dev does not turn CMEK on");
  const centralRegistration = registrations.find((registration) => registration.type === DATASET_TYPE && registration.name === "organizations");
  const orgDatasets = registrations.filter((registration) => registration.type === DATASET_TYPE && registration.name !== "organizations");
  for (const dataset of orgDatasets) {
    assert.ok(centralRegistration?.dependsOn.some((urn) => urn.endsWith(`::${dataset.name}`)), `central waits for ${dataset.name}`);
  }
});
