/**
 * One shard stack of a 1,000-org registry against a registry that holds only that shard's orgs:
 * the ratio is what the rest of the registry costs a shard (reading and validating every file).
 */
import { resultNumber, runChild } from "../lib/child";
import { writeRegistry } from "../lib/registry";
import { seconds, type Benchmark, type Figure } from "../lib/figure";

const TARGET_RATIO = 1.5;
const ORGS = 1_000;
const SHARDS = 20;
const SHARD = 3;
const HEAP_MB = 8_192;

async function measure(): Promise<Figure[]> {
  const full = writeRegistry(ORGS, { shards: SHARDS });
  const alone = writeRegistry(ORGS, { shards: SHARDS, onlyShard: SHARD });
  const inFull = await runChild("plan", ["--orgs", full, "--shard", String(SHARD)], { heapMb: HEAP_MB });
  const onItsOwn = await runChild("plan", ["--orgs", alone, "--shard", String(SHARD)], { heapMb: HEAP_MB });
  for (const run of [inFull, onItsOwn]) if (run.exitCode !== 0) throw new Error(`shard plan failed:\n${run.stderr}`);
  const resources = resultNumber(inFull, "customResources");
  if (resources !== resultNumber(onItsOwn, "customResources")) throw new Error("the shard registered different resources in the two registries");
  const [fullRss, aloneRss] = [resultNumber(inFull, "maxRssMb"), resultNumber(onItsOwn, "maxRssMb")];
  const timeRatio = inFull.wallMs / onItsOwn.wallMs;
  const memoryRatio = fullRss / aloneRss;
  return [
    {
      name: `shard ${SHARD} of ${SHARDS}, ${ORGS}-org registry: time`,
      value: `${seconds(inFull.wallMs)} vs shard alone ${seconds(onItsOwn.wallMs)} = ${timeRatio.toFixed(2)}x`,
      target: `<= ${TARGET_RATIO}x`,
      pass: timeRatio <= TARGET_RATIO,
      detail: `${resources} resources; validate ${seconds(resultNumber(inFull, "validateMs"))} vs ${seconds(resultNumber(onItsOwn, "validateMs"))}`,
    },
    {
      name: `shard ${SHARD} of ${SHARDS}: peak memory (maxRSS)`,
      value: `${fullRss} MB vs ${aloneRss} MB = ${memoryRatio.toFixed(2)}x`,
      target: `<= ${TARGET_RATIO}x`,
      pass: memoryRatio <= TARGET_RATIO,
    },
  ];
}

export const shardBenchmark: Benchmark = { id: "shard", run: measure };
