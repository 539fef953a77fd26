import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { repoRoot } from "../src/cli/root";
import { projectPaths } from "../src/project/load";
import { loadStatusModel } from "../src/status/load-model";
import { compareCatalog } from "../src/status/compare";
import { syntheticCatalog } from "../src/status/synthetic";
import { catalogTypeOf } from "../src/model/catalog-types";
import { isAllSynced } from "../src/status/report";
import type { Model, TableModel } from "../src/model/types";
import type { RegisteredOrg } from "../src/registry/load";

const ORGS = join(__dirname, "fixtures", "catalog", "orgs");

function load(stack: string): { model: Model; registry: readonly RegisteredOrg[] } {
  const loaded = loadStatusModel(projectPaths(repoRoot(), process.cwd(), { orgs: ORGS }), stack);
  assert.ok(loaded.ok, "the fixture registry loads");
  assert.deepEqual(loaded.warnings, []);
  return { model: loaded.model, registry: loaded.inputs.registry.orgs };
}

function orgDataset(model: Model, slug: string) {
  const dataset = model.orgDatasets.find((candidate) => candidate.org === slug);
  assert.ok(dataset, `${slug} is in stack ${model.stack}`);
  return dataset;
}

/** A table with a STRUCT column, so nested paths are exercised when the schemas have one. */
function tableWith(model: Model, predicate: (table: TableModel) => boolean): TableModel {
  const table = [...model.bootstrap.tables, ...model.orgDatasets.flatMap((dataset) => dataset.tables)].find(predicate);
  assert.ok(table);
  return table;
}

test("everything declared exists: SYNCED everywhere, no differences", () => {
  const { model, registry } = load("dev");
  const report = compareCatalog(model, syntheticCatalog(model), { registry });
  assert.equal(report.bootstrap.status, "SYNCED");
  assert.deepEqual(Object.keys(report.organizations).sort(), ["alpha_co", "beta_co"]);
  for (const org of Object.values(report.organizations)) {
    assert.equal(org.status, "SYNCED");
    assert.deepEqual([org.missing_tables, org.missing_columns, org.type_mismatches, org.extra_columns], [[], {}, {}, {}]);
    assert.equal(org.fix, null);
  }
  assert.ok(isAllSynced(report));
});

test("PROFILE_ONLY: one org's dataset is gone, the others stay SYNCED, and the model still declares it in full", () => {
  const { model, registry } = load("dev");
  const beta = orgDataset(model, "beta_co");
  const report = compareCatalog(model, syntheticCatalog(model, { dropDatasets: [beta.datasetId] }), { registry });
  const status = report.organizations.beta_co;
  assert.equal(status?.status, "PROFILE_ONLY");
  assert.equal(status?.dataset, beta.datasetId);
  assert.deepEqual(status?.fix?.commands, ["pulumi refresh --stack dev", "pulumi up --stack dev"]);
  // Recovery recreates everything because the program still declares all of it.
  assert.ok(beta.tables.length >= 20 && beta.views.length >= 4);
  assert.deepEqual(status?.missing_tables, [...beta.tables, ...beta.views].map((table) => table.tableId));
  assert.match(status?.fix?.note ?? "", new RegExp(`all ${beta.tables.length} tables and ${beta.views.length} views`));
  assert.equal(report.organizations.alpha_co?.status, "SYNCED");
  assert.equal(report.bootstrap.status, "SYNCED");
});

test("an org of the stack with neither dataset nor profile row is NOT_ONBOARDED; pulumi up fixes it", () => {
  const { model, registry } = load("dev");
  const alpha = orgDataset(model, "alpha_co");
  const rows = syntheticCatalog(model, { dropDatasets: [alpha.datasetId], profiles: ["beta_co"] });
  const status = compareCatalog(model, rows, { registry }).organizations.alpha_co;
  assert.equal(status?.status, "NOT_ONBOARDED");
  assert.deepEqual(status?.fix?.commands, ["pulumi up --stack dev"]);
});

test("OUT_OF_SYNC for a missing column (top-level and nested), a missing table and a missing view", () => {
  const { model, registry } = load("dev");
  const alpha = orgDataset(model, "alpha_co");
  const [first, second] = alpha.tables;
  assert.ok(first && second);
  const column = first.columns[first.columns.length - 1];
  assert.ok(column);
  const view = alpha.views[0];
  assert.ok(view);
  const rows = syntheticCatalog(model, {
    dropColumns: [{ dataset: alpha.datasetId, table: first.tableId, column: column.name.toUpperCase() }],
    dropTables: [{ dataset: alpha.datasetId, table: second.tableId }, { dataset: alpha.datasetId, table: view.tableId }],
  });
  const status = compareCatalog(model, rows, { registry }).organizations.alpha_co;
  assert.equal(status?.status, "OUT_OF_SYNC");
  assert.deepEqual(status?.missing_columns, { [first.tableId]: [column.name] });
  assert.deepEqual(status?.missing_tables, [second.tableId, view.tableId]);
  assert.deepEqual(status?.fix?.commands, ["pulumi up --stack dev"]);
  assert.equal(compareCatalog(model, rows, { registry }).organizations.beta_co?.status, "SYNCED");
});

