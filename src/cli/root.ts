import { join } from "node:path";

/** The repository root: where Pulumi.yaml, index.ts, orgs/ and schemas/ live. */
export function repoRoot(): string {
  return join(__dirname, "..", "..");
}
