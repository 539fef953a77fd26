/**
 * Judges the registry and the stack files against the base: per stack, every org dataset declared
 * at the base must still be declared, and no stack or location may change. Pure.
 */
import { orgDatasetId, orgsInStack, stackEnvironment } from "../../model/build";
import type { MoveEntry } from "../allowlist";
import type { RegisteredOrg } from "../../registry/load";
import type { SchemaFinding } from "./rules";
import type { StackSnapshot } from "./snapshot";

export interface RegistrySide {
  readonly orgs: readonly RegisteredOrg[];
  readonly stacks: readonly StackSnapshot[];
}

/** The org dataset ids a stack declares, each with the org that declares it. */
export function orgDatasetsOf(side: RegistrySide, stack: StackSnapshot): Map<string, RegisteredOrg> {
  const datasets = new Map<string, RegisteredOrg>();
  if (!stack.settings) return datasets;
  for (const org of orgsInStack(side.orgs, stack.stack, stack.settings)) datasets.set(orgDatasetId(org.entry.org_slug, stack.settings.datasetSuffix), org);
  return datasets;
}

function slugKey(slug: string): string {
  return slug.toLowerCase();
}

/** Why a dataset id the base declared is gone from the head. */
function cause(org: RegisteredOrg, stack: string, before: StackSnapshot, after: StackSnapshot, head: RegistrySide, baseRef: string): string {
  const now = head.orgs.find((candidate) => slugKey(candidate.entry.org_slug) === slugKey(org.entry.org_slug));
  if (!now) return `${org.file} was removed (or its org_slug changed)`;
  if (now.entry.org_slug !== org.entry.org_slug) return `org_slug changed from "${org.entry.org_slug}" to "${now.entry.org_slug}" in ${now.file}`;
  if (!now.entry.environments.includes(stack)) return `environments in ${now.file} no longer list "${stack}"`;
  const suffixBefore = before.settings?.datasetSuffix;
  const suffixAfter = after.settings?.datasetSuffix;
  if (suffixBefore !== suffixAfter) return `datasetSuffix of stack ${stack} changed from "${suffixBefore}" at ${baseRef} to "${suffixAfter}" in ${after.file}`;
  return `no longer declared`;
}

/** The head stack of the same environment that now declares a dataset, if any: a move, not a removal. */
function movedTo(datasetId: string, before: StackSnapshot, head: RegistrySide): StackSnapshot | undefined {
  if (!before.settings) return undefined;
  const environment = stackEnvironment(before.stack, before.settings);
  return head.stacks.find(
    (candidate) =>
      candidate.stack !== before.stack &&
      candidate.settings !== undefined &&
      candidate.settings !== null &&
      stackEnvironment(candidate.stack, candidate.settings) === environment &&
      orgDatasetsOf(head, candidate).has(datasetId),
  );
}

export function judgeRegistry(base: RegistrySide, head: RegistrySide, baseRef: string, moves: readonly MoveEntry[] = []): SchemaFinding[] {
  const findings: SchemaFinding[] = [];
  const headSlugs = new Set(head.orgs.map((org) => slugKey(org.entry.org_slug)));
  for (const org of base.orgs) {
    if (!headSlugs.has(slugKey(org.entry.org_slug))) {
      findings.push({ code: "SG230", subject: org.entry.org_slug, file: org.file, details: [`${org.file} declared org "${org.entry.org_slug}" at ${baseRef}`] });
    }
  }
  const headStacks = new Map(head.stacks.map((stack) => [stack.stack, stack]));
  for (const before of base.stacks) {
    const after = headStacks.get(before.stack);
    if (!after) {
      const datasets = [...orgDatasetsOf(base, before).keys()];
      findings.push({
        code: "SG232",
        subject: `stack ${before.stack}`,
        file: before.file,
        details: [`${before.file} existed at ${baseRef}`, ...(datasets.length > 0 ? [`org datasets it declared: ${datasets.join(", ")}`] : [])],
      });
      continue;
    }
    if (!before.settings || !after.settings) continue;
    if (before.settings.location.toLowerCase() !== after.settings.location.toLowerCase()) {
      findings.push({
        code: "SG233",
        subject: `stack ${before.stack}`,
        file: after.file,
        details: [`location ${before.settings.location} at ${baseRef} -> ${after.settings.location}`],
      });
    }
    const now = orgDatasetsOf(head, after);
    for (const [datasetId, org] of orgDatasetsOf(base, before)) {
      if (now.has(datasetId)) continue;
      const target = movedTo(datasetId, before, head);
      if (target) {
        const recorded = moves.some((move) => move.dataset === datasetId && move.from === before.stack && move.to === target.stack);
        if (!recorded) {
          findings.push({
            code: "SG234",
            subject: `${datasetId}: ${before.stack} -> ${target.stack}`,
            file: target.file,
            details: [`${datasetId} moves from stack ${before.stack} to ${target.stack}; no \`moves:\` entry in guard-allowlist.yaml records its state move`],
          });
        }
        continue;
      }
      findings.push({
        code: "SG231",
        subject: `${before.stack}: ${datasetId}`,
        file: org.file,
        details: [`${datasetId} was declared in stack ${before.stack} at ${baseRef}: ${cause(org, before.stack, before, after, head, baseRef)}`],
      });
    }
  }
  return findings;
}
