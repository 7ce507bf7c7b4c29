import { type BoundaryGeometry, polygonsOf, type Ring } from "@gridrisk/shared";
import Flatbush from "flatbush";
import pointInPolygon from "point-in-polygon-hao";

/** A grid as the locator needs it. */
export interface LocatableGrid {
  id: string;
  code: string;
  geometry: BoundaryGeometry;
}

/**
 * Finds the grid containing a point: a static R-tree (flatbush) over the bounding box of every
 * polygon part, then an exact point-in-polygon test (point-in-polygon-hao, robust on edges and
 * respecting holes) on the few candidates.
 */
export class GridLocator {
  private readonly index: Flatbush | undefined;
  private readonly parts: { grid: LocatableGrid; rings: Ring[] }[] = [];

  constructor(grids: readonly LocatableGrid[]) {
    for (const grid of grids) {
      for (const rings of polygonsOf(grid.geometry)) this.parts.push({ grid, rings });
    }
    if (this.parts.length === 0) return;
    this.index = new Flatbush(this.parts.length);
    for (const { rings } of this.parts) {
      let minX = Infinity;
      let minY = Infinity;
      let maxX = -Infinity;
      let maxY = -Infinity;
      for (const [x, y] of rings[0] ?? []) {
        if (x < minX) minX = x;
        if (y < minY) minY = y;
        if (x > maxX) maxX = x;
        if (y > maxY) maxY = y;
      }
      this.index.add(minX, minY, maxX, maxY);
    }
    this.index.finish();
  }

  /**
   * The grid containing (lng, lat), or undefined. A point strictly inside one grid gets it; a
   * point on a border shared by several gets the one with the smallest code, so that the answer
   * never depends on load order.
   */
  locate(lng: number, lat: number): LocatableGrid | undefined {
    if (!this.index) return undefined;
    let inside: LocatableGrid | undefined;
    let onBorder: LocatableGrid | undefined;
    for (const candidate of this.index.search(lng, lat, lng, lat)) {
      const part = this.parts[candidate];
      if (!part) continue;
      const result = pointInPolygon([lng, lat], part.rings);
      if (result === true) {
        if (!inside || part.grid.code < inside.code) inside = part.grid;
      } else if (result === 0) {
        if (!onBorder || part.grid.code < onBorder.code) onBorder = part.grid;
      }
    }
    if (inside && onBorder) return onBorder.code < inside.code ? onBorder : inside;
    return inside ?? onBorder;
  }

  /** Ids of the grids whose bounding boxes are nearest to the point (for manual assignment). */
  nearest(lng: number, lat: number, count = 1): LocatableGrid[] {
    if (!this.index) return [];
    const seen = new Set<string>();
    const result: LocatableGrid[] = [];
    for (const candidate of this.index.neighbors(lng, lat, count * 4)) {
      const grid = this.parts[candidate]?.grid;
      if (grid && !seen.has(grid.id)) {
        seen.add(grid.id);
        result.push(grid);
      }
      if (result.length === count) break;
    }
    return result;
  }
}
