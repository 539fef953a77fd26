import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { memoryIo } from "../src/cli/io";
import { lockCommand } from "../src/cli/lock";
import { main } from "../src/cli/main";
import { guardSchemaCommand } from "../src/guard/schema/command";
import { viewUrn } from "../src/guard/schema/view-rules";
import { FixtureRepo } from "./helpers/git-fixture";

type ApiColumn = { name: string; type: string; mode?: string; fields?: ApiColumn[] };
type LockFile = { version: number; tables: Record<string, ApiColumn[]> };

const repos: FixtureRepo[] = [];
after(() => repos.forEach((repo) => repo.dispose()));

/** A repository at the fixture, then `change` applied and committed: the guard runs with --base HEAD~1. */
function changed(change: (repo: FixtureRepo) => void | Promise<void>): Promise<FixtureRepo> {
  const repo = FixtureRepo.create();
  repos.push(repo);
  return Promise.resolve(change(repo)).then(() => {
    repo.commit("change");
    return repo;
  });
}

async function lock(repo: FixtureRepo): Promise<void> {
  const io = memoryIo({ cwd: repo.dir });
  const code = await lockCommand(["--schemas", "schemas", "--orgs", "orgs"], io);
  assert.equal(code, 0, io.err.join(""));
}

async function guard(repo: FixtureRepo, ...extra: string[]) {
  const io = memoryIo({ cwd: repo.dir });
  const code = await guardSchemaCommand(["--root", repo.dir, "--base", "HEAD~1", ...extra], io);
  const out = io.out.join("");
  return { code, out, err: io.err.join(""), codes: [...out.matchAll(/^(SG\d{3}) /gm)].map((match) => match[1]) };
}

const addColumn = (column: ApiColumn) => (text: string) => JSON.stringify([...(JSON.parse(text) as ApiColumn[]), column], null, 2);

