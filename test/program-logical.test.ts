/** The program with `viewMode: logical`: the four per-org views become logical views. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { readStackFile } from "../src/config/stack-files";
import { runUnderMocks } from "../src/plan/mock-runtime";
import { buildInventory } from "../src/plan/inventory";

const root = join(__dirname, "..");
const stackFile = readStackFile(root, "prod", root);
if (!stackFile.ok) throw new Error("Pulumi.prod.yaml must load");

test("logical view mode registers views with standard SQL and no refresh settings", async () => {
  const registrations = await runUnderMocks({
    program: join(root, "index.ts"),
    project: "cloudact-bigquery",
    stack: "prod",
    config: { ...stackFile.stackFile.config, "cloudact-bigquery:viewMode": "logical" },
  });
  const inventory = buildInventory("prod", registrations);
  assert.equal(inventory.project, "cloudact-prod");
  const orgDatasets = inventory.datasets.filter((dataset) => dataset.role === "org");
  assert.ok(orgDatasets.length > 0);
  for (const dataset of orgDatasets) {
    const views = dataset.tables.filter((table) => table.kind !== "table");
    assert.equal(views.length, 4);
    assert.ok(views.every((view) => view.kind === "view"));
    assert.ok(views.every((view) => view.refreshIntervalMinutes === undefined));
  }
  const view = registrations.find((registration) => registration.inputs.view !== undefined);
  assert.deepEqual(Object.keys(view?.inputs.view as object).sort(), ["query", "useLegacySql"]);
  assert.equal((view?.inputs.view as { useLegacySql: boolean }).useLegacySql, false);
});
