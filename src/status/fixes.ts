/** The command that fixes each status, in the operators' words. Never a drop, never a force flag. */
import type { Model } from "../model/types";
import type { OrgEntry } from "../registry/org-entry";
import type { DatasetDiff, Fix } from "./report";
import { hasMismatch, hasMissing } from "./report";

const MIGRATION_NOTE =
  "Type mismatches cannot be fixed by this program (a type change would replace the table): they need a manual " +
  "migration (add a new column or table, backfill, switch readers), never a drop.";

export function up(stack: string): string {
  return `pulumi up --stack ${stack}`;
}

export function refresh(stack: string): string {
  return `pulumi refresh --stack ${stack}`;
}

/** OUT_OF_SYNC: missing tables and columns are added by `pulumi up`; mismatches need a person. */
export function outOfSyncFix(stack: string, diff: DatasetDiff): Fix {
  const notes: string[] = [];
  const commands: string[] = [];
  if (hasMissing(diff)) {
    commands.push(up(stack));
    notes.push(
      "`pulumi up` adds the missing tables, views and columns (add-only). If `pulumi preview` shows no change for them, " +
        `they were removed outside Pulumi: run \`${refresh(stack)}\` first, then \`${up(stack)}\`.`,
    );
  }
  if (hasMismatch(diff)) notes.push(MIGRATION_NOTE);
  return { commands, note: notes.join(" ") };
}

/** The stack that declares the central dataset: this one, or a shard stack's bootstrapStack. */
export function centralStack(model: Model): string {
  return model.declaresBootstrap ? model.stack : (model.settings.bootstrapStack ?? model.stack);
}

export function notBootstrappedFix(stack: string): Fix {
  return {
    commands: [up(stack)],
    note:
      "Creates the central dataset `organizations` and its tables. If this stack had been deployed before and the dataset " +
      `was deleted outside Pulumi, run \`${refresh(stack)}\` first so that Pulumi forgets it, then \`${up(stack)}\`.`,
  };
}

export function profileOnlyFix(stack: string, dataset: string, tables: number, views: number): Fix {
  return {
    commands: [refresh(stack), up(stack)],
    note:
      `The org has a profile row but its dataset ${dataset} is gone. \`pulumi refresh\` drops the deleted dataset from ` +
      `the stack's state; \`pulumi up\` then recreates it with all ${tables} tables and ${views} views, because the ` +
      "program still declares them. Rows are not restored: to keep them, undelete the dataset within BigQuery's " +
      "time-travel window (UNDROP SCHEMA) before running these.",
  };
}

export function notOnboardedFix(stack: string, dataset: string): Fix {
  return {
    commands: [up(stack)],
    note: `The org is in this stack's registry but has neither its dataset ${dataset} nor a profile row: it has not been applied yet.`,
  };
}

/** Why a registered org is not in this stack (environment, shard or role), and what to do. */
export function notInStackFix(model: Model, entry: OrgEntry, file: string): Fix {
  const { stack, environment, settings } = model;
  if (!entry.environments.includes(environment)) {
    return {
      commands: [up(stack)],
      note: `The org is registered but not onboarded in environment ${environment}: add "${environment}" to \`environments\` in ${file} (pull request), then run the command.`,
    };
  }
  if (settings.role === "bootstrap") {
    return { commands: [], note: `Stack ${stack} holds only the central dataset; run \`cloudact status\` on the stack that holds the org's shard (${entry.shard ?? "none set"}).` };
  }
  if (entry.shard === undefined) {
    return { commands: [up(stack)], note: `Stack ${stack} holds shard ${settings.shard ?? "?"} of ${environment}; ${file} names no shard: add \`shard: ${settings.shard ?? "N"}\` (pull request), then run the command.` };
  }
  return { commands: [], note: `The org is in shard ${entry.shard}; stack ${stack} holds shard ${settings.shard ?? "?"}: run \`cloudact status\` on the stack of shard ${entry.shard}.` };
}

export function notFoundFix(stack: string, slug: string, hasProfile: boolean): Fix {
  return {
    commands: [`npx cloudact onboard ${slug} --company ... --email ... --plan ...`],
    note:
      (hasProfile ? "A profile row exists but the registry has no orgs/" + slug + ".yaml. " : "No such org in the registry. ") +
      `Onboarding writes orgs/${slug}.yaml; merge it with "${stack}" in \`environments\`, and the deploy runs \`${up(stack)}\`.`,
  };
}
