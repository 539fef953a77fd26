/**
 * Reads a `pulumi preview --json` document. Anything that is not recognisably one is an
 * InputError (exit 2): a guard must never pass a document it could not read.
 */
import { z } from "zod";
import { InputError } from "../../diagnostics/problem";

/** Every step op the Pulumi engine reports. */
export const STEP_OPS = [
  "same",
  "create",
  "update",
  "delete",
  "replace",
  "create-replacement",
  "delete-replaced",
  "read",
  "read-replacement",
  "refresh",
  "discard",
  "discard-replaced",
  "remove-pending-replace",
  "import",
  "import-replacement",
] as const;
export type StepOp = (typeof STEP_OPS)[number];

/** How the engine spells a value it will only know after the update. */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * A property bag (inputs, outputs, detailed diff): checked to be an object, never copied or walked,
 * which keeps a 250,000-step preview cheap to validate. The rules read only the keys they need.
 */
const propertyMap = z.custom<Readonly<Record<string, unknown>>>(
  (value) => typeof value === "object" && value !== null && !Array.isArray(value),
  { error: "expected an object" },
);

const resourceStateSchema = z.looseObject({
  type: z.string().optional(),
  urn: z.string().optional(),
  inputs: propertyMap.nullish(),
  outputs: propertyMap.nullish(),
  protect: z.boolean().nullish(),
  retainOnDelete: z.boolean().nullish(),
});

const stepSchema = z.looseObject({
  op: z.enum(STEP_OPS),
  urn: z.string().min(1),
  provider: z.string().nullish(),
  oldState: resourceStateSchema.nullish(),
  newState: resourceStateSchema.nullish(),
  diffReasons: z.array(z.string()).nullish(),
  replaceReasons: z.array(z.string()).nullish(),
  detailedDiff: propertyMap.nullish(),
});

const diagnosticSchema = z.looseObject({
  urn: z.string().nullish(),
  message: z.string().nullish(),
  severity: z.string().nullish(),
});

const previewSchema = z.looseObject({
  config: propertyMap.nullish(),
  steps: z.array(stepSchema),
  diagnostics: z.array(diagnosticSchema).nullish(),
  duration: z.number().nullish(),
  changeSummary: z.record(z.string(), z.number()).nullish(),
});

export type ResourceState = z.infer<typeof resourceStateSchema>;
export type PreviewStep = z.infer<typeof stepSchema>;
export type PreviewDiagnostic = z.infer<typeof diagnosticSchema>;
export type PreviewDocument = z.infer<typeof previewSchema>;

/** At most this many schema problems are named in the error; the rest are counted. */
const MAX_ISSUES_SHOWN = 5;

function issuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : `${out ? "." : ""}${String(part)}`;
  return out || "(document)";
}

/** Parses the text of a preview; `source` names it in errors (a file name or `stdin`). */
export function parsePreview(text: string, source: string): PreviewDocument {
  if (text.trim() === "") throw new InputError(`${source}: empty input, expected the output of \`pulumi preview --json\``);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(`${source}: not JSON (${reason}); expected the output of \`pulumi preview --json\``);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw) || !("steps" in raw)) {
    throw new InputError(`${source}: not a Pulumi preview document: expected an object with a "steps" array`);
  }
  const result = previewSchema.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues;
    const shown = issues.slice(0, MAX_ISSUES_SHOWN).map((issue) => `  ${issuePath(issue.path)}: ${issue.message}`);
    const more = issues.length > MAX_ISSUES_SHOWN ? [`  ... and ${issues.length - MAX_ISSUES_SHOWN} more`] : [];
    throw new InputError([`${source}: not a valid Pulumi preview document:`, ...shown, ...more].join("\n"));
  }
  return result.data;
}

/** The type token of a step: from its states, or from the last part of the URN's type chain. */
export function stepType(step: PreviewStep): string {
  const fromState = step.newState?.type ?? step.oldState?.type;
  if (fromState) return fromState;
  // urn:pulumi:<stack>::<project>::<parent$...$type>::<name>
  const parts = step.urn.split("::");
  const chain = parts[2] ?? "";
  return chain.slice(chain.lastIndexOf("$") + 1);
}
