// Times the plan guard on a synthetic preview: node --import tsx scripts/bench-guard-plan.ts [STEPS] [DROP_EVERY]
import { EMPTY_ALLOWLIST } from "../src/guard/allowlist";
import { judgePlan } from "../src/guard/plan/judge";
import { parsePreview } from "../src/guard/plan/preview";
import { renderReport } from "../src/guard/plan/report";
import { syntheticPreview } from "../src/guard/plan/synthetic";

const steps = Number(process.argv[2] ?? 250_000);
const dropEvery = Number(process.argv[3] ?? 0);
const text = JSON.stringify(syntheticPreview({ steps, dropEvery }));
console.log(`document: ${steps} steps, ${(text.length / 1e6).toFixed(1)} MB`);

const times: Record<string, number> = {};
let last = performance.now();
function lap(name: string): void {
  const now = performance.now();
  times[name] = Math.round(now - last);
  last = now;
}
const document = parsePreview(text, "synthetic");
lap("parse (JSON + validation) ms");
const judgement = judgePlan(document, EMPTY_ALLOWLIST);
lap("judge ms");
const report = renderReport(judgement, "text");
lap("render text ms");
const md = renderReport(judgement, "md");
lap("render md ms");
console.log(times);
console.log(`total ${Object.values(times).reduce((a, b) => a + b, 0)} ms; ${judgement.violations.length} violations; md ${md.length} chars; text ${report.length} chars`);
