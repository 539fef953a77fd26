/**
 * `cloudact rollout --env ENV [--concurrency N] [--parallel N] [--dry-run] [--base REF]`: previews,
 * guards and deploys every stack of an environment, the central stack first, stopping at the first
 * rejection. Exit 0 every stack deployed (or previewed, with --dry-run), 1 otherwise, 2 usage error.
 */
import type { PulumiCli } from "../deploy/pulumi-cli";
import { spawnPulumiCli } from "../deploy/pulumi-cli";
import { InputError } from "../diagnostics/problem";
import { ROOT_OPTIONS, pathsFromArgs } from "../guard/schema/command";
import { gitReader } from "../guard/schema/git";
import { DEFAULT_CONCURRENCY, defaultParallel, quotaNote } from "../rollout/quota";
import { runRollout, type RolloutReport } from "../rollout/rollout";
import { guardedStackRunner } from "../rollout/runner";
import { environmentStacks, rolloutPhases } from "../rollout/stacks";
import { parseCommandArgs } from "./args";
import { EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, UsageError, type CliIo, type Command } from "./io";

export const ROLLOUT_USAGE = "cloudact rollout --env ENV [--concurrency N] [--parallel N] [--dry-run] [--base REF] [--root DIR] [--orgs DIR] [--schemas DIR]";

const OPTIONS = {
  ...ROOT_OPTIONS,
  env: { type: "string", short: "e" },
  concurrency: { type: "string" },
  parallel: { type: "string" },
  "dry-run": { type: "boolean" },
  base: { type: "string" },
} as const;

function wholeNumber(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^[1-9][0-9]{0,3}$/.test(raw)) throw new UsageError(`--${name} must be a whole number from 1 to 9999, not "${raw}"`);
  return Number(raw);
}

export function renderRollout(report: RolloutReport): string {
  const lines = report.stacks.map((stack) => `  ${stack.stack.padEnd(32)} ${stack.role.padEnd(10)} ${stack.status}${stack.error ? `: ${stack.error}` : ""}`);
  const verdict = report.ok ? "ROLLOUT PASS" : `ROLLOUT STOPPED${report.stoppedBy ? `: ${report.stoppedBy}` : ""}`;
  return `${lines.join("\n")}\n${verdict}\n`;
}

export function makeRolloutCommand(makeCli: (io: CliIo) => PulumiCli = (io) => spawnPulumiCli({ env: io.env })): Command {
  return async (args, io) => {
    try {
      const { values } = parseCommandArgs(args, OPTIONS);
      if (values.help) {
        io.stdout(`usage: ${ROLLOUT_USAGE}\n`);
        return EXIT_OK;
      }
      if (!values.env) throw new UsageError("--env is required");
      const concurrency = wholeNumber("concurrency", values.concurrency, DEFAULT_CONCURRENCY);
      const parallel = wholeNumber("parallel", values.parallel, defaultParallel(concurrency));
      const dryRun = values["dry-run"] === true;
      const paths = pathsFromArgs(values, io.cwd);
      const stacks = environmentStacks(paths.root, values.env, io.cwd);
      if (stacks.length === 0) throw new UsageError(`no stack belongs to environment "${values.env}" (Pulumi.${values.env}.yaml or Pulumi.${values.env}-*.yaml)`);
      const phases = rolloutPhases(stacks);
      const note = quotaNote(concurrency, parallel);
      io.stderr(
        `rollout ${values.env}${dryRun ? " (dry run)" : ""}: ${phases.bootstrap.map((s) => s.stack).join(", ") || "no central stack"} first, ` +
          `then ${phases.others.length} stack${phases.others.length === 1 ? "" : "s"}, ${concurrency} at a time, pulumi up --parallel ${parallel} (${note.inFlight} operations in flight)\n`,
      );
      if (note.warning) io.stderr(`warning: ${note.warning}\n`);
      const runStack = guardedStackRunner({ io, paths, git: gitReader(paths.root), base: values.base });
      const report = await runRollout({ concurrency, parallel, dryRun }, { phases, pulumi: makeCli(io), runStack, log: (text) => io.stderr(`${text}\n`) });
      io.stdout(renderRollout(report));
      return report.ok ? EXIT_OK : EXIT_PROBLEM;
    } catch (error) {
      if (error instanceof UsageError) {
        io.stderr(`cloudact rollout: ${error.message}\nusage: ${ROLLOUT_USAGE}\n`);
        return EXIT_USAGE;
      }
      if (error instanceof InputError) {
        io.stderr(`cloudact rollout: ${error.message}\n`);
        return EXIT_USAGE;
      }
      throw error;
    }
  };
}

export const rolloutCommand: Command = makeRolloutCommand();
