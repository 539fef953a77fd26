import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { displayPath } from "../diagnostics/paths";
import { formatProblem, type Problem } from "../diagnostics/problem";
import { isSafeSlug, onboard, type OnboardRequest, type OnboardSummary } from "../onboarding/onboard";
import { loadInputs, projectPaths } from "../project/load";
import { REPO_OPTIONS, parseCommandArgs } from "./args";
import { EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, UsageError, type CliIo } from "./io";
import { repoRoot } from "./root";
import { environmentsOf, readStackSettings } from "../project/environments";

export const ONBOARD_USAGE =
  "cloudact onboard SLUG --company NAME --email ADDRESS --plan PLAN [--currency USD] [--timezone UTC] " +
  "[--fiscal-year-start 1] [--locale en-US] [--env dev,prod] [--reader PRINCIPAL]... [--shard N] [--dry-run] [--orgs DIR]";

const OPTIONS = {
  ...REPO_OPTIONS,
  company: { type: "string" },
  email: { type: "string" },
  plan: { type: "string" },
  currency: { type: "string" },
  timezone: { type: "string" },
  "fiscal-year-start": { type: "string" },
  locale: { type: "string" },
  env: { type: "string" },
  reader: { type: "string", multiple: true },
  shard: { type: "string" },
  "dry-run": { type: "boolean" },
} as const;

/** Writes a validated `orgs/SLUG.yaml` and shows what each stack will create for the org. */
export async function onboardCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, true);
  if (values.help) {
    io.stdout(`usage: ${ONBOARD_USAGE}\n`);
    return EXIT_OK;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? "onboard needs the org SLUG" : `onboard takes one SLUG, got ${positionals.join(" ")}`);
  const missing = (["company", "email", "plan"] as const).filter((name) => values[name] === undefined);
  if (missing.length > 0) throw new UsageError(`onboard needs ${missing.map((name) => `--${name}`).join(", ")}`);
  const slug = positionals[0] ?? "";

  const paths = projectPaths(repoRoot(), io.cwd, { orgs: values.orgs, schemas: values.schemas });
  if (!isDirectory(paths.orgsDir)) {
    io.stderr(`cloudact: registry folder ${displayPath(paths.orgsDir, io.cwd)} not found\n`);
    return EXIT_USAGE;
  }
  const inputs = loadInputs(paths);
  if (inputs.problems.length > 0) {
    printProblems(io, inputs.problems);
    io.stdout("the repository does not validate yet; fix these first (`npx cloudact validate`), nothing was written\n");
    return EXIT_PROBLEM;
  }
  const { placements, problems: stackProblems } = readStackSettings(paths.root, inputs.stacks, io.cwd);
  const stacks = new Map(placements.map((placement) => [placement.stack, placement.settings]));
  if (stackProblems.length > 0) {
    printProblems(io, stackProblems);
    io.stdout("stack config is invalid; fix it first (`npx cloudact validate`), nothing was written\n");
    return EXIT_PROBLEM;
  }

  const target = join(paths.orgsDir, `${isSafeSlug(slug) ? slug : "SLUG"}.yaml`);
  const file = displayPath(target, io.cwd);
  const request: OnboardRequest = {
    slug,
    company: values.company ?? "",
    email: values.email ?? "",
    plan: values.plan ?? "",
    currency: values.currency,
    timezone: values.timezone,
    fiscalYearStart: values["fiscal-year-start"],
    locale: values.locale,
    environments: values.env?.split(",").map((env) => env.trim()),
    readers: values.reader,
    shard: values.shard,
  };
  const registryFiles = readdirSync(paths.orgsDir)
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => ({ file: displayPath(join(paths.orgsDir, name), io.cwd), stem: name.replace(/\.ya?ml$/, "") }));
  const result = onboard(request, { file, registered: inputs.registry.orgs, registryFiles, knownEnvironments: environmentsOf(placements), stacks, schemas: inputs.schemas, lock: inputs.lock });
  if (result.problems.length > 0 || !result.summary) {
    printProblems(io, result.problems);
    io.stdout(`invalid: ${result.problems.length} problem${result.problems.length === 1 ? "" : "s"}, nothing was written\n`);
    return EXIT_PROBLEM;
  }
  io.stdout(renderSummary(result.summary, file));
  if (values["dry-run"]) {
    io.stdout(`\ndry run: nothing written; ${file} would be:\n\n${result.yaml}`);
    return EXIT_OK;
  }
  if (existsSync(target)) {
    io.stderr(`cloudact: ${file} already exists, nothing was written\n`);
    return EXIT_PROBLEM;
  }
  writeFileSync(target, result.yaml, { flag: "wx" });
  io.stdout(
    `\nwrote ${file}\nnext: git add ${file}, open a pull request; CI validates it and comments the preview and guard verdict per stack; merging deploys it.\n`,
  );
  return EXIT_OK;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function printProblems(io: CliIo, problems: readonly Problem[]): void {
  for (const problem of problems) io.stdout(formatProblem(problem) + "\n");
}

/** What the org will get, per stack: dataset, tables, views, metadata rows, the API key. */
export function renderSummary(summary: OnboardSummary, file: string): string {
  const { entry } = summary;
  const lines = [`onboarding ${entry.org_slug} (${entry.company_name}), plan ${entry.subscription_plan} -> ${file}`];
  for (const env of summary.environments) {
    lines.push("", `stack ${env.stack} (project ${env.project}, location ${env.location})`);
    lines.push(`  dataset ${env.datasetId}: ${env.tableCount} tables, ${env.views.length} views`);
    for (const view of env.views) lines.push(`    ${view.name} (${view.kind === "materialized_view" ? "materialized view" : "logical view"})`);
    lines.push("  metadata rows:");
    for (const row of env.metadataRows) {
      lines.push(`    organizations.${row.table}: ${Object.entries(row.values).map(([key, value]) => `${key}=${String(value)}`).join(", ")}`);
    }
  }
  const stacks = summary.environments.map((env) => env.stack);
  lines.push(
    "",
    `API key: \`pulumi up\` issues one org API key per stack (key_version ${summary.apiKey.keyVersion}, scopes ${summary.apiKey.scopes.join(", ")}); only its hash is stored, in ${summary.apiKey.hashTable}.`,
    `  It is shown once, as a secret stack output: \`pulumi stack output orgApiKeys --show-secrets --stack ${stacks[0] ?? "STACK"}\`. Hand it over securely.`,
  );
  return lines.join("\n") + "\n";
}
