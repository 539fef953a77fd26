/**
 * `guard-allowlist.yaml`: the reviewed exceptions to the plan guard.
 *
 *   allow:
 *     - urn: "<exact URN>"
 *       reason: "<why this replacement is acceptable>"
 *
 * An entry can only ever permit a destructive op on a view or materialized view (derived data);
 * the plan guard refuses entries that name anything else.
 */
import yaml from "js-yaml";
import { z } from "zod";
import { InputError, formatProblem } from "../diagnostics/problem";

export interface AllowlistEntry {
  readonly urn: string;
  readonly reason: string;
  /** 1-based line of the entry in its file, for messages. */
  readonly line: number;
}

/** A reviewed move of an org dataset between two stacks of one environment (a shard split). */
export interface MoveEntry {
  readonly dataset: string;
  readonly from: string;
  readonly to: string;
  readonly reason: string;
}

export interface Allowlist {
  /** Where the entries came from, for messages. */
  readonly source: string;
  readonly entries: readonly AllowlistEntry[];
  /** Moves whose `pulumi state move` was done; only the schema guard reads them. */
  readonly moves: readonly MoveEntry[];
}

export const EMPTY_ALLOWLIST: Allowlist = { source: "(no allowlist)", entries: [], moves: [] };

const entrySchema = z.strictObject({
  urn: z.string().trim().startsWith("urn:pulumi:", 'must be a full Pulumi URN ("urn:pulumi:...")'),
  reason: z.string({ error: "is required: say why this replacement is acceptable" }).trim().min(1, "must not be empty"),
});

const moveSchema = z.strictObject({
  dataset: z.string().min(1),
  from: z.string().min(1),
  to: z.string().min(1),
  reason: z.string({ error: "is required: say which state move was done" }).trim().min(1, "must not be empty"),
});

const fileSchema = z
  .strictObject({ allow: z.array(z.unknown()).nullish(), moves: z.array(z.unknown()).nullish() })
  .nullish();

/** Finds the line of each entry by its URN, scanning forward so that a repeated URN gets its own line. */
function lineFinder(text: string): (needle: string | undefined) => number {
  let cursor = 0;
  return (needle) => {
    const at = needle ? text.indexOf(needle, cursor) : -1;
    if (at < 0) return 1;
    cursor = at + 1;
    return text.slice(0, at).split("\n").length;
  };
}

/** Parses the allowlist text; any mistake is an InputError (exit 2) naming file, line and field. */
export function parseAllowlist(text: string, source: string): Allowlist {
  let raw: unknown;
  try {
    raw = yaml.load(text, { filename: source });
  } catch (error) {
    const reason = error instanceof yaml.YAMLException ? error.reason : String(error);
    const line = error instanceof yaml.YAMLException ? error.mark.line + 1 : 1;
    throw new InputError(formatProblem({ file: source, line, field: "(file)", message: `not YAML: ${reason}` }));
  }
  const file = fileSchema.safeParse(raw);
  if (!file.success) {
    throw new InputError(
      formatProblem({ file: source, line: 1, field: "(file)", message: 'expected a mapping with "allow" (a list of {urn, reason}) and optionally "moves" (a list of {dataset, from, to, reason})' }),
    );
  }
  const problems: string[] = [];
  const entries: AllowlistEntry[] = [];
  const seen = new Set<string>();
  const lineOf = lineFinder(text);
  (file.data?.allow ?? []).forEach((item, index) => {
    const urnHint = typeof item === "object" && item !== null && "urn" in item ? String(item.urn) : undefined;
    const line = lineOf(urnHint);
    const entry = entrySchema.safeParse(item);
    if (!entry.success) {
      for (const issue of entry.error.issues) {
        const field = ["allow", index, ...issue.path].map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`)).join("").slice(1);
        problems.push(formatProblem({ file: source, line, field, message: issue.message }));
      }
      return;
    }
    if (seen.has(entry.data.urn)) {
      problems.push(formatProblem({ file: source, line, field: `allow[${index}].urn`, message: "listed twice" }));
      return;
    }
    seen.add(entry.data.urn);
    entries.push({ ...entry.data, line });
  });
  const moves: MoveEntry[] = [];
  (file.data?.moves ?? []).forEach((item, index) => {
    const move = moveSchema.safeParse(item);
    if (move.success) {
      moves.push(move.data);
      return;
    }
    for (const issue of move.error.issues) {
      const field = ["moves", index, ...issue.path].map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`)).join("").slice(1);
      problems.push(formatProblem({ file: source, line: 1, field, message: issue.message }));
    }
  });
  if (problems.length > 0) throw new InputError(problems.join("\n"));
  return { source, entries, moves };
}
