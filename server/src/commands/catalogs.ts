import {
  DEFAULT_EVENT_CATEGORY_ENTRIES,
  DEFAULT_VIOLATION_CATEGORIES,
  type EventCategoryEntry,
  type ViolationCategory,
} from "@gridrisk/shared";
import type { Model } from "mongoose";
import { EventCategoryModel } from "../models/eventCategory";
import { ViolationCategoryModel } from "../models/violationCategory";

/** A list the admin maintains, shipped with defaults; entries are stored by code (`_id`). */
export interface Catalog<T extends { code: string; active: boolean }> {
  /** Stored entries, with the shipped defaults for codes never stored, by code. */
  list(): Promise<T[]>;
  /** One entry by code, or undefined. */
  find(code: string): Promise<T | undefined>;
  /** Creates or replaces an entry. */
  save(entry: T): Promise<T>;
  /** Drops what `find` remembered (tests that reset the database). */
  forget(): void;
}

/**
 * How long an entry read by `find` is reused. Every report and assessment names a category;
 * reading it from the database each time cost a round trip on the hottest path. A change saved on
 * this instance applies at once; one saved on another instance within this many milliseconds.
 */
export const CATALOG_CACHE_MS = 10_000;

function catalogOf<T extends { code: string; active: boolean }>(
  // biome-ignore lint/suspicious/noExplicitAny: each catalogue's model has its own document type; toEntry maps them
  model: Model<any>,
  defaults: readonly T[],
): Catalog<T> {
  const toEntry = (doc: Record<string, unknown>): T => {
    const { _id, createdAt: _c, updatedAt: _u, ...fields } = doc;
    return { ...fields, code: String(_id) } as T;
  };
  const cache = new Map<string, { entry: T | undefined; until: number }>();
  const load = async (code: string): Promise<T | undefined> => {
    const doc = await model.findById(code).lean<Record<string, unknown>>();
    return doc ? toEntry(doc) : defaults.find((entry) => entry.code === code);
  };
  return {
    async list() {
      const byCode = new Map<string, T>(defaults.map((entry) => [entry.code, entry]));
      for (const doc of await model.find({}).lean<Record<string, unknown>[]>())
        byCode.set(String(doc._id), toEntry(doc));
      return [...byCode.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
    },
    async find(code) {
      const cached = cache.get(code);
      if (cached && cached.until > Date.now()) return cached.entry;
      const entry = await load(code);
      if (cache.size > 1000) cache.clear(); // codes come from requests: never let them pile up
      cache.set(code, { entry, until: Date.now() + CATALOG_CACHE_MS });
      return entry;
    },
    async save(entry) {
      const { code, ...fields } = entry;
      await model.updateOne({ _id: code }, { $set: fields }, { upsert: true });
      cache.delete(code);
      return entry;
    },
    forget() {
      cache.clear();
    },
  };
}

/** Enforcement violation categories (违法行为类别). */
export const violationCategories = catalogOf<ViolationCategory>(ViolationCategoryModel, DEFAULT_VIOLATION_CATEGORIES);

/** Risk event categories. */
export const eventCategories = catalogOf<EventCategoryEntry>(EventCategoryModel, DEFAULT_EVENT_CATEGORY_ENTRIES);
