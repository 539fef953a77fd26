/**
 * What the schema guard compares: the schema files, the lock, the registry and each stack's
 * settings, as plain data. The same loaders read the working tree and a materialized git ref.
 */
import { join } from "node:path";
import type { StackSettings } from "../../config/settings";
import { listStacks } from "../../config/stack-files";
import { environmentsOf, readStackSettings } from "../../project/environments";
import { displayPath } from "../../diagnostics/paths";
import { InputError, formatProblem, type Problem } from "../../diagnostics/problem";
import { readLock } from "../../lock/lock-file";
import type { LockedColumns } from "../../model/build";
import { loadRegistry, type RegisteredOrg } from "../../registry/load";
import { loadSchemas, type SchemaSet } from "../../schemas/load";

export interface StackSnapshot {
  readonly stack: string;
  readonly file: string;
  /** Null when the stack file's settings are invalid (reported in `problems`). */
  readonly settings: StackSettings | null;
}

export interface RepoSnapshot {
  /** The schemas folder and the lock file, as messages show them. */
  readonly schemasDir: string;
  readonly lockFile: string;
  readonly schemas: SchemaSet;
  readonly lock: LockedColumns;
  readonly orgs: readonly RegisteredOrg[];
  readonly stacks: readonly StackSnapshot[];
  /** What the loaders reported; the guard judges what did load. */
  readonly problems: readonly Problem[];
}

export interface SnapshotPaths {
  /** Where Pulumi.yaml and Pulumi.<stack>.yaml live. */
  readonly root: string;
  readonly schemasDir: string;
  readonly orgsDir: string;
  /** Paths in messages are shown relative to this. */
  readonly cwd: string;
}

export const LOCK_FILE = "schema.lock.json";

/**
 * Loads a snapshot. An unreadable lock is an InputError (exit 2): without it no column can be
 * judged. Every other problem is kept in `problems`.
 */
export function loadSnapshot(paths: SnapshotPaths): RepoSnapshot {
  const lockPath = join(paths.schemasDir, LOCK_FILE);
  const lockFile = displayPath(lockPath, paths.cwd);
  const lock = readLock(lockPath, lockFile);
  if (!lock.ok) throw new InputError(`cannot read the lock:\n${lock.problems.map(formatProblem).join("\n")}`);
  const stackNames = listStacks(paths.root);
  const settings = readStackSettings(paths.root, stackNames, paths.cwd);
  const registry = loadRegistry(paths.orgsDir, { knownEnvironments: environmentsOf(settings.placements), cwd: paths.cwd });
  const { schemas, problems: schemaProblems } = loadSchemas(paths.schemasDir, paths.cwd);
  const problems: Problem[] = [...registry.problems, ...schemaProblems, ...settings.problems];
  const valid = new Map(settings.placements.map((placement) => [placement.stack, placement.settings]));
  const stacks: StackSnapshot[] = stackNames.map((stack) => ({
    stack,
    file: displayPath(join(paths.root, `Pulumi.${stack}.yaml`), paths.cwd),
    settings: valid.get(stack) ?? null,
  }));
  return { schemasDir: displayPath(paths.schemasDir, paths.cwd), lockFile, schemas, lock: lock.lock, orgs: registry.orgs, stacks, problems };
}
