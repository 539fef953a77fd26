import type { Command } from "./io";
import { validateCommand, VALIDATE_USAGE } from "./validate";
import { planCommand, PLAN_USAGE } from "./plan";
import { lockCommand, LOCK_USAGE } from "./lock";
import { statusCommand, STATUS_USAGE } from "./status";
import { guardPlanCommand, GUARD_PLAN_USAGE } from "../guard/plan/command";
import { guardSchemaCommand, GUARD_SCHEMA_USAGE } from "../guard/schema/command";
import { deployCommand, DEPLOY_USAGE, previewCommand, PREVIEW_USAGE } from "../deploy/command";
import { orgSchemaCommand, SCHEMA_USAGE } from "./org-schema";
import { onboardCommand, ONBOARD_USAGE } from "./onboard";
import { rolloutCommand, ROLLOUT_USAGE } from "./rollout";

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
  { words: ["status"], usage: STATUS_USAGE, run: statusCommand },
  { words: ["guard", "plan"], usage: GUARD_PLAN_USAGE.replace(/^usage: /, ""), run: guardPlanCommand },
  { words: ["guard", "schema"], usage: GUARD_SCHEMA_USAGE, run: guardSchemaCommand },
  { words: ["preview"], usage: PREVIEW_USAGE, run: previewCommand },
  { words: ["deploy"], usage: DEPLOY_USAGE, run: deployCommand },
  { words: ["schema"], usage: SCHEMA_USAGE, run: orgSchemaCommand },
  { words: ["onboard"], usage: ONBOARD_USAGE, run: onboardCommand },
  { words: ["rollout"], usage: ROLLOUT_USAGE, run: rolloutCommand },
];
