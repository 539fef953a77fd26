import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../src/cli/main";
import { EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, memoryIo } from "../src/cli/io";
import { repoRoot } from "../src/cli/root";
import { makeStatusCommand } from "../src/cli/status";
import { InputError } from "../src/diagnostics/problem";
import { projectPaths } from "../src/project/load";
import { CatalogReadError } from "../src/status/catalog/live-errors";
import type { CatalogScope } from "../src/status/catalog/reader";
import type { CatalogRows } from "../src/status/catalog/rows";
import { loadStatusModel } from "../src/status/load-model";
import { startProgress } from "../src/status/progress";
import { syntheticCatalog, type SyntheticCatalogOptions } from "../src/status/synthetic";
import type { Model } from "../src/model/types";

const FIXTURES = join(__dirname, "fixtures", "catalog");
const ORGS = join(FIXTURES, "orgs");
const work = mkdtempSync(join(tmpdir(), "cloudact-status-cli-"));

let cached: Model | undefined;
function devModel(): Model {
  if (cached) return cached;
  const loaded = loadStatusModel(projectPaths(repoRoot(), process.cwd(), { orgs: ORGS }), "dev");
  assert.ok(loaded.ok);
  return (cached = loaded.model);
}

let files = 0;
function snapshot(options: SyntheticCatalogOptions = {}): string {
  const file = join(work, `snapshot-${++files}.json`);
  writeFileSync(file, JSON.stringify(syntheticCatalog(devModel(), options)));
  return file;
}

async function status(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo();
  const code = await main(["status", "--stack", "dev", "--orgs", ORGS, ...args], io);
  return { code, out: io.out.join(""), err: io.err.join("") };
}

interface JsonScope {
  status: string;
  dataset: string | null;
  missing_tables: string[];
  missing_columns: Record<string, string[]>;
  extra_columns: Record<string, string[]>;
  type_mismatches: Record<string, unknown[]>;
  fix: { commands: string[]; note: string } | null;
}

test("--json prints bootstrap and organizations with every documented key", async () => {
  const alpha = devModel().orgDatasets.find((dataset) => dataset.org === "alpha_co");
  assert.ok(alpha);
  const { code, out, err } = await status(["--snapshot", snapshot({ dropDatasets: [alpha.datasetId] }), "--json"]);
  assert.equal(code, EXIT_OK);
  assert.equal(err, "", "quiet unless asked for progress");
  const report = JSON.parse(out) as { bootstrap: JsonScope; organizations: Record<string, JsonScope> };
  for (const key of ["status", "missing_tables", "missing_columns", "extra_columns", "type_mismatches"]) assert.ok(key in report.bootstrap, key);
  assert.equal(report.bootstrap.status, "SYNCED");
  assert.deepEqual(Object.keys(report.organizations).sort(), ["alpha_co", "beta_co"]);
  for (const org of Object.values(report.organizations)) {
    for (const key of ["status", "dataset", "missing_tables", "missing_columns", "extra_columns", "type_mismatches", "fix"]) assert.ok(key in org, key);
  }
  assert.equal(report.organizations.alpha_co?.status, "PROFILE_ONLY");
  assert.deepEqual(report.organizations.alpha_co?.fix?.commands, ["pulumi refresh --stack dev", "pulumi up --stack dev"]);
  assert.equal(report.organizations.beta_co?.status, "SYNCED");
  assert.equal(report.organizations.beta_co?.fix, null);
});

test("readable output: one line per scope with its status, differences under it, then the fix", async () => {
  const beta = devModel().orgDatasets.find((dataset) => dataset.org === "beta_co");
  const table = beta?.tables[0];
  const column = table?.columns[0];
  assert.ok(beta && table && column);
  const { code, out } = await status(["--snapshot", snapshot({ dropColumns: [{ dataset: beta.datasetId, table: table.tableId, column: column.name }] })]);
  assert.equal(code, EXIT_OK, "without --check differences do not fail");
  const lines = out.split("\n");
  assert.match(lines.find((line) => line.startsWith("bootstrap ")) ?? "", /SYNCED$/);
  assert.match(lines.find((line) => line.startsWith("org alpha_co ")) ?? "", /SYNCED$/);
  const betaLine = lines.findIndex((line) => line.startsWith("org beta_co "));
  assert.match(lines[betaLine] ?? "", /OUT_OF_SYNC$/);
  assert.equal(lines[betaLine + 1]?.trim(), `missing column  ${table.tableId}.${column.name}`);
  assert.equal(lines[betaLine + 2]?.trim(), "fix: pulumi up --stack dev");
  assert.match(out, /NULLABLE from REQUIRED/);
});

