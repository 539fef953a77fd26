/**
 * `cloudact plan` against a bare registration of the same resources under the same mock runtime:
 * the ratio is the program's own overhead (loading, validation, model, components, inventory).
 * One benchmark per registry size; the 500-org one is left out of `--quick`.
 */
import { join } from "node:path";
import { runChild, resultNumber, type ChildRun } from "../lib/child";
import { writeRegistry } from "../lib/registry";
import { seconds, type Benchmark, type BenchContext, type Figure } from "../lib/figure";

const TARGET_RATIO = 1.25;
/** Heap limit for the children: 500 orgs need about 7 GB under the mock runtime. */
const HEAP_MB = 12_288;

const templates = new Map<string, Promise<string>>();

/** The resources one org (plus the central dataset) registers, dumped once per run for the bare child to replay. */
function template(context: BenchContext): Promise<string> {
  let file = templates.get(context.workDir);
  if (!file) {
    const path = join(context.workDir, "template.json");
    file = runChild("plan", ["--orgs", writeRegistry(1), "--dump", path]).then((capture) => {
      if (capture.exitCode !== 0) throw new Error(`template capture failed:\n${capture.stderr}`);
      return path;
    });
    templates.set(context.workDir, file);
  }
  return file;
}

const ratio = (plan: number, bare: number) => `${(plan / bare).toFixed(2)}x`;

function describe(label: string, run: ChildRun): string {
  return (
    `${label}: wall ${seconds(run.wallMs)} (in-process ${seconds(resultNumber(run, "evalMs"))}), cpu ${seconds(resultNumber(run, "cpuMs"))}, ` +
    `maxRSS ${resultNumber(run, "maxRssMb")} MB, ${resultNumber(run, "registrations")} registrations, ` +
    `${resultNumber(run, "debuggablePromises")} SDK output promises`
  );
}

/** The run with the median wall time: single runs on a shared 2-core machine vary by +-15%. */
function median(runs: readonly ChildRun[]): ChildRun {
  const sorted = [...runs].sort((a, b) => a.wallMs - b.wallMs);
  const middle = sorted[Math.floor(sorted.length / 2)];
  if (!middle) throw new Error("no runs");
  return middle;
}

async function measure(context: BenchContext, orgs: number, repeats: number): Promise<Figure[]> {
  const bareTemplate = await template(context);
  const dir = writeRegistry(orgs);
  const profile = (name: string) => (context.profileDir ? { cpuProfDir: join(context.profileDir, `${name}-${orgs}`) } : {});
  const plans: ChildRun[] = [];
  const bares: ChildRun[] = [];
  // Interleaved, so that a noisy minute on the machine hits both sides alike.
  for (let round = 1; round <= repeats; round += 1) {
    context.log(`plan: ${orgs} orgs (${round}/${repeats})`);
    plans.push(await runChild("plan", ["--orgs", dir, "--view-mode", "logical"], { heapMb: HEAP_MB, ...profile("plan") }));
    context.log(`bare: ${orgs} orgs (${round}/${repeats})`);
    bares.push(await runChild("bare", ["--template", bareTemplate, "--orgs", String(orgs)], { heapMb: HEAP_MB, ...profile("bare") }));
  }
  const plan = median(plans);
  const bare = median(bares);
  const resources = resultNumber(plan, "customResources");
  if (resources !== resultNumber(bare, "customResources")) throw new Error(`plan registered ${resources} resources, bare ${resultNumber(bare, "customResources")}`);
  const [planCpu, bareCpu] = [resultNumber(plan, "cpuMs"), resultNumber(bare, "cpuMs")];
  const [planRss, bareRss] = [resultNumber(plan, "maxRssMb"), resultNumber(bare, "maxRssMb")];
  return [
    {
      name: `plan ${orgs} orgs (${resources} resources): time`,
      value: `${seconds(plan.wallMs)} vs bare ${seconds(bare.wallMs)} = ${ratio(plan.wallMs, bare.wallMs)} (cpu ${ratio(planCpu, bareCpu)})`,
      target: `<= ${TARGET_RATIO}x`,
      pass: plan.wallMs / bare.wallMs <= TARGET_RATIO,
      detail: `median of ${repeats} interleaved runs each\n      ${describe("plan", plan)}\n      ${describe("bare", bare)}`,
    },
    {
      name: `plan ${orgs} orgs: peak memory (maxRSS)`,
      value: `${planRss} MB vs bare ${bareRss} MB = ${ratio(planRss, bareRss)}`,
      target: `<= ${TARGET_RATIO}x`,
      pass: planRss / bareRss <= TARGET_RATIO,
    },
  ];
}

function planBenchmark(orgs: number, repeats: number, full = false): Benchmark {
  return { id: "plan", full, run: (context) => measure(context, orgs, repeats) };
}

/** The 500-org pair takes about 4 minutes, so it runs once. */
export const planBenchmarks: readonly Benchmark[] = [planBenchmark(10, 3), planBenchmark(100, 3), planBenchmark(500, 1, true)];
