/** A shard stack (role orgs) under Pulumi's mocks: no central dataset, views read the referenced one. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runUnderMocks } from "../src/plan/mock-runtime";
import { buildInventory } from "../src/plan/inventory";

const root = join(__dirname, "..");
const orgsDir = mkdtempSync(join(tmpdir(), "cloudact-shard-orgs-"));
for (const [slug, shard] of [["shard_zero_org", 0], ["shard_one_a", 1], ["shard_one_b", 1]] as const) {
  writeFileSync(
    join(orgsDir, `${slug}.yaml`),
    `org_slug: ${slug}\ncompany_name: ${slug}\nadmin_email: admin@example.com\nsubscription_plan: starter\ndefault_currency: USD\ndefault_timezone: UTC\nenvironments: [prod]\nshard: ${shard}\n`,
  );
}
process.env.CLOUDACT_ORGS_DIR = orgsDir;

test("a shard stack registers only its shard's orgs and reads the central dataset through a stack reference", async () => {
  const reference = "cloudact/cloudact-bigquery/prod";
  const registrations = await runUnderMocks({
    program: join(root, "index.ts"),
    project: "cloudact-bigquery",
    stack: "prod-orgs-1",
    config: {
      "gcp:project": "cloudact-prod-orgs",
      "cloudact-bigquery:role": "orgs",
      "cloudact-bigquery:environment": "prod",
      "cloudact-bigquery:shard": "1",
      "cloudact-bigquery:bootstrapStack": reference,
      "cloudact-bigquery:viewMode": "logical",
    },
    stackReferences: { [reference]: { centralProject: "cloudact-central", centralDataset: "organizations" } },
  });
  const inventory = buildInventory("prod-orgs-1", registrations);
  assert.deepEqual(inventory.datasets.map((dataset) => dataset.datasetId).sort(), ["shard_one_a_prod", "shard_one_b_prod"]);
  for (const dataset of inventory.datasets) {
    assert.equal(dataset.role, "org");
    for (const view of dataset.tables.filter((table) => table.kind === "view")) {
      assert.match(view.query ?? "", /FROM `cloudact-central`\.`organizations`\./);
    }
  }
});
