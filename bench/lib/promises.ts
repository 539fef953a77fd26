/**
 * Counts the SDK's debuggablePromise calls: one per output promise, each capturing a stack trace,
 * which is where most of a registration's time goes. A deterministic measure of the SDK work a
 * program causes, unlike wall time on a shared machine. Internal API: bench only.
 */
import { createRequire } from "node:module";

interface DebuggableModule {
  debuggablePromise: (...args: unknown[]) => unknown;
}

export function countDebuggablePromises(): () => number {
  const debuggable = createRequire(__filename)("@pulumi/pulumi/runtime/debuggable") as DebuggableModule;
  const original = debuggable.debuggablePromise;
  let count = 0;
  debuggable.debuggablePromise = (...args: unknown[]) => {
    count += 1;
    return original(...args);
  };
  return () => count;
}
