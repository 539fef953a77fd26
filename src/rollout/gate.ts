/**
 * A Pulumi CLI that refuses `pulumi up` once the rollout has stopped: a stack whose preview was still
 * running when another stack was rejected is previewed and guarded, but not deployed.
 */
import type { PulumiCli } from "../deploy/pulumi-cli";

export interface DeployGate {
  /** Why deploys stopped, or null while they may start. */
  reason(): string | null;
  /** Stacks whose `pulumi up` the gate refused. */
  readonly held: Set<string>;
}

function stackOf(args: readonly string[]): string {
  const index = args.indexOf("--stack");
  return index >= 0 ? (args[index + 1] ?? "") : "";
}

export function gatedPulumi(cli: PulumiCli, gate: DeployGate): PulumiCli {
  return {
    run: async (run) => {
      const reason = run.args[0] === "up" ? gate.reason() : null;
      if (reason === null) return cli.run(run);
      const stack = stackOf(run.args);
      gate.held.add(stack);
      const message = `cloudact rollout: not running \`pulumi up\` for ${stack}: ${reason}\n`;
      run.onStderr?.(message);
      return { code: 1, stdout: "", stderr: message };
    },
  };
}
