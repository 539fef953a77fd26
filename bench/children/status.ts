/**
 * Benchmark child: `cloudact status --stack S --orgs DIR --snapshot FILE --json` for N synthetic
 * orgs (src/status/synthetic.ts). Writing the registry and snapshot is not timed; the command is.
 *   node --import tsx bench/children/status.ts --orgs N --dir DIR [--stack dev]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { dump } from "js-yaml";
import { memoryIo } from "../../src/cli/io";
import { statusCommand } from "../../src/cli/status";
import { parseStackSettings } from "../../src/config/settings";
import { readStackFile } from "../../src/config/stack-files";
import { loadInputs, projectPaths } from "../../src/project/load";
import { syntheticCatalog, syntheticModel, syntheticOrgs } from "../../src/status/synthetic";
import { REPO_ROOT } from "../lib/child";
import { reportResult, sampleUsage } from "../lib/usage";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { orgs: { type: "string" }, dir: { type: "string" }, stack: { type: "string", default: "dev" } } });
  if (!values.orgs || !values.dir) throw new Error("--orgs N and --dir DIR are required");
  const count = Number(values.orgs);
  const inputs = loadInputs(projectPaths(REPO_ROOT, REPO_ROOT));
  const stackFile = readStackFile(REPO_ROOT, values.stack, REPO_ROOT);
  const settings = parseStackSettings(stackFile.ok ? stackFile.stackFile.config : {});
  const template = inputs.registry.orgs[0];
  if (!settings.ok || !template) throw new Error(`stack ${values.stack}: invalid settings or empty registry`);
  const orgsDir = join(values.dir, "orgs");
  mkdirSync(orgsDir, { recursive: true });
  for (const org of syntheticOrgs(template, count, values.stack)) writeFileSync(join(orgsDir, `${org.entry.org_slug}.yaml`), dump(org.entry));
  const model = syntheticModel(inputs, settings.settings, values.stack, count);
  const rows = syntheticCatalog(model, { dropDatasets: model.orgDatasets.filter((_, index) => index % 50 === 49).map((dataset) => dataset.datasetId) });
  const snapshot = join(values.dir, "snapshot.json");
  writeFileSync(snapshot, JSON.stringify(rows));

  const stop = sampleUsage();
  const io = memoryIo({ cwd: values.dir });
  const started = performance.now();
  const exitCode = await statusCommand(["--stack", values.stack, "--orgs", orgsDir, "--snapshot", snapshot, "--json"], io);
  const statusMs = performance.now() - started;
  reportResult({ statusMs: Math.round(statusMs), exitCode, columnRows: rows.columns.length, stderr: io.err.join("").slice(0, 300), ...stop() });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
