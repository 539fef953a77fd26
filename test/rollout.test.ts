/**
 * Rollout of an environment through the real guarded preview/deploy (src/deploy) with a fake Pulumi
 * CLI: the central stack first, the concurrency bound, the stop at the first rejection, and
 * `pulumi up --parallel N` on every deploy. Nothing here asserts timing.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { memoryIo } from "../src/cli/io";
import { makeRolloutCommand } from "../src/cli/rollout";
import { assertSafeInvocation, type PulumiCli, type PulumiRun } from "../src/deploy/pulumi-cli";
import { projectPaths } from "../src/project/load";
import { runRollout, type StackRunner } from "../src/rollout/rollout";
import { guardedStackRunner } from "../src/rollout/runner";
import { environmentStacks, rolloutPhases } from "../src/rollout/stacks";
import { FixtureRepo } from "./helpers/git-fixture";

const PREVIEWS = join(__dirname, "fixtures", "previews");
const PASSING = readFileSync(join(PREVIEWS, "empty.json"), "utf8");
const REJECTED = readFileSync(join(PREVIEWS, "column-drop-update.json"), "utf8");
const SHARDS = ["dev-orgs-0", "dev-orgs-1", "dev-orgs-2", "dev-orgs-3"];

const cleanup: (() => void)[] = [];
after(() => cleanup.forEach((dispose) => dispose()));

/** The guard fixture repo with an environment `dev` of one bootstrap stack and four shard stacks (and prod, which stays out). */
function environmentRepo(): FixtureRepo {
  const repo = FixtureRepo.create();
  cleanup.push(() => repo.dispose());
  repo.edit("Pulumi.dev.yaml", (text) => `${text.trimEnd()}\n  cloudact-bigquery:role: bootstrap\n`);
  SHARDS.forEach((stack, shard) =>
    repo.write(
      `Pulumi.${stack}.yaml`,
      [
        "config:",
        "  gcp:project: cloudact-testing-1",
        "  cloudact-bigquery:datasetSuffix: dev",
        "  cloudact-bigquery:viewMode: logical",
        "  cloudact-bigquery:role: orgs",
        "  cloudact-bigquery:environment: dev",
        `  cloudact-bigquery:shard: ${shard}`,
        "  cloudact-bigquery:bootstrapStack: cloudact/cloudact-bigquery/dev",
        "",
      ].join("\n"),
    ),
  );
  return repo;
}

interface Event {
  readonly stack: string;
  readonly command: string;
  readonly phase: "start" | "end";
}

/** A fake Pulumi CLI: previews answer PASSING (REJECTED for `reject`), `up` exits 0; every call is recorded. */
function fakeCli(options: { reject?: readonly string[]; hold?: Map<string, Promise<void>> } = {}): PulumiCli & { calls: PulumiRun[]; events: Event[] } {
  const calls: PulumiRun[] = [];
  const events: Event[] = [];
  return {
    calls,
    events,
    async run(run) {
      assertSafeInvocation(run.args);
      calls.push(run);
      const stack = run.args[run.args.indexOf("--stack") + 1] ?? "";
      const command = run.args[0] ?? "";
      events.push({ stack, command, phase: "start" });
      await new Promise((resolve) => setImmediate(resolve));
      if (command === "preview") await options.hold?.get(stack);
      events.push({ stack, command, phase: "end" });
      if (command === "preview") return { code: 0, stdout: options.reject?.includes(stack) ? REJECTED : PASSING, stderr: "" };
      return { code: 0, stdout: "", stderr: "" };
    },
  };
}

/** Wraps a runner to count the stacks running at once. */
function counting(runner: StackRunner): StackRunner & { max: () => number } {
  let running = 0;
  let max = 0;
  const wrapped: StackRunner = async (request) => {
    running += 1;
    max = Math.max(max, running);
    try {
      return await runner(request);
    } finally {
      running -= 1;
    }
  };
  return Object.assign(wrapped, { max: () => max });
}

