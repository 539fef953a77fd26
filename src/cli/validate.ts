import { formatProblem, type Problem } from "../diagnostics/problem";
import { displayPath } from "../diagnostics/paths";
import { unlockedColumns } from "../lock/coverage";
import { loadInputs, loadStack, lockPath, projectPaths } from "../project/load";
import { REPO_OPTIONS, parseCommandArgs } from "./args";
import { EXIT_OK, EXIT_PROBLEM, type CliIo } from "./io";
import { repoRoot } from "./root";
import type { Model } from "../model/types";
import { environmentProblems, projectViewCapProblems, readPlacements } from "../project/environments";

export const VALIDATE_USAGE = "cloudact validate [--orgs DIR] [--schemas DIR]";

/** Validates the registry, schemas, lock and every stack's config; lists every problem. */
export async function validateCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, REPO_OPTIONS);
  if (values.help) {
    io.stdout(`usage: ${VALIDATE_USAGE}\n`);
    return EXIT_OK;
  }
  const paths = projectPaths(repoRoot(), io.cwd, { orgs: values.orgs, schemas: values.schemas });
  const inputs = loadInputs(paths);
  const problems: Problem[] = [...inputs.problems];
  if (inputs.problems.length === 0) {
    const lockFile = displayPath(lockPath(paths), io.cwd);
    for (const { table, path } of unlockedColumns(inputs.schemas, inputs.lock)) {
      problems.push({
        file: table.file,
        line: 1,
        field: path ?? "(table)",
        message: `${path ? "column" : "table"} is not in ${lockFile} yet; run \`npx cloudact lock\` and commit the lock`,
      });
    }
  }
  const models: Model[] = [];
  for (const stack of inputs.stacks) {
    const loaded = loadStack(paths, stack, undefined, { ...inputs, problems: [] });
    if (loaded.ok) models.push(loaded.model);
    else problems.push(...loaded.problems);
  }
  const placements = readPlacements(paths.root, inputs.stacks, io.cwd);
  problems.push(...environmentProblems(placements, inputs.registry.orgs, paths.orgsDir, io.cwd));
  if (models.length === inputs.stacks.length) problems.push(...projectViewCapProblems(models, placements));
  const unique = [...new Map(problems.map((problem) => [formatProblem(problem), problem])).values()];
  for (const problem of unique) io.stdout(formatProblem(problem) + "\n");
  if (unique.length > 0) {
    io.stdout(`invalid: ${unique.length} problem${unique.length === 1 ? "" : "s"}\n`);
    return EXIT_PROBLEM;
  }
  io.stdout(
    `valid: ${inputs.registry.orgs.length} orgs, ${inputs.schemas.bootstrap.length} central tables, ` +
      `${inputs.schemas.org.length} org tables, ${inputs.schemas.views.length} views, stacks ${inputs.stacks.join(", ")}\n`,
  );
  return EXIT_OK;
}
