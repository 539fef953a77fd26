import { join } from "node:path";
import type { Problem } from "../diagnostics/problem";
import { displayPath } from "../diagnostics/paths";
import { CONFIG_KEYS, parseStackSettings, type StackSettings } from "../config/settings";
import { configKeyLine, readStackFile } from "../config/stack-files";
import { countMaterializedViews, MATERIALIZED_VIEWS_PER_BASE_TABLE, stackEnvironment } from "../model/build";
import type { Model } from "../model/types";
import type { RegisteredOrg } from "../registry/load";
import { locateLine } from "../yaml/locate";
import { readFileSync } from "node:fs";

/** A stack with the settings it was configured with and the environment it serves. */
export interface StackPlacement {
  readonly stack: string;
  readonly file: string;
  readonly text: string;
  readonly settings: StackSettings;
  readonly environment: string;
}

/** Reads every stack's settings: the valid stacks, and the problems of the others. */
export function readStackSettings(root: string, stacks: readonly string[], cwd: string): { placements: StackPlacement[]; problems: Problem[] } {
  const placements: StackPlacement[] = [];
  const problems: Problem[] = [];
  for (const stack of stacks) {
    const file = readStackFile(root, stack, cwd);
    if (!file.ok) {
      problems.push(...file.problems);
      continue;
    }
    const { text } = file.stackFile;
    const settings = parseStackSettings(file.stackFile.config);
    if (!settings.ok) {
      problems.push(...settings.issues.map((issue) => ({ file: file.stackFile.file, line: configKeyLine(text, issue.key), field: issue.key, message: issue.message })));
      continue;
    }
    placements.push({ stack, file: file.stackFile.file, text, settings: settings.settings, environment: stackEnvironment(stack, settings.settings) });
  }
  return { placements, problems };
}

/** The stacks whose settings are valid (loadStack and validate report the others). */
export function readPlacements(root: string, stacks: readonly string[], cwd: string): StackPlacement[] {
  return readStackSettings(root, stacks, cwd).placements;
}

/** The environments org files may name: each stack's `environment` setting, else its name. */
export function environmentsOf(placements: readonly StackPlacement[]): string[] {
  return [...new Set(placements.map((placement) => placement.environment))].sort();
}

export function knownEnvironments(root: string, stacks: readonly string[], cwd: string): string[] {
  return environmentsOf(readPlacements(root, stacks, cwd));
}

/**
 * Rules that span stacks: each environment has exactly one stack holding the central dataset,
 * shard stacks do not overlap, and every org of an environment lands in exactly one stack.
 */
export function environmentProblems(placements: readonly StackPlacement[], orgs: readonly RegisteredOrg[], orgsDir: string, cwd: string): Problem[] {
  const problems: Problem[] = [];
  const byEnvironment = new Map<string, StackPlacement[]>();
  for (const placement of placements) byEnvironment.set(placement.environment, [...(byEnvironment.get(placement.environment) ?? []), placement]);
  for (const [environment, stacks] of byEnvironment) {
    const central = stacks.filter((placement) => placement.settings.role !== "orgs");
    const shards = stacks.filter((placement) => placement.settings.role === "orgs");
    const first = stacks[0];
    if (central.length === 0 && first) {
      problems.push({ file: first.file, line: configKeyLine(first.text, CONFIG_KEYS.role), field: CONFIG_KEYS.role, message: `environment ${environment} has no stack holding the central dataset (role all or bootstrap)` });
    }
    for (const extra of central.slice(1)) {
      problems.push({ file: extra.file, line: configKeyLine(extra.text, CONFIG_KEYS.role), field: CONFIG_KEYS.role, message: `environment ${environment} already has its central dataset in stack ${central[0]?.stack}` });
    }
    const all = central.find((placement) => placement.settings.role === "all");
    for (const shard of shards) {
      if (all) {
        problems.push({ file: shard.file, line: configKeyLine(shard.text, CONFIG_KEYS.role), field: CONFIG_KEYS.role, message: `stack ${all.stack} (role all) already holds every org of ${environment}; set it to role bootstrap before adding shard stacks` });
      }
      const twin = shards.find((other) => other !== shard && other.settings.shard === shard.settings.shard);
      if (twin && twin.stack < shard.stack) {
        problems.push({ file: shard.file, line: configKeyLine(shard.text, CONFIG_KEYS.shard), field: CONFIG_KEYS.shard, message: `shard ${shard.settings.shard} of ${environment} is already held by stack ${twin.stack}` });
      }
    }
    if (all) continue;
    const served = new Set(shards.map((placement) => placement.settings.shard));
    for (const org of orgs.filter((candidate) => candidate.entry.environments.includes(environment))) {
      if (served.has(org.entry.shard)) continue;
      const path = join(orgsDir, `${org.entry.org_slug}.yaml`);
      const text = safeRead(path);
      problems.push({
        file: org.file || displayPath(path, cwd),
        line: locateLine(text, ["shard"]),
        field: "shard",
        message: `no stack of environment ${environment} holds shard ${org.entry.shard} (shards: ${[...served].sort().join(", ") || "none"}); add a shard stack or pick a served shard`,
      });
    }
  }
  return problems;
}

/** BigQuery's cap counts materialized views per base table across every stack of a GCP project. */
export function projectViewCapProblems(models: readonly Model[], placements: readonly StackPlacement[]): Problem[] {
  const problems: Problem[] = [];
  const byProject = new Map<string, Model[]>();
  for (const model of models) byProject.set(model.settings.project, [...(byProject.get(model.settings.project) ?? []), model]);
  for (const [project, projectModels] of byProject) {
    if (projectModels.length < 2) continue;
    const counts = countMaterializedViews(projectModels.flatMap((model) => model.orgDatasets));
    for (const [baseTable, count] of counts) {
      if (count <= MATERIALIZED_VIEWS_PER_BASE_TABLE) continue;
      const placement = placements.find((candidate) => candidate.stack === projectModels[0]?.stack);
      problems.push({
        file: placement?.file ?? "Pulumi.yaml",
        line: placement ? configKeyLine(placement.text, CONFIG_KEYS.viewMode) : 1,
        field: CONFIG_KEYS.viewMode,
        message:
          `stacks ${projectModels.map((model) => model.stack).join(", ")} together declare ${count} materialized views reading ` +
          `organizations.${baseTable} in project ${project}; BigQuery allows ${MATERIALIZED_VIEWS_PER_BASE_TABLE}: set viewMode: logical on enough of them`,
      });
    }
  }
  return problems;
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}