async function rollout(repo: FixtureRepo, cli: PulumiCli, options: { concurrency: number; parallel?: number; dryRun?: boolean; log?: (text: string) => void }) {
  const io = memoryIo({ cwd: repo.dir });
  const paths = projectPaths(repo.dir, repo.dir);
  const runner = counting(guardedStackRunner({ io, paths }));
  const phases = rolloutPhases(environmentStacks(repo.dir, "dev", repo.dir));
  const report = await runRollout(
    { concurrency: options.concurrency, parallel: options.parallel ?? 5, dryRun: options.dryRun ?? false },
    { phases, pulumi: cli, runStack: runner, log: options.log ?? (() => undefined) },
  );
  return { report, maxRunning: runner.max(), out: io.out.join("") };
}

const ups = (cli: { calls: PulumiRun[] }) => cli.calls.filter((call) => call.args[0] === "up");
const stackOf = (call: PulumiRun) => call.args[call.args.indexOf("--stack") + 1];

describe("environment stacks", () => {
  test("an environment is its stacks named ENV or ENV-*, the central stack first", () => {
    const repo = environmentRepo();
    const phases = rolloutPhases(environmentStacks(repo.dir, "dev", repo.dir));
    assert.deepEqual(phases.bootstrap, [{ stack: "dev", role: "bootstrap" }]);
    assert.deepEqual(phases.others.map((stack) => stack.stack), SHARDS);
    assert.ok(phases.others.every((stack) => stack.role === "orgs"));
    assert.deepEqual(environmentStacks(repo.dir, "prod", repo.dir), [{ stack: "prod", role: "all" }]);
    assert.deepEqual(environmentStacks(repo.dir, "staging", repo.dir), []);
  });
});

describe("rollout", () => {
  test("deploys the bootstrap stack before any other stack starts, then every shard, each with --parallel", async () => {
    const repo = environmentRepo();
    const cli = fakeCli();
    const { report, out } = await rollout(repo, cli, { concurrency: 2, parallel: 4 });
    assert.equal(report.ok, true, out);
    assert.deepEqual(report.stacks.map((stack) => [stack.stack, stack.status]), [["dev", "deployed"], ...SHARDS.map((stack) => [stack, "deployed"])]);
    const bootstrapUpEnd = cli.events.findIndex((event) => event.stack === "dev" && event.command === "up" && event.phase === "end");
    const firstShardEvent = cli.events.findIndex((event) => event.stack !== "dev");
    assert.ok(bootstrapUpEnd >= 0 && bootstrapUpEnd < firstShardEvent, "the bootstrap stack's pulumi up ends before any shard stack starts");
    assert.equal(ups(cli).length, 5);
    for (const call of ups(cli)) {
      const index = call.args.indexOf("--parallel");
      assert.ok(index > 0, call.args.join(" "));
      assert.equal(call.args[index + 1], "4");
    }
  });

  test("at most --concurrency stacks run at once", async () => {
    for (const concurrency of [1, 2, 3]) {
      const repo = environmentRepo();
      const { report, maxRunning } = await rollout(repo, fakeCli(), { concurrency });
      assert.equal(report.ok, true);
      assert.ok(maxRunning <= concurrency, `concurrency ${concurrency}: ${maxRunning} ran at once`);
      // Not a timing assertion: the workers start together, so the bound is also reached.
      assert.equal(maxRunning, Math.min(concurrency, SHARDS.length));
    }
  });

  test("stops at the first rejection: no further stack starts, and a stack still previewing is not deployed", async () => {
    const repo = environmentRepo();
    // dev-orgs-0's preview waits until the rollout has recorded dev-orgs-1's rejection.
    let release: () => void = () => undefined;
    const hold = new Map([["dev-orgs-0", new Promise<void>((resolve) => (release = resolve))]]);
    const cli = fakeCli({ reject: ["dev-orgs-1"], hold });
    const { report, out } = await rollout(repo, cli, {
      concurrency: 2,
      log: (text) => {
        if (text.startsWith("<-- dev-orgs-1")) release();
      },
    });
    assert.equal(report.ok, false);
    assert.match(report.stoppedBy ?? "", /dev-orgs-1 is rejected/);
    assert.deepEqual(
      report.stacks.map((stack) => [stack.stack, stack.status]),
      [
        ["dev", "deployed"],
        ["dev-orgs-0", "held"],
        ["dev-orgs-1", "rejected"],
        ["dev-orgs-2", "not started"],
        ["dev-orgs-3", "not started"],
      ],
    );
    assert.deepEqual(ups(cli).map(stackOf), ["dev"], "only the bootstrap stack ran pulumi up");
    assert.ok(!cli.calls.some((call) => ["dev-orgs-2", "dev-orgs-3"].includes(stackOf(call) ?? "")));
    assert.match(out, /PG110/);
  });

  test("a rejected bootstrap stack stops the rollout before any shard", async () => {
    const repo = environmentRepo();
    const cli = fakeCli({ reject: ["dev"] });
    const { report } = await rollout(repo, cli, { concurrency: 4 });
    assert.equal(report.ok, false);
    assert.deepEqual(report.stacks.map((stack) => stack.status), ["rejected", "not started", "not started", "not started", "not started"]);
    assert.equal(ups(cli).length, 0);
  });

  test("a dry run previews and guards every stack, reports every rejection and deploys none", async () => {
    const repo = environmentRepo();
    const cli = fakeCli({ reject: ["dev-orgs-1", "dev-orgs-3"] });
    const { report } = await rollout(repo, cli, { concurrency: 2, dryRun: true });
    assert.equal(report.ok, false);
    assert.deepEqual(report.stacks.map((stack) => stack.status), ["previewed", "previewed", "rejected", "previewed", "rejected"]);
    assert.equal(ups(cli).length, 0);
  });
});

