/**
 * `cloudact guard schema [--base REF] [--format text|json|md] [--root DIR] [--orgs DIR]
 * [--schemas DIR] [--allowlist FILE]`: the static add-only check of the working tree against the
 * lock and, with --base, against the lock, schemas, registry and stack files at REF.
 * Exit 0 pass, 1 violations, 2 usage error, unreadable input or unknown ref.
 */
import { join, resolve } from "node:path";
import { REPO_OPTIONS, parseCommandArgs } from "../../cli/args";
import { EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, UsageError, type Command } from "../../cli/io";
import { repoRoot } from "../../cli/root";
import { displayPath } from "../../diagnostics/paths";
import { InputError } from "../../diagnostics/problem";
import { projectPaths, type ProjectPaths } from "../../project/load";
import { readAllowlistFile } from "../allowlist-file";
import { DEFAULT_ALLOWLIST } from "../plan/command";
import { loadBaseSnapshot } from "./base";
import { gitReader, type GitReader } from "./git";
import { judgeSchemas, type SchemaJudgement } from "./judge";
import { FORMATS, renderSchemaReport, type Format } from "./report";
import { loadSnapshot } from "./snapshot";

export const GUARD_SCHEMA_USAGE =
  "cloudact guard schema [--base REF] [--format text|json|md] [--root DIR] [--orgs DIR] [--schemas DIR] [--allowlist FILE]";

export interface SchemaGuardOptions {
  readonly paths: ProjectPaths;
  /** The git ref to compare with (the PR's merge base); only the lock is checked without it. */
  readonly base?: string;
  /** An explicit allowlist file; by default `<root>/guard-allowlist.yaml` when it exists. */
  readonly allowlist?: string;
}

/**
 * Judges the working tree. Throws InputError when an input cannot be read (a lock that is not a
 * lock, an unknown ref, a path outside the repository, a broken allowlist).
 */
export async function runSchemaGuard(options: SchemaGuardOptions, git: GitReader = gitReader(options.paths.root)): Promise<SchemaJudgement> {
  const { paths } = options;
  const allowlistPath = options.allowlist ? resolve(paths.cwd, options.allowlist) : join(paths.root, DEFAULT_ALLOWLIST);
  const allowlist = readAllowlistFile(allowlistPath, options.allowlist ?? displayPath(allowlistPath, paths.cwd), options.allowlist !== undefined);
  const head = loadSnapshot(paths);
  if (options.base === undefined) return judgeSchemas(head, undefined, allowlist);
  const commit = await git.resolveCommit(options.base);
  const base = await loadBaseSnapshot(git, commit, paths);
  return judgeSchemas(head, { ref: options.base, snapshot: base }, allowlist);
}

function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

/** The options every repo-reading command takes, plus --root: the project folder (Pulumi.*.yaml). */
export const ROOT_OPTIONS = { ...REPO_OPTIONS, root: { type: "string" } } as const;

/** The project paths from --root, --orgs and --schemas (the CLI's own repository by default). */
export function pathsFromArgs(values: { root?: string; orgs?: string; schemas?: string }, cwd: string): ProjectPaths {
  const root = values.root !== undefined ? resolve(cwd, values.root) : repoRoot();
  return projectPaths(root, cwd, { orgs: values.orgs, schemas: values.schemas });
}

/** The command, with the git reader injectable for tests. */
export function makeGuardSchemaCommand(makeGit: (dir: string) => GitReader = gitReader): Command {
  return async (args, io) => {
    try {
      const { values } = parseCommandArgs(args, {
        ...ROOT_OPTIONS,
        base: { type: "string" },
        format: { type: "string" },
        allowlist: { type: "string" },
      });
      if (values.help) {
        io.stdout(`usage: ${GUARD_SCHEMA_USAGE}\n`);
        return EXIT_OK;
      }
      const format = values.format ?? "text";
      if (!isFormat(format)) throw new UsageError(`unknown --format "${format}": expected one of ${FORMATS.join(", ")}`);
      if (values.base !== undefined && values.base.trim() === "") throw new UsageError("--base needs a git ref, e.g. --base origin/main");
      const paths = pathsFromArgs(values, io.cwd);
      const judgement = await runSchemaGuard({ paths, base: values.base, allowlist: values.allowlist }, makeGit(paths.root));
      io.stdout(renderSchemaReport(judgement, format));
      return judgement.passed ? EXIT_OK : EXIT_PROBLEM;
    } catch (error) {
      if (error instanceof UsageError) {
        io.stderr(`cloudact guard schema: ${error.message}\nusage: ${GUARD_SCHEMA_USAGE}\n`);
        return EXIT_USAGE;
      }
      if (error instanceof InputError) {
        io.stderr(`cloudact guard schema: ${error.message}\n`);
        return EXIT_USAGE;
      }
      throw error;
    }
  };
}

export const guardSchemaCommand: Command = makeGuardSchemaCommand();
