import type { TerritoryRegistry } from "../territory/territoryRegistry";

/** What the audit log keeps of a region: its identity and place, and where its boundary sits. */
function auditedRegion(registry: TerritoryRegistry, id: string) {
  const region = registry.get(id);
  if (!region) return null;
  const parent = region.parentId ? registry.get(region.parentId) : undefined;
  return {
    code: region.code,
    name: region.name,
    nameEn: region.nameEn ?? null,
    level: region.level,
    parentCode: parent?.code ?? null,
    // The boundary itself is too large for a diff; its centre and extent show that it moved.
    centroid: [region.centroid.lng, region.centroid.lat],
    bbox: region.bbox ?? null,
  };
}

/** One region's change between two loaded territories, as the audit log takes it. */
export interface RegionChange {
  code: string;
  action: "create" | "update";
  before: ReturnType<typeof auditedRegion>;
  after: ReturnType<typeof auditedRegion>;
}

/**
 * The regions an import created or changed, by comparing the territory loaded before it with the
 * one loaded after (both in memory: no database read). Unchanged regions are left out.
 */
export function territoryChanges(before: TerritoryRegistry, after: TerritoryRegistry): RegionChange[] {
  const changes: RegionChange[] = [];
  for (const region of after.all()) {
    const previous = before.getByCode(region.code);
    const now = auditedRegion(after, region.id);
    const then = previous ? auditedRegion(before, previous.id) : null;
    if (then && JSON.stringify(then) === JSON.stringify(now)) continue;
    changes.push({ code: region.code, action: then ? "update" : "create", before: then, after: now });
  }
  return changes;
}
