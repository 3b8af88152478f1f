/**
 * Seeded randomness for the data generator. Every stream is keyed by the parts that define it
 * (seed, institution, account template, day…), so any day's data can be produced on its own,
 * in any order, and always the same.
 */

const FNV_OFFSET = 0x811c9dc5;

/**
 * Feeds parts into an FNV-1a state as if joined with U+001F (without building the joined
 * string: this runs for every generated event). `continued` states get a separator first, so
 * feeding a prefix and then the rest equals feeding everything at once.
 */
export function feedHash(state: number, parts: readonly (string | number)[], continued = false): number {
  let h = state;
  for (let p = 0; p < parts.length; p++) {
    if (p > 0 || continued) {
      h ^= 0x1f;
      h = Math.imul(h, 0x01000193);
    }
    const part = parts[p]!;
    const text = typeof part === 'string' ? part : String(part);
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  }
  return h;
}

/** The final avalanche (murmur3 fmix32) of a fed state. */
export function finishHash(state: number): number {
  let h = state;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over the parts joined with U+001F, then a final avalanche. */
export function hashParts(parts: readonly (string | number)[]): number {
  return finishHash(feedHash(FNV_OFFSET, parts));
}

/** The state after `parts`, to hash many keys that share them as a prefix. */
export function hashPrefix(parts: readonly (string | number)[]): number {
  return feedHash(FNV_OFFSET, parts);
}

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Starts this generator over from another seed (saves an allocation in hot loops). */
  reseed(seed: number): this {
    this.state = seed >>> 0;
    return this;
  }

  /** mulberry32: uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Money amount in [min, max], rounded to cents. */
  amount(min: number, max: number): number {
    return roundCents(min + this.next() * (max - min));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
}

export function rngFor(...parts: (string | number)[]): Rng {
  return new Rng(hashParts(parts));
}

export function roundCents(value: number): number {
  return Math.round(value * 100) / 100;
}
