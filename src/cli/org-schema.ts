import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { displayPath } from "../diagnostics/paths";
import { projectPaths } from "../project/load";
import { ORG_SCHEMA_FILE, renderOrgJsonSchema } from "../registry/json-schema";
import { parseCommandArgs } from "./args";
import { EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, type CliIo } from "./io";
import { repoRoot } from "./root";

export const SCHEMA_USAGE = "cloudact schema [--check] [--orgs DIR]";

/** Writes `orgs/org.schema.json` from the registry's zod definition; `--check` only compares. */
export async function orgSchemaCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, { orgs: { type: "string" }, check: { type: "boolean" }, help: { type: "boolean", short: "h" } });
  if (values.help) {
    io.stdout(`usage: ${SCHEMA_USAGE}\n`);
    return EXIT_OK;
  }
  const { orgsDir } = projectPaths(repoRoot(), io.cwd, { orgs: values.orgs });
  if (!existsSync(orgsDir)) {
    io.stderr(`cloudact: registry folder ${displayPath(orgsDir, io.cwd)} not found\n`);
    return EXIT_USAGE;
  }
  const path = join(orgsDir, ORG_SCHEMA_FILE);
  const shown = displayPath(path, io.cwd);
  const expected = renderOrgJsonSchema();
  const current = existsSync(path) ? readFileSync(path, "utf8") : undefined;
  if (values.check) {
    if (current === expected) {
      io.stdout(`${shown} is up to date\n`);
      return EXIT_OK;
    }
    io.stdout(`${shown}:1: (file): ${current === undefined ? "missing" : "differs from src/registry/org-entry.ts"}; run \`npx cloudact schema\` and commit it\n`);
    return EXIT_PROBLEM;
  }
  if (current === expected) {
    io.stdout(`${shown} is up to date\n`);
  } else {
    writeFileSync(path, expected);
    io.stdout(`wrote ${shown}\n`);
  }
  return EXIT_OK;
}
