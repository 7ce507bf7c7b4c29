import { createHash } from "node:crypto";
import { levelDepth, type RegionLevel, type TerritoryFeature } from "@gridrisk/shared";
import { Types } from "mongoose";
import { bulkWriteInBatches } from "../database/bulkWriteBatches";
import { createLogger } from "../logging/logger";
import { RegionModel } from "../models/region";
import { bumpTerritoryVersion } from "../models/territoryState";
import { bboxOf, centroidOf } from "../territory/geometryMeasures";
import { toStoredBoundary } from "../territory/storedBoundary";
import { reloadTerritory } from "../territory/territoryCache";
import type { TerritoryReport } from "../territory/validation/territoryIssue";
import { validateTerritory } from "../territory/validation/validateTerritory";
import { repathRecordsUnder } from "./recordRepathing";

const log = createLogger("territory");
const BATCH = 500;

/** What an import did, or in a dry run would do. */
export interface ImportResult {
  dryRun: boolean;
  report: Omit<TerritoryReport, "valid">;
  created: number;
  updated: number;
  unchanged: number;
  /** Records (events, institutions, …) whose region path followed a region moved to another parent, by collection. */
  repathed?: Record<string, number>;
}

interface StoredRef {
  id: Types.ObjectId;
  level: RegionLevel;
  ancestors: Types.ObjectId[];
  parentId: Types.ObjectId | null;
  contentHash: string;
}

function contentHashOf(feature: TerritoryFeature): string {
  const { code, name, nameEn, level, parentCode } = feature.properties;
  return createHash("sha256")
    .update(JSON.stringify([code, name, nameEn ?? null, level, parentCode ?? null, feature.geometry]))
    .digest("base64url");
}

/**
 * Imports a territory FeatureCollection's features: validates them all first (nothing is written
 * when anything is wrong), then upserts by code, parents before children, so that importing the
 * same file twice changes nothing. Regions not in the file are left as they are.
 */
export async function importTerritory(features: unknown[], options: { dryRun: boolean }): Promise<ImportResult> {
  const stored = new Map<string, StoredRef>();
  for (const doc of await RegionModel.find(
    {},
    { code: 1, level: 1, ancestors: 1, parentId: 1, contentHash: 1 },
  ).lean()) {
    stored.set(doc.code, {
      id: doc._id,
      level: doc.level as RegionLevel,
      ancestors: doc.ancestors ?? [],
      parentId: doc.parentId ?? null,
      contentHash: doc.contentHash,
    });
  }
  const { valid, ...report } = validateTerritory(features, {
    existing: new Map([...stored].map(([code, ref]) => [code, ref.level])),
  });
  const result: ImportResult = { dryRun: options.dryRun, report, created: 0, updated: 0, unchanged: 0 };
  if (!report.ok) return result;

  const ordered = [...valid].sort(
    (a, b) =>
      levelDepth(a.properties.level) - levelDepth(b.properties.level) ||
      (a.properties.code < b.properties.code ? -1 : 1),
  );
  const refs = new Map(stored);
  const inserts: Record<string, unknown>[] = [];
  const updates: { id: Types.ObjectId; fields: Record<string, unknown> }[] = [];
  const moved: Types.ObjectId[] = [];
  for (const feature of ordered) {
    const { code, name, nameEn, level, parentCode } = feature.properties;
    const parent = parentCode ? refs.get(parentCode) : undefined;
    const ancestors = parent ? [...parent.ancestors, parent.id] : [];
    const previous = stored.get(code);
    const contentHash = contentHashOf(feature);
    const id = previous?.id ?? new Types.ObjectId();
    refs.set(code, { id, level, ancestors, parentId: parent?.id ?? null, contentHash });
    const sameAncestors = previous && previous.ancestors.map(String).join() === ancestors.map(String).join();
    if (previous && !sameAncestors) moved.push(id);
    if (previous && previous.contentHash === contentHash && sameAncestors) {
      result.unchanged += 1;
      continue;
    }
    const geometry = feature.geometry;
    const fields = {
      name,
      nameEn: nameEn ?? null,
      level,
      parentId: parent?.id ?? null,
      ancestors,
      // Without a boundary the centroid is derived from the children when loaded.
      centroid: geometry ? centroidOf(geometry) : null,
      bbox: geometry ? bboxOf(geometry) : null,
      boundary: geometry ? toStoredBoundary(geometry) : null,
      contentHash,
    };
    if (previous) {
      result.updated += 1;
      updates.push({ id, fields });
    } else {
      result.created += 1;
      inserts.push({ _id: id, code, ...fields });
    }
  }
  if (options.dryRun || inserts.length + updates.length === 0) return result;

  // New regions are inserted in batches; changed ones updated by _id, which FerretDB finds fast.
  // A unique index on code makes a concurrent import of the same region fail instead of duplicate.
  const started = Date.now();
  for (let index = 0; index < inserts.length; index += BATCH) {
    await RegionModel.insertMany(inserts.slice(index, index + BATCH), { ordered: true, lean: true });
  }
  await bulkWriteInBatches(
    RegionModel,
    updates.map(({ id, fields }) => ({ updateOne: { filter: { _id: id }, update: { $set: fields } } })),
    { ordered: true },
  );
  await reparentDescendants(stored, refs);
  // Before the version bump, so that no instance reloads the new territory over records' old paths.
  if (moved.length) result.repathed = await repathRecordsUnder(moved);
  await bumpTerritoryVersion();
  await reloadTerritory();
  log.info("territory imported", { ...result, report: undefined, durationMs: Date.now() - started });
  return result;
}

/** Regions moved under another parent take their stored descendants (not in the file) along. */
async function reparentDescendants(before: Map<string, StoredRef>, after: Map<string, StoredRef>): Promise<void> {
  for (const [code, previous] of before) {
    const now = after.get(code);
    if (!now || previous.ancestors.map(String).join() === now.ancestors.map(String).join()) continue;
    const descendants = await RegionModel.find({ ancestors: now.id }, { ancestors: 1 }).lean();
    for (const descendant of descendants) {
      const below = descendant.ancestors.slice(descendant.ancestors.findIndex((id) => id.equals(now.id)));
      await RegionModel.updateOne({ _id: descendant._id }, { $set: { ancestors: [...now.ancestors, ...below] } });
    }
  }
}
