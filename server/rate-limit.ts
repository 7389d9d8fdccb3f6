/**
 * A per-client limit on writes: a sliding window of `count` requests per `windowMs`. This one is kept in memory,
 * for the embedded default's one process; with PostgreSQL, every process counts in the database
 * (server/postgres.ts), so a client's budget is the same however many processes serve it.
 */
export interface RateLimiter {
  /** Records one request; resolves to 0 when it may go ahead, else the seconds until it may. */
  take(client: string, now?: number): Promise<number>;
}

export function slidingWindowLimiter(count: number, windowMs: number): RateLimiter {
  const recent = new Map<string, number[]>();
  let lastSweep = 0;
  return {
    async take(client, now = Date.now()) {
      if (now - lastSweep > windowMs) {
        // Forget clients that have been quiet for a whole window, so the map cannot grow without bound.
        for (const [key, times] of recent) if (times[times.length - 1] <= now - windowMs) recent.delete(key);
        lastSweep = now;
      }
      const times = (recent.get(client) ?? []).filter((t) => t > now - windowMs);
      if (times.length >= count) {
        recent.set(client, times);
        return Math.max(1, Math.ceil((times[0] + windowMs - now) / 1000));
      }
      times.push(now);
      recent.set(client, times);
      return 0;
    },
  };
}
