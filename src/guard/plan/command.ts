/**
 * `cloudact guard plan FILE|- [--allowlist FILE] [--format text|json|md]`: judges a recorded
 * `pulumi preview --json` document. Exit 0 pass, 1 rejected, 2 usage error or unreadable input.
 * The only module of the plan guard that touches files and streams.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { type CliIo, type Command, EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, UsageError } from "../../cli/io";
import { InputError } from "../../diagnostics/problem";
import type { Allowlist } from "../allowlist";
import { readAllowlistFile } from "../allowlist-file";
import { judgePlan } from "./judge";
import { parsePreview } from "./preview";
import { FORMATS, type Format, renderReport } from "./report";

export const GUARD_PLAN_USAGE = "usage: cloudact guard plan FILE|- [--allowlist FILE] [--format text|json|md]";
export const DEFAULT_ALLOWLIST = "guard-allowlist.yaml";

interface Options {
  readonly input: string;
  readonly allowlist: string | undefined;
  readonly format: Format;
}

function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

function splitArgs(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: { allowlist: { type: "string" }, format: { type: "string" } },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export function parseGuardPlanArgs(args: readonly string[]): Options {
  const { positionals, values } = splitArgs(args);
  const [input, ...extra] = positionals;
  if (input === undefined) throw new UsageError("missing the preview FILE (or - for stdin)");
  if (extra.length > 0) throw new UsageError(`expected one FILE, got ${positionals.length}: ${positionals.join(" ")}`);
  const format = values.format ?? "text";
  if (!isFormat(format)) throw new UsageError(`unknown --format "${format}": expected one of ${FORMATS.join(", ")}`);
  return { input, allowlist: values.allowlist, format };
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : code ?? String(error);
    throw new InputError(`cannot read ${what} ${path}: ${reason}`);
  }
}

function loadAllowlist(option: string | undefined, io: CliIo): Allowlist {
  return readAllowlistFile(resolve(io.cwd, option ?? DEFAULT_ALLOWLIST), option ?? DEFAULT_ALLOWLIST, option !== undefined);
}

export const guardPlanCommand: Command = async (args, io) => {
  try {
    const options = parseGuardPlanArgs(args);
    const fromStdin = options.input === "-";
    const text = fromStdin ? await io.readStdin() : await readText(resolve(io.cwd, options.input), "preview");
    const document = parsePreview(text, fromStdin ? "stdin" : options.input);
    const allowlist = loadAllowlist(options.allowlist, io);
    const judgement = judgePlan(document, allowlist);
    io.stdout(renderReport(judgement, options.format));
    return judgement.passed ? EXIT_OK : EXIT_PROBLEM;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`cloudact guard plan: ${error.message}\n${GUARD_PLAN_USAGE}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof InputError) {
      io.stderr(`cloudact guard plan: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
};