describe("guard schema against a git base", () => {
  test("an unchanged tree passes, and the verdict is the last line", async () => {
    const repo = await changed(() => {});
    const result = await guard(repo);
    assert.equal(result.code, 0, result.out + result.err);
    assert.deepEqual(result.codes, []);
    assert.equal(result.out.trim().split("\n").at(-1), "PASS");
  });

  test("a NULLABLE column with its lock entry passes; without the lock entry it is SG201", async () => {
    const locked = await changed(async (repo) => {
      repo.edit("schemas/org/usage_daily.json", addColumn({ name: "currency", type: "STRING" }));
      await lock(repo);
    });
    assert.equal((await guard(locked)).code, 0);
    const unlocked = await changed((repo) => repo.edit("schemas/org/usage_daily.json", addColumn({ name: "currency", type: "STRING" })));
    const result = await guard(unlocked);
    assert.equal(result.code, 1);
    assert.deepEqual(result.codes, ["SG201"]);
    assert.match(result.out, /currency is not in schemas\/schema\.lock\.json/);
    assert.match(result.out, /npx cloudact lock/);
    assert.match(result.out, /^REJECTED: 1 violation$/m);
  });

  test("a new table and a new org, locked, pass", async () => {
    const repo = await changed(async (repo) => {
      repo.edit("schemas/org/config.yml", (text) => text + "  budgets:\n    description: Budgets per team.\n");
      repo.write("schemas/org/budgets.json", JSON.stringify([{ name: "team", type: "STRING", mode: "REQUIRED" }]));
      repo.write("orgs/gamma_co.yaml", repo.read("orgs/beta_co.yaml").replace(/beta_co/g, "gamma_co").replace("beta-co", "gamma-co"));
      await lock(repo);
    });
    const result = await guard(repo);
    assert.equal(result.code, 0, result.out);
  });

  test("a type change beyond an alias is SG210; an alias is not", async () => {
    const alias = await changed((repo) => repo.edit("schemas/org/pricing.json", (text) => text.replace('"INTEGER"', '"INT64"')));
    assert.equal((await guard(alias)).code, 0);
    const repo = await changed((repo) => repo.edit("schemas/org/usage_daily.json", (text) => text.replace('"NUMERIC"', '"STRING"')));
    const result = await guard(repo);
    assert.deepEqual(result.codes, ["SG210"]);
    assert.match(result.out, /cost: NUMERIC -> STRING/);
  });

  test("NULLABLE -> REQUIRED is SG211; REQUIRED -> NULLABLE passes", async () => {
    const relaxed = await changed((repo) => repo.edit("schemas/org/pricing.json", (text) => text.replace('"sku", "type": "STRING", "mode": "REQUIRED"', '"sku", "type": "STRING", "mode": "NULLABLE"')));
    assert.equal((await guard(relaxed)).code, 0);
    const tightened = await changed((repo) => repo.edit("schemas/org/pricing.json", (text) => text.replace('"tier", "type": "INTEGER", "mode": "NULLABLE"', '"tier", "type": "INTEGER", "mode": "REQUIRED"')));
    const result = await guard(tightened);
    assert.deepEqual(result.codes, ["SG211"]);
    assert.match(result.out, /tier: NULLABLE -> REQUIRED/);
  });

  test("a REQUIRED column added to an existing table is SG212 even once locked; on a new table it passes", async () => {
    const repo = await changed(async (repo) => {
      repo.edit("schemas/org/usage_daily.json", addColumn({ name: "region", type: "STRING", mode: "REQUIRED" }));
      await lock(repo);
    });
    const result = await guard(repo);
    assert.deepEqual(result.codes, ["SG212"]);
    assert.match(result.out, /region: REQUIRED/);
  });

  test("a REQUIRED nested field added to an existing RECORD is SG212", async () => {
    const repo = await changed(async (repo) => {
      repo.edit("schemas/org/usage_daily.json", (text) => text.replace('{ "name": "amount", "type": "FLOAT", "mode": "NULLABLE" }', '{ "name": "amount", "type": "FLOAT", "mode": "NULLABLE" }, { "name": "kind", "type": "STRING", "mode": "REQUIRED" }'));
      await lock(repo);
    });
    const result = await guard(repo);
    assert.deepEqual(result.codes, ["SG212"]);
    assert.match(result.out, /credits\.kind: REQUIRED/);
  });

  test("a renamed column is SG213", async () => {
    const repo = await changed(async (repo) => {
      repo.edit("schemas/org/usage_daily.json", (text) => text.replace('"service"', '"service_name"'));
      repo.edit("schemas/org/config.yml", (text) => text.replace("clustering: [service]", "clustering: [service_name]"));
      await lock(repo);
    });
    const result = await guard(repo);
    assert.deepEqual(result.codes, ["SG213"]);
    assert.match(result.out, /service gone, service_name added/);
  });

  test("removing a column only from the JSON passes: the lock keeps it declared", async () => {
    const repo = await changed((repo) => repo.edit("schemas/org/usage_daily.json", (text) => JSON.stringify((JSON.parse(text) as ApiColumn[]).filter((column) => column.name !== "cost"))));
    const result = await guard(repo);
    assert.equal(result.code, 0, result.out);
  });

  test("a column or nested field removed from the lock is SG202; a locked type changed is SG203", async () => {
    const removed = await changed((repo) =>
      repo.editJson<LockFile>("schemas/schema.lock.json", (lockFile) => {
        const credits = lockFile.tables["org/usage_daily"]?.find((column) => column.name === "credits");
        credits!.fields = credits!.fields!.filter((field) => field.name !== "amount");
        return lockFile;
      }),
    );
    const result = await guard(removed);
    assert.ok(result.codes.includes("SG202"), result.out);
    assert.match(result.out, /credits\.amount was in the lock at HEAD~1/);

    const retyped = await changed((repo) =>
      repo.editJson<LockFile>("schemas/schema.lock.json", (lockFile) => {
        lockFile.tables["org/pricing"]![0]!.type = "BYTES";
        return lockFile;
      }),
    );
    const second = await guard(retyped);
    assert.ok(second.codes.includes("SG203"), second.out);
    assert.match(second.out, /sku: STRING REQUIRED -> BYTES REQUIRED/);
  });

  test("a partitioning change on an existing table is SG214; a new expiration is not", async () => {
    const expiry = await changed((repo) => repo.edit("schemas/org/config.yml", (text) => text.replace("{ type: DAY, field: usage_date }", "{ type: DAY, field: usage_date, expiration_days: 400 }")));
    assert.equal((await guard(expiry)).code, 0);
    const time = await changed((repo) => repo.edit("schemas/org/config.yml", (text) => text.replace("{ type: DAY, field: usage_date }", "{ type: MONTH, field: usage_date }")));
    const result = await guard(time);
    assert.deepEqual(result.codes, ["SG214"]);
    assert.match(result.out, /DAY on usage_date at HEAD~1 -> time partitioning MONTH on usage_date/);
    const range = await changed((repo) => repo.edit("schemas/org/config.yml", (text) => text.replace("interval: 10", "interval: 5")));
    assert.deepEqual((await guard(range)).codes, ["SG214"]);
  });

  test("a table removed from config.yml, or its JSON file removed, is SG220", async () => {
    const entry = await changed((repo) => repo.edit("schemas/org/config.yml", (text) => text.replace(/ {2}pricing:\n( {4}.*\n)+/, "")));
    const result = await guard(entry);
    assert.ok(result.codes.includes("SG220"), result.out);
    assert.match(result.out, /subject: org\/pricing/);
    const file = await changed((repo) => repo.remove("schemas/bootstrap/org_profiles.json"));
    const second = await guard(file);
    assert.ok(second.codes.includes("SG220"), second.out);
    assert.match(second.out, /subject: bootstrap\/org_profiles/);
  });

  test("an org file removed is SG230 and its datasets disappearing SG231, per stack", async () => {
    const repo = await changed((repo) => repo.remove("orgs/alpha_co.yaml"));
    const result = await guard(repo);
    assert.deepEqual(result.codes, ["SG230", "SG231", "SG231"]);
    assert.match(result.out, /subject: dev: alpha_co_dev/);
    assert.match(result.out, /subject: prod: alpha_co_prod/);
  });

  test("an environment dropped from an org, or a changed dataset suffix, is SG231", async () => {
    const env = await changed((repo) => repo.edit("orgs/alpha_co.yaml", (text) => text.replace("[dev, prod]", "[prod]")));
    const result = await guard(env);
    assert.deepEqual(result.codes, ["SG231"]);
    assert.match(result.out, /environments in orgs\/alpha_co\.yaml no longer list "dev"/);
    const suffix = await changed((repo) => repo.edit("Pulumi.prod.yaml", (text) => text.replace("datasetSuffix: prod", "datasetSuffix: live")));
    const second = await guard(suffix);
    assert.deepEqual(second.codes, ["SG231", "SG231"]);
    assert.match(second.out, /datasetSuffix of stack prod changed from "prod"/);
  });

  test("a stack's location change is SG233; a stack file removed is SG232", async () => {
    const location = await changed((repo) => repo.edit("Pulumi.dev.yaml", (text) => text.replace("location: US", "location: EU")));
    const result = await guard(location);
    assert.deepEqual(result.codes, ["SG233"]);
    assert.match(result.out, /location US at HEAD~1 -> EU/);
    const stack = await changed((repo) => repo.remove("Pulumi.dev.yaml"));
    const second = await guard(stack);
    assert.ok(second.codes.includes("SG232"), second.out);
  });

  test("a materialized view's SQL change is SG240 naming every URN, and passes once all are allowlisted", async () => {
    const edit = (repo: FixtureRepo) => repo.edit("schemas/org/views/x_notification_stats.sql", (text) => text.replace("COUNT(*) AS n", "COUNT(*) AS notification_count"));
    const urns = [viewUrn("dev", "alpha_co_dev", "x_notification_stats"), viewUrn("prod", "alpha_co_prod", "x_notification_stats"), viewUrn("prod", "beta_co_prod", "x_notification_stats")];
    const repo = await changed(edit);
    const result = await guard(repo);
    assert.deepEqual(result.codes, ["SG240"]);
    for (const urn of urns) assert.ok(result.out.includes(urn), `${urn} in\n${result.out}`);

    const allowlist = (list: string[]) => `allow:\n${list.map((urn) => `  - urn: "${urn}"\n    reason: "counts renamed"\n`).join("")}`;
    const partial = await changed((repo) => {
      edit(repo);
      repo.write("guard-allowlist.yaml", allowlist(urns.slice(0, 2)));
    });
    const partly = await guard(partial);
    assert.deepEqual(partly.codes, ["SG240"]);
    assert.match(partly.out, /1 of 3 affected materialized views are not in guard-allowlist\.yaml/);

    const full = await changed((repo) => {
      edit(repo);
      repo.write("guard-allowlist.yaml", allowlist(urns));
    });
    const passed = await guard(full);
    assert.equal(passed.code, 0, passed.out);
    assert.match(passed.out, /view x_notification_stats: 3 materialized views replaced/);
  });

  test("a view SQL change in a stack with logical views is not judged", async () => {
    const repo = await changed((repo) => {
      for (const stack of ["dev", "prod"]) repo.edit(`Pulumi.${stack}.yaml`, (text) => text.replace("viewMode: materialized", "viewMode: logical"));
      repo.git("add", "--all");
      repo.git("commit", "--quiet", "-m", "logical views");
      repo.edit("schemas/org/views/x_notification_stats.sql", (text) => text.replace("COUNT(*) AS n", "COUNT(*) AS total"));
    });
    assert.equal((await guard(repo)).code, 0);
  });

  test("--format json and md report the same verdict", async () => {
    const repo = await changed((repo) => repo.edit("schemas/org/usage_daily.json", (text) => text.replace('"NUMERIC"', '"STRING"')));
    const json = JSON.parse((await guard(repo, "--format", "json")).out) as { verdict: string; passed: boolean; violations: { code: string; fix: string }[] };
    assert.equal(json.verdict, "REJECTED: 1 violation");
    assert.equal(json.passed, false);
    assert.equal(json.violations[0]?.code, "SG210");
    assert.ok(json.violations[0]?.fix);
    const md = await guard(repo, "--format", "md");
    assert.match(md.out, /^## Schema guard: :x: \*\*REJECTED: 1 violation\*\*/);
    assert.match(md.out, /\*\*SG210\*\*/);
  });

  test("an unknown ref, an unreadable lock, a bad allowlist and a bad --format exit 2 without a stack trace", async () => {
    const repo = await changed(() => {});
    const unknown = await guardSchemaCommand(["--root", repo.dir, "--base", "no-such-ref"], memoryIo({ cwd: repo.dir }));
    assert.equal(unknown, 2);
    const io = memoryIo({ cwd: repo.dir });
    await guardSchemaCommand(["--root", repo.dir, "--base", "no-such-ref"], io);
    assert.match(io.err.join(""), /unknown git ref "no-such-ref"/);
    assert.doesNotMatch(io.err.join(""), /\n\s+at /);

    repo.write("schemas/schema.lock.json", "{ not json");
    const broken = memoryIo({ cwd: repo.dir });
    assert.equal(await guardSchemaCommand(["--root", repo.dir], broken), 2);
    assert.match(broken.err.join(""), /cannot read the lock/);
    repo.git("checkout", "--", "schemas/schema.lock.json");

    repo.write("guard-allowlist.yaml", "allow:\n  - urn: nope\n");
    const allowlist = memoryIo({ cwd: repo.dir });
    assert.equal(await guardSchemaCommand(["--root", repo.dir], allowlist), 2);
    assert.match(allowlist.err.join(""), /guard-allowlist\.yaml:\d+: allow\[0\]/);

    const format = memoryIo({ cwd: repo.dir });
    assert.equal(await guardSchemaCommand(["--root", repo.dir, "--format", "yaml"], format), 2);
    assert.match(format.err.join(""), /unknown --format "yaml"/);
  });

  test("the CLI dispatches `guard schema` and `guard plan`", async () => {
    const repo = await changed(() => {});
    const io = memoryIo({ cwd: repo.dir });
    assert.equal(await main(["guard", "schema", "--root", repo.dir, "--base", "HEAD~1"], io), 0);
    assert.match(io.out.join(""), /PASS/);
    const plan = memoryIo({ cwd: repo.dir });
    assert.equal(await main(["guard", "plan"], plan), 2);
    assert.match(plan.err.join(""), /missing the preview FILE/);
  });
});
