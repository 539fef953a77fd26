/**
 * Judges the per-org view SQL templates against the base. A materialized view's query cannot be
 * altered, so a changed template replaces that view in every org of every stack that materializes
 * it; that is allowed only when guard-allowlist.yaml lists each affected URN. Pure.
 */
import { PROJECT_NAME } from "../../config/settings";
import { orgDatasetId, orgsInStack } from "../../model/build";
import type { RegisteredOrg } from "../../registry/load";
import type { ViewSpec } from "../../schemas/load";
import type { Allowlist } from "../allowlist";
import type { SchemaFinding } from "./rules";
import type { StackSnapshot } from "./snapshot";
import { ORGANIZATION_COMPONENT as ORGANIZATION_TYPE, TABLE_TYPE } from "../../model/resource-types";

/** The URN of an org's view, as stacks/organization.ts registers it. */
export function viewUrn(stack: string, datasetId: string, viewId: string): string {
  return `urn:pulumi:${stack}::${PROJECT_NAME}::${ORGANIZATION_TYPE}$${TABLE_TYPE}::${datasetId}.${viewId}`;
}

export interface ViewSide {
  readonly views: readonly ViewSpec[];
  readonly orgs: readonly RegisteredOrg[];
  readonly stacks: readonly StackSnapshot[];
}

/** The URNs of the materialized views a template change replaces, in every stack of the head. */
export function affectedViewUrns(view: ViewSpec, head: ViewSide): string[] {
  if (!view.materializable) return [];
  const urns: string[] = [];
  for (const stack of head.stacks) {
    if (!stack.settings || stack.settings.viewMode !== "materialized") continue;
    for (const org of orgsInStack(head.orgs, stack.stack, stack.settings)) {
      urns.push(viewUrn(stack.stack, orgDatasetId(org.entry.org_slug, stack.settings.datasetSuffix), view.viewId));
    }
  }
  return urns;
}

export interface ViewJudgement {
  readonly findings: SchemaFinding[];
  /** Template changes whose every affected URN is allowlisted. */
  readonly allowed: { readonly view: string; readonly urns: readonly string[] }[];
}

export function judgeViews(base: ViewSide, head: ViewSide, allowlist: Allowlist, baseRef: string): ViewJudgement {
  const allowedUrns = new Set(allowlist.entries.map((entry) => entry.urn));
  const baseViews = new Map(base.views.map((view) => [view.viewId, view]));
  const findings: SchemaFinding[] = [];
  const allowed: ViewJudgement["allowed"] = [];
  for (const view of head.views) {
    const before = baseViews.get(view.viewId);
    if (!before || before.template === view.template) continue;
    const urns = affectedViewUrns(view, head);
    if (urns.length === 0) continue;
    const missing = urns.filter((urn) => !allowedUrns.has(urn));
    if (missing.length === 0) {
      allowed.push({ view: view.viewId, urns });
      continue;
    }
    findings.push({
      code: "SG240",
      subject: `view ${view.viewId}`,
      file: view.file,
      details: [
        `the SQL differs from ${baseRef}; ${missing.length} of ${urns.length} affected materialized views are not in ${allowlist.source}:`,
        ...missing,
      ],
    });
  }
  return { findings, allowed };
}
