import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { EMPTY_ALLOWLIST, parseAllowlist } from "../src/guard/allowlist";
import { type Judgement, judgePlan } from "../src/guard/plan/judge";
import { parsePreview, STEP_OPS } from "../src/guard/plan/preview";

const FIXTURES = join(__dirname, "fixtures", "previews");

function judgeFixture(name: string, allowlist?: string): Judgement {
  const document = parsePreview(readFileSync(join(FIXTURES, name), "utf8"), name);
  const list = allowlist ? parseAllowlist(readFileSync(join(FIXTURES, allowlist), "utf8"), allowlist) : EMPTY_ALLOWLIST;
  return judgePlan(document, list);
}

function codesOf(judgement: Judgement, urnSuffix?: string): string[] {
  return judgement.violations
    .filter((violation) => urnSuffix === undefined || violation.urn.endsWith(urnSuffix))
    .map((violation) => violation.code)
    .sort();
}

const DESTRUCTIVE = [
  "delete",
  "replace",
  "create-replacement",
  "delete-replaced",
  "import-replacement",
  "remove-pending-replace",
  "discard",
  "discard-replaced",
];

test("an empty preview passes", () => {
  const judgement = judgeFixture("empty.json");
  assert.equal(judgement.passed, true);
  assert.equal(judgement.steps, 0);
  assert.deepEqual(judgement.violations, []);
});

test("a first bootstrap (all creates, protected, unknown outputs and one unknown schema) passes", () => {
  const judgement = judgeFixture("first-bootstrap.json");
  assert.deepEqual(judgement.violations, []);
  assert.equal(judgement.passed, true);
  assert.ok(judgement.steps > 10);
  assert.equal(judgement.opCounts.create, judgement.steps);
});

test("every destructive op is rejected and every other op passes, whatever the resource", () => {
  const judgement = judgeFixture("every-op.json");
  assert.equal(judgement.steps, STEP_OPS.length);
  for (const op of STEP_OPS) {
    assert.equal(judgement.opCounts[op], 1, `one ${op} step in the fixture`);
    const destructiveFindings = judgement.violations.filter(
      (violation) => violation.op === op && (violation.code === "PG101" || violation.code === "PG102"),
    );
    assert.equal(destructiveFindings.length, DESTRUCTIVE.includes(op) ? 1 : 0, `op ${op}`);
    if (!DESTRUCTIVE.includes(op)) {
      assert.deepEqual(judgement.violations.filter((violation) => violation.op === op), [], `no violation for ${op}`);
    }
  }
  assert.equal(judgement.passed, false);
});

test("a delete of a protected table kept by retainOnDelete is still rejected", () => {
  const document = parsePreview(readFileSync(join(FIXTURES, "every-op.json"), "utf8"), "every-op.json");
  const deletion = document.steps.find((step) => step.op === "delete");
  assert.equal(deletion?.oldState?.retainOnDelete, true);
  assert.equal(deletion?.oldState?.protect, true);
  const judgement = judgePlan({ steps: deletion ? [deletion] : [] }, EMPTY_ALLOWLIST);
  assert.deepEqual(codesOf(judgement), ["PG101"]);
});

test("a top-level column drop shown as an update is rejected, with the old schema from inputs or outputs", () => {
  const judgement = judgeFixture("column-drop-update.json");
  assert.deepEqual(codesOf(judgement, "acme_corp_prod.cost_data_standard_1_3"), ["PG110"]);
  assert.deepEqual(codesOf(judgement, "acme_corp_prod.cloud_gcp_billing_raw_daily"), ["PG110"]);
  const focus = judgement.violations.find((violation) => violation.urn.endsWith("cost_data_standard_1_3"));
  assert.deepEqual(focus?.details, ["dropped: ProviderName"]);
  assert.equal(focus?.op, "update");
  assert.equal(focus?.type, "gcp:bigquery/table:Table");
  assert.deepEqual(focus?.diffReasons, ["schema"]);
});

test("a nested field drop (a replace) names the field", () => {
  const judgement = judgeFixture("nested-field-drop.json");
  assert.deepEqual(codesOf(judgement), ["PG102", "PG110"]);
  const drop = judgement.violations.find((violation) => violation.code === "PG110");
  assert.deepEqual(drop?.details, ["dropped: credits.type"]);
  const replace = judgement.violations.find((violation) => violation.code === "PG102");
  assert.deepEqual(replace?.replaceReasons, ["schema"]);
});

test("a type change shown as a replace is rejected and names the column and both types", () => {
  const judgement = judgeFixture("type-change-replace.json");
  assert.deepEqual(codesOf(judgement), ["PG102", "PG111"]);
  const change = judgement.violations.find((violation) => violation.code === "PG111");
  assert.deepEqual(change?.details, ["input_tokens: INT64 -> STRING"]);
});

