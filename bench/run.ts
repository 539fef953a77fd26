/**
 * `npm run bench [-- --quick] [-- --only plan,shard,guard,status,validate] [-- --profile DIR]`: prints figures with their
 * targets (PASS/MISS). A measurement, not a test: it never fails the build. Each figure runs in its
 * own child process; each benchmark is one function (bench/figures/*).
 */
import { cpus, totalmem, tmpdir } from "node:os";
import { mkdtempSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { formatFigure, type Benchmark, type Figure } from "./lib/figure";
import { planBenchmarks } from "./figures/plan";
import { guardBenchmark } from "./figures/guard";
import { statusBenchmark } from "./figures/status";
import { validateBenchmark } from "./figures/validate";
import { shardBenchmark } from "./figures/shard";

const BENCHMARKS: readonly Benchmark[] = [...planBenchmarks, shardBenchmark, guardBenchmark, statusBenchmark, validateBenchmark];

export function machine(): string {
  const cpu = cpus();
  return `${cpu[0]?.model ?? "unknown CPU"}, ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GB RAM, node ${process.version}, ${process.platform}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: "boolean" }, only: { type: "string" }, profile: { type: "string" } } });
  const only = values.only?.split(",");
  const workDir = mkdtempSync(join(tmpdir(), "cloudact-bench-"));
  const context = {
    quick: values.quick ?? false,
    profileDir: values.profile ? resolve(values.profile) : undefined,
    workDir,
    log: (message: string) => process.stderr.write(`  .. ${message}\n`),
  };
  console.log(`cloudact bench${context.quick ? " --quick" : ""} — ${new Date().toISOString()}\nmachine: ${machine()}\n`);
  const started = performance.now();
  const figures: Figure[] = [];
  try {
    for (const benchmark of BENCHMARKS) {
      if ((only && !only.includes(benchmark.id)) || (benchmark.full && context.quick)) continue;
      for (const figure of await benchmark.run(context)) {
        figures.push(figure);
        console.log(formatFigure(figure));
      }
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  const missed = figures.filter((figure) => !figure.pass).length;
  console.log(`\n${figures.length} figures, ${missed} missed; bench took ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
