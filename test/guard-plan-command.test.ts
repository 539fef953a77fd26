import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, memoryIo } from "../src/cli/io";
import { guardPlanCommand } from "../src/guard/plan/command";

const FIXTURES = join(__dirname, "fixtures", "previews");

async function run(args: string[], options: { cwd?: string; stdin?: string } = {}) {
  const io = memoryIo({ cwd: options.cwd ?? FIXTURES, stdin: options.stdin });
  const code = await guardPlanCommand(args, io);
  return { code, out: io.out.join(""), err: io.err.join("") };
}

function assertNoStackTrace(text: string): void {
  assert.doesNotMatch(text, /\n\s+at /);
}

test("exit 0 and PASS for a safe plan, 1 and REJECTED for a destructive one", async () => {
  const pass = await run(["alias-only-update.json"]);
  assert.equal(pass.code, EXIT_OK);
  assert.match(pass.out, /\nPASS\n$/);
  const rejected = await run(["type-change-replace.json"]);
  assert.equal(rejected.code, EXIT_PROBLEM);
  assert.match(rejected.out, /\nREJECTED: 2 violations\n$/);
  assert.match(rejected.out, /PG111 column-type-changed/);
  assert.match(rejected.out, /replaceReasons: schema/);
  assert.match(rejected.out, /acme_corp_prod\.genai_payg_usage_raw/);
  assert.match(rejected.out, /replace\s+1\n/);
});

test("- reads the preview from stdin", async () => {
  const stdin = readFileSync(join(FIXTURES, "nested-field-drop.json"), "utf8");
  const result = await run(["-"], { stdin });
  assert.equal(result.code, EXIT_PROBLEM);
  assert.match(result.out, /dropped: credits\.type/);
});

test("every malformed document exits 2 with a clear message and never passes", async () => {
  const cases: [string, RegExp][] = [
    ["malformed/not-json.txt", /not JSON/],
    ["malformed/no-steps.json", /expected an object with a "steps" array/],
    ["malformed/array.json", /expected an object with a "steps" array/],
    ["malformed/steps-not-array.json", /steps: /],
    ["malformed/step-without-op.json", /steps\[0\]\.op: /],
    ["malformed/step-without-urn.json", /steps\[0\]\.urn: /],
    ["malformed/unknown-op.json", /steps\[0\]\.op: .*"same"/],
  ];
  for (const [file, expected] of cases) {
    const result = await run([file]);
    assert.equal(result.code, EXIT_USAGE, file);
    assert.equal(result.out, "", `${file}: nothing printed as a report`);
    assert.match(result.err, expected, file);
    assertNoStackTrace(result.err);
  }
  const empty = await run(["-"], { stdin: "  \n" });
  assert.equal(empty.code, EXIT_USAGE);
  assert.match(empty.err, /stdin: empty input/);
});

test("usage mistakes and unreadable files exit 2 without a stack trace", async () => {
  const cases: [string[], RegExp][] = [
    [[], /missing the preview FILE/],
    [["a.json", "b.json"], /expected one FILE, got 2/],
    [["empty.json", "--format", "html"], /unknown --format "html"/],
    [["empty.json", "--verbose"], /Unknown option '--verbose'/],
    [["no-such-preview.json"], /cannot read preview .*no-such-preview\.json: no such file/],
    [["malformed"], /is a directory/],
    [["empty.json", "--allowlist", "missing.yaml"], /cannot read allowlist .*missing\.yaml: no such file/],
    [["empty.json", "--allowlist", "allowlists/missing-reason.yaml"], /allow\[1\]\.reason/],
  ];
  for (const [args, expected] of cases) {
    const result = await run(args);
    assert.equal(result.code, EXIT_USAGE, args.join(" "));
    assert.match(result.err, expected, args.join(" "));
    assertNoStackTrace(result.err);
  }
  assert.match((await run([])).err, /usage: cloudact guard plan FILE\|-/);
});

test("--allowlist applies the entries and reports unused ones", async () => {
  const allowed = await run(["materialized-view-replace.json", "--allowlist", "allowlists/mv-allowed.yaml"]);
  assert.equal(allowed.code, EXIT_OK);
  assert.match(allowed.out, /Allowed by allowlists\/mv-allowed\.yaml:\n {2}replace .*x_notification_stats\n {4}reason: x_notification_stats now counts failures/);
  const unused = await run(["empty.json", "--allowlist", "allowlists/unused.yaml"]);
  assert.equal(unused.code, EXIT_OK);
  assert.match(unused.out, /warning: unused: .*globex_prod\.x_org_hierarchy \(line 4\): matches no step/);
  const refused = await run(["type-change-replace.json", "--allowlist", "allowlists/base-table.yaml"]);
  assert.equal(refused.code, EXIT_PROBLEM);
  assert.match(refused.out, /refused: .*genai_payg_usage_raw .*only views may be allowlisted/);
});

test("guard-allowlist.yaml in the working directory is read by default", async () => {
  const dir = mkdtempSync(join(tmpdir(), "guard-plan-"));
  try {
    copyFileSync(join(FIXTURES, "materialized-view-replace.json"), join(dir, "preview.json"));
    assert.equal((await run(["preview.json"], { cwd: dir })).code, EXIT_PROBLEM, "no allowlist: rejected");
    copyFileSync(join(FIXTURES, "allowlists", "mv-allowed.yaml"), join(dir, "guard-allowlist.yaml"));
    assert.equal((await run(["preview.json"], { cwd: dir })).code, EXIT_OK, "default allowlist applied");
    writeFileSync(join(dir, "guard-allowlist.yaml"), "allow:\n  - urn: 'urn:pulumi:dev::p::t::n'\n");
    const invalid = await run(["preview.json"], { cwd: dir });
    assert.equal(invalid.code, EXIT_USAGE, "an invalid default allowlist is an error too");
    assert.match(invalid.err, /guard-allowlist\.yaml:2: allow\[0\]\.reason/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("--format json prints the judgement as one JSON document", async () => {
  const result = await run(["unprotected.json", "--format", "json"]);
  assert.equal(result.code, EXIT_PROBLEM);
  const parsed = JSON.parse(result.out) as { verdict: string; passed: boolean; violations: { code: string }[]; opCounts: Record<string, number> };
  assert.equal(parsed.passed, false);
  assert.equal(parsed.verdict, `REJECTED: ${parsed.violations.length} violations`);
  assert.deepEqual(parsed.violations.map((violation) => violation.code).sort(), ["PG130", "PG130", "PG131", "PG132"]);
  assert.equal(parsed.opCounts.create, 2);
  assert.equal(parsed.opCounts.delete, 0);
});

test("--format md starts with the verdict and the op summary", async () => {
  const result = await run(["every-op.json", "--format", "md"]);
  assert.equal(result.code, EXIT_PROBLEM);
  const lines = result.out.split("\n");
  assert.match(lines[0] ?? "", /^## Plan guard: .*REJECTED: \d+ violations/);
  assert.ok(result.out.indexOf("| op | steps |") < result.out.indexOf("### Violations"));
  assert.match(result.out, /\| remove-pending-replace \| 1 \|/);
  assert.match(result.out, /\| \*\*total\*\* \| \*\*15\*\* \|/);
});
