import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { memoryIo } from "../src/cli/io";
import { makeDeployCommand, makePreviewCommand, previewCommand, deployCommand } from "../src/deploy/command";
import { assertSafeInvocation, type PulumiCli, type PulumiRun } from "../src/deploy/pulumi-cli";
import { FixtureRepo } from "./helpers/git-fixture";

const PREVIEWS = join(__dirname, "fixtures", "previews");
const PASSING = readFileSync(join(PREVIEWS, "empty.json"), "utf8");
const REJECTED = readFileSync(join(PREVIEWS, "column-drop-update.json"), "utf8");

const cleanup: (() => void)[] = [];
after(() => cleanup.forEach((dispose) => dispose()));

function repo(): FixtureRepo {
  const created = FixtureRepo.create();
  cleanup.push(() => created.dispose());
  return created;
}

/** A fake Pulumi CLI: answers `preview` with `previewJson`, `up` with `upCode`, and records every call. */
function fakeCli(previewJson: string, upCode = 0): PulumiCli & { calls: PulumiRun[] } {
  const calls: PulumiRun[] = [];
  return {
    calls,
    async run(run) {
      assertSafeInvocation(run.args);
      calls.push(run);
      if (run.args[0] === "preview") return { code: 0, stdout: previewJson, stderr: "" };
      run.onStdout?.("Resources: 0 changed\n");
      return { code: upCode, stdout: "", stderr: "" };
    },
  };
}

async function runPreview(dir: string, cli: PulumiCli, ...args: string[]) {
  const io = memoryIo({ cwd: dir });
  const code = await makePreviewCommand(() => cli)(["--root", dir, "--stack", "dev", ...args], io);
  return { code, out: io.out.join(""), err: io.err.join("") };
}

async function runDeploy(dir: string, cli: PulumiCli, ...args: string[]) {
  const io = memoryIo({ cwd: dir });
  const code = await makeDeployCommand(() => cli)(["--root", dir, "--stack", "dev", ...args], io);
  return { code, out: io.out.join(""), err: io.err.join("") };
}

describe("guarded preview", () => {
  test("a clean stack is previewed to .cloudact/preview-<stack>.json and guarded", async () => {
    const fixture = repo();
    const cli = fakeCli(PASSING);
    const result = await runPreview(fixture.dir, cli);
    assert.equal(result.code, 0, result.out + result.err);
    assert.deepEqual(cli.calls.map((call) => call.args), [["preview", "--json", "--stack", "dev"]]);
    assert.equal(cli.calls[0]?.cwd, fixture.dir);
    assert.equal(cli.calls[0]?.env?.CLOUDACT_SCHEMAS_DIR, join(fixture.dir, "schemas"));
    assert.equal(readFileSync(fixture.path(".cloudact/preview-dev.json"), "utf8"), PASSING);
    assert.match(result.out, /preview dev: PASS \(preview: \.cloudact\/preview-dev\.json\)\n$/);
  });

  test("--out chooses the preview file", async () => {
    const fixture = repo();
    const result = await runPreview(fixture.dir, fakeCli(PASSING), "--out", "plans/dev.json");
    assert.equal(result.code, 0);
    assert.ok(existsSync(fixture.path("plans/dev.json")));
  });

  test("a plan the plan guard rejects exits 1, and deploy never runs pulumi up", async () => {
    const fixture = repo();
    const preview = await runPreview(fixture.dir, fakeCli(REJECTED));
    assert.equal(preview.code, 1);
    assert.match(preview.out, /PG110/);
    assert.match(preview.out, /preview dev: PLAN-REJECTED/);
    const cli = fakeCli(REJECTED);
    const deploy = await runDeploy(fixture.dir, cli);
    assert.equal(deploy.code, 1);
    assert.deepEqual(cli.calls.map((call) => call.args[0]), ["preview"]);
    assert.match(deploy.out, /not deployed/);
  });

  test("a schema guard violation stops before Pulumi runs", async () => {
    const fixture = repo();
    fixture.edit("schemas/org/usage_daily.json", (text) => text.replace('"NUMERIC"', '"STRING"'));
    const cli = fakeCli(PASSING);
    const result = await runDeploy(fixture.dir, cli);
    assert.equal(result.code, 1);
    assert.match(result.out, /SG210/);
    assert.deepEqual(cli.calls, []);
  });

  test("the schema guard runs against --base", async () => {
    const fixture = repo();
    fixture.remove("orgs/beta_co.yaml");
    fixture.commit("offboard beta");
    const cli = fakeCli(PASSING);
    const result = await runPreview(fixture.dir, cli, "--base", "HEAD~1");
    assert.equal(result.code, 1);
    assert.match(result.out, /SG230/);
    assert.deepEqual(cli.calls, []);
  });

  test("invalid input stops before Pulumi runs", async () => {
    const fixture = repo();
    const cli = fakeCli(PASSING);
    const io = memoryIo({ cwd: fixture.dir });
    const code = await makePreviewCommand(() => cli)(["--root", fixture.dir, "--stack", "staging"], io);
    assert.equal(code, 1);
    assert.match(io.out.join(""), /no such stack "staging"/);
    assert.deepEqual(cli.calls, []);
  });

  test("a preview that prints no JSON document exits 2 with a message", async () => {
    const fixture = repo();
    const cli: PulumiCli = { run: async () => ({ code: 255, stdout: "", stderr: "error: no stack named 'dev' found\n" }) };
    const result = await runPreview(fixture.dir, cli);
    assert.equal(result.code, 2);
    assert.match(result.err, /pulumi preview exited with status 255 and printed no preview document/);
  });
});

