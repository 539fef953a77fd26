/**
 * An environment's stacks, in rollout order. A stack serves the environment its `environment`
 * setting names, else the one of its own name (the model's rule, src/project/environments.ts); a
 * stack whose settings are invalid counts when it is named ENV or ENV-*, so that its guarded deploy
 * reports the problem. The stack holding the central dataset (role bootstrap or all) goes first.
 */
import { listStacks } from "../config/stack-files";
import { readPlacements } from "../project/environments";

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

export function environmentStacks(root: string, environment: string, cwd: string): RolloutStack[] {
  const stacks = listStacks(root);
  const placements = new Map(readPlacements(root, stacks, cwd).map((placement) => [placement.stack, placement]));
  return stacks.flatMap((stack): RolloutStack[] => {
    const placement = placements.get(stack);
    if (placement) return placement.environment === environment ? [{ stack, role: placement.settings.role }] : [];
    return stack === environment || stack.startsWith(`${environment}-`) ? [{ stack, role: "all" }] : [];
  });
}

export function rolloutPhases(stacks: readonly RolloutStack[]): RolloutPhases {
  const central = (stack: RolloutStack) => stack.role !== "orgs";
  return { bootstrap: stacks.filter(central), others: stacks.filter((stack) => !central(stack)) };
}
