import { CENTRAL_DATASET, CENTRAL_OUTPUTS, parseStackSettings, type StackSettings } from "../config/settings";
import { readStackFile } from "../config/stack-files";

/**
 * The outputs a shard stack's stack reference would read from its bootstrap stack, computed
 * offline from that stack's own config file (the last segment of the reference names it).
 * Empty when the stack references nothing or the bootstrap stack is not in this repository.
 */
export function offlineStackReferences(root: string, settings: StackSettings, cwd: string): Record<string, Record<string, string>> {
  if (settings.role !== "orgs" || !settings.bootstrapStack) return {};
  const stack = settings.bootstrapStack.split("/").pop() ?? settings.bootstrapStack;
  const file = readStackFile(root, stack, cwd);
  if (!file.ok) return {};
  const bootstrap = parseStackSettings(file.stackFile.config);
  if (!bootstrap.ok) return {};
  return { [settings.bootstrapStack]: { [CENTRAL_OUTPUTS.project]: bootstrap.settings.project, [CENTRAL_OUTPUTS.datasetId]: CENTRAL_DATASET } };
}
