import type { LngLat, RegionLevel } from "@gridrisk/shared";
import type { RegionDoc } from "../models/region";
import type { BBox } from "./geometryMeasures";
import { GridLocator } from "./gridLocator";
import { fromStoredBoundary } from "./storedBoundary";

/** A region without its boundary: what lists and paths carry. */
export interface RegionSummary {
  id: string;
  code: string;
  name: string;
  nameEn?: string;
  level: RegionLevel;
  parentId: string | null;
  /** Ids from the city down to the parent. */
  ancestors: string[];
  centroid: LngLat;
  bbox?: BBox;
}

/** Where a point lies: its grid and the path from the city down to it. */
export interface Location {
  grid: RegionSummary;
  path: RegionSummary[];
}

/**
 * The whole territory in memory: every region's summary, and a spatial index over grid
 * boundaries. Immutable; a change of territory builds a new one (see territoryCache.ts).
 */
export class TerritoryRegistry {
  private readonly byId = new Map<string, RegionSummary>();
  private readonly byCode = new Map<string, RegionSummary>();
  private readonly locator: GridLocator;

  constructor(
    regions: readonly RegionDoc[],
    readonly version: number,
  ) {
    const grids = [];
    for (const doc of regions) {
      const summary: RegionSummary = {
        id: doc._id.toHexString(),
        code: doc.code,
        name: doc.name,
        ...(doc.nameEn ? { nameEn: doc.nameEn } : {}),
        level: doc.level,
        parentId: doc.parentId ? doc.parentId.toHexString() : null,
        ancestors: (doc.ancestors ?? []).map((id) => id.toHexString()),
        centroid: { lng: doc.centroid?.lng ?? Number.NaN, lat: doc.centroid?.lat ?? Number.NaN },
        ...(doc.bbox?.minLng !== undefined ? { bbox: doc.bbox as BBox } : {}),
      };
      this.byId.set(summary.id, summary);
      this.byCode.set(summary.code, summary);
      if (doc.level === "grid" && doc.boundary) {
        grids.push({ id: summary.id, code: summary.code, geometry: fromStoredBoundary(doc.boundary) });
      }
    }
    this.locator = new GridLocator(grids);
    this.deriveMissingCentroids();
  }

  /** A region stored without a boundary gets the mean centroid of its children, deepest first. */
  private deriveMissingCentroids(): void {
    const byDepth = [...this.byId.values()].sort((a, b) => b.ancestors.length - a.ancestors.length);
    const sums = new Map<string, { lng: number; lat: number; count: number }>();
    for (const region of byDepth) {
      const sum = sums.get(region.id);
      if (Number.isNaN(region.centroid.lng)) {
        region.centroid = sum?.count
          ? { lng: Math.round((sum.lng / sum.count) * 1e6) / 1e6, lat: Math.round((sum.lat / sum.count) * 1e6) / 1e6 }
          : { lng: 0, lat: 0 };
      }
      if (!region.parentId) continue;
      const parentSum = sums.get(region.parentId) ?? { lng: 0, lat: 0, count: 0 };
      parentSum.lng += region.centroid.lng;
      parentSum.lat += region.centroid.lat;
      parentSum.count += 1;
      sums.set(region.parentId, parentSum);
    }
  }

  /** Number of regions. */
  get size(): number {
    return this.byId.size;
  }

  get(id: string): RegionSummary | undefined {
    return this.byId.get(id);
  }

  getByCode(code: string): RegionSummary | undefined {
    return this.byCode.get(code);
  }

  /** All regions, in no particular order. */
  all(): IterableIterator<RegionSummary> {
    return this.byId.values();
  }

  /** The region and its ancestors, city first. */
  pathOf(id: string): RegionSummary[] {
    const region = this.byId.get(id);
    if (!region) return [];
    return [...region.ancestors.map((ancestor) => this.byId.get(ancestor)), region].filter(
      (item): item is RegionSummary => item !== undefined,
    );
  }

  /** The grid containing the point and its path, or undefined when no grid contains it. */
  locate(lng: number, lat: number): Location | undefined {
    const hit = this.locator.locate(lng, lat);
    const grid = hit && this.byId.get(hit.id);
    return grid ? { grid, path: this.pathOf(grid.id) } : undefined;
  }

  /** The grid nearest to a point outside every grid, for manual assignment. */
  nearestGrid(lng: number, lat: number): Location | undefined {
    const [hit] = this.locator.nearest(lng, lat, 1);
    const grid = hit && this.byId.get(hit.id);
    return grid ? { grid, path: this.pathOf(grid.id) } : undefined;
  }
}
