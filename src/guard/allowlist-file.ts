import { existsSync, readFileSync, statSync } from "node:fs";
import { InputError } from "../diagnostics/problem";
import { EMPTY_ALLOWLIST, parseAllowlist, type Allowlist } from "./allowlist";

/**
 * Reads an allowlist file with the plan guard's parser. A file named explicitly must exist; the
 * default one (`required: false`) may be absent, which means no exceptions.
 */
export function readAllowlistFile(path: string, shown: string, required: boolean): Allowlist {
  if (!existsSync(path)) {
    if (!required) return EMPTY_ALLOWLIST;
    throw new InputError(`cannot read allowlist ${shown}: no such file`);
  }
  if (!statSync(path).isFile()) throw new InputError(`cannot read allowlist ${shown}: not a file`);
  return parseAllowlist(readFileSync(path, "utf8"), shown);
}
