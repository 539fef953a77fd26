/**
 * Runs `work` over `items` with at most `limit` running at once, in order. Once `stopped()` is true,
 * no further item starts; running ones finish. Returns the results of the items that ran.
 */
export async function runBounded<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>, stopped: () => boolean): Promise<Map<T, R>> {
  const results = new Map<T, R>();
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length && !stopped()) {
      const item = items[next] as T;
      next += 1;
      results.set(item, await work(item));
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
