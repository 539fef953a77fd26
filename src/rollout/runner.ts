/** The real stack runner: src/deploy's guarded preview (dry run) or guarded deploy, output prefixed by stack. */
import type { CliIo } from "../cli/io";
import { runGuardedDeploy, runGuardedPreview } from "../deploy/guarded";
import type { GitReader } from "../guard/schema/git";
import type { ProjectPaths } from "../project/load";
import { prefixedIo } from "./prefixed-io";
import type { StackRunner } from "./rollout";

export interface GuardedRunnerOptions {
  readonly io: CliIo;
  readonly paths: ProjectPaths;
  readonly git?: GitReader;
  /** Git ref for the schema guard. */
  readonly base?: string;
}

export function guardedStackRunner(options: GuardedRunnerOptions): StackRunner {
  return ({ stack, dryRun, parallel, pulumi }) => {
    const deps = { io: prefixedIo(options.io, stack), pulumi, paths: options.paths, git: options.git };
    return dryRun ? runGuardedPreview({ stack, base: options.base }, deps) : runGuardedDeploy({ stack, base: options.base, parallel }, deps);
  };
}
