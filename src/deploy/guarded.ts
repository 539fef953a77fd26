/**
 * The guarded deploy path, as a small API that commands (and a later multi-stack rollout) call:
 *
 *   runGuardedPreview(options, deps) -> { verdict, previewFile, exitCode }
 *     validate the stack -> guard schema (against options.base when given) ->
 *     `pulumi preview --json --stack S` written to options.out -> guard plan on it
 *   runGuardedDeploy(options, deps) -> { verdict, previewFile, exitCode }
 *     runGuardedPreview, then `pulumi up --yes --stack S` only when its verdict is "pass"
 *
 * Progress and reports go to deps.io; nothing here exits the process. Inputs that cannot be read
 * (an unknown ref, a missing Pulumi CLI, a preview that is not JSON) throw InputError.
 */
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { EXIT_OK, EXIT_PROBLEM, type CliIo } from "../cli/io";
import { displayPath } from "../diagnostics/paths";
import { InputError, formatProblem } from "../diagnostics/problem";
import { readAllowlistFile } from "../guard/allowlist-file";
import { DEFAULT_ALLOWLIST } from "../guard/plan/command";
import { judgePlan } from "../guard/plan/judge";
import { parsePreview, type PreviewDocument } from "../guard/plan/preview";
import { renderReport } from "../guard/plan/report";
import { runSchemaGuard } from "../guard/schema/command";
import type { GitReader } from "../guard/schema/git";
import { renderSchemaReport } from "../guard/schema/report";
import { loadStack, type ProjectPaths } from "../project/load";
import type { PulumiCli } from "./pulumi-cli";

export type Verdict = "pass" | "invalid" | "schema-rejected" | "plan-rejected" | "deploy-failed";

export interface GuardedResult {
  readonly verdict: Verdict;
  /** Where the preview JSON was written; null when the run stopped before the preview. */
  readonly previewFile: string | null;
  /** 0 pass (and deployed, for a deploy), 1 rejected or failed. */
  readonly exitCode: number;
}

export interface GuardedPreviewOptions {
  readonly stack: string;
  /** Git ref for the schema guard (the PR's merge base); the lock alone is checked without it. */
  readonly base?: string;
  /** Preview file; `<root>/.cloudact/preview-<stack>.json` by default. */
  readonly out?: string;
}

export interface GuardedDeployOptions extends GuardedPreviewOptions {
  /** `pulumi up --parallel N`. */
  readonly parallel?: number;
}

export interface DeployDeps {
  readonly io: CliIo;
  readonly pulumi: PulumiCli;
  readonly paths: ProjectPaths;
  /** For --base; the real git of paths.root by default. */
  readonly git?: GitReader;
}

export function defaultPreviewFile(root: string, stack: string): string {
  return join(root, ".cloudact", `preview-${stack}.json`);
}

/** The program reads --orgs/--schemas overrides from these (see index.ts). */
function programEnv(paths: ProjectPaths): Record<string, string> {
  return { CLOUDACT_ORGS_DIR: paths.orgsDir, CLOUDACT_SCHEMAS_DIR: paths.schemasDir };
}

/** `--policy-pack <root>/policy` when the pack is there: the engine refuses unprotected resources too. */
function policyArgs(paths: ProjectPaths): string[] {
  const pack = join(paths.root, "policy");
  return existsSync(join(pack, "PulumiPolicy.yaml")) ? ["--policy-pack", pack] : [];
}

function step(io: CliIo, text: string): void {
  io.stderr(`==> ${text}\n`);
}

export async function runGuardedPreview(options: GuardedPreviewOptions, deps: DeployDeps): Promise<GuardedResult> {
  const { io, paths, stack } = { ...deps, stack: options.stack };
  step(io, `validate stack ${stack}`);
  const loaded = loadStack(paths, stack);
  if (!loaded.ok) {
    for (const problem of loaded.problems) io.stdout(formatProblem(problem) + "\n");
    io.stdout(`INVALID: ${loaded.problems.length} problem${loaded.problems.length === 1 ? "" : "s"}; nothing previewed\n`);
    return { verdict: "invalid", previewFile: null, exitCode: EXIT_PROBLEM };
  }

  step(io, `guard schema${options.base ? ` --base ${options.base}` : ""}`);
  const schema = await runSchemaGuard({ paths, base: options.base }, deps.git);
  io.stdout(renderSchemaReport(schema, "text"));
  if (!schema.passed) return { verdict: "schema-rejected", previewFile: null, exitCode: EXIT_PROBLEM };

  const previewFile = options.out ?? defaultPreviewFile(paths.root, stack);
  const shown = displayPath(previewFile, paths.cwd);
  step(io, `pulumi preview --json --stack ${stack} > ${shown}`);
  const preview = await deps.pulumi.run({
    args: ["preview", "--json", "--stack", stack, ...policyArgs(paths)],
    cwd: paths.root,
    env: programEnv(paths),
    onStderr: (text) => io.stderr(text),
  });
  await mkdir(dirname(previewFile), { recursive: true });
  await writeFile(previewFile, preview.stdout);
  let document: PreviewDocument;
  try {
    document = parsePreview(preview.stdout, shown);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new InputError(`pulumi preview exited with status ${preview.code} and printed no preview document (${error.message})`);
  }

  step(io, `guard plan ${shown}`);
  const allowlistPath = join(paths.root, DEFAULT_ALLOWLIST);
  const judgement = judgePlan(document, readAllowlistFile(allowlistPath, displayPath(allowlistPath, paths.cwd), false));
  io.stdout(renderReport(judgement, "text"));
  if (!judgement.passed) return { verdict: "plan-rejected", previewFile, exitCode: EXIT_PROBLEM };
  return { verdict: "pass", previewFile, exitCode: EXIT_OK };
}

export async function runGuardedDeploy(options: GuardedDeployOptions, deps: DeployDeps): Promise<GuardedResult> {
  const preview = await runGuardedPreview(options, deps);
  if (preview.verdict !== "pass") {
    deps.io.stdout(`not deployed: the guarded preview of stack ${options.stack} did not pass\n`);
    return preview;
  }
  const parallel = options.parallel !== undefined ? ["--parallel", String(options.parallel)] : [];
  step(deps.io, `pulumi up --yes --stack ${options.stack}${parallel.length > 0 ? ` --parallel ${options.parallel}` : ""}`);
  const up = await deps.pulumi.run({
    args: ["up", "--yes", "--stack", options.stack, ...parallel, ...policyArgs(deps.paths)],
    cwd: deps.paths.root,
    env: programEnv(deps.paths),
    onStdout: (text) => deps.io.stdout(text),
    onStderr: (text) => deps.io.stderr(text),
  });
  if (up.code !== 0) {
    deps.io.stdout(`DEPLOY FAILED: pulumi up exited with status ${up.code}\n`);
    return { verdict: "deploy-failed", previewFile: preview.previewFile, exitCode: EXIT_PROBLEM };
  }
  deps.io.stdout(`DEPLOYED: stack ${options.stack}\n`);
  return { verdict: "pass", previewFile: preview.previewFile, exitCode: EXIT_OK };
}
