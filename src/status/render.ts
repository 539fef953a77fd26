/** The status report for people (one line per scope, differences under it, the fix) and as JSON. */
import type { BootstrapStatus, DatasetDiff, Fix, OrgStatus, StatusReport } from "./report";
import { allStatuses } from "./report";

/** Differences shown per scope in text; --json always has all of them. */
export const MAX_LINES_PER_SCOPE = 12;

function diffLines(diff: DatasetDiff): string[] {
  const lines: string[] = [];
  for (const table of diff.missing_tables) lines.push(`missing table   ${table}`);
  for (const [table, columns] of Object.entries(diff.missing_columns)) for (const column of columns) lines.push(`missing column  ${table}.${column}`);
  for (const [table, mismatches] of Object.entries(diff.type_mismatches)) {
    for (const mismatch of mismatches) lines.push(`type mismatch   ${table}.${mismatch.column}: declared ${mismatch.declared}, BigQuery has ${mismatch.actual}`);
  }
  for (const [table, columns] of Object.entries(diff.extra_columns)) for (const column of columns) lines.push(`extra column    ${table}.${column} (harmless)`);
  for (const table of diff.extra_tables) lines.push(`extra table     ${table} (harmless, not declared)`);
  return lines;
}

function fixLines(fix: Fix | null): string[] {
  if (!fix) return [];
  const lines = fix.commands.length > 0 ? [`fix: ${fix.commands.join("  then  ")}`] : ["fix: no command fixes this"];
  if (fix.note) lines.push(`     ${fix.note}`);
  return lines;
}

function scopeBlock(label: string, scope: BootstrapStatus | OrgStatus): string[] {
  const lines = [`${label.padEnd(44)} ${scope.status}`];
  // PROFILE_ONLY lists every declared table as missing: the fix says so in one line.
  const diff = scope.status === "PROFILE_ONLY" ? [] : diffLines(scope);
  const shown = diff.slice(0, MAX_LINES_PER_SCOPE);
  if (diff.length > shown.length) shown.push(`... and ${diff.length - shown.length} more (--json lists all)`);
  for (const line of [...shown, ...fixLines(scope.fix)]) lines.push(`    ${line}`);
  return lines;
}

export function summarize(report: StatusReport): string {
  const counts = new Map<string, number>();
  for (const status of allStatuses(report)) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts].map(([status, count]) => `${count} ${status}`).join(", ");
}

export function renderText(report: StatusReport): string {
  const lines = [`stack ${report.stack}: project ${report.project}, location ${report.location}`];
  lines.push(...scopeBlock(`bootstrap ${report.bootstrap.dataset}`, report.bootstrap));
  for (const [slug, org] of Object.entries(report.organizations)) lines.push(...scopeBlock(`org ${slug} (${org.dataset ?? "no dataset"})`, org));
  lines.push(`${summarize(report)}`);
  lines.push(`compared: ${report.compared}`);
  return lines.join("\n") + "\n";
}

export function renderJson(report: StatusReport): string {
  return JSON.stringify(report, null, 2) + "\n";
}
