/** `cloudact status --snapshot` on a synthetic 1,000-org snapshot (src/status/synthetic.ts). */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { runChild, resultNumber } from "../lib/child";
import { seconds, type Benchmark } from "../lib/figure";

const ORGS = 1_000;
const TARGET_MS = 5_000;

export const statusBenchmark: Benchmark = {
  id: "status",
  async run(context) {
    context.log(`status: ${ORGS} orgs`);
    const dir = join(context.workDir, "status");
    mkdirSync(dir, { recursive: true });
    const run = await runChild("status", ["--orgs", String(ORGS), "--dir", dir], { heapMb: 8_192 });
    const ms = resultNumber(run, "statusMs");
    const exitCode = resultNumber(run, "exitCode");
    const complaint = exitCode === 0 ? "" : `; the command did not report a status: ${String(run.result?.stderr ?? "").trim()}`;
    return [
      {
        name: `status, ${ORGS.toLocaleString("en-US")}-org snapshot`,
        value: seconds(ms),
        target: `<= ${seconds(TARGET_MS)}`,
        pass: exitCode === 0 && ms <= TARGET_MS,
        detail: `${resultNumber(run, "columnRows")} column rows; load+read+compare+render in-process; exit ${exitCode}${complaint}`,
      },
    ];
  },
};
