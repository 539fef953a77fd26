/** `guard plan` on a synthetic 250,000-step preview (a stack of about 10,000 orgs). */
import { join } from "node:path";
import { runChild, resultNumber } from "../lib/child";
import { seconds, type Benchmark } from "../lib/figure";

const STEPS = 250_000;
const TARGET_MS = 5_000;

export const guardBenchmark: Benchmark = {
  id: "guard",
  async run(context) {
    context.log(`guard plan: ${STEPS} steps`);
    const run = await runChild("guard", ["--steps", String(STEPS), "--file", join(context.workDir, "preview.json")], { heapMb: 8_192 });
    const ms = resultNumber(run, "guardMs");
    return [
      {
        name: `guard plan, ${STEPS.toLocaleString("en-US")}-step preview`,
        value: seconds(ms),
        target: `<= ${seconds(TARGET_MS)}`,
        pass: ms <= TARGET_MS,
        detail: `document ${resultNumber(run, "documentMb")} MB; read+parse+judge+render in-process; exit ${resultNumber(run, "exitCode")}; maxRSS ${resultNumber(run, "maxRssMb")} MB`,
      },
    ];
  },
};
