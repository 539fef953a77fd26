import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../src/diagnostics/problem";
import { EMPTY_ALLOWLIST, parseAllowlist } from "../src/guard/allowlist";
import { judgePlan } from "../src/guard/plan/judge";
import { parsePreview } from "../src/guard/plan/preview";

const FIXTURES = join(__dirname, "fixtures", "previews");
const read = (name: string): string => readFileSync(join(FIXTURES, name), "utf8");
const preview = (name: string) => parsePreview(read(name), name);
const allowlist = (name: string) => parseAllowlist(read(name), name);

test("the repository's guard-allowlist.yaml is valid and empty", () => {
  const list = parseAllowlist(readFileSync(join(__dirname, "..", "guard-allowlist.yaml"), "utf8"), "guard-allowlist.yaml");
  assert.deepEqual(list.entries, []);
});

test("a materialized-view replace is rejected without an entry and allowed with one", () => {
  const without = judgePlan(preview("materialized-view-replace.json"), EMPTY_ALLOWLIST);
  assert.deepEqual(without.violations.map((violation) => violation.code), ["PG102"]);
  assert.ok(without.violations[0]?.urn.endsWith("acme_corp_prod.x_notification_stats"));
  assert.deepEqual(without.violations[0]?.replaceReasons, ["materializedView"]);

  const list = allowlist("allowlists/mv-allowed.yaml");
  const withEntry = judgePlan(preview("materialized-view-replace.json"), list);
  assert.equal(withEntry.passed, true);
  assert.equal(withEntry.allowed.length, 1);
  assert.equal(withEntry.allowed[0]?.reason, list.entries[0]?.reason);
  assert.deepEqual(withEntry.allowlist.map((finding) => finding.status), ["used"]);
});

test("an entry naming a base table is refused and the replace stays rejected", () => {
  const judgement = judgePlan(preview("type-change-replace.json"), allowlist("allowlists/base-table.yaml"));
  assert.equal(judgement.passed, false);
  assert.deepEqual(judgement.violations.map((violation) => violation.code).sort(), ["PG102", "PG111"]);
  assert.deepEqual(judgement.allowed, []);
  assert.deepEqual(judgement.allowlist.map((finding) => finding.status), ["refused"]);
});

test("an entry naming a dataset is refused", () => {
  const judgement = judgePlan(preview("dataset-location-change.json"), allowlist("allowlists/dataset.yaml"));
  assert.equal(judgement.passed, false);
  assert.ok(judgement.violations.some((violation) => violation.code === "PG102"));
  assert.deepEqual(judgement.allowlist.map((finding) => finding.status), ["refused"]);
});

test("a base table replaced by a view is not a view: the entry is refused", () => {
  const judgement = judgePlan(preview("table-becomes-view.json"), allowlist("allowlists/table-becomes-view.yaml"));
  assert.equal(judgement.passed, false);
  assert.deepEqual(judgement.allowlist.map((finding) => finding.status), ["refused"]);
});

test("entries that match nothing are reported as unused without failing the plan", () => {
  const judgement = judgePlan(preview("empty.json"), allowlist("allowlists/unused.yaml"));
  assert.equal(judgement.passed, true);
  assert.deepEqual(judgement.allowlist.map((finding) => finding.status), ["unused", "unused"]);
  const partly = judgePlan(preview("materialized-view-replace.json"), allowlist("allowlists/unused.yaml"));
  assert.equal(partly.passed, true);
  assert.deepEqual(partly.allowlist.map((finding) => finding.status), ["used", "unused"]);
  assert.match(partly.allowlist[1]?.urn ?? "", /globex_prod\.x_org_hierarchy$/);
});

test("an entry without a reason is invalid, naming the file, line and field", () => {
  assert.throws(
    () => allowlist("allowlists/missing-reason.yaml"),
    (error: unknown) => {
      assert.ok(error instanceof InputError);
      assert.match(error.message, /allowlists\/missing-reason\.yaml:4: allow\[1\]\.reason: /);
      return true;
    },
  );
});

test("malformed allowlists are invalid", () => {
  const cases: [string, RegExp][] = [
    ["allow: [ {urn: 'x', reason: 'y'} ]", /allow\[0\]\.urn: must be a full Pulumi URN/],
    ["allow:\n  - urn: 'urn:pulumi:a::b::c::d'\n    reason: '   '\n", /allow\[0\]\.reason: must not be empty/],
    ["allow:\n  - urn: 'urn:pulumi:a::b::c::d'\n    reason: r\n  - urn: 'urn:pulumi:a::b::c::d'\n    reason: r\n", /a\.yaml:4: allow\[1\]\.urn: listed twice/],
    ["allow:\n  - urn: 'urn:pulumi:a::b::c::d'\n    reason: r\n    reson: typo\n", /allow\[0\]: Unrecognized key/],
    ["permit: []\n", /expected a mapping with "allow"/],
    ["allow: [\n", /:\d+: \(file\): not YAML/],
  ];
  for (const [text, expected] of cases) {
    assert.throws(() => parseAllowlist(text, "a.yaml"), (error: unknown) => error instanceof InputError && expected.test(error.message), text);
  }
});

test("an empty or comment-only allowlist has no entries", () => {
  assert.deepEqual(parseAllowlist("# nothing yet\n", "a.yaml").entries, []);
  assert.deepEqual(parseAllowlist("allow:\n", "a.yaml").entries, []);
});