test("a missing nested field is reported by its path, a missing STRUCT once (not each field)", () => {
  const { model } = load("dev");
  const table = tableWith(model, (candidate) => candidate.columns.some((column) => (column.fields?.length ?? 0) > 1));
  const struct = table.columns.find((column) => (column.fields?.length ?? 0) > 1);
  assert.ok(struct?.fields?.[0]);
  const dataset = [model.bootstrap, ...model.orgDatasets].find((candidate) => candidate.tables.includes(table));
  assert.ok(dataset);
  const nested = `${struct.name}.${struct.fields[0].name}`;
  const one = compareCatalog(model, syntheticCatalog(model, { dropColumns: [{ dataset: dataset.datasetId, table: table.tableId, column: nested }] }));
  const scope = dataset.role === "bootstrap" ? one.bootstrap : one.organizations[dataset.org ?? ""];
  assert.deepEqual(scope?.missing_columns, { [table.tableId]: [nested] });
  const whole = compareCatalog(model, syntheticCatalog(model, { dropColumns: [{ dataset: dataset.datasetId, table: table.tableId, column: struct.name }] }));
  const wholeScope = dataset.role === "bootstrap" ? whole.bootstrap : whole.organizations[dataset.org ?? ""];
  assert.deepEqual(wholeScope?.missing_columns, { [table.tableId]: [struct.name] });
});

test("an extra column is harmless: still SYNCED, listed as extra", () => {
  const { model, registry } = load("dev");
  const table = model.bootstrap.tables[0];
  assert.ok(table);
  const rows = syntheticCatalog(model, { extraColumns: [{ dataset: "organizations", table: table.tableId, column: "legacy_flag", dataType: "BOOL" }] });
  const report = compareCatalog(model, rows, { registry });
  assert.equal(report.bootstrap.status, "SYNCED");
  assert.deepEqual(report.bootstrap.extra_columns, { [table.tableId]: ["legacy_flag"] });
  assert.equal(report.bootstrap.fix, null);
  assert.ok(isAllSynced(report));
});

test("a type mismatch is OUT_OF_SYNC with no command: a manual migration, never a drop", () => {
  const { model, registry } = load("dev");
  const beta = orgDataset(model, "beta_co");
  const table = beta.tables.find((candidate) => candidate.columns.some((column) => column.type === "STRING" && column.mode !== "REPEATED"));
  const column = table?.columns.find((candidate) => candidate.type === "STRING" && candidate.mode !== "REPEATED");
  assert.ok(table && column);
  const rows = syntheticCatalog(model, { retypeColumns: [{ dataset: beta.datasetId, table: table.tableId, column: column.name, dataType: "NUMERIC(10,2)" }] });
  const status = compareCatalog(model, rows, { registry }).organizations.beta_co;
  assert.equal(status?.status, "OUT_OF_SYNC");
  assert.deepEqual(status?.type_mismatches, { [table.tableId]: [{ column: column.name, declared: "STRING", actual: "NUMERIC(10,2)" }] });
  assert.deepEqual(status?.fix?.commands, []);
  assert.match(status?.fix?.note ?? "", /manual migration/);
  assert.match(status?.fix?.note ?? "", /never a drop/);
});

test("aliases, parameters and mode: INTEGER vs INT64 and NUMERIC(p,s) match; REQUIRED vs NULLABLE is invisible; REPEATED is not", () => {
  const { model } = load("dev");
  const table = tableWith(model, (candidate) => candidate.columns.some((column) => column.type === "NUMERIC" && column.mode !== "REPEATED"));
  const numeric = table.columns.find((column) => column.type === "NUMERIC" && column.mode !== "REPEATED");
  const dataset = [model.bootstrap, ...model.orgDatasets].find((candidate) => candidate.tables.includes(table));
  assert.ok(numeric && dataset);
  const retyped = (dataType: string) =>
    compareCatalog(model, syntheticCatalog(model, { retypeColumns: [{ dataset: dataset.datasetId, table: table.tableId, column: numeric.name, dataType }] }));
  const scopeOf = (report: ReturnType<typeof compareCatalog>) => (dataset.role === "bootstrap" ? report.bootstrap : report.organizations[dataset.org ?? ""]);
  assert.equal(scopeOf(retyped("NUMERIC(18,4)"))?.status, "SYNCED");
  assert.equal(scopeOf(retyped("DECIMAL"))?.status, "SYNCED");
  assert.equal(catalogTypeOf({ ...numeric, mode: "REQUIRED" }), catalogTypeOf({ ...numeric, mode: "NULLABLE" }));
  const repeated = scopeOf(retyped("ARRAY<NUMERIC>"));
  assert.equal(repeated?.status, "OUT_OF_SYNC");
  assert.deepEqual(repeated?.type_mismatches[table.tableId], [{ column: numeric.name, declared: "NUMERIC", actual: "ARRAY<NUMERIC>" }]);
});

