/**
 * Runs `work` over the items with at most `size` of them in flight, and returns the results in the
 * items' order. A pool rather than fixed batches: one slow item holds up only its own worker.
 */
export async function mapPool<T, R>(items: readonly T[], size: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(size, 1), items.length) }, worker));
  return results;
}
