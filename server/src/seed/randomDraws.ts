import type { SeededRandom } from "../territory/demoCity/seededRandom";

// Draws the demo seeds need beyond randomBetween and randomItem, on the same reproducible source.

/** An integer in [min, max], both included. */
export function randomInt(random: SeededRandom, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** True with the given probability. */
export function randomChance(random: SeededRandom, probability: number): boolean {
  return random() < probability;
}

/** A key of `weights`, drawn in proportion to its weight. */
export function randomWeighted<K extends string>(random: SeededRandom, weights: Readonly<Record<K, number>>): K {
  const entries = (Object.entries(weights) as [K, number][]).filter(([, weight]) => weight > 0);
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let remaining = random() * total;
  for (const [key, weight] of entries) {
    remaining -= weight;
    if (remaining < 0) return key;
  }
  const last = entries.at(-1);
  if (!last) throw new RangeError("randomWeighted needs a positive weight");
  return last[0];
}

/** A standard normal number (Box-Muller). */
export function randomNormal(random: SeededRandom): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** `length` characters drawn from `alphabet`. */
export function randomCharacters(random: SeededRandom, alphabet: string, length: number): string {
  let text = "";
  for (let i = 0; i < length; i++) text += alphabet.charAt(Math.floor(random() * alphabet.length));
  return text;
}
