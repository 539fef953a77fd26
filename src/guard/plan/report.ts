/**
 * Renders a judgement as text (terminal, CI log), JSON (machines) or Markdown (a PR comment that
 * stays under GitHub's comment size limit). Pure: a judgement in, a string out.
 */
import type { AllowedChange, AllowlistFinding, Judgement, Violation } from "./judge";
import { STEP_OPS } from "./preview";
import { code, MarkdownBudget, MD_BUDGET, mdFinding, plural } from "../markdown";

export { MD_BUDGET };

export const FORMATS = ["text", "json", "md"] as const;
export type Format = (typeof FORMATS)[number];

/** GitHub refuses comments longer than 65,536 characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;


export function verdictLine(judgement: Judgement): string {
  return judgement.passed ? "PASS" : `REJECTED: ${plural(judgement.violations.length, "violation")}`;
}

/** Ops that occur in the plan, in the engine's order, with their counts. */
function opRows(judgement: Judgement): [string, number][] {
  return STEP_OPS.filter((op) => judgement.opCounts[op] > 0).map((op) => [op, judgement.opCounts[op]]);
}

function reasonLines(item: Pick<Violation, "replaceReasons" | "diffReasons">): string[] {
  const lines: string[] = [];
  if (item.replaceReasons.length > 0) lines.push(`replaceReasons: ${item.replaceReasons.join(", ")}`);
  if (item.diffReasons.length > 0) lines.push(`diffReasons: ${item.diffReasons.join(", ")}`);
  return lines;
}

function allowlistNote(finding: AllowlistFinding, urn: (text: string) => string = (text) => text): string {
  const label = finding.status === "unused" ? "warning: unused" : finding.status;
  return `${label}: ${urn(finding.urn)} (line ${finding.line}): ${finding.note}`;
}

// ---------------------------------------------------------------- text

function textViolation(item: Violation): string {
  return [
    `${item.code} ${item.rule}: ${item.message}`,
    `  urn:  ${item.urn}`,
    `  op:   ${item.op}`,
    `  type: ${item.type}`,
    ...reasonLines(item).map((line) => `  ${line}`),
    ...item.details.map((line) => `  - ${line}`),
    `  fix:  ${item.fix}`,
  ].join("\n");
}

function textAllowed(item: AllowedChange): string {
  return `  ${item.op} ${item.urn}\n    reason: ${item.reason}`;
}

export function renderText(judgement: Judgement): string {
  const blocks: string[] = judgement.violations.map(textViolation);
  if (judgement.allowed.length > 0) {
    blocks.push([`Allowed by ${judgement.allowlistSource}:`, ...judgement.allowed.map(textAllowed)].join("\n"));
  }
  if (judgement.allowlist.some((finding) => finding.status !== "used")) {
    const notes = judgement.allowlist.filter((finding) => finding.status !== "used").map((finding) => `  ${allowlistNote(finding)}`);
    blocks.push([`Allowlist ${judgement.allowlistSource}:`, ...notes].join("\n"));
  }
  const rows: [string, number][] = [...opRows(judgement), ["total", judgement.steps]];
  const width = Math.max(...rows.map(([op]) => op.length), "op".length);
  blocks.push([`${"op".padEnd(width)}  steps`, ...rows.map(([op, count]) => `${op.padEnd(width)}  ${count}`)].join("\n"));
  blocks.push(verdictLine(judgement));
  return blocks.join("\n\n") + "\n";
}

// ---------------------------------------------------------------- json

export function renderJson(judgement: Judgement): string {
  return JSON.stringify({ verdict: verdictLine(judgement), ...judgement }, null, 2) + "\n";
}

// ---------------------------------------------------------------- markdown


function mdViolation(item: Violation, index: number): string {
  return mdFinding(index, `**${item.code}** ${code(item.rule)} on ${code(item.op)} ${code(item.type)}: ${item.message}`, [`urn: ${code(item.urn)}`, ...reasonLines(item)], item.details, item.fix);
}

export function renderMarkdown(judgement: Judgement, limit = MD_BUDGET): string {
  const out = new MarkdownBudget(limit, "cloudact guard plan");
  out.add(`## Plan guard: ${judgement.passed ? "" : ":x: "}**${verdictLine(judgement)}**`);
  out.add(
    [
      "| op | steps |",
      "| --- | ---: |",
      ...opRows(judgement).map(([op, count]) => `| ${op} | ${count} |`),
      `| **total** | **${judgement.steps}** |`,
    ].join("\n"),
  );
  out.section(`### Violations (${judgement.violations.length})`, judgement.violations, mdViolation, "violation");
  const notes = judgement.allowlist.filter((finding) => finding.status !== "used");
  out.section(`### Allowlist (${code(judgement.allowlistSource)})`, notes, (finding) => `- ${allowlistNote(finding, code)}`, "allowlist note");
  out.section(
    `### Allowed by the allowlist (${judgement.allowed.length})`,
    judgement.allowed,
    (item) => `- ${code(item.op)} ${code(item.urn)}: ${item.reason}`,
    "allowed change",
  );
  return out.toString();
}

export function renderReport(judgement: Judgement, format: Format): string {
  switch (format) {
    case "text":
      return renderText(judgement);
    case "json":
      return renderJson(judgement);
    case "md":
      return renderMarkdown(judgement);
  }
}
