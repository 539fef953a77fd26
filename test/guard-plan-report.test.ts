import { test } from "node:test";
import assert from "node:assert/strict";
import { EMPTY_ALLOWLIST } from "../src/guard/allowlist";
import { judgePlan } from "../src/guard/plan/judge";
import { parsePreview } from "../src/guard/plan/preview";
import { GITHUB_COMMENT_LIMIT, renderMarkdown, renderText } from "../src/guard/plan/report";
import { syntheticPreview } from "../src/guard/plan/synthetic";

/** Items of the Markdown violations list start with their 1-based number and a bold code. */
function shownViolations(md: string): number {
  return md.split("\n").filter((line) => /^\d+\. \*\*PG1\d\d\*\*/.test(line)).length;
}

test("the synthetic generator makes exactly the requested steps, and violations only where asked", () => {
  const clean = judgePlan(parsePreview(JSON.stringify(syntheticPreview({ steps: 1_000, updateEvery: 5 })), "s"), EMPTY_ALLOWLIST);
  assert.equal(clean.steps, 1_000);
  assert.ok(clean.opCounts.update > 100);
  assert.equal(clean.passed, true);
  const dropping = judgePlan(syntheticPreview({ steps: 1_000, dropEvery: 10 }), EMPTY_ALLOWLIST);
  assert.ok(dropping.violations.length > 50);
  assert.ok(dropping.violations.every((violation) => violation.code === "PG110"));
});

test("the Markdown report of a huge rejected preview stays under GitHub's comment limit and counts what it leaves out", () => {
  const judgement = judgePlan(syntheticPreview({ steps: 20_000, dropEvery: 1 }), EMPTY_ALLOWLIST);
  const total = judgement.violations.length;
  assert.ok(total > 15_000);
  const md = renderMarkdown(judgement);
  assert.ok(md.length < GITHUB_COMMENT_LIMIT, `md is ${md.length} characters`);
  assert.match(md.split("\n")[0] ?? "", new RegExp(`REJECTED: ${total} violations`));
  assert.ok(md.indexOf("| **total** | **20000** |") < md.indexOf("### Violations"), "summary before details");
  const shown = shownViolations(md);
  assert.ok(shown > 10, "some details are shown");
  const note = /_\.\.\. (\d+) violations not shown/.exec(md);
  assert.ok(note, "the omission is announced");
  assert.equal(Number(note[1]) + shown, total);
  // The text report keeps everything.
  assert.equal(renderText(judgement).split("\nPG110 ").length - 1, total - 1);
});

test("a smaller limit shows fewer details but always the verdict and the summary", () => {
  const judgement = judgePlan(syntheticPreview({ steps: 2_000, dropEvery: 3 }), EMPTY_ALLOWLIST);
  const wide = renderMarkdown(judgement, 60_000);
  const narrow = renderMarkdown(judgement, 5_000);
  assert.ok(narrow.length <= 5_000);
  assert.ok(shownViolations(narrow) < shownViolations(wide));
  assert.match(narrow, /\| update \| \d+ \|/);
});

test("a report that fits is not truncated", () => {
  const judgement = judgePlan(syntheticPreview({ steps: 200, dropEvery: 20 }), EMPTY_ALLOWLIST);
  const md = renderMarkdown(judgement);
  assert.equal(shownViolations(md), judgement.violations.length);
  assert.doesNotMatch(md, /not shown/);
});

test("every Markdown section shares the one budget: a long allowlist cannot push the comment over the limit", () => {
  const entries = Array.from({ length: 2_000 }, (_, index) => ({
    urn: `urn:pulumi:dev::cloudact-bigquery::cloudact:bigquery:Organization$gcp:bigquery/table:Table::org_${index}_prod.x_org_hierarchy`,
    reason: "stale",
    line: index * 2 + 2,
  }));
  const judgement = judgePlan(syntheticPreview({ steps: 5_000, dropEvery: 2 }), { source: "guard-allowlist.yaml", entries, moves: [] });
  const md = renderMarkdown(judgement, 8_000);
  assert.ok(md.length <= 8_000, `md is ${md.length} characters`);
  assert.match(md, /_\.\.\. \d+ violations, 2000 allowlist notes not shown/);
});
