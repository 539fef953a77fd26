/**
 * Renders a judgement as text (terminal, CI log), JSON (machines) or Markdown (a PR comment that
 * stays under GitHub's comment size limit). Pure: a judgement in, a string out.
 */
import type { AllowedChange, AllowlistFinding, Judgement, Violation } from "./judge";
import { STEP_OPS } from "./preview";

export const FORMATS = ["text", "json", "md"] as const;
export type Format = (typeof FORMATS)[number];

/** GitHub refuses comments longer than 65,536 characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** The Markdown report aims below the limit, leaving room for whatever CI wraps around it. */
export const MD_BUDGET = 60_000;
/** Per violation, at most this many detail lines in Markdown; the rest are counted. */
const MD_DETAILS_PER_ITEM = 20;

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

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

/** Inline code that survives any content. */
function code(text: string): string {
  return "`" + text.replace(/`/g, "'") + "`";
}

function mdViolation(item: Violation, index: number): string {
  const details = item.details.slice(0, MD_DETAILS_PER_ITEM);
  const hidden = item.details.length - details.length;
  return [
    `${index + 1}. **${item.code}** ${code(item.rule)} on ${code(item.op)} ${code(item.type)}: ${item.message}`,
    `   - urn: ${code(item.urn)}`,
    ...reasonLines(item).map((line) => `   - ${line}`),
    ...details.map((line) => `   - ${code(line)}`),
    ...(hidden > 0 ? [`   - ... ${hidden} more`] : []),
    `   - fix: ${item.fix}`,
  ].join("\n");
}

/** Room kept for the closing note that counts what was left out. */
const NOTE_RESERVE = 400;

/** Appends sections while they fit the budget and counts what did not, in one closing note. */
class MarkdownBudget {
  private readonly parts: string[] = [];
  private readonly omitted: string[] = [];
  private used = 0;

  constructor(private readonly limit: number) {}

  add(text: string): void {
    this.parts.push(text);
    this.used += text.length + 2;
  }

  /** Adds a section's items in order until the next would not fit; the heading comes with the first item. */
  section<T>(heading: string, items: readonly T[], render: (item: T, index: number) => string, noun: string): void {
    let shown = 0;
    for (const item of items) {
      const text = render(item, shown);
      const block = shown === 0 ? `${heading}\n\n${text}` : text;
      if (this.used + block.length + 2 > this.limit - NOTE_RESERVE) break;
      this.add(block);
      shown += 1;
    }
    if (items.length > shown) this.omitted.push(plural(items.length - shown, noun));
  }

  toString(): string {
    const note = `_... ${this.omitted.join(", ")} not shown to keep this comment under GitHub's size limit; run \`cloudact guard plan\` for the full report._`;
    return [...this.parts, ...(this.omitted.length > 0 ? [note] : [])].join("\n\n") + "\n";
  }
}

export function renderMarkdown(judgement: Judgement, limit = MD_BUDGET): string {
  const out = new MarkdownBudget(limit);
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
