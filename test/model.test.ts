import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import fc from "fast-check";
import { buildModel, countMaterializedViews, MATERIALIZED_VIEWS_PER_BASE_TABLE } from "../src/model/build";
import type { Model } from "../src/model/types";
import { loadSchemas } from "../src/schemas/load";
import type { RegisteredOrg } from "../src/registry/load";
import { registeredOrg } from "./helpers/orgs";
import { stackSettingsSchema } from "../src/config/settings";

const root = join(__dirname, "..");
const { schemas } = loadSchemas(join(root, "schemas"), root);
const settings = stackSettingsSchema.parse({ project: "cloudact-testing-1" });

function org(slug: string, environments: string[] = ["dev"]): RegisteredOrg {
  return registeredOrg(slug, { environments });
}

function build(orgs: RegisteredOrg[], viewMode: "materialized" | "logical" = "materialized") {
  return buildModel({ stack: "dev", settings: { ...settings, viewMode }, orgs, schemas });
}

/** Every resource the components would register for a model, by logical name. */
function resourceNames(model: Model): string[] {
  const names = [model.bootstrap.datasetId, ...model.bootstrap.tables.map((table) => `${model.bootstrap.datasetId}.${table.tableId}`)];
  for (const dataset of model.orgDatasets) {
    names.push(dataset.datasetId, ...[...dataset.tables, ...dataset.views].map((table) => `${dataset.datasetId}.${table.tableId}`));
  }
  return names;
}

const slugArbitrary = fc.stringMatching(/^[a-z][a-z0-9_]{2,20}$/).filter((slug) => !["organizations", "information_schema", "cloudact", "system", "admin", "default"].includes(slug));

test("a stack onboards only the orgs whose registry entry names it", () => {
  const { model } = build([org("acme_corp", ["dev", "prod"]), org("prod_only", ["prod"])]);
  assert.deepEqual(model.orgs.map((candidate) => candidate.slug), ["acme_corp"]);
});

test("materialized views are counted per central base table and stop at BigQuery's cap", () => {
  const orgs = Array.from({ length: 50 }, (_, index) => org(`org_${index}`));
  const atCap = build(orgs);
  assert.deepEqual(atCap.issues, []);
  assert.equal(countMaterializedViews(atCap.model.orgDatasets).get("org_notification_history"), 2 * 50);
  const over = build([...orgs, org("one_more")]);
  assert.equal(over.issues.length, 1);
  assert.match(over.issues[0]?.message ?? "", /102 materialized views would read organizations.org_notification_history/);
  assert.match(over.issues[0]?.message ?? "", new RegExp(`allows ${MATERIALIZED_VIEWS_PER_BASE_TABLE} per base table`));
  assert.match(over.issues[0]?.message ?? "", /viewMode: logical/);
  assert.deepEqual(build([...orgs, org("one_more")], "logical").issues, []);
});

test("property: no two resources share a logical name", () => {
  fc.assert(
    fc.property(fc.uniqueArray(slugArbitrary, { minLength: 1, maxLength: 12, selector: (slug) => slug.toLowerCase() }), (slugs) => {
      const names = resourceNames(build(slugs.map((slug) => org(slug)), "logical").model);
      return new Set(names).size === names.length;
    }),
    { numRuns: 50 },
  );
});

test("property: adding an org changes no other org's resources", () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(slugArbitrary, { minLength: 2, maxLength: 10, selector: (slug) => slug.toLowerCase() }),
      (slugs) => {
        const [added, ...existing] = slugs as [string, ...string[]];
        const before = build(existing.map((slug) => org(slug))).model;
        const after = build([...existing, added].map((slug) => org(slug))).model;
        assert.deepEqual(after.bootstrap, before.bootstrap);
        for (const dataset of before.orgDatasets) {
          assert.deepEqual(after.orgDatasets.find((candidate) => candidate.datasetId === dataset.datasetId), dataset);
        }
        assert.equal(after.orgDatasets.length, before.orgDatasets.length + 1);
      },
    ),
    { numRuns: 40 },
  );
});

test("a column removed from the JSON stays declared through the lock", () => {
  const table = schemas.org.find((candidate) => candidate.tableId === "genai_payg_usage_raw");
  assert.ok(table);
  const lock = { "org/genai_payg_usage_raw": [...table.columns, { name: "legacy_column", type: "STRING" as const, mode: "NULLABLE" as const }] };
  const { model } = buildModel({ stack: "dev", settings, orgs: [org("acme_corp")], schemas, lock });
  const declared = model.orgDatasets[0]?.tables.find((candidate) => candidate.tableId === "genai_payg_usage_raw");
  assert.ok(declared?.columns.some((column) => column.name === "legacy_column"));
  assert.equal(declared?.columns.length, table.columns.length + 1);
});
