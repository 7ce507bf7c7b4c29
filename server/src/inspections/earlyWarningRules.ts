import {
  DEFAULT_EARLY_WARNING_RULES,
  EARLY_WARNING_RULE_CODES,
  type EarlyWarningRuleCode,
  type EarlyWarningRuleSettings,
} from "@gridrisk/shared";
import { EarlyWarningRuleModel } from "../models/earlyWarningRule";

/** Every rule's settings: stored ones over the shipped defaults. */
export async function earlyWarningSettings(): Promise<Record<EarlyWarningRuleCode, EarlyWarningRuleSettings>> {
  const stored = await EarlyWarningRuleModel.find({}).lean();
  const settings = { ...DEFAULT_EARLY_WARNING_RULES };
  for (const doc of stored) {
    const code = String(doc._id) as EarlyWarningRuleCode;
    if (!EARLY_WARNING_RULE_CODES.includes(code)) continue;
    settings[code] = { enabled: doc.enabled, count: doc.count, days: doc.days, categories: doc.categories };
  }
  return settings;
}

/** Stores an admin's settings of one rule. */
export async function saveEarlyWarningRule(
  code: EarlyWarningRuleCode,
  input: EarlyWarningRuleSettings,
  actorId: string,
) {
  await EarlyWarningRuleModel.replaceOne({ _id: code }, { ...input, updatedBy: actorId }, { upsert: true });
}