describe("guarded deploy", () => {
  test("a passing preview is applied with pulumi up --yes --stack S --parallel N and nothing else", async () => {
    const fixture = repo();
    const cli = fakeCli(PASSING);
    const result = await runDeploy(fixture.dir, cli, "--parallel", "4");
    assert.equal(result.code, 0, result.out + result.err);
    assert.deepEqual(cli.calls.map((call) => call.args), [
      ["preview", "--json", "--stack", "dev"],
      ["up", "--yes", "--stack", "dev", "--parallel", "4"],
    ]);
    assert.match(result.out, /Resources: 0 changed/);
    assert.match(result.out, /deploy dev: PASS/);
  });

  test("a failed pulumi up exits 1", async () => {
    const fixture = repo();
    const result = await runDeploy(fixture.dir, fakeCli(PASSING, 255));
    assert.equal(result.code, 1);
    assert.match(result.out, /DEPLOY FAILED: pulumi up exited with status 255/);
  });

  test("usage mistakes exit 2", async () => {
    const fixture = repo();
    for (const args of [["--parallel", "0"], ["--parallel", "many"], ["--bogus"]]) {
      const result = await runDeploy(fixture.dir, fakeCli(PASSING), ...args);
      assert.equal(result.code, 2, args.join(" "));
    }
    const io = memoryIo({ cwd: fixture.dir });
    assert.equal(await makeDeployCommand(() => fakeCli(PASSING))(["--root", fixture.dir], io), 2);
    assert.match(io.err.join(""), /--stack is required/);
  });

  test("the policy pack is passed to the engine when the project has one", async () => {
    const fixture = repo();
    const policy = fixture.path("policy");
    mkdirSync(policy);
    writeFileSync(join(policy, "PulumiPolicy.yaml"), "runtime: nodejs\n");
    const cli = fakeCli(PASSING);
    assert.equal((await runDeploy(fixture.dir, cli)).code, 0);
    for (const call of cli.calls) assert.deepEqual(call.args.slice(-2), ["--policy-pack", policy]);
  });
});

describe("the Pulumi CLI door", () => {
  test("refuses destroy, refresh and every replacing or protection-ignoring flag", () => {
    for (const args of [["destroy"], ["refresh"], ["up", "--yes", "--replace", "urn"], ["up", "--target-replace=urn"], ["up", "--ignore-protect"], ["up", "-f"], ["up", "--skip-preview"], ["preview", "--force"]]) {
      assert.throws(() => assertSafeInvocation(args), /refusing to run/, args.join(" "));
    }
    assert.doesNotThrow(() => assertSafeInvocation(["up", "--yes", "--stack", "dev"]));
  });

  test("spawns the pulumi found on PATH (a fake script here) and guards its output", async () => {
    const fixture = repo();
    const bin = mkdtempSync(join(tmpdir(), "fake-pulumi-"));
    cleanup.push(() => rmSync(bin, { recursive: true, force: true }));
    const log = join(bin, "calls.log");
    writeFileSync(join(bin, "preview.json"), PASSING);
    writeFileSync(
      join(bin, "pulumi"),
      `#!/bin/sh\necho "$*" >> "${log}"\nif [ "$1" = preview ]; then cat "${join(bin, "preview.json")}"; fi\necho "progress on stderr" >&2\nexit 0\n`,
    );
    chmodSync(join(bin, "pulumi"), 0o755);
    const io = memoryIo({ cwd: fixture.dir, env: { PATH: `${bin}:/usr/bin:/bin` } });
    const code = await deployCommand(["--root", fixture.dir, "--stack", "dev"], io);
    assert.equal(code, 0, io.out.join("") + io.err.join(""));
    assert.deepEqual(readFileSync(log, "utf8").trim().split("\n"), ["preview --json --stack dev", "up --yes --stack dev"]);
    assert.match(io.err.join(""), /progress on stderr/);
  });

  test("a missing pulumi binary is a clear message and exit 2", async () => {
    const fixture = repo();
    const empty = mkdtempSync(join(tmpdir(), "no-pulumi-"));
    cleanup.push(() => rmSync(empty, { recursive: true, force: true }));
    const io = memoryIo({ cwd: fixture.dir, env: { PATH: empty } });
    const code = await previewCommand(["--root", fixture.dir, "--stack", "dev"], io);
    assert.equal(code, 2);
    assert.equal(io.err.join("").split("\n").filter((line) => line.startsWith("cloudact"))[0], "cloudact preview: the Pulumi CLI is not installed: see README (https://www.pulumi.com/docs/install/)");
  });
});
