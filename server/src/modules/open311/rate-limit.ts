/**
 * In-process token buckets: `perMinute` requests per key, refilled continuously, bursts up to the
 * same number. Each server process counts on its own, so with N processes behind a balancer a client
 * gets up to N times the rate; that is acceptable for keeping one noisy client or address from
 * flooding the intake queue, which is all this is for.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly maxKeys = 50_000,
  ) {}

  /** Takes one token for the key; false when the key has none left. */
  take(key: string, now = Date.now()): boolean {
    const b = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    b.tokens = Math.min(this.perMinute, b.tokens + ((now - b.at) / 60_000) * this.perMinute);
    b.at = now;
    const ok = b.tokens >= 1;
    if (ok) b.tokens -= 1;
    this.buckets.delete(key);
    this.buckets.set(key, b);
    // Oldest-used keys go first when the map is full (Map keeps insertion order).
    if (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    return ok;
  }
}
