/**
 * An environment's stacks, in rollout order. A stack belongs to environment ENV when it is named
 * ENV or ENV-*, or when its `environment` setting is ENV. The stack holding the central dataset
 * (role bootstrap or all) goes first: the others read it.
 */
import { CONFIG_KEYS } from "../config/settings";
import { listStacks, readStackFile } from "../config/stack-files";

export type StackRole = "all" | "bootstrap" | "orgs";

export interface RolloutStack {
  readonly stack: string;
  readonly role: StackRole;
}

export interface RolloutPhases {
  /** The stacks holding the central dataset: deployed first, one at a time. */
  readonly bootstrap: readonly RolloutStack[];
  /** Every other stack of the environment, deployed with bounded concurrency after the bootstrap phase. */
  readonly others: readonly RolloutStack[];
}

function roleOf(value: string | undefined): StackRole {
  return value === "bootstrap" || value === "orgs" ? value : "all";
}

/** Reads each stack file's role and environment; an unreadable file still counts (validation reports it). */
export function environmentStacks(root: string, environment: string, cwd: string): RolloutStack[] {
  const stacks: RolloutStack[] = [];
  for (const stack of listStacks(root)) {
    const file = readStackFile(root, stack, cwd);
    const config = file.ok ? file.stackFile.config : {};
    const named = stack === environment || stack.startsWith(`${environment}-`);
    if (!named && config[CONFIG_KEYS.environment] !== environment) continue;
    stacks.push({ stack, role: roleOf(config[CONFIG_KEYS.role]) });
  }
  return stacks;
}

export function rolloutPhases(stacks: readonly RolloutStack[]): RolloutPhases {
  const central = (stack: RolloutStack) => stack.role !== "orgs";
  return { bootstrap: stacks.filter(central), others: stacks.filter((stack) => !central(stack)) };
}
