/**
 * Measures the steps of `cloudact status --snapshot` for N synthetic orgs:
 *   npx tsx src/status/bench.ts [N=1000] [stack=dev]
 * Writes N registry files and a snapshot (every 50th org dataset dropped, every 7th org missing a
 * column) to a temp folder, then times what the command does: load + validate the repo, read and
 * validate the snapshot, compare, render; and the whole command. The stack's resource budget and
 * materialized-view cap are exceeded at this size: status warns and goes on.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dump } from "js-yaml";
import { repoRoot } from "../cli/root";
import { loadInputs, projectPaths } from "../project/load";
import { parseStackSettings } from "../config/settings";
import { memoryIo } from "../cli/io";
import { statusCommand } from "../cli/status";
import { loadStatusModel } from "./load-model";
import { readStackFile } from "../config/stack-files";
import { syntheticCatalog, syntheticModel, syntheticOrgs } from "./synthetic";
import { SnapshotCatalogReader } from "./catalog/snapshot-reader";
import { compareCatalog, stackDatasets } from "./compare";
import { renderJson, renderText } from "./render";

function ms(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e6;
}

async function bench(count: number, stack: string): Promise<void> {
  const root = repoRoot();
  const inputs = loadInputs(projectPaths(root, root));
  const stackFile = readStackFile(root, stack, root);
  const settings = parseStackSettings(stackFile.ok ? stackFile.stackFile.config : {});
  if (!settings.ok) throw new Error(`stack ${stack}: invalid settings`);
  const template = inputs.registry.orgs[0];
  if (!template) throw new Error("the registry has no org to clone");
  const dir = mkdtempSync(join(tmpdir(), "cloudact-status-bench-"));
  try {
    const orgsDir = join(dir, "orgs");
    mkdirSync(orgsDir);
    for (const org of syntheticOrgs(template, count, stack)) writeFileSync(join(orgsDir, `${org.entry.org_slug}.yaml`), dump(org.entry));
    const model = syntheticModel(inputs, settings.settings, stack, count);
    const firstTable = model.orgDatasets[0]?.tables[0];
    const rows = syntheticCatalog(model, {
      dropDatasets: model.orgDatasets.filter((_, index) => index % 50 === 49).map((dataset) => dataset.datasetId),
      dropColumns: firstTable
        ? model.orgDatasets.filter((_, index) => index % 7 === 3).map((dataset) => ({ dataset: dataset.datasetId, table: firstTable.tableId, column: firstTable.columns[0]?.name ?? "" }))
        : [],
    });
    const snapshot = join(dir, "snapshot.json");
    writeFileSync(snapshot, JSON.stringify(rows));
    const tAll = process.hrtime.bigint();
    const io = memoryIo({ cwd: dir });
    const exitCode = await statusCommand(["--stack", stack, "--orgs", orgsDir, "--snapshot", snapshot, "--json"], io);
    const allMs = ms(tAll);
    const t0 = process.hrtime.bigint();
    const loaded = loadStatusModel(projectPaths(root, dir, { orgs: orgsDir }), stack);
    if (!loaded.ok) throw new Error(loaded.problems.map((problem) => problem.message).join("\n"));
    const loadMs = ms(t0);
    const t1 = process.hrtime.bigint();
    const scope = { project: loaded.model.settings.project, location: loaded.model.settings.location, centralDataset: "organizations", datasets: stackDatasets(loaded.model) };
    const read = await new SnapshotCatalogReader(snapshot).read();
    const readMs = ms(t1);
    const t2 = process.hrtime.bigint();
    const report = compareCatalog(loaded.model, read, { registry: loaded.inputs.registry.orgs });
    const compareMs = ms(t2);
    const t3 = process.hrtime.bigint();
    const text = renderText(report).length + renderJson(report).length;
    const renderMs = ms(t3);
    const counts = new Map<string, number>();
    for (const org of Object.values(report.organizations)) counts.set(org.status, (counts.get(org.status) ?? 0) + 1);
    console.log(`${count} orgs (${scope.datasets.length} datasets), ${rows.columns.length} column rows, ${(text / 1e6).toFixed(1)} MB of output`);
    console.log(`cloudact status --json: exit ${exitCode}, ${allMs.toFixed(0)} ms end to end; ${io.err.join("").trim()}`);
    console.log(`steps: load+validate repo ${loadMs.toFixed(0)} ms, read+validate snapshot ${readMs.toFixed(0)} ms, compare ${compareMs.toFixed(0)} ms, render text+json ${renderMs.toFixed(0)} ms`);
    console.log(`statuses: ${[...counts].map(([status, n]) => `${n} ${status}`).join(", ")}; bootstrap ${report.bootstrap.status}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void bench(Number(process.argv[2] ?? 1000), process.argv[3] ?? "dev");
