/**
 * The rules for one preview step. Pure: a step in, the rules it breaks out. Every step is judged by
 * its op; only BigQuery datasets and tables are judged by their properties, and a table's schema
 * JSON is parsed only when it differs from the deployed one.
 */
import type { Finding } from "./finding";
import { type PreviewStep, type ResourceState, UNKNOWN_VALUE } from "./preview";
import { changesExistingResource, destructiveRule, keepsManagedResource } from "./rules";
import { judgeSchemaChange } from "./table-schema";
import { DATASET_TYPE, TABLE_TYPE } from "../../model/resource-types";

type Properties = Readonly<Record<string, unknown>>;
const NONE: Properties = {};

/** What the program declares; falls back to what the provider recorded. */
function declared(state: ResourceState | null | undefined): Properties {
  return state?.inputs ?? state?.outputs ?? NONE;
}

/** A deployed property: the recorded input when there is one, else the provider's output. */
function deployed(state: ResourceState | null | undefined, key: string): unknown {
  return state?.inputs?.[key] ?? state?.outputs?.[key];
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function stateIsView(state: ResourceState | null | undefined): boolean {
  const properties = declared(state);
  return isSet(properties.view) || isSet(properties.materializedView);
}

/**
 * A table step is a view (logical or materialized) when every state it has declares a query: a base
 * table that would become a view is still a base table losing its data.
 */
export function isViewStep(step: PreviewStep, type: string): boolean {
  if (type !== TABLE_TYPE) return false;
  const states = [step.oldState, step.newState].filter(isSet);
  return states.length > 0 && states.every(stateIsView);
}

function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN_VALUE) return true;
  if (typeof value !== "object" || value === null) return false;
  return Object.values(value).some(containsUnknown);
}

function record(value: unknown): Properties {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Properties) : NONE;
}

/** The partitioning properties the provider cannot change in place, as one comparable string. */
function partitioningKey(value: { time: unknown; range: unknown }): string {
  const time = record(value.time);
  const range = record(value.range);
  const bounds = record(range.range);
  const parts = [time.type, time.field, range.field, bounds.start, bounds.end, bounds.interval];
  return parts.map((part) => (part === undefined || part === null || part === "" ? "" : String(part))).join("|");
}

function describePartitioning(value: { time: unknown; range: unknown }): string {
  const time = record(value.time);
  const range = record(value.range);
  if (isSet(value.time)) return `time ${String(time.type ?? "DAY")} on ${String(time.field || "_PARTITIONTIME")}`;
  if (isSet(value.range)) return `range on ${String(range.field ?? "?")}`;
  return "none";
}

function judgePartitioning(step: PreviewStep): Finding[] {
  const before = { time: deployed(step.oldState, "timePartitioning"), range: deployed(step.oldState, "rangePartitioning") };
  const after = { time: step.newState?.inputs?.timePartitioning, range: step.newState?.inputs?.rangePartitioning };
  if (containsUnknown(after) || containsUnknown(before)) {
    return [{ code: "PG150", details: ["timePartitioning / rangePartitioning is unknown until the update runs"] }];
  }
  if (partitioningKey(before) === partitioningKey(after)) return [];
  return [{ code: "PG114", details: [`partitioning: ${describePartitioning(before)} -> ${describePartitioning(after)}`] }];
}

/** BigQuery's default location, which the provider applies when none is given. */
const DEFAULT_LOCATION = "US";

function judgeLocation(step: PreviewStep): Finding[] {
  const before = deployed(step.oldState, "location") ?? DEFAULT_LOCATION;
  const after = step.newState?.inputs?.location ?? DEFAULT_LOCATION;
  if (before === UNKNOWN_VALUE || after === UNKNOWN_VALUE) {
    return [{ code: "PG150", details: ["location is unknown until the update runs"] }];
  }
  // Locations compare case-insensitively, as the provider does.
  if (String(before).toUpperCase() === String(after).toUpperCase()) return [];
  return [{ code: "PG120", details: [`location: ${String(before)} -> ${String(after)}`] }];
}

/** A flag that must never take `forbidden`; an unknown value cannot be proved safe either. */
function judgeFlag(inputs: Properties, key: string, forbidden: boolean, code: "PG131" | "PG132"): Finding[] {
  const value = inputs[key];
  if (value === UNKNOWN_VALUE) return [{ code: "PG150", details: [`${key} is unknown until the update runs`] }];
  return value === forbidden ? [{ code, details: [`${key}: ${String(value)}`] }] : [];
}

function judgeProtection(type: string, state: ResourceState): Finding[] {
  const findings: Finding[] = [];
  // `pulumi preview --json` omits `protect` when it is false.
  if (state.protect !== true) findings.push({ code: "PG130", details: [`protect: ${String(state.protect ?? false)}`] });
  const inputs = state.inputs ?? NONE;
  if (type === TABLE_TYPE) findings.push(...judgeFlag(inputs, "deletionProtection", false, "PG131"));
  else findings.push(...judgeFlag(inputs, "deleteContentsOnDestroy", true, "PG132"));
  return findings;
}

/** Every rule the step breaks, allowlist not considered. */
export function judgeStep(step: PreviewStep, type: string): Finding[] {
  const findings: Finding[] = [];
  const destructive = destructiveRule(step.op);
  if (destructive) findings.push({ code: destructive, details: [] });
  if (type !== DATASET_TYPE && type !== TABLE_TYPE) return findings;

  if (step.newState && keepsManagedResource(step.op)) findings.push(...judgeProtection(type, step.newState));
  if (!changesExistingResource(step.op) || !step.oldState || !step.newState) return findings;
  if (type === DATASET_TYPE) {
    findings.push(...judgeLocation(step));
  } else if (!isViewStep(step, type)) {
    findings.push(...judgeSchemaChange(deployed(step.oldState, "schema"), step.newState.inputs?.schema));
    findings.push(...judgePartitioning(step));
  }
  return findings;
}
