import { CONFIG_KEYS, type SettingIssue, type StackSettings } from "../config/settings";

/**
 * Settings a stack must name before it deploys: without them a dataset would get BigQuery's
 * default access (its creator and the project's owners, writers and readers).
 */
export function missingAccessSettings(settings: Pick<StackSettings, "deployer" | "apiServiceAccount">): SettingIssue[] {
  const issues: SettingIssue[] = [];
  if (!settings.deployer) issues.push({ key: CONFIG_KEYS.deployer, message: "is required: the principal that owns every dataset (OWNER), e.g. serviceAccount:deployer@PROJECT.iam.gserviceaccount.com" });
  if (!settings.apiServiceAccount) issues.push({ key: CONFIG_KEYS.apiServiceAccount, message: "is required: CloudAct's API service account (WRITER on the central and org datasets)" });
  return issues;
}
