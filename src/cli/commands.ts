import type { Command } from "./io";
import { validateCommand, VALIDATE_USAGE } from "./validate";
import { planCommand, PLAN_USAGE } from "./plan";
import { lockCommand, LOCK_USAGE } from "./lock";
import { orgSchemaCommand, SCHEMA_USAGE } from "./org-schema";

export interface CommandEntry {
  readonly words: readonly string[];
  readonly usage: string;
  readonly run: Command;
}

/** Every `cloudact` command. */
export const COMMANDS: readonly CommandEntry[] = [
  { words: ["validate"], usage: VALIDATE_USAGE, run: validateCommand },
  { words: ["plan"], usage: PLAN_USAGE, run: planCommand },
  { words: ["lock"], usage: LOCK_USAGE, run: lockCommand },
  { words: ["schema"], usage: SCHEMA_USAGE, run: orgSchemaCommand },
];