test("--check exits 1 unless everything is SYNCED; an extra column alone passes", async () => {
  const synced = await status(["--snapshot", snapshot({ extraColumns: [{ dataset: "organizations", table: "org_profiles", column: "legacy", dataType: "STRING" }] }), "--check"]);
  assert.equal(synced.code, EXIT_OK);
  assert.match(synced.out, /extra column {4}org_profiles\.legacy \(harmless\)/);
  const notBootstrapped = await status(["--snapshot", snapshot({ dropDatasets: ["organizations"] }), "--check"]);
  assert.equal(notBootstrapped.code, EXIT_PROBLEM);
  assert.match(notBootstrapped.out, /^bootstrap organizations +NOT_BOOTSTRAPPED$/m);
  const notFound = await status(["--snapshot", snapshot(), "--org", "nobody_here", "--check"]);
  assert.equal(notFound.code, EXIT_PROBLEM);
  assert.match(notFound.out, /^org nobody_here \(no dataset\) +NOT_FOUND$/m);
  assert.match(notFound.out, /fix: npx cloudact onboard nobody_here /);
  const notInStack = await status(["--snapshot", snapshot(), "--org", "gamma_co", "--json", "--check"]);
  assert.equal(notInStack.code, EXIT_PROBLEM);
  assert.equal((JSON.parse(notInStack.out) as { organizations: Record<string, JsonScope> }).organizations.gamma_co?.status, "NOT_IN_STACK");
  const one = await status(["--snapshot", snapshot(), "--org", "alpha_co", "--json", "--check"]);
  assert.equal(one.code, EXIT_OK);
  assert.deepEqual(Object.keys((JSON.parse(one.out) as { organizations: object }).organizations), ["alpha_co"]);
});

test("unreadable snapshots exit 2 with a clear message, never a stack trace", async () => {
  const cases: Array<[string, RegExp]> = [
    [join(FIXTURES, "not-json.json"), /not-json\.json: not a JSON snapshot/],
    [join(FIXTURES, "wrong-shape.json"), /wrong-shape\.json: not a status snapshot[\s\S]*columns\.0\.field_path: is required/],
    [join(FIXTURES, "bq-rows-only.json"), /bq-rows-only\.json: not a status snapshot/],
    [join(work, "does-not-exist.json"), /does-not-exist\.json: cannot read the snapshot \(no such file\)/],
  ];
  for (const [file, message] of cases) {
    const { code, out, err } = await status(["--snapshot", file]);
    assert.equal(code, EXIT_USAGE, file);
    assert.match(err, message);
    assert.doesNotMatch(err, /\n\s+at /, "no stack trace");
    assert.equal(out, "");
  }
});

test("usage errors exit 2; invalid repo input exits 1 listing every problem", async () => {
  const io = memoryIo();
  assert.equal(await main(["status", "--snapshot", snapshot()], io), EXIT_USAGE);
  assert.match(io.err.join(""), /--stack is required/);
  assert.equal((await status(["--snapshot", snapshot(), "--write-snapshot", join(work, "x.json")])).code, EXIT_USAGE);
  assert.equal((await status(["--bogus"])).code, EXIT_USAGE);
  const invalid = memoryIo();
  const code = await main(["status", "--stack", "dev", "--orgs", join(FIXTURES, "orgs-invalid"), "--snapshot", snapshot()], invalid);
  assert.equal(code, EXIT_PROBLEM);
  const err = invalid.err.join("");
  assert.match(err, /bad_co\.yaml:3: admin_email: /);
  assert.match(err, /bad_co\.yaml:5: default_currency: /);
  assert.match(err, /invalid input: no status \(2 problems\)/);
});

test("a live read goes through the reader; --write-snapshot saves rows that read back to the same report", async () => {
  const model = devModel();
  const rows: CatalogRows = syntheticCatalog(model, { dropDatasets: ["beta_co_prod"] });
  const scopes: CatalogScope[] = [];
  const command = makeStatusCommand((scope) => ({
    read: async (asked) => {
      scopes.push(scope, asked);
      return rows;
    },
  }));
  const target = join(work, "written.json");
  const live = memoryIo();
  assert.equal(await command(["--stack", "dev", "--orgs", ORGS, "--json", "--write-snapshot", target], live), EXIT_OK);
  assert.deepEqual(scopes[1], { project: model.settings.project, location: model.settings.location, centralDataset: "organizations", datasets: ["organizations", ...model.orgDatasets.map((dataset) => dataset.datasetId)] });
  assert.deepEqual(JSON.parse(readFileSync(target, "utf8")), JSON.parse(JSON.stringify(rows)));
  const replay = await status(["--snapshot", target, "--json"]);
  assert.equal(replay.out, live.out.join(""));
  assert.equal((JSON.parse(replay.out) as { organizations: Record<string, JsonScope> }).organizations.beta_co?.status, "PROFILE_ONLY");
});

test("a failed live read is an input error (exit 2 through main)", async () => {
  const command = makeStatusCommand(() => ({
    read: async () => {
      throw new CatalogReadError("permission denied reading the columns of project cloudact-testing-1");
    },
  }));
  await assert.rejects(command(["--stack", "dev", "--orgs", ORGS], memoryIo()), (error: unknown) => error instanceof InputError && /permission denied/.test(error.message));
});

test("progress: silent when disabled or before the delay, then the phase and the total", async () => {
  const quiet: string[] = [];
  const off = startProgress((text) => quiet.push(text), { enabled: false, delayMs: 0 });
  off.phase("reading");
  off.done();
  const fast = startProgress((text) => quiet.push(text), { enabled: true, delayMs: 10_000 });
  fast.phase("reading");
  fast.done();
  assert.deepEqual(quiet, []);
  const written: string[] = [];
  const slow = startProgress((text) => written.push(text), { enabled: true, delayMs: 5 });
  slow.phase("reading columns");
  await new Promise((resolve) => setTimeout(resolve, 30));
  slow.phase("comparing");
  slow.done();
  slow.done();
  assert.equal(written.length, 3);
  assert.match(written[0] ?? "", /reading columns/);
  assert.match(written[1] ?? "", /comparing/);
  assert.match(written[2] ?? "", /done in/);
});