test("aliases, order, name case, default modes and added NULLABLE/REPEATED columns are not violations", () => {
  assert.deepEqual(judgeFixture("alias-only-update.json").violations, []);
});

test("REQUIRED -> NULLABLE passes; NULLABLE -> REQUIRED and an added REQUIRED column are rejected", () => {
  assert.equal(judgeFixture("required-to-nullable.json").passed, true);
  const tightened = judgeFixture("nullable-to-required.json");
  assert.deepEqual(codesOf(tightened), ["PG112"]);
  assert.deepEqual(tightened.violations[0]?.details, ["plan: NULLABLE -> REQUIRED"]);
  const added = judgeFixture("required-column-added.json");
  assert.deepEqual(codesOf(added), ["PG113"]);
  assert.match(added.violations[0]?.details[0] ?? "", /fiscal_year_start/);
});

test("a partitioning field change on an update is rejected; a clustering change is not", () => {
  const judgement = judgeFixture("partitioning-change.json");
  assert.deepEqual(codesOf(judgement, "cost_data_standard_1_3"), ["PG114"]);
  assert.deepEqual(codesOf(judgement, "contract_commitment_1_3"), []);
  assert.match(judgement.violations[0]?.details[0] ?? "", /ChargePeriodStart -> .*ChargePeriodEnd/);
});

test("a dataset location change is rejected; the same location in another letter case is not", () => {
  const judgement = judgeFixture("dataset-location-change.json");
  assert.deepEqual(codesOf(judgement, "::acme_corp_prod"), ["PG102", "PG120"]);
  assert.deepEqual(codesOf(judgement, "::organizations"), []);
});

test("unprotected datasets and tables are rejected; components are judged by op only", () => {
  const judgement = judgeFixture("unprotected.json");
  assert.deepEqual(codesOf(judgement, "::initech_prod"), ["PG130"]);
  assert.deepEqual(codesOf(judgement, "::initech"), []);
  assert.deepEqual(codesOf(judgement, "acme_corp_prod.genai_payg_pricing"), ["PG131"]);
  assert.deepEqual(codesOf(judgement, "::acme_corp_prod"), ["PG132"]);
  assert.deepEqual(codesOf(judgement, "acme_corp_prod.genai_usage_daily_unified"), ["PG130"]);
});

test("an unknown schema is rejected on an update but not on a create; other unknown inputs are not judged", () => {
  const judgement = judgeFixture("unknown-values.json");
  assert.deepEqual(codesOf(judgement), ["PG150"]);
  assert.ok(judgement.violations[0]?.urn.endsWith("genai_commitment_costs_daily"));
});

test("errors reported by the preview make the plan incomplete, hence rejected", () => {
  const judgement = judgeFixture("preview-errors.json");
  assert.deepEqual(codesOf(judgement), ["PG160"]);
  assert.match(judgement.violations[0]?.details[0] ?? "", /Access Denied/);
  assert.equal(judgement.violations[0]?.details.length, 1, "warnings are not errors");
});

test("a schema that is not readable cannot be proved safe", () => {
  const document = parsePreview(readFileSync(join(FIXTURES, "required-to-nullable.json"), "utf8"), "x");
  const [step] = document.steps;
  assert.ok(step?.newState?.inputs);
  const broken = { ...step, newState: { ...step.newState, inputs: { ...step.newState.inputs, schema: "[{\"name\": \"a\"" } } };
  const judgement = judgePlan({ steps: [broken] }, EMPTY_ALLOWLIST);
  assert.deepEqual(codesOf(judgement), ["PG151"]);
  const noType = { ...step, newState: { ...step.newState, inputs: { ...step.newState.inputs, schema: "[{\"name\": \"a\"}]" } } };
  assert.deepEqual(codesOf(judgePlan({ steps: [noType] }, EMPTY_ALLOWLIST)), ["PG151"]);
});

test("every violation carries a message and a fix from the rule catalogue", () => {
  const judgement = judgeFixture("every-op.json");
  for (const violation of judgement.violations) {
    assert.ok(violation.message.length > 10);
    assert.ok(violation.fix.length > 10);
    assert.match(violation.code, /^PG1\d\d$/);
  }
});

test("a shard split done without `pulumi state move` is rejected: the old stack's preview deletes the org", () => {
  const judgement = judgeFixture("split-without-state-move.json");
  assert.equal(judgement.passed, false);
  assert.deepEqual(codesOf(judgement, "::acme_corp_prod"), ["PG101"]);
  assert.deepEqual(codesOf(judgement, "::acme_corp_prod.cost_data_standard_1_3"), ["PG101"]);
  assert.ok(judgement.violations.some((violation) => violation.code === "PG160"));
});