test("column names compare case-insensitively", () => {
  const { model } = load("dev");
  const rows = syntheticCatalog(model);
  const shouted = { ...rows, columns: rows.columns.map((row) => ({ ...row, column_name: row.column_name.toUpperCase(), field_path: row.field_path.toUpperCase() })) };
  assert.ok(isAllSynced(compareCatalog(model, shouted)));
});

test("nested fields are read from a STRUCT's data_type when the snapshot has only top-level rows", () => {
  const { model } = load("dev");
  const rows = syntheticCatalog(model);
  const topLevel = { ...rows, columns: rows.columns.filter((row) => !row.field_path.includes(".")) };
  assert.ok(topLevel.columns.length < rows.columns.length, "the schemas have nested fields");
  assert.ok(isAllSynced(compareCatalog(model, topLevel)));
});

test("NOT_BOOTSTRAPPED without the central dataset; orgs without profile rows are NOT_ONBOARDED, existing ones still compared", () => {
  const { model, registry } = load("dev");
  const alpha = orgDataset(model, "alpha_co");
  const report = compareCatalog(model, syntheticCatalog(model, { dropDatasets: ["organizations", alpha.datasetId] }), { registry });
  assert.equal(report.bootstrap.status, "NOT_BOOTSTRAPPED");
  assert.deepEqual(report.bootstrap.fix?.commands, ["pulumi up --stack dev"]);
  assert.equal(report.organizations.alpha_co?.status, "NOT_ONBOARDED");
  assert.equal(report.organizations.beta_co?.status, "SYNCED");
  assert.equal(isAllSynced(report), false);
  // A snapshot that still carries profile rows (e.g. taken before the drop) makes the org PROFILE_ONLY.
  const withProfiles = compareCatalog(model, syntheticCatalog(model, { dropDatasets: ["organizations", alpha.datasetId], profiles: ["alpha_co"] }), { registry });
  assert.equal(withProfiles.organizations.alpha_co?.status, "PROFILE_ONLY");
});

test("NOT_FOUND for an unregistered slug; NOT_IN_STACK for an org registered in another environment", () => {
  const { model, registry } = load("dev");
  const rows = syntheticCatalog(model);
  const missing = compareCatalog(model, rows, { registry, org: "nobody_here" });
  assert.deepEqual(Object.keys(missing.organizations), ["nobody_here"]);
  assert.equal(missing.organizations.nobody_here?.status, "NOT_FOUND");
  assert.equal(missing.organizations.nobody_here?.dataset, null);
  assert.match(missing.organizations.nobody_here?.fix?.commands[0] ?? "", /^npx cloudact onboard nobody_here /);
  const gamma = compareCatalog(model, rows, { registry, org: "GAMMA_CO" }).organizations.gamma_co;
  assert.equal(gamma?.status, "NOT_IN_STACK");
  assert.equal(gamma?.dataset, "gamma_co_prod");
  assert.match(gamma?.fix?.note ?? "", /add "dev" to `environments` in .*gamma_co\.yaml/);
  const inProd = compareCatalog(load("prod").model, syntheticCatalog(load("prod").model), { org: "gamma_co" }).organizations.gamma_co;
  assert.equal(inProd?.status, "SYNCED");
});

test("profile rows of orgs the stack does not declare are listed: NOT_IN_STACK if registered, else NOT_FOUND", () => {
  const { model, registry } = load("dev");
  const rows = syntheticCatalog(model, { profiles: ["alpha_co", "beta_co", "gamma_co", "ghost_co"] });
  const report = compareCatalog(model, rows, { registry });
  assert.deepEqual(
    Object.entries(report.organizations).map(([slug, org]) => [slug, org.status]),
    [
      ["alpha_co", "SYNCED"],
      ["beta_co", "SYNCED"],
      ["gamma_co", "NOT_IN_STACK"],
      ["ghost_co", "NOT_FOUND"],
    ],
  );
  assert.match(report.organizations.ghost_co?.fix?.note ?? "", /profile row exists/);
});
