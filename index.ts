import * as pulumi from "@pulumi/pulumi";
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

const outputs = deploy(loaded.model);

export const centralProject = outputs.central?.project;
export const centralDataset = outputs.central?.datasetId;
export const organizations = outputs.organizations;
