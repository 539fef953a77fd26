import * as pulumi from "@pulumi/pulumi";
import { missingAccessSettings } from "./src/access/required";
import { formatProblem } from "./src/diagnostics/problem";
import { loadStack, projectPaths } from "./src/project/load";
import { deploy } from "./stacks/deployment";

/**
 * Entry point of the Pulumi program: load and validate every input, build the stack's model,
 * then render it. Invalid input throws before any resource is registered.
 */
const paths = projectPaths(__dirname, process.cwd(), {
  orgs: process.env.CLOUDACT_ORGS_DIR,
  schemas: process.env.CLOUDACT_SCHEMAS_DIR,
});
const loaded = loadStack(paths, pulumi.getStack(), pulumi.runtime.allConfig());
if (!loaded.ok) {
  // RunError ends the program with the message alone: a user mistake never prints a stack trace.
  throw new pulumi.RunError(`invalid input, nothing was deployed:\n${loaded.problems.map(formatProblem).join("\n")}`);
}

// Without a deployer and API service account a dataset would get BigQuery's default access:
// such a stack can be previewed, never deployed.
const missing = missingAccessSettings(loaded.settings).map((issue) =>
  formatProblem({ file: `Pulumi.${pulumi.getStack()}.yaml`, line: 1, field: issue.key, message: issue.message }),
);
if (missing.length > 0 && !pulumi.runtime.isDryRun()) throw new pulumi.RunError(`invalid input, nothing was deployed:\n${missing.join("\n")}`);
for (const problem of missing) void pulumi.log.warn(`${problem} (a deployment will refuse this stack)`);

const outputs = deploy(loaded.model);

export const centralProject = outputs.central?.project;
export const centralDataset = outputs.central?.datasetId;
export const organizations = outputs.organizations;
/**
 * Each org's API key, by slug, shown once: `pulumi stack output orgApiKeys --show-secrets`.
 * BigQuery holds only its SHA-256 hash and prefix. (CA_ROOT_API_KEY is never read or stored here.)
 */
export const orgApiKeys = pulumi.secret(outputs.apiKeys);
