/** The metadata row provider's logic against a fake BigQuery client: parameterized MERGEs, diffs, audit events. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { loadStack, projectPaths } from "../src/project/load";
import { orgMetadata, PROFILES_TABLE, QUOTAS_TABLE, SUBSCRIPTIONS_TABLE } from "../src/metadata/org-rows";
import { changedRowProperties, createRow, rowId, updateRow, type RowDeps, type RowInputs, type RowOutputs } from "../src/metadata/row";
import { mergeStatement, transaction } from "../src/metadata/merge";
import { metadataRowProvider } from "../src/metadata/providers";
import { PLANS } from "../src/registry/plans";
import type { Column } from "../src/model/columns";
import { FakeBigQuery } from "./helpers/fake-bigquery";

const root = join(__dirname, "..");
const loaded = loadStack(projectPaths(root, root), "dev");
if (!loaded.ok) throw new Error("the dev stack must load");
const model = loaded.model;
const acme = model.orgs.find((org) => org.slug === "acme_corp");
if (!acme) throw new Error("acme_corp is a dev org");
const metadata = orgMetadata(model, acme);
const rowOf = (table: string): RowInputs => {
  const row = metadata.rows.find((candidate) => candidate.table === table);
  if (!row) throw new Error(`no ${table} row`);
  return row;
};
const profile = rowOf(PROFILES_TABLE);
const NOW = new Date("2025-03-04T05:06:07Z");

function deps(): RowDeps & { client: FakeBigQuery } {
  let next = 0;
  return { client: new FakeBigQuery(), now: () => NOW, uuid: () => `uuid-${++next}` };
}

test("each org gets a profile, a subscription and a quota row named by its BigQuery identity", () => {
  assert.deepEqual(metadata.rows.map(rowId).sort(), [
    "organizations.org_profiles/acme_corp",
    "organizations.org_subscriptions/acme_corp",
    "organizations.org_usage_quotas/acme_corp",
  ]);
  assert.equal(profile.row.company_name, acme.entry.company_name);
  assert.equal(profile.row.fiscal_year_start_month, acme.entry.fiscal_year_start_month);
  assert.equal(profile.types.fiscal_year_start_month, "INT64");
  const plan = PLANS[acme.entry.subscription_plan];
  assert.equal(rowOf(SUBSCRIPTIONS_TABLE).row.seat_limit, plan.seats);
  assert.equal(rowOf(QUOTAS_TABLE).row.daily_pipeline_run_limit, plan.dailyPipelineRuns);
  assert.equal(rowOf(QUOTAS_TABLE).row.monthly_pipeline_run_limit, plan.monthlyPipelineRuns);
});

test("create writes the profile and its onboarding audit event in one transaction of parameterized MERGEs", async () => {
  const d = deps();
  const { id, outs } = await createRow(d, profile);
  assert.equal(id, "organizations.org_profiles/acme_corp");
  assert.equal(d.client.statements.length, 1);
  const [statement] = d.client.statements;
  assert.ok(statement);
  assert.match(statement.query, /^BEGIN TRANSACTION;\nMERGE `cloudact-testing-1`\.`organizations`\.`org_profiles` AS target/);
  assert.match(statement.query, /MERGE `cloudact-testing-1`\.`organizations`\.`org_audit_logs` AS target/);
  assert.match(statement.query, /ON target\.`org_slug` = source\.`org_slug`\n/);
  assert.match(statement.query, /WHEN NOT MATCHED THEN INSERT/);
  assert.equal(statement.params.org_slug, "acme_corp");
  assert.equal(statement.params.company_name, acme.entry.company_name);
  assert.equal(statement.params.audit_action, "org.onboarded");
  assert.equal(statement.params.audit_before_state, null);
  assert.equal(JSON.parse(String(statement.params.audit_after_state)).admin_email, acme.entry.admin_email);
  assert.equal(statement.types.audit_before_state, "STRING");
  for (const value of [acme.entry.company_name, acme.entry.admin_email, "acme_corp"]) {
    assert.ok(!statement.query.includes(value), `${value} must travel as a parameter, not in the SQL text`);
  }
  for (const name of Object.keys(statement.params)) assert.ok(statement.types[name] !== undefined, `type of @${name}`);
  assert.deepEqual(outs.writtenKey, { org_slug: "acme_corp" });
});

test("an unchanged row diffs clean and its update writes nothing", async () => {
  const d = deps();
  const { outs } = await createRow(d, profile);
  assert.deepEqual(await metadataRowProvider.diff?.("id", outs, profile), { changes: false, replaces: [] });
  const written = d.client.statements.length;
  const updated = await updateRow(d, outs, profile);
  assert.equal(d.client.statements.length, written);
  assert.deepEqual(updated.outs, outs);
});

test("diff reports only the changed columns and never a replacement; update records before and after", async () => {
  const d = deps();
  const { outs } = await createRow(d, profile);
  const changed: RowInputs = { ...profile, row: { ...profile.row, subscription_plan: "enterprise", status: "suspended" } };
  assert.deepEqual(changedRowProperties(outs, changed), ["row.subscription_plan", "row.status"]);
  assert.deepEqual(await metadataRowProvider.diff?.("id", outs, changed), { changes: true, replaces: [] });
  await updateRow(d, outs, changed);
  const statement = d.client.statements.at(-1);
  assert.ok(statement);
  assert.match(statement.query, /WHEN MATCHED THEN UPDATE SET .*`subscription_plan` = source\.`subscription_plan`/);
  assert.doesNotMatch(statement.query.split("WHEN MATCHED")[1]?.split("WHEN NOT MATCHED")[0] ?? "", /created_by|onboarded_at/, "insert-only columns keep their first value");
  assert.equal(statement.params.audit_action, "org.profile_updated");
  assert.equal(JSON.parse(String(statement.params.audit_before_state)).subscription_plan, acme.entry.subscription_plan);
  assert.equal(JSON.parse(String(statement.params.audit_after_state)).subscription_plan, "enterprise");
  assert.deepEqual(JSON.parse(String(statement.params.audit_details)).changed, ["row.subscription_plan", "row.status"]);
});

test("a quota row is the row of the day it is written, its usage counters set on insert only", async () => {
  const d = deps();
  const quota = rowOf(QUOTAS_TABLE);
  const { outs } = await createRow(d, quota);
  assert.deepEqual(outs.writtenKey, { org_slug: "acme_corp", usage_date: "2025-03-04", quota_id: "acme_corp_20250304" });
  const [statement] = d.client.statements;
  assert.ok(statement);
  assert.equal(statement.types.usage_date, "DATE");
  assert.equal(statement.params.daily_pipeline_runs_used, 0);
  const update = statement.query.split("WHEN MATCHED")[1]?.split("WHEN NOT MATCHED")[0] ?? "";
  assert.match(update, /`daily_pipeline_run_limit` = source/);
  assert.doesNotMatch(update, /daily_pipeline_runs_used/);
  assert.doesNotMatch(statement.query, /org_audit_logs/);
});

test("delete is a no-op: rows are retained", async () => {
  const d = deps();
  const { outs } = await createRow(d, profile);
  await metadataRowProvider.delete?.("organizations.org_profiles/acme_corp", outs as RowOutputs);
  assert.equal(d.client.statements.length, 1);
});

test("identifiers are validated and quoted; parameters never collide inside a transaction", () => {
  const target = { project: "cloudact-testing-1", dataset: "organizations", table: "org_profiles" };
  assert.throws(() => mergeStatement({ target, match: ["org_slug`; DROP TABLE x; --"], values: { "org_slug`; DROP TABLE x; --": { value: "a", type: "STRING" } } }), /not a BigQuery identifier/);
  assert.throws(() => mergeStatement({ target: { ...target, table: "t`x" }, match: ["a"], values: { a: { value: "a", type: "STRING" } } }), /not a BigQuery identifier/);
  assert.throws(() => mergeStatement({ target: { ...target, project: "Bad Project" }, match: ["a"], values: { a: { value: "a", type: "STRING" } } }), /not a GCP project id/);
  const one = mergeStatement({ target, match: ["a"], values: { a: { value: "x", type: "STRING" } } });
  assert.throws(() => transaction([one, one]), /used by two statements/);
});

test("every column the rows write exists in its central table with the type the parameters carry", () => {
  for (const row of metadata.rows) {
    const table = model.bootstrap.tables.find((candidate) => candidate.tableId === row.table);
    assert.ok(table, row.table);
    for (const [column, type] of Object.entries(row.types)) {
      const declared: Column | undefined = table.columns.find((candidate) => candidate.name === column);
      assert.ok(declared, `${row.table}.${column}`);
      assert.equal(declared.type, type, `${row.table}.${column}`);
    }
  }
});
