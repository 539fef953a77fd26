/**
 * The model status compares against. Status is read-only, so rules that only stop a deployment
 * (resource budget, materialized-view cap) come back as warnings with the model; anything that
 * makes the inputs unreadable or invalid (registry, schemas, lock, stack settings) is a problem.
 */
import { formatProblem, type Problem } from "../diagnostics/problem";
import { parseStackSettings } from "../config/settings";
import { readStackFile } from "../config/stack-files";
import { buildModel } from "../model/build";
import type { Model } from "../model/types";
import { loadInputs, loadStack, type ProjectInputs, type ProjectPaths } from "../project/load";

export type StatusModelLoad =
  | { ok: true; model: Model; inputs: ProjectInputs; warnings: readonly string[] }
  | { ok: false; problems: readonly Problem[] };

export function loadStatusModel(paths: ProjectPaths, stack: string): StatusModelLoad {
  const inputs = loadInputs(paths);
  const loaded = loadStack(paths, stack, undefined, inputs);
  if (loaded.ok) return { ok: true, model: loaded.model, inputs, warnings: [] };
  if (inputs.problems.length > 0) return { ok: false, problems: loaded.problems };
  const stackFile = readStackFile(paths.root, stack, paths.cwd);
  const settings = stackFile.ok ? parseStackSettings(stackFile.stackFile.config) : undefined;
  if (!stackFile.ok || !settings?.ok) return { ok: false, problems: loaded.problems };
  const { model, issues } = buildModel({ stack, settings: settings.settings, orgs: inputs.registry.orgs, schemas: inputs.schemas, lock: inputs.lock });
  // Only model rules failed: loadStack's problems are exactly those issues, located in the stack file.
  if (issues.length === 0 || issues.length !== loaded.problems.length) return { ok: false, problems: loaded.problems };
  return { ok: true, model, inputs, warnings: loaded.problems.map(formatProblem) };
}
