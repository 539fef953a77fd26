/**
 * The real program (index.ts) for the dev stack, run under Pulumi's mock runtime: the resource
 * graph, the options every resource was registered with, and the view SQL.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { readStackFile } from "../src/config/stack-files";
import { runUnderMocks, type Registration } from "../src/plan/mock-runtime";
import { buildInventory, DATASET_TYPE, TABLE_TYPE } from "../src/plan/inventory";
import { loadRegistry } from "../src/registry/load";
import { loadStack, projectPaths } from "../src/project/load";
import { countStackResources, STACK_SUPPORT_RESOURCES } from "../src/model/build";

const root = join(__dirname, "..");
const stackFile = readStackFile(root, "dev", root);
if (!stackFile.ok) throw new Error("Pulumi.dev.yaml must load");
const devOrgs = loadRegistry(join(root, "orgs"), { cwd: root })
  .orgs.filter((org) => org.entry.environments.includes("dev"))
  .map((org) => org.entry.org_slug)
  .sort();

const run: Promise<Registration[]> = runUnderMocks({
  program: join(root, "index.ts"),
  project: "cloudact-bigquery",
  stack: "dev",
  config: stackFile.stackFile.config,
});

test("the dev stack declares the central dataset and one dataset per dev org", async () => {
  const inventory = buildInventory("dev", await run);
  assert.equal(inventory.project, "cloudact-testing-1");
  assert.equal(inventory.location, "US");
  const central = inventory.datasets.find((dataset) => dataset.datasetId === "organizations");
  assert.ok(central);
  assert.equal(central.role, "bootstrap");
  assert.equal(central.tables.length, 20);
  assert.ok(central.tables.every((table) => table.kind === "table"));
  const orgDatasets = inventory.datasets.filter((dataset) => dataset.role === "org");
  assert.deepEqual(orgDatasets.map((dataset) => dataset.org).sort(), devOrgs);
  for (const dataset of orgDatasets) {
    assert.equal(dataset.datasetId, `${dataset.org}_prod`);
    assert.equal(dataset.tables.filter((table) => table.kind === "table").length, 20);
    assert.deepEqual(
      dataset.tables.filter((table) => table.kind === "materialized_view").map((table) => table.tableId).sort(),
      ["x_all_notifications", "x_notification_stats", "x_org_hierarchy", "x_pipeline_exec_logs"],
    );
  }
});

test("every dataset and base table is registered protected, retained on delete and deletion-protected", async () => {
  const registrations = await run;
  const datasets = registrations.filter((registration) => registration.type === DATASET_TYPE);
  assert.ok(datasets.length > 1);
  for (const dataset of datasets) {
    assert.equal(dataset.protect, true, `${dataset.name} protect`);
    assert.equal(dataset.retainOnDelete, true, `${dataset.name} retainOnDelete`);
    assert.equal(dataset.inputs.deleteContentsOnDestroy, false, `${dataset.name} deleteContentsOnDestroy`);
  }
  const baseTables = registrations.filter((registration) => registration.type === TABLE_TYPE && registration.inputs.schema !== undefined);
  assert.equal(baseTables.length, 20 * (1 + devOrgs.length));
  for (const table of baseTables) {
    assert.equal(table.protect, true, `${table.name} protect`);
    assert.equal(table.retainOnDelete, true, `${table.name} retainOnDelete`);
    assert.equal(table.inputs.deletionProtection, true, `${table.name} deletionProtection`);
  }
});

test("logical names are the BigQuery identities, and no two resources share one", async () => {
  const registrations = await run;
  const urnKeys = registrations.map((registration) => `${registration.type}::${registration.name}`);
  assert.equal(new Set(urnKeys).size, urnKeys.length);
  for (const registration of registrations) {
    if (registration.type === DATASET_TYPE) assert.equal(registration.name, registration.inputs.datasetId);
    if (registration.type === TABLE_TYPE) assert.equal(registration.name, `${String(registration.inputs.datasetId)}.${String(registration.inputs.tableId)}`);
  }
});

test("each view reads its central table filtered to its own org, with quoted identifiers and a 15-minute refresh cap", async () => {
  const inventory = buildInventory("dev", await run);
  for (const dataset of inventory.datasets.filter((candidate) => candidate.role === "org")) {
    for (const view of dataset.tables.filter((table) => table.kind === "materialized_view")) {
      assert.match(view.query ?? "", /FROM `cloudact-testing-1`\.`organizations`\.`org_[a-z_]+`/);
      assert.match(view.query ?? "", new RegExp(`WHERE org_slug = '${dataset.org}'`));
      for (const other of devOrgs.filter((slug) => slug !== dataset.org)) assert.doesNotMatch(view.query ?? "", new RegExp(`'${other}'`));
      assert.equal(view.refreshIntervalMinutes, 15);
    }
  }
});

test("table schemas, partitioning and clustering reach the provider as BigQuery API JSON", async () => {
  const registrations = await run;
  const focus = registrations.find((registration) => registration.name === `${devOrgs[0]}_prod.cost_data_standard_1_3`);
  assert.ok(focus);
  const schema = JSON.parse(String(focus.inputs.schema)) as { name: string; type: string; mode: string }[];
  assert.ok(schema.some((column) => column.name === "BilledCost" && column.type === "NUMERIC"));
  assert.ok(schema.some((column) => column.name === "x_org_slug" && column.mode === "REQUIRED"));
  assert.deepEqual(focus.inputs.timePartitioning, { type: "DAY", field: "ChargePeriodStart" });
  assert.ok(Array.isArray(focus.inputs.clusterings));
  const labels = focus.inputs.labels as Record<string, string>;
  assert.equal(labels.environment, "dev");
  assert.equal(labels["managed-by"], "cloudact-pulumi");
});

test("the resource budget counts exactly what the program registers", async () => {
  const registrations = await run;
  const loaded = loadStack(projectPaths(root, root), "dev");
  assert.ok(loaded.ok);
  assert.equal(countStackResources(loaded.model), registrations.length + STACK_SUPPORT_RESOURCES);
});
