/**
 * Benchmark child: `cloudact guard plan FILE` on a synthetic preview of STEPS steps. Writing the
 * document is not timed; reading, parsing, judging and rendering the report are.
 *   node --import tsx bench/children/guard.ts --steps N --file PATH
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { guardPlanCommand } from "../../src/guard/plan/command";
import { syntheticPreview } from "../../src/guard/plan/synthetic";
import { memoryIo } from "../../src/cli/io";
import { reportResult, sampleUsage } from "../lib/usage";
import { REPO_ROOT } from "../lib/child";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { steps: { type: "string" }, file: { type: "string" } } });
  if (!values.steps || !values.file) throw new Error("--steps N and --file PATH are required");
  const text = JSON.stringify(syntheticPreview({ steps: Number(values.steps) }));
  writeFileSync(values.file, text);
  const stop = sampleUsage();
  const io = memoryIo({ cwd: REPO_ROOT });
  const started = performance.now();
  const exitCode = await guardPlanCommand([values.file], io);
  const guardMs = performance.now() - started;
  reportResult({ guardMs: Math.round(guardMs), exitCode, documentMb: Math.round(text.length / 1e5) / 10, ...stop() });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
