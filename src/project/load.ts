import { join, resolve } from "node:path";
import type { Problem } from "../diagnostics/problem";
import { displayPath } from "../diagnostics/paths";
import { parseStackSettings, type StackSettings } from "../config/settings";
import { configKeyLine, listStacks, readStackFile } from "../config/stack-files";
import { loadRegistry, type Registry } from "../registry/load";
import { loadSchemas, type SchemaSet } from "../schemas/load";
import { readLock } from "../lock/lock-file";
import { buildModel, type LockedColumns } from "../model/build";
import type { Model } from "../model/types";
import { knownEnvironments } from "./environments";

/** Where the program's inputs live; the CLI's --orgs and --schemas override the defaults. */
export interface ProjectPaths {
  readonly root: string;
  readonly orgsDir: string;
  readonly schemasDir: string;
  readonly cwd: string;
}

export function projectPaths(root: string, cwd: string, overrides: { orgs?: string; schemas?: string } = {}): ProjectPaths {
  return {
    root,
    cwd,
    orgsDir: overrides.orgs ? resolve(cwd, overrides.orgs) : join(root, "orgs"),
    schemasDir: overrides.schemas ? resolve(cwd, overrides.schemas) : join(root, "schemas"),
  };
}

export function lockPath(paths: ProjectPaths): string {
  return join(paths.schemasDir, "schema.lock.json");
}

export interface ProjectInputs {
  readonly registry: Registry;
  readonly schemas: SchemaSet;
  readonly lock: LockedColumns;
  readonly stacks: readonly string[];
  readonly problems: readonly Problem[];
}

/** Loads what every stack shares: the registry, the schema files and the lock. */
export function loadInputs(paths: ProjectPaths): ProjectInputs {
  const stacks = listStacks(paths.root);
  const registry = loadRegistry(paths.orgsDir, { knownEnvironments: knownEnvironments(paths.root, stacks, paths.cwd), cwd: paths.cwd });
  const { schemas, problems: schemaProblems } = loadSchemas(paths.schemasDir, paths.cwd);
  const lockFile = displayPath(lockPath(paths), paths.cwd);
  const lock = readLock(lockPath(paths), lockFile);
  return {
    registry,
    schemas,
    lock: lock.ok ? lock.lock : {},
    stacks,
    problems: [...registry.problems, ...schemaProblems, ...(lock.ok ? [] : lock.problems)],
  };
}

export type StackLoad =
  | { ok: true; model: Model; settings: StackSettings; inputs: ProjectInputs }
  /** `model` is set when the inputs are valid and only a deployment rule of the model failed (budget, view cap). */
  | { ok: false; problems: readonly Problem[]; inputs: ProjectInputs; model?: Model };

/**
 * Loads and validates one stack end to end. `config` is Pulumi's config map when the program runs
 * under Pulumi; otherwise it is read from Pulumi.yaml and Pulumi.<stack>.yaml.
 */
export function loadStack(paths: ProjectPaths, stack: string, config?: Readonly<Record<string, string>>, inputs: ProjectInputs = loadInputs(paths)): StackLoad {
  const problems: Problem[] = [...inputs.problems];
  const stackFile = readStackFile(paths.root, stack, paths.cwd);
  const file = displayPath(join(paths.root, `Pulumi.${stack}.yaml`), paths.cwd);
  const text = stackFile.ok ? stackFile.stackFile.text : "";
  if (!stackFile.ok && !config) return { ok: false, problems: [...problems, ...stackFile.problems], inputs };
  const effective = config ?? (stackFile.ok ? stackFile.stackFile.config : {});
  const settings = parseStackSettings(effective);
  if (!settings.ok) {
    for (const issue of settings.issues) problems.push({ file, line: configKeyLine(text, issue.key), field: issue.key, message: issue.message });
    return { ok: false, problems, inputs };
  }
  if (problems.length > 0) return { ok: false, problems, inputs };
  const { model, issues } = buildModel({ stack, settings: settings.settings, orgs: inputs.registry.orgs, schemas: inputs.schemas, lock: inputs.lock });
  if (issues.length > 0) {
    return { ok: false, problems: issues.map((issue) => ({ file, line: configKeyLine(text, issue.key), field: issue.key, message: issue.message })), inputs, model };
  }
  return { ok: true, model, settings: settings.settings, inputs };
}
