export interface GenerationCacheOptions {
  /** Answers kept, least recently used dropped first. */
  maxEntries?: number;
  /**
   * How long an answer may be served without being recomputed even when the generation did not
   * move: bounds staleness if a replica stopped between committing a change and bumping it.
   */
  maxAgeMs?: number;
}

interface Entry<T> {
  generation: string;
  at: number;
  value: Promise<T>;
}

/**
 * Answers computed from the whole catalog, kept with the catalog generation they were computed
 * at (see catalogGeneration.ts) and served while it has not moved. Concurrent requests for the
 * same missing answer share one computation; a failed computation is forgotten.
 */
export class GenerationCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;

  constructor(options: GenerationCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 500;
    this.maxAgeMs = options.maxAgeMs ?? 60_000;
  }

  get(generation: string, key: string, compute: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const found = this.entries.get(key);
    // Most recently used goes last.
    this.entries.delete(key);
    if (found && found.generation === generation && now - found.at < this.maxAgeMs) {
      this.entries.set(key, found);
      return found.value;
    }
    const entry: Entry<T> = { generation, at: now, value: compute() };
    this.entries.set(key, entry);
    entry.value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return entry.value;
  }
}
