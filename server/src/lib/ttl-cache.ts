/**
 * A tiny in-process cache for reference data (units, categories, settings) read on every intake.
 * Entries live `ttlMs`; the map is bounded. Use only for data whose short staleness is harmless.
 */
export class TtlCache<V> {
  readonly #map = new Map<string, { value: V; at: number }>();
  constructor(
    private readonly ttlMs: number,
    private readonly max = 5000,
  ) {}

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.#map.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value;
    const value = await load();
    if (this.#map.size >= this.max) this.#map.clear();
    this.#map.set(key, { value, at: Date.now() });
    return value;
  }

  clear(): void {
    this.#map.clear();
  }
}
