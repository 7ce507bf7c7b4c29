import type { Position, Ring } from "@gridrisk/shared";
import { DEMO_CITY } from "./demoDistricts";
import { roundCoordinate } from "./roundedBoundary";
import { randomBetween, type SeededRandom } from "./seededRandom";

const VERTICES = 96;

/**
 * An irregular but simple outline for the city: an ellipse whose radius wobbles with a few
 * seeded waves and some noise. Every vertex lies on its own ray from the centre, in angle order,
 * so the ring can never cross itself.
 */
export function demoCityOutline(random: SeededRandom): Ring {
  const waves = [2, 3, 5, 7].map((frequency, index) => ({
    frequency,
    amplitude: 0.1 / (index + 1),
    phase: randomBetween(random, 0, 2 * Math.PI),
  }));
  const [centerLng, centerLat] = DEMO_CITY.center;
  const [radiusLng, radiusLat] = DEMO_CITY.radius;
  const ring: Ring = [];
  for (let index = 0; index < VERTICES; index++) {
    const angle = (2 * Math.PI * index) / VERTICES;
    let scale = 1 + randomBetween(random, -0.025, 0.025);
    for (const wave of waves) scale += wave.amplitude * Math.sin(wave.frequency * angle + wave.phase);
    const position: Position = [
      roundCoordinate(centerLng + radiusLng * scale * Math.cos(angle)),
      roundCoordinate(centerLat + radiusLat * scale * Math.sin(angle)),
    ];
    ring.push(position);
  }
  ring.push([...(ring[0] as Position)]);
  return ring;
}
