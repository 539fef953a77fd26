import type { z } from "zod";
import type { Problem } from "../diagnostics/problem";
import { zodProblems } from "../diagnostics/zod-problems";
import { parseYaml } from "./load";

/** Parses YAML text and validates it with a zod schema; every problem is located in the text. */
export function parseYamlAs<T extends z.ZodType>(schema: T, text: string, file: string): { ok: true; value: z.infer<T> } | { ok: false; problems: Problem[] } {
  const parsed = parseYaml(text, file);
  if (!parsed.ok) return { ok: false, problems: [parsed.problem] };
  const result = schema.safeParse(parsed.value);
  if (!result.success) return { ok: false, problems: zodProblems(result.error, file, text) };
  return { ok: true, value: result.data };
}
