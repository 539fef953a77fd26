import { join } from "node:path";
import { formatProblem } from "../diagnostics/problem";
import { PROJECT_NAME } from "../config/settings";
import { readStackFile } from "../config/stack-files";
import { loadStack, projectPaths } from "../project/load";
import { offlineStackReferences } from "../project/references";
import { runUnderMocks } from "../plan/mock-runtime";
import { buildInventory, type Inventory } from "../plan/inventory";
import { renderDatasetDetails } from "./plan-onboarding";
import { REPO_OPTIONS, parseCommandArgs } from "./args";
import { EXIT_OK, EXIT_PROBLEM, UsageError, type CliIo } from "./io";
import { repoRoot } from "./root";

export const PLAN_USAGE = "cloudact plan --stack S [--json] [--orgs DIR] [--schemas DIR]";

/**
 * Offline plan: validates, then runs the real program (index.ts) under Pulumi's mock runtime and
 * prints what it registered, resource options included. Runs the program once per process.
 */
export async function planCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, { ...REPO_OPTIONS, stack: { type: "string", short: "s" }, json: { type: "boolean" } });
  if (values.help) {
    io.stdout(`usage: ${PLAN_USAGE}\n`);
    return EXIT_OK;
  }
  if (!values.stack) throw new UsageError("--stack is required");
  const root = repoRoot();
  const paths = projectPaths(root, io.cwd, { orgs: values.orgs, schemas: values.schemas });
  const loaded = loadStack(paths, values.stack);
  if (!loaded.ok) {
    for (const problem of loaded.problems) io.stderr(formatProblem(problem) + "\n");
    io.stderr(`invalid input: nothing planned (${loaded.problems.length} problem${loaded.problems.length === 1 ? "" : "s"})\n`);
    return EXIT_PROBLEM;
  }
  const stackFile = readStackFile(root, values.stack, io.cwd);
  const config = stackFile.ok ? stackFile.stackFile.config : {};
  process.env.CLOUDACT_ORGS_DIR = paths.orgsDir;
  process.env.CLOUDACT_SCHEMAS_DIR = paths.schemasDir;
  const stackReferences = offlineStackReferences(root, loaded.settings, io.cwd);
  const registrations = await runUnderMocks({ program: join(root, "index.ts"), project: PROJECT_NAME, stack: values.stack, config, stackReferences });
  const inventory = buildInventory(values.stack, registrations);
  io.stdout(values.json ? JSON.stringify(inventory, null, 2) + "\n" : renderInventory(inventory));
  return EXIT_OK;
}

export function renderInventory(inventory: Inventory): string {
  const lines = [`stack ${inventory.stack}: project ${inventory.project}, location ${inventory.location}`];
  for (const dataset of inventory.datasets) {
    const kinds = new Map<string, number>();
    for (const table of dataset.tables) kinds.set(table.kind, (kinds.get(table.kind) ?? 0) + 1);
    const counts = [...kinds].map(([kind, count]) => `${count} ${kind.replace("_", " ")}${count === 1 ? "" : "s"}`).join(", ");
    const baseTables = dataset.tables.filter((table) => table.kind === "table");
    const allProtected = dataset.protected && baseTables.every((table) => table.protected && table.deletionProtection);
    const owner = dataset.role === "org" ? `org ${dataset.org}` : "central";
    lines.push(`  ${dataset.datasetId.padEnd(32)} ${owner.padEnd(28)} ${counts.padEnd(40)} ${allProtected ? "protected" : "NOT PROTECTED"}`);
    lines.push(...renderDatasetDetails(dataset));
  }
  for (const other of inventory.otherResources) lines.push(`  ${other.type} ${other.name}${other.protected ? " (protected)" : ""}`);
  lines.push(`${inventory.resources.total} resources, ${inventory.resources.protected} engine-protected (views are derived data: the plan guard watches them)`);
  return lines.join("\n") + "\n";
}
