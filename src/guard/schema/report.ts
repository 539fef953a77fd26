/**
 * Renders a schema judgement as text (terminal, CI log), JSON (machines) or Markdown (a PR
 * comment), in the plan guard's style: every violation, then a one-line verdict. Pure.
 */
import { FORMATS, MD_BUDGET, type Format } from "../plan/report";
import type { SchemaJudgement } from "./judge";
import type { SchemaViolation } from "./rules";

export { FORMATS, type Format };

const MD_DETAILS_PER_ITEM = 20;

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

export function verdictLine(judgement: SchemaJudgement): string {
  return judgement.passed ? "PASS" : `REJECTED: ${plural(judgement.violations.length, "violation")}`;
}

function checkedLine(judgement: SchemaJudgement): string {
  const { tables, orgs, stacks } = judgement.checked;
  const against = judgement.base ? `the lock and ${judgement.base}` : "the lock (no --base: lock growth, registry, stacks and views not compared)";
  return `checked ${plural(tables, "table")}, ${plural(orgs, "org")}, ${plural(stacks, "stack")} against ${against}`;
}

function textViolation(item: SchemaViolation): string {
  return [
    `${item.code} ${item.rule}: ${item.message}`,
    `  subject: ${item.subject}`,
    `  file:    ${item.file}`,
    ...item.details.map((line) => `  - ${line}`),
    `  fix:     ${item.fix}`,
  ].join("\n");
}

export function renderText(judgement: SchemaJudgement): string {
  const blocks = judgement.violations.map(textViolation);
  if (judgement.allowedViews.length > 0) {
    blocks.push(
      [
        `Allowed by ${judgement.allowlistSource}:`,
        ...judgement.allowedViews.flatMap((item) => [`  view ${item.view}: ${plural(item.urns.length, "materialized view")} replaced`, ...item.urns.map((urn) => `    ${urn}`)]),
      ].join("\n"),
    );
  }
  blocks.push(checkedLine(judgement));
  blocks.push(verdictLine(judgement));
  return blocks.join("\n\n") + "\n";
}

export function renderJson(judgement: SchemaJudgement): string {
  return JSON.stringify({ verdict: verdictLine(judgement), ...judgement }, null, 2) + "\n";
}

function code(text: string): string {
  return "`" + text.replace(/`/g, "'") + "`";
}

function mdViolation(item: SchemaViolation, index: number): string {
  const details = item.details.slice(0, MD_DETAILS_PER_ITEM);
  const hidden = item.details.length - details.length;
  return [
    `${index + 1}. **${item.code}** ${code(item.rule)} on ${code(item.subject)}: ${item.message}`,
    `   - file: ${code(item.file)}`,
    ...details.map((line) => `   - ${code(line)}`),
    ...(hidden > 0 ? [`   - ... ${hidden} more`] : []),
    `   - fix: ${item.fix}`,
  ].join("\n");
}

export function renderMarkdown(judgement: SchemaJudgement, limit = MD_BUDGET): string {
  const parts = [`## Schema guard: ${judgement.passed ? "" : ":x: "}**${verdictLine(judgement)}**`, checkedLine(judgement)];
  let used = parts.join("\n\n").length;
  let shown = 0;
  for (const item of judgement.violations) {
    const text = mdViolation(item, shown);
    if (used + text.length + 600 > limit) break;
    parts.push(text);
    used += text.length + 2;
    shown += 1;
  }
  const left = judgement.violations.length - shown;
  if (left > 0) parts.push(`_... ${plural(left, "violation")} not shown to keep this comment short; run \`cloudact guard schema\` for the full list._`);
  if (judgement.allowedViews.length > 0) {
    parts.push(`### Allowed by ${code(judgement.allowlistSource)}\n\n${judgement.allowedViews.map((item) => `- view ${code(item.view)}: ${plural(item.urns.length, "materialized view")} replaced`).join("\n")}`);
  }
  return parts.join("\n\n") + "\n";
}

export function renderSchemaReport(judgement: SchemaJudgement, format: Format): string {
  switch (format) {
    case "text":
      return renderText(judgement);
    case "json":
      return renderJson(judgement);
    case "md":
      return renderMarkdown(judgement);
  }
}
