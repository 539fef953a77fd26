/**
 * The pack's policies: each wraps one pure rule of rules.ts. Kept apart from index.ts, whose
 * PolicyPack constructor starts the engine's gRPC server, so tests can call them directly.
 */
import type { ResourceValidation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { deleteContentsViolations, deletionProtectionViolations, unprotectedViolations, type ResourceFacts } from "./rules";

function facts(args: ResourceValidationArgs): ResourceFacts {
  return { type: args.type, props: args.props, protect: args.opts.protect };
}

function validate(rule: (resource: ResourceFacts) => string[]): ResourceValidation {
  return (args, reportViolation) => {
    for (const message of rule(facts(args))) reportViolation(message);
  };
}

export const POLICIES: ResourceValidationPolicy[] = [
  {
    name: "bigquery-resource-protected",
    description: "Every BigQuery dataset and base table is registered with protect: true (views excepted: derived data).",
    remediationSteps: "Create datasets and tables through stacks/protected.ts, which sets protect and retainOnDelete.",
    validateResource: validate(unprotectedViolations),
  },
  {
    name: "bigquery-table-deletion-protection",
    description: "Every BigQuery base table sets deletionProtection: true.",
    remediationSteps: "Set deletionProtection: true (stacks/protected.ts does).",
    validateResource: validate(deletionProtectionViolations),
  },
  {
    name: "bigquery-dataset-keeps-contents",
    description: "No BigQuery dataset sets deleteContentsOnDestroy: true.",
    remediationSteps: "Set deleteContentsOnDestroy: false (stacks/protected.ts does).",
    validateResource: validate(deleteContentsViolations),
  },
];
