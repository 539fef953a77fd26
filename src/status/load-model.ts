/**
 * The model status compares against. Status is read-only, so rules that only stop a deployment
 * (resource budget, materialized-view cap) come back as warnings with the model; anything that
 * makes the inputs unreadable or invalid (registry, schemas, lock, stack settings) is a problem.
 */
import { formatProblem, type Problem } from "../diagnostics/problem";
import type { Model } from "../model/types";
import { loadStack, type ProjectInputs, type ProjectPaths } from "../project/load";

export type StatusModelLoad =
  | { ok: true; model: Model; inputs: ProjectInputs; warnings: readonly string[] }
  | { ok: false; problems: readonly Problem[] };

export function loadStatusModel(paths: ProjectPaths, stack: string): StatusModelLoad {
  const loaded = loadStack(paths, stack);
  if (loaded.ok) return { ok: true, model: loaded.model, inputs: loaded.inputs, warnings: [] };
  if (loaded.model) return { ok: true, model: loaded.model, inputs: loaded.inputs, warnings: loaded.problems.map(formatProblem) };
  return { ok: false, problems: loaded.problems };
}
