/**
 * Rolls an environment out: the stack holding the central dataset first, then the other stacks with
 * at most `concurrency` at once, each through the guarded preview/deploy of src/deploy. The first
 * stack that is invalid, rejected by a guard or fails to deploy stops the rollout: no further stack
 * starts and no further `pulumi up` runs; stacks already running finish their preview. A dry run
 * previews and guards every stack and deploys none.
 */
import type { GuardedResult, Verdict } from "../deploy/guarded";
import type { PulumiCli } from "../deploy/pulumi-cli";
import { runBounded } from "./bounded";
import { gatedPulumi, type DeployGate } from "./gate";
import type { RolloutPhases, RolloutStack, StackRole } from "./stacks";

export type StackStatus = "deployed" | "previewed" | "invalid" | "rejected" | "failed" | "held" | "not started";

export interface StackReport {
  readonly stack: string;
  readonly role: StackRole;
  readonly status: StackStatus;
  /** What went wrong, for failed stacks whose runner threw. */
  readonly error?: string;
}

export interface RolloutOptions {
  readonly concurrency: number;
  /** `pulumi up --parallel N` for every stack. */
  readonly parallel: number;
  readonly dryRun: boolean;
}

export interface StackRequest {
  readonly stack: string;
  readonly dryRun: boolean;
  readonly parallel: number;
  /** The CLI to run pulumi through: it refuses `up` once the rollout has stopped. */
  readonly pulumi: PulumiCli;
}

/** One stack's guarded preview (dry run) or guarded deploy. */
export type StackRunner = (request: StackRequest) => Promise<GuardedResult>;

export interface RolloutDeps {
  readonly phases: RolloutPhases;
  readonly pulumi: PulumiCli;
  readonly runStack: StackRunner;
  log(text: string): void;
}

export interface RolloutReport {
  readonly stacks: readonly StackReport[];
  /** Why the rollout stopped early, or null. */
  readonly stoppedBy: string | null;
  readonly ok: boolean;
}

const DONE: readonly StackStatus[] = ["deployed", "previewed"];

function statusOf(verdict: Verdict, dryRun: boolean, held: boolean): StackStatus {
  switch (verdict) {
    case "pass":
      return dryRun ? "previewed" : "deployed";
    case "invalid":
      return "invalid";
    case "schema-rejected":
    case "plan-rejected":
      return "rejected";
    case "deploy-failed":
      return held ? "held" : "failed";
  }
}

export async function runRollout(options: RolloutOptions, deps: RolloutDeps): Promise<RolloutReport> {
  let stoppedBy: string | null = null;
  const gate: DeployGate = { reason: () => stoppedBy && `the rollout stopped: ${stoppedBy}`, held: new Set() };
  const pulumi = gatedPulumi(deps.pulumi, gate);
  const reports = new Map<string, StackReport>();
  const stopped = () => !options.dryRun && stoppedBy !== null;

  async function runOne(target: RolloutStack): Promise<void> {
    deps.log(`--> ${options.dryRun ? "preview" : "deploy"} ${target.stack} (role ${target.role})`);
    let report: StackReport;
    try {
      const result = await deps.runStack({ stack: target.stack, dryRun: options.dryRun, parallel: options.parallel, pulumi });
      report = { ...target, status: statusOf(result.verdict, options.dryRun, gate.held.has(target.stack)) };
    } catch (error) {
      report = { ...target, status: "failed", error: error instanceof Error ? error.message : String(error) };
    }
    reports.set(target.stack, report);
    if (!DONE.includes(report.status) && report.status !== "held" && stoppedBy === null) stoppedBy = `stack ${target.stack} is ${report.status}`;
    deps.log(`<-- ${target.stack}: ${report.status}${report.error ? ` (${report.error})` : ""}`);
  }

  await runBounded(deps.phases.bootstrap, 1, runOne, stopped);
  await runBounded(deps.phases.others, options.concurrency, runOne, stopped);
  const all = [...deps.phases.bootstrap, ...deps.phases.others];
  const stacks = all.map((target) => reports.get(target.stack) ?? { ...target, status: "not started" as const });
  return { stacks, stoppedBy, ok: stacks.every((report) => DONE.includes(report.status)) };
}
