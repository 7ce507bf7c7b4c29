/** A source of uniform numbers in [0, 1), reproducible from its seed. */
export type SeededRandom = () => number;

/**
 * mulberry32: tiny, fast and well spread for demo data. Math.random cannot be seeded, and the
 * demo city must come out the same on every machine for a given seed.
 */
export function createSeededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** A number in [min, max). */
export function randomBetween(random: SeededRandom, min: number, max: number): number {
  return min + (max - min) * random();
}

/** One element of a non-empty list. */
export function randomItem<T>(random: SeededRandom, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("randomItem needs a non-empty list");
  return item;
}
