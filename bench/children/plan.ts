/**
 * Benchmark child: what `cloudact plan --stack S --json --orgs DIR` does (validate, run the real
 * program under the mock runtime, build and serialise the inventory), with the stack's config plus
 * `viewMode` overridden, since 500 orgs exceed the materialized-view cap of the repo's stacks.
 *
 *   node --import tsx bench/children/plan.ts --orgs DIR [--stack dev] [--view-mode logical] [--shard N] [--dump FILE]
 *
 * --shard N runs the stack as shard stack N (role orgs) of its environment, the central dataset
 * referenced from the stack itself.
 *
 * --dump writes the custom resources' registrations (inputs and options) as JSON: the template the
 * bare-registration child replays.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { formatProblem } from "../../src/diagnostics/problem";
import { PROJECT_NAME } from "../../src/config/settings";
import { readStackFile } from "../../src/config/stack-files";
import { loadStack, projectPaths } from "../../src/project/load";
import { runUnderMocks } from "../../src/plan/mock-runtime";
import { offlineStackReferences } from "../../src/project/references";
import { buildInventory } from "../../src/plan/inventory";
import { reportResult, sampleUsage } from "../lib/usage";
import { countDebuggablePromises } from "../lib/promises";
import { REPO_ROOT } from "../lib/child";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      orgs: { type: "string" },
      stack: { type: "string", default: "dev" },
      "view-mode": { type: "string", default: "logical" },
      shard: { type: "string" },
      dump: { type: "string" },
    },
  });
  if (!values.orgs) throw new Error("--orgs DIR is required");
  const stop = sampleUsage();
  const promises = countDebuggablePromises();
  const started = performance.now();
  const stackFile = readStackFile(REPO_ROOT, values.stack, REPO_ROOT);
  if (!stackFile.ok) throw new Error(`cannot read Pulumi.${values.stack}.yaml`);
  // The largest budget the settings accept: the bench measures sizes past the default stack budget.
  const shard: Record<string, string> = values.shard === undefined ? {} : { [`${PROJECT_NAME}:role`]: "orgs", [`${PROJECT_NAME}:shard`]: values.shard, [`${PROJECT_NAME}:bootstrapStack`]: values.stack };
  const config = { ...stackFile.stackFile.config, [`${PROJECT_NAME}:viewMode`]: values["view-mode"], [`${PROJECT_NAME}:resourceBudget`]: "50000", ...shard };
  const paths = projectPaths(REPO_ROOT, REPO_ROOT, { orgs: values.orgs });
  const loaded = loadStack(paths, values.stack, config);
  const validatedAt = performance.now();
  if (!loaded.ok) throw new Error(`invalid input:\n${loaded.problems.slice(0, 5).map(formatProblem).join("\n")}`);
  process.env.CLOUDACT_ORGS_DIR = paths.orgsDir;
  process.env.CLOUDACT_SCHEMAS_DIR = paths.schemasDir;
  const stackReferences = offlineStackReferences(REPO_ROOT, loaded.settings, REPO_ROOT);
  const registrations = await runUnderMocks({ program: join(REPO_ROOT, "index.ts"), project: PROJECT_NAME, stack: values.stack, config, stackReferences });
  const programAt = performance.now();
  const json = JSON.stringify(buildInventory(values.stack, registrations), null, 2);
  const evalMs = performance.now() - started;
  const usage = stop();
  if (values.dump) {
    const custom = registrations.filter((registration) => registration.custom);
    writeFileSync(values.dump, JSON.stringify(custom.map(({ type, name, inputs, protect, retainOnDelete }) => ({ type, name, inputs, protect, retainOnDelete }))));
  }
  reportResult({
    debuggablePromises: promises(),
    evalMs: Math.round(evalMs),
    validateMs: Math.round(validatedAt - started),
    programMs: Math.round(programAt - validatedAt),
    inventoryMs: Math.round(started + evalMs - programAt),
    registrations: registrations.length,
    customResources: registrations.filter((registration) => registration.custom).length,
    inventoryChars: json.length,
    ...usage,
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
