/**
 * `cloudact preview --stack S [--out FILE] [--base REF]` and `cloudact deploy --stack S
 * [--parallel N] [--base REF]`: the guarded path to `pulumi up`. Exit 0 pass (deployed), 1 invalid
 * input, violations or a failed update, 2 usage error, unreadable input or no Pulumi CLI.
 */
import { resolve } from "node:path";
import { parseCommandArgs } from "../cli/args";
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIo, type Command } from "../cli/io";
import { displayPath } from "../diagnostics/paths";
import { InputError } from "../diagnostics/problem";
import { ROOT_OPTIONS, pathsFromArgs } from "../guard/schema/command";
import { gitReader } from "../guard/schema/git";
import { runGuardedDeploy, runGuardedPreview, type GuardedResult } from "./guarded";
import { spawnPulumiCli, type PulumiCli } from "./pulumi-cli";

export const PREVIEW_USAGE = "cloudact preview --stack S [--out FILE] [--base REF] [--root DIR] [--orgs DIR] [--schemas DIR]";
export const DEPLOY_USAGE = "cloudact deploy --stack S [--parallel N] [--out FILE] [--base REF] [--root DIR] [--orgs DIR] [--schemas DIR]";

const OPTIONS = {
  ...ROOT_OPTIONS,
  stack: { type: "string", short: "s" },
  out: { type: "string" },
  base: { type: "string" },
} as const;

function parallelOf(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^[1-9][0-9]{0,3}$/.test(raw)) throw new UsageError(`--parallel must be a whole number from 1 to 9999, not "${raw}"`);
  return Number(raw);
}

function summary(name: string, stack: string, result: GuardedResult, io: CliIo, cwd: string): void {
  const file = result.previewFile ? ` (preview: ${displayPath(result.previewFile, cwd)})` : "";
  io.stdout(`${name} ${stack}: ${result.verdict === "pass" ? "PASS" : result.verdict.toUpperCase()}${file}\n`);
}

function makeCommand(name: "preview" | "deploy", usage: string, makeCli: (io: CliIo) => PulumiCli): Command {
  return async (args, io) => {
    try {
      const { values } = parseCommandArgs(args, name === "deploy" ? { ...OPTIONS, parallel: { type: "string" } } : OPTIONS);
      if (values.help) {
        io.stdout(`usage: ${usage}\n`);
        return EXIT_OK;
      }
      if (!values.stack) throw new UsageError("--stack is required");
      if (values.base !== undefined && values.base.trim() === "") throw new UsageError("--base needs a git ref, e.g. --base origin/main");
      const parallel = "parallel" in values && typeof values.parallel === "string" ? parallelOf(values.parallel) : undefined;
      const paths = pathsFromArgs(values, io.cwd);
      const deps = { io, pulumi: makeCli(io), paths, git: gitReader(paths.root) };
      const options = { stack: values.stack, base: values.base, out: values.out !== undefined ? resolve(io.cwd, values.out) : undefined };
      const result = name === "deploy" ? await runGuardedDeploy({ ...options, parallel }, deps) : await runGuardedPreview(options, deps);
      summary(name, values.stack, result, io, io.cwd);
      return result.exitCode;
    } catch (error) {
      if (error instanceof UsageError) {
        io.stderr(`cloudact ${name}: ${error.message}\nusage: ${usage}\n`);
        return EXIT_USAGE;
      }
      if (error instanceof InputError) {
        io.stderr(`cloudact ${name}: ${error.message}\n`);
        return EXIT_USAGE;
      }
      throw error;
    }
  };
}

const realCli = (io: CliIo) => spawnPulumiCli({ env: io.env });

export function makePreviewCommand(makeCli: (io: CliIo) => PulumiCli = realCli): Command {
  return makeCommand("preview", PREVIEW_USAGE, makeCli);
}

export function makeDeployCommand(makeCli: (io: CliIo) => PulumiCli = realCli): Command {
  return makeCommand("deploy", DEPLOY_USAGE, makeCli);
}

export const previewCommand: Command = makePreviewCommand();
export const deployCommand: Command = makeDeployCommand();
