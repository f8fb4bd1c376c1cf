import { xoroshiro128plus, type RandomGenerator } from 'pure-rand';

/**
 * A seeded random number generator. Every random choice in the simulator goes through one of
 * these, passed in by the caller, so the same seed gives the same journeys.
 */
export class Rng {
  private readonly generator: RandomGenerator;

  constructor(seed: number) {
    // Scramble the seed first: nearby seeds (slot 1, slot 2, …) must not start nearby streams.
    this.generator = xoroshiro128plus(mix32(seed | 0));
    for (let i = 0; i < 4; i++) this.generator.unsafeNext();
  }

  /** A generator for a sub-stream, so one patient's draws never depend on another's. */
  static derive(...parts: (number | string)[]): Rng {
    return new Rng(hashParts(parts));
  }

  /** A float in [0, 1). */
  next(): number {
    const hi = this.generator.unsafeNext() >>> 0;
    return hi / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick: empty list');
    return items[Math.floor(this.next() * items.length)];
  }

  /** Index drawn in proportion to the weights. */
  weighted(weights: readonly number[]): number {
    const total = weights.reduce((sum, w) => sum + w, 0);
    let target = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      target -= weights[i];
      if (target < 0) return i;
    }
    return weights.length - 1;
  }
}

/** A 32-bit avalanche (murmur3's finaliser): every input bit flips about half the output bits. */
export function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** FNV-1a over the string form of the parts: a stable 32-bit seed for a named sub-stream. */
export function hashParts(parts: readonly (number | string)[]): number {
  let hash = 0x811c9dc5;
  const text = parts.join('\u0000');
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}
