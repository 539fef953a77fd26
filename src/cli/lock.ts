import { formatProblem } from "../diagnostics/problem";
import { extendLock } from "../lock/extend";
import { writeLock } from "../lock/lock-file";
import { loadInputs, lockPath, projectPaths } from "../project/load";
import { REPO_OPTIONS, parseCommandArgs } from "./args";
import { EXIT_OK, EXIT_PROBLEM, type CliIo } from "./io";
import { repoRoot } from "./root";

export const LOCK_USAGE = "cloudact lock [--schemas DIR]   adds newly declared tables and columns to schemas/schema.lock.json";

/** Adds newly declared tables and columns to the lock; never removes or changes an entry. */
export async function lockCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, REPO_OPTIONS);
  if (values.help) {
    io.stdout(`usage: ${LOCK_USAGE}\n`);
    return EXIT_OK;
  }
  const paths = projectPaths(repoRoot(), io.cwd, { orgs: values.orgs, schemas: values.schemas });
  const inputs = loadInputs(paths);
  if (inputs.problems.length > 0) {
    for (const problem of inputs.problems) io.stderr(formatProblem(problem) + "\n");
    io.stderr("lock not written: fix the problems above first\n");
    return EXIT_PROBLEM;
  }
  const { lock, added } = extendLock(inputs.lock, inputs.schemas);
  if (added.length === 0) {
    io.stdout("lock is up to date\n");
    return EXIT_OK;
  }
  writeLock(lockPath(paths), lock);
  for (const entry of added) io.stdout(`+ ${entry}\n`);
  io.stdout(`added ${added.length} entr${added.length === 1 ? "y" : "ies"} to the lock; commit it with the schema change\n`);
  return EXIT_OK;
}