describe("cloudact rollout", () => {
  async function run(repo: FixtureRepo, cli: PulumiCli, ...args: string[]) {
    const io = memoryIo({ cwd: repo.dir });
    const code = await makeRolloutCommand(() => cli)(["--root", repo.dir, ...args], io);
    return { code, out: io.out.join(""), err: io.err.join("") };
  }

  test("rolls out an environment, passes --parallel to pulumi up and exits 0", async () => {
    const repo = environmentRepo();
    const cli = fakeCli();
    const result = await run(repo, cli, "--env", "dev", "--concurrency", "2", "--parallel", "3");
    assert.equal(result.code, 0, result.out + result.err);
    assert.match(result.out, /ROLLOUT PASS/);
    assert.match(result.err, /dev first, then 4 stacks, 2 at a time, pulumi up --parallel 3 \(6 operations in flight\)/);
    assert.ok(ups(cli).every((call) => call.args.join(" ").includes("--parallel 3")));
  });

  test("defaults --parallel so that concurrency x parallel stays within 10 tables.insert/s, and warns above it", async () => {
    const repo = environmentRepo();
    const defaults = await run(repo, fakeCli(), "--env", "dev", "--concurrency", "3", "--dry-run");
    assert.match(defaults.err, /3 at a time, pulumi up --parallel 3 \(9 operations in flight\)/);
    assert.doesNotMatch(defaults.err, /warning/);
    const fast = await run(repo, fakeCli(), "--env", "dev", "--concurrency", "4", "--parallel", "10", "--dry-run");
    assert.match(fast.err, /warning: 4 stacks x --parallel 10 = 40 operations in flight/);
  });

  test("exits 1 naming the rejected stack", async () => {
    const repo = environmentRepo();
    const result = await run(repo, fakeCli({ reject: ["dev-orgs-2"] }), "--env", "dev", "--concurrency", "1");
    assert.equal(result.code, 1);
    assert.match(result.out, /ROLLOUT STOPPED: stack dev-orgs-2 is rejected/);
    assert.match(result.out, /dev-orgs-3 +orgs +not started/);
  });

  test("usage errors exit 2", async () => {
    const repo = environmentRepo();
    assert.equal((await run(repo, fakeCli())).code, 2);
    assert.equal((await run(repo, fakeCli(), "--env", "staging")).code, 2);
    assert.equal((await run(repo, fakeCli(), "--env", "dev", "--concurrency", "0")).code, 2);
    assert.equal((await run(repo, fakeCli(), "--env", "dev", "--parallel", "x")).code, 2);
  });
});
