/** What a benchmark child reports about itself: peak resident memory and (sampled) peak heap. */
import { getHeapStatistics } from "node:v8";

export interface Usage {
  readonly maxRssMb: number;
  readonly heapPeakMb: number;
  readonly heapLimitMb: number;
  /** User + system CPU time of the whole process so far. */
  readonly cpuMs: number;
}

const MB = 1024 * 1024;

/** Starts sampling the heap every `intervalMs`; the returned function stops and reports. */
export function sampleUsage(intervalMs = 25): () => Usage {
  let heapPeak = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  }, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    const resources = process.resourceUsage();
    return {
      // resourceUsage(): maxRSS in kilobytes, CPU times in microseconds.
      cpuMs: Math.round((resources.userCPUTime + resources.systemCPUTime) / 1000),
      maxRssMb: Math.round(resources.maxRSS / 1024),
      heapPeakMb: Math.round(heapPeak / MB),
      heapLimitMb: Math.round(getHeapStatistics().heap_size_limit / MB),
    };
  };
}

/** Children print one JSON object as their last stdout line. */
export function reportResult(result: object): void {
  process.stdout.write(`\n${JSON.stringify(result)}\n`);
}
