import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { main } from "../src/cli/main";
import { memoryIo } from "../src/cli/io";

const root = join(__dirname, "..");

test("validate exits 0 on the repository and 1 naming each broken file", async () => {
  const good = memoryIo({ cwd: root });
  assert.equal(await main(["validate"], good), 0);
  assert.match(good.out.join(""), /^valid: \d+ orgs, 20 central tables, 20 org tables, 4 views/m);

  const bad = memoryIo({ cwd: root });
  assert.equal(await main(["validate", "--orgs", "test/fixtures/broken/orgs"], bad), 1);
  const output = bad.out.join("");
  for (const file of ["bad_types.yaml", "unknown_key.yaml", "broken_yaml.yaml", "organizations.yaml", "wrong_name.yaml", "alias_bomb.yaml"]) {
    assert.match(output, new RegExp(`test/fixtures/broken/orgs/${file}:\\d+: `), file);
  }
  assert.match(output, /^invalid: \d+ problems$/m);
});

test("usage mistakes exit 2 with the usage text", async () => {
  const unknown = memoryIo({ cwd: root });
  assert.equal(await main(["frobnicate"], unknown), 2);
  assert.match(unknown.err.join(""), /unknown command "frobnicate"/);
  const missingStack = memoryIo({ cwd: root });
  assert.equal(await main(["plan"], missingStack), 2);
  assert.match(missingStack.err.join(""), /--stack is required/);
  const badFlag = memoryIo({ cwd: root });
  assert.equal(await main(["validate", "--bogus"], badFlag), 2);
});

test("plan of an unknown stack or of invalid input exits 1 and registers nothing", async () => {
  const io = memoryIo({ cwd: root });
  assert.equal(await main(["plan", "--stack", "staging"], io), 1);
  assert.match(io.err.join(""), /Pulumi\.staging\.yaml:1: \(file\): no such stack "staging" \(known: dev, prod\)/);
  const broken = memoryIo({ cwd: root });
  assert.equal(await main(["plan", "--stack", "dev", "--orgs", "test/fixtures/broken/orgs"], broken), 1);
  assert.match(broken.err.join(""), /invalid input: nothing planned/);
});

test("npx cloudact runs without a build step and never prints a stack trace for bad input", () => {
  const result = spawnSync(process.execPath, [join(root, "bin", "cloudact.js"), "validate", "--orgs", "test/fixtures/broken/orgs"], { cwd: root, encoding: "utf8" });
  assert.equal(result.status, 1);
  assert.doesNotMatch(result.stdout + result.stderr, /\n\s+at .+:\d+:\d+/);
  const plan = spawnSync(process.execPath, [join(root, "bin", "cloudact.js"), "plan", "--stack", "dev", "--json"], { cwd: root, encoding: "utf8" });
  assert.equal(plan.status, 0, plan.stderr);
  const inventory = JSON.parse(plan.stdout) as { datasets: { datasetId: string }[]; resources: { total: number; protected: number } };
  assert.ok(inventory.datasets.some((dataset) => dataset.datasetId === "organizations"));
  assert.ok(inventory.resources.protected > 0 && inventory.resources.protected <= inventory.resources.total);
});
