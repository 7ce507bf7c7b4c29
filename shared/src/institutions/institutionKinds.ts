/** A label in both interface languages. */
export interface BilingualLabel {
  zh: string;
  en: string;
}

/** What an institution teaches: subject tutoring (学科类) or one of the non-subject kinds. */
export const INSTITUTION_TYPES = ["subject", "sports", "arts", "science_technology", "other_non_subject"] as const;
export type InstitutionType = (typeof INSTITUTION_TYPES)[number];

/** Whether a type is subject tutoring, the kind 双减 restricts most (no new approvals, non-profit only). */
export function isSubjectType(type: InstitutionType): boolean {
  return type === "subject";
}

/** Where an institution stands with its school-running licence (办学许可证). */
export const LICENCE_STATUSES = ["licensed", "pending", "unlicensed", "suspended", "revoked"] as const;
export type LicenceStatus = (typeof LICENCE_STATUSES)[number];

/** How much of an institution's prepaid fees sit in supervised accounts (预收费资金监管). */
export const FUND_SUPERVISION_STATUSES = ["supervised", "partial", "not_supervised", "abnormal"] as const;
export type FundSupervisionStatus = (typeof FUND_SUPERVISION_STATUSES)[number];

// The server's exports (spreadsheets, reports) need the labels too, so they live here rather than
// only in the client's i18n files.

export const INSTITUTION_TYPE_LABELS: Record<InstitutionType, BilingualLabel> = {
  subject: { zh: "学科类", en: "Subject tutoring" },
  sports: { zh: "体育", en: "Sports" },
  arts: { zh: "文化艺术", en: "Culture and arts" },
  science_technology: { zh: "科技", en: "Science and technology" },
  other_non_subject: { zh: "其他非学科类", en: "Other non-subject" },
};

export const LICENCE_STATUS_LABELS: Record<LicenceStatus, BilingualLabel> = {
  licensed: { zh: "已取得办学许可证", en: "Licensed" },
  pending: { zh: "审批中", en: "Approval pending" },
  unlicensed: { zh: "无证办学", en: "Unlicensed" },
  suspended: { zh: "停业整顿", en: "Suspended for rectification" },
  revoked: { zh: "已吊销/注销", en: "Revoked or deregistered" },
};

export const FUND_SUPERVISION_LABELS: Record<FundSupervisionStatus, BilingualLabel> = {
  supervised: { zh: "全额纳入监管", en: "Fully supervised" },
  partial: { zh: "部分纳入监管", en: "Partly supervised" },
  not_supervised: { zh: "未纳入监管", en: "Not supervised" },
  abnormal: { zh: "资金异常", en: "Abnormal fund movement" },
};
