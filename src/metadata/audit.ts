import type { Statement } from "./client";
import type { TableRef } from "./identifiers";
import { mergeStatement } from "./merge";

export const ACTOR_ID = "cloudact-pulumi";

/** One event in `org_audit_logs`, written by the program itself. */
export interface AuditEvent {
  readonly auditId: string;
  readonly orgSlug: string;
  readonly action: string;
  readonly resourceType: string;
  readonly resourceId: string;
  readonly before: Readonly<Record<string, unknown>> | null;
  readonly after: Readonly<Record<string, unknown>>;
  readonly details: Readonly<Record<string, unknown>>;
}

/** Inserts the event once: a retried statement with the same audit_id adds nothing. */
export function auditStatement(target: TableRef, event: AuditEvent): Statement {
  return mergeStatement({
    target,
    match: ["audit_id"],
    values: {
      audit_id: { value: event.auditId, type: "STRING" },
      org_slug: { value: event.orgSlug, type: "STRING" },
      actor_type: { value: "system", type: "STRING" },
      actor_id: { value: ACTOR_ID, type: "STRING" },
      action: { value: event.action, type: "STRING" },
      resource_type: { value: event.resourceType, type: "STRING" },
      resource_id: { value: event.resourceId, type: "STRING" },
      details: { value: JSON.stringify(event.details), type: "JSON" },
      before_state: { value: event.before === null ? null : JSON.stringify(event.before), type: "JSON" },
      after_state: { value: JSON.stringify(event.after), type: "JSON" },
      status: { value: "success", type: "STRING" },
    },
    stamp: { insert: ["created_at"] },
    whenMatched: "ignore",
    paramPrefix: "audit_",
  });
}
