/**
 * Runs every schema rule over the working tree's snapshot and, when given, the base's. Pure:
 * snapshots and the allowlist in, a verdict out.
 */
import { formatProblem } from "../../diagnostics/problem";
import type { Allowlist } from "../allowlist";
import { judgeLockCoverage, judgeLockGrowth } from "./lock-rules";
import { judgeRegistry } from "./registry-rules";
import { SCHEMA_RULES, toViolation, type SchemaFinding, type SchemaRuleCode, type SchemaViolation } from "./rules";
import type { RepoSnapshot } from "./snapshot";
import { judgeRemovedTables, judgeTables } from "./table-rules";
import { judgeViews } from "./view-rules";

export interface BaseSnapshot {
  /** The ref as the user named it, for messages. */
  readonly ref: string;
  readonly snapshot: RepoSnapshot;
}

export interface SchemaJudgement {
  readonly passed: boolean;
  readonly base: string | null;
  readonly violations: readonly SchemaViolation[];
  /** Materialized view template changes whose every replacement is allowlisted. */
  readonly allowedViews: readonly { readonly view: string; readonly urns: readonly string[] }[];
  readonly allowlistSource: string;
  readonly checked: { readonly tables: number; readonly orgs: number; readonly stacks: number };
}

const CODE_ORDER = Object.keys(SCHEMA_RULES) as SchemaRuleCode[];

/** One finding per rule and subject, details merged without repeats, in catalogue order. */
function merge(findings: readonly SchemaFinding[]): SchemaFinding[] {
  const byKey = new Map<string, SchemaFinding & { details: string[] }>();
  for (const finding of findings) {
    const key = `${finding.code}\u0000${finding.subject}`;
    const existing = byKey.get(key);
    if (!existing) byKey.set(key, { ...finding, details: [...finding.details] });
    else for (const detail of finding.details) if (!existing.details.includes(detail)) existing.details.push(detail);
  }
  return [...byKey.values()].sort((a, b) => CODE_ORDER.indexOf(a.code) - CODE_ORDER.indexOf(b.code) || a.subject.localeCompare(b.subject));
}

export function judgeSchemas(head: RepoSnapshot, base: BaseSnapshot | undefined, allowlist: Allowlist): SchemaJudgement {
  const findings: SchemaFinding[] = [];
  if (head.problems.length > 0) {
    findings.push({ code: "SG200", subject: "input", file: "(several)", details: head.problems.map(formatProblem) });
  }
  findings.push(...judgeLockCoverage(head.schemas, head.lock, head.lockFile));
  const baseSide = base?.snapshot;
  findings.push(...judgeRemovedTables(head, baseSide, base?.ref));
  findings.push(...judgeTables(head, baseSide, base?.ref));
  let allowedViews: SchemaJudgement["allowedViews"] = [];
  if (base) {
    findings.push(...judgeLockGrowth(base.snapshot.lock, head.lock, head.lockFile, base.ref));
    findings.push(...judgeRegistry(base.snapshot, head, base.ref, allowlist.moves));
    const views = judgeViews({ ...base.snapshot, views: base.snapshot.schemas.views }, { ...head, views: head.schemas.views }, allowlist, base.ref);
    findings.push(...views.findings);
    allowedViews = views.allowed;
  }
  const violations = merge(findings).map(toViolation);
  return {
    passed: violations.length === 0,
    base: base?.ref ?? null,
    violations,
    allowedViews,
    allowlistSource: allowlist.source,
    checked: {
      tables: head.schemas.bootstrap.length + head.schemas.org.length,
      orgs: head.orgs.length,
      stacks: head.stacks.length,
    },
  };
}
