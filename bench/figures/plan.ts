/**
 * `cloudact plan` against a bare registration of the same resources under the same mock runtime:
 * the ratio is the program's own overhead (loading, validation, model, components, inventory).
 */
import { join } from "node:path";
import { runChild, resultNumber, type ChildRun } from "../lib/child";
import { writeRegistry } from "../lib/registry";
import { seconds, type Benchmark, type BenchContext, type Figure } from "../lib/figure";

const SIZES = [10, 100, 500];
const QUICK_SIZES = [10, 100];
const TARGET_RATIO = 1.25;
/** Heap limit for the children: 500 orgs need about 6 GB under the mock runtime. */
const HEAP_MB = 12_288;

function ratioFigure(name: string, plan: number, bare: number, unit: (value: number) => string, detail: string): Figure {
  const ratio = plan / bare;
  return {
    name,
    value: `${unit(plan)} vs bare ${unit(bare)} = ${ratio.toFixed(2)}x`,
    target: `<= ${TARGET_RATIO}x`,
    pass: ratio <= TARGET_RATIO,
    detail,
  };
}

function describe(label: string, run: ChildRun): string {
  return (
    `${label}: wall ${seconds(run.wallMs)}, in-process ${seconds(resultNumber(run, "evalMs"))}, cpu ${seconds(resultNumber(run, "cpuMs"))}, ` +
    `maxRSS ${resultNumber(run, "maxRssMb")} MB, heap peak ${resultNumber(run, "heapPeakMb")} MB, ${resultNumber(run, "registrations")} registrations`
  );
}

async function measureSize(context: BenchContext, orgs: number, template: string): Promise<Figure[]> {
  const dir = writeRegistry(orgs);
  context.log(`plan: ${orgs} orgs`);
  const profile = context.profileDir ? { cpuProfDir: join(context.profileDir, `plan-${orgs}`) } : {};
  const plan = await runChild("plan", ["--orgs", dir, "--view-mode", "logical"], { heapMb: HEAP_MB, ...profile });
  context.log(`bare: ${orgs} orgs`);
  const bareProfile = context.profileDir ? { cpuProfDir: join(context.profileDir, `bare-${orgs}`) } : {};
  const bare = await runChild("bare", ["--template", template, "--orgs", String(orgs)], { heapMb: HEAP_MB, ...bareProfile });
  const resources = resultNumber(plan, "customResources");
  if (resources !== resultNumber(bare, "customResources")) throw new Error(`plan registered ${resources} resources, bare ${resultNumber(bare, "customResources")}`);
  const detail = `${describe("plan", plan)}\n      ${describe("bare", bare)}; cpu ratio ${(resultNumber(plan, "cpuMs") / resultNumber(bare, "cpuMs")).toFixed(2)}x`;
  return [
    ratioFigure(`plan ${orgs} orgs (${resources} resources): time`, plan.wallMs, bare.wallMs, seconds, detail),
    ratioFigure(`plan ${orgs} orgs: peak memory (maxRSS)`, resultNumber(plan, "maxRssMb"), resultNumber(bare, "maxRssMb"), (mb) => `${mb} MB`, ""),
  ].map((figure) => (figure.detail ? figure : { name: figure.name, value: figure.value, target: figure.target, pass: figure.pass }));
}

export const planBenchmark: Benchmark = {
  id: "plan",
  async run(context) {
    // The bare child replays the resources one org (plus the central dataset) registers.
    const template = join(context.workDir, "template.json");
    const capture = await runChild("plan", ["--orgs", writeRegistry(1), "--dump", template]);
    if (capture.exitCode !== 0) throw new Error(`template capture failed:\n${capture.stderr}`);
    const figures: Figure[] = [];
    for (const orgs of context.quick ? QUICK_SIZES : SIZES) figures.push(...(await measureSize(context, orgs, template)));
    return figures;
  },
};
