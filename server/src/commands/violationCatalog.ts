import { DEFAULT_VIOLATION_CATEGORIES, type ViolationCategory } from "@gridrisk/shared";
import { ViolationCategoryModel } from "../models/violationCategory";

/** The catalogue: stored categories, with the shipped defaults for codes never stored. */
export async function listViolationCategories(): Promise<ViolationCategory[]> {
  const stored = await ViolationCategoryModel.find({}).lean();
  const byCode = new Map<string, ViolationCategory>(DEFAULT_VIOLATION_CATEGORIES.map((c) => [c.code, c]));
  for (const doc of stored) {
    byCode.set(doc._id, {
      code: doc._id,
      name: doc.name,
      ...(doc.nameEn ? { nameEn: doc.nameEn } : {}),
      legalBasis: doc.legalBasis,
      sanctionRange: doc.sanctionRange,
      active: doc.active ?? true,
    });
  }
  return [...byCode.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
}

/** One category by code (stored or shipped), or undefined. */
export async function findViolationCategory(code: string): Promise<ViolationCategory | undefined> {
  const doc = await ViolationCategoryModel.findById(code).lean();
  if (doc) {
    return {
      code,
      name: doc.name,
      legalBasis: doc.legalBasis,
      sanctionRange: doc.sanctionRange,
      active: doc.active ?? true,
    };
  }
  return DEFAULT_VIOLATION_CATEGORIES.find((category) => category.code === code);
}

/** Creates or replaces a category (admin). */
export async function saveViolationCategory(category: ViolationCategory): Promise<ViolationCategory> {
  const { code, ...fields } = category;
  await ViolationCategoryModel.updateOne({ _id: code }, { $set: fields }, { upsert: true });
  return category;
}
