/**
 * Judges a whole preview: every step through the step rules, the allowlist applied to destructive
 * ops on views, op counts for the summary. Pure: a parsed document and allowlist in, a verdict out.
 */
import type { Allowlist, AllowlistEntry } from "../allowlist";
import { type PreviewDocument, type PreviewStep, STEP_OPS, type StepOp, stepType } from "./preview";
import { destructiveRule, type RuleCode, RULES } from "./rules";
import { isViewStep, judgeStep } from "./step-rules";

/** A broken rule on one step, with everything a reviewer needs to act on it. */
export interface Violation {
  readonly code: RuleCode;
  readonly rule: string;
  readonly message: string;
  readonly fix: string;
  /** The step's URN; the preview itself for PG160. */
  readonly urn: string;
  readonly op: StepOp | "preview";
  readonly type: string;
  readonly replaceReasons: readonly string[];
  readonly diffReasons: readonly string[];
  readonly details: readonly string[];
}

/** A destructive op the allowlist permits (a view or materialized view). */
export interface AllowedChange {
  readonly code: RuleCode;
  readonly urn: string;
  readonly op: StepOp;
  readonly type: string;
  readonly replaceReasons: readonly string[];
  readonly reason: string;
}

export type AllowlistStatus = "used" | "refused" | "unused";

export interface AllowlistFinding {
  readonly urn: string;
  readonly reason: string;
  readonly line: number;
  readonly status: AllowlistStatus;
  readonly note: string;
}

export interface Judgement {
  readonly passed: boolean;
  readonly steps: number;
  /** Count of steps per op, every op listed (zero included), in the engine's order. */
  readonly opCounts: Readonly<Record<StepOp, number>>;
  readonly violations: readonly Violation[];
  readonly allowed: readonly AllowedChange[];
  readonly allowlistSource: string;
  readonly allowlist: readonly AllowlistFinding[];
}

type Subject = Pick<PreviewStep, "urn" | "replaceReasons" | "diffReasons"> & { readonly op: StepOp | "preview" };

function violation(code: RuleCode, step: Subject, type: string, details: readonly string[]): Violation {
  const rule = RULES[code];
  return {
    code,
    rule: rule.name,
    message: rule.message,
    fix: rule.fix,
    urn: step.urn,
    op: step.op,
    type,
    replaceReasons: step.replaceReasons ?? [],
    diffReasons: step.diffReasons ?? [],
    details,
  };
}

function previewErrors(document: PreviewDocument): Violation[] {
  const errors = (document.diagnostics ?? []).filter((diagnostic) => diagnostic.severity === "error");
  if (errors.length === 0) return [];
  const details = errors.map((error) => `${error.urn ? `${error.urn}: ` : ""}${(error.message ?? "").trim()}`);
  return [violation("PG160", { urn: "(preview)", op: "preview" }, "(preview)", details)];
}

/** What became of each allowlist entry, given the steps its URN names. */
interface EntryUse {
  matchedNonView: boolean;
  permitted: number;
}

export function judgePlan(document: PreviewDocument, allowlist: Allowlist): Judgement {
  const opCounts = Object.fromEntries(STEP_OPS.map((op) => [op, 0])) as Record<StepOp, number>;
  const entries = new Map<string, AllowlistEntry>(allowlist.entries.map((entry) => [entry.urn, entry]));
  const uses = new Map<string, EntryUse>();
  const violations: Violation[] = previewErrors(document);
  const allowed: AllowedChange[] = [];

  for (const step of document.steps) {
    opCounts[step.op] += 1;
    const type = stepType(step);
    const entry = entries.get(step.urn);
    let use: EntryUse | undefined;
    let permits: RuleCode | undefined;
    if (entry) {
      use = uses.get(entry.urn) ?? { matchedNonView: false, permitted: 0 };
      uses.set(entry.urn, use);
      if (isViewStep(step, type)) permits = destructiveRule(step.op);
      else use.matchedNonView = true;
    }
    for (const finding of judgeStep(step, type)) {
      if (use && entry && finding.code === permits) {
        use.permitted += 1;
        allowed.push({ code: finding.code, urn: step.urn, op: step.op, type, replaceReasons: step.replaceReasons ?? [], reason: entry.reason });
      } else {
        violations.push(violation(finding.code, step, type, finding.details));
      }
    }
  }

  const findings = allowlist.entries.map((entry): AllowlistFinding => {
    const use = uses.get(entry.urn);
    const base = { urn: entry.urn, reason: entry.reason, line: entry.line };
    if (use?.matchedNonView) {
      return { ...base, status: "refused", note: "names a dataset, a base table or another non-view resource: only views may be allowlisted" };
    }
    if (use && use.permitted > 0) return { ...base, status: "used", note: `permitted ${use.permitted} destructive step(s) on a view` };
    if (use) return { ...base, status: "unused", note: "the view has no destructive step in this plan" };
    return { ...base, status: "unused", note: "matches no step of this plan" };
  });

  return {
    passed: violations.length === 0,
    steps: document.steps.length,
    opCounts,
    violations,
    allowed,
    allowlistSource: allowlist.source,
    allowlist: findings,
  };
}
