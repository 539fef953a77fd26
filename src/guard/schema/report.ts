/**
 * Renders a schema judgement as text (terminal, CI log), JSON (machines) or Markdown (a PR
 * comment), in the plan guard's style: every violation, then a one-line verdict. Pure.
 */
import { FORMATS, type Format } from "../plan/report";
import { code, MarkdownBudget, MD_BUDGET, mdFinding, plural } from "../markdown";
import type { SchemaJudgement } from "./judge";
import type { SchemaViolation } from "./rules";

export { FORMATS, type Format };


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


function mdViolation(item: SchemaViolation, index: number): string {
  return mdFinding(index, `**${item.code}** ${code(item.rule)} on ${code(item.subject)}: ${item.message}`, [`file: ${code(item.file)}`], item.details, item.fix);
}

export function renderMarkdown(judgement: SchemaJudgement, limit = MD_BUDGET): string {
  const out = new MarkdownBudget(limit, "cloudact guard schema");
  out.add(`## Schema guard: ${judgement.passed ? "" : ":x: "}**${verdictLine(judgement)}**`);
  out.add(checkedLine(judgement));
  out.section(`### Violations (${judgement.violations.length})`, judgement.violations, mdViolation, "violation");
  out.section(
    `### Allowed by ${code(judgement.allowlistSource)}`,
    judgement.allowedViews,
    (item) => `- view ${code(item.view)}: ${plural(item.urns.length, "materialized view")} replaced`,
    "allowed view change",
  );
  return out.toString();
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
