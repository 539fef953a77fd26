/** Writes synthetic registries (`orgs/<slug>.yaml` files) for benchmarks, in a temp folder. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PLANS = ["starter", "professional", "scale", "enterprise"] as const;
const PLACES = [
  { currency: "USD", timezone: "America/New_York", locale: "en-US" },
  { currency: "EUR", timezone: "Europe/Berlin", locale: "de-DE" },
  { currency: "INR", timezone: "Asia/Kolkata", locale: "en-IN" },
] as const;

export function benchSlug(index: number): string {
  return `bench_org_${index.toString().padStart(6, "0")}`;
}

function orgYaml(index: number, environments: readonly string[], shard: number | undefined): string {
  const slug = benchSlug(index);
  const place = PLACES[index % PLACES.length] ?? PLACES[0];
  return [
    `org_slug: ${slug}`,
    `company_name: Bench Company ${index}`,
    `admin_email: admin@${slug.replaceAll("_", "-")}.example`,
    `subscription_plan: ${PLANS[index % PLANS.length] ?? "starter"}`,
    `default_currency: ${place.currency}`,
    `default_timezone: ${place.timezone}`,
    `fiscal_year_start_month: ${(index % 12) + 1}`,
    `locale: ${place.locale}`,
    `environments: [${environments.join(", ")}]`,
    ...(shard === undefined ? [] : [`shard: ${shard}`]),
    "",
  ].join("\n");
}

export interface RegistryOptions {
  readonly environments?: readonly string[];
  /** Spread the orgs over this many shards (org i gets shard i % shards). */
  readonly shards?: number;
  /** Write only the orgs of this shard (the same files a full registry has for it). */
  readonly onlyShard?: number;
}

/** A new temp folder holding `count` valid org files onboarded in `environments`. */
export function writeRegistry(count: number, options: RegistryOptions = {}): string {
  const { environments = ["dev"], shards, onlyShard } = options;
  const dir = mkdtempSync(join(tmpdir(), `cloudact-bench-orgs-${count}-`));
  mkdirSync(dir, { recursive: true });
  for (let index = 0; index < count; index += 1) {
    const shard = shards === undefined ? undefined : index % shards;
    if (onlyShard !== undefined && shard !== onlyShard) continue;
    writeFileSync(join(dir, `${benchSlug(index)}.yaml`), orgYaml(index, environments, shard));
  }
  return dir;
}
