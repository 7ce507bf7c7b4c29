import { licenceExpiryFirings, refundComplaintFirings, shanghaiDateKey } from "@gridrisk/shared";
import { reportEvent } from "../commands/eventReporter";
import { trusted } from "../database/trustedFilter";
import { earlyWarningSettings } from "../inspections/earlyWarningRules";
import { createLogger } from "../logging/logger";
import { EventModel } from "../models/event";
import { type InstitutionDoc, InstitutionModel } from "../models/institution";
import { claimOnce, OnceClaimModel } from "../models/onceClaim";
import type { Actor } from "../policies/actor";
import { territory } from "../territory/territoryCache";

const log = createLogger("jobs");

/** The reporter of rule-raised events: the system, acting city-wide. */
export const RULE_REPORTER_ID = "000000000000000000000001";

function ruleActor(rule: string): Actor {
  const cities = [...territory().all()].filter((region) => region.level === "city").map((region) => region.id);
  return {
    id: RULE_REPORTER_ID,
    username: "system",
    name: `预警规则 ${rule}`,
    role: "city_monitor",
    scope: cities,
    sessionId: "rule",
  };
}

/** Raises the event of a fired condition; on failure the claim is released so the next sweep retries. */
async function raise(
  claimId: string,
  rule: string,
  institution: InstitutionDoc,
  fields: { category: string; title: string; description: string },
  now: Date,
) {
  try {
    // The claim makes the raise happen once per condition; a condition that ends and comes back
    // is claimed anew under the same id, so the key also names the moment of this claim.
    await reportEvent(
      ruleActor(rule),
      `${claimId}@${now.getTime()}`,
      {
        ...fields,
        severity: "major",
        source: "rule",
        institutionId: institution._id.toHexString(),
        location: { type: "Point", coordinates: [institution.lng, institution.lat] },
      },
      now,
    );
    return 1;
  } catch (error) {
    await OnceClaimModel.deleteOne({ _id: claimId });
    log.warn("early warning not raised", {
      rule,
      institutionId: String(institution._id),
      error: (error as Error).message,
    });
    return 0;
  }
}

/**
 * Evaluates the early-warning rules (预警) and raises an event with source `rule` for each new
 * condition, once: the claim `_id` names the rule and the facts of the condition.
 */
export async function sweepEarlyWarnings(now: Date): Promise<{ raised: number }> {
  const settings = await earlyWarningSettings();
  let raised = 0;

  const refund = settings.refund_complaints;
  if (refund.enabled) {
    const filter: Record<string, unknown> = {
      category: trusted({ $in: refund.categories }),
      createdAt: trusted({ $gte: new Date(now.getTime() - refund.days * 86_400_000) }),
      institutionId: trusted({ $ne: null }),
      source: trusted({ $ne: "rule" }),
    };
    const complaints = await EventModel.find(filter)
      .select({ institutionId: 1, category: 1, createdAt: 1, code: 1 })
      .lean();
    const firings = refundComplaintFirings(
      complaints.map((c) => ({
        id: String(c._id),
        institutionId: String(c.institutionId),
        category: c.category,
        createdAt: c.createdAt,
      })),
      refund,
      now,
    );
    for (const firing of firings) {
      const claimId = `rule:refund_complaints:${firing.institutionId}:${firing.eventIds.join(",")}`;
      if (!(await claimOnce(claimId, "rule_refund_complaints", now))) continue;
      const institution = (await InstitutionModel.findById(firing.institutionId).lean()) as InstitutionDoc | null;
      if (!institution) continue;
      const codes = firing.eventIds.map((id) => complaints.find((c) => String(c._id) === id)?.code ?? id);
      raised += await raise(
        claimId,
        "refund_complaints",
        institution,
        {
          category: "refund_dispute",
          title: `预警：${institution.name} ${refund.days}天内退费投诉${firing.eventIds.length}起`,
          description: `规则 refund_complaints（${refund.days}天内同一机构退费投诉达${refund.count}起）触发。事实：${codes.join("、")}。`,
        },
        now,
      );
    }
  }

  const fund = settings.fund_abnormal;
  if (fund.enabled) {
    const abnormal = (await InstitutionModel.find({
      fundSupervision: "abnormal",
      deletedAt: null,
    }).lean()) as InstitutionDoc[];
    const current = new Set(abnormal.map((doc) => `rule:fund_abnormal:${doc._id}`));
    // A status that went back to normal releases its claim, so that turning abnormal again fires again.
    const claims = await OnceClaimModel.find({ kind: "rule_fund_abnormal" }).select({ _id: 1 }).lean();
    for (const claim of claims) if (!current.has(String(claim._id))) await OnceClaimModel.deleteOne({ _id: claim._id });
    for (const institution of abnormal) {
      const claimId = `rule:fund_abnormal:${institution._id}`;
      if (!(await claimOnce(claimId, "rule_fund_abnormal", now))) continue;
      raised += await raise(
        claimId,
        "fund_abnormal",
        institution,
        {
          category: "abnormal_funds",
          title: `预警：${institution.name} 预收费资金监管状态异常`,
          description: `规则 fund_abnormal（资金监管状态变为异常）触发。事实：机构 ${institution.creditCode} 资金监管状态为 abnormal（${institution.updatedAt?.toISOString() ?? ""} 更新）。`,
        },
        now,
      );
    }
  }
  const licence = settings.licence_expiry;
  if (licence.enabled) raised += await sweepLicenceExpiry(licence.days, now);
  if (raised) log.info("early warnings raised", { raised });
  return { raised };
}

/**
 * A licence expiring (within `days`) while classes are still scheduled after it: one event per
 * institution and expiry date; a renewed licence that runs into the schedule again fires anew.
 */
async function sweepLicenceExpiry(days: number, now: Date): Promise<number> {
  const filter: Record<string, unknown> = {
    deletedAt: null,
    licenceValidUntil: trusted({ $ne: null }),
    classesScheduledUntil: trusted({ $ne: null }),
  };
  const institutions = (await InstitutionModel.find(filter).lean()) as InstitutionDoc[];
  const firings = licenceExpiryFirings(
    institutions.map((doc) => ({
      institutionId: doc._id.toHexString(),
      licenceValidUntil: doc.licenceValidUntil,
      classesScheduledUntil: doc.classesScheduledUntil,
    })),
    { days },
    shanghaiDateKey(now),
  );
  let raised = 0;
  for (const firing of firings) {
    const claimId = `rule:licence_expiry:${firing.institutionId}:${firing.licenceValidUntil}`;
    if (!(await claimOnce(claimId, "rule_licence_expiry", now))) continue;
    const institution = institutions.find((doc) => doc._id.toHexString() === firing.institutionId);
    if (!institution) continue;
    raised += await raise(
      claimId,
      "licence_expiry",
      institution,
      {
        category: "unlicensed_training",
        title: `预警：${institution.name} 办学许可证将于${firing.licenceValidUntil}到期，课程排至${firing.classesScheduledUntil}`,
        description: `规则 licence_expiry（办学许可证${days}天内到期而到期后仍有排课）触发。事实：机构 ${institution.creditCode} 办学许可证有效期至 ${firing.licenceValidUntil}，已排课至 ${firing.classesScheduledUntil}。`,
      },
      now,
    );
  }
  return raised;
}
