import { z } from "zod";

/** An enforcement violation category (违法行为类别) with its legal basis and sanction range. */
export const violationCategorySchema = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, "must be 2-40 lower-case letters, digits or _"),
    name: z.string().trim().min(1, "is required").max(100),
    nameEn: z.string().trim().max(150).optional(),
    /** The articles that define the violation and its penalty, as text the admin maintains. */
    legalBasis: z.string().trim().min(1, "is required").max(2000),
    /** The range of sanctions, as text (e.g. 责令改正；没收违法所得；罚款…). */
    sanctionRange: z.string().trim().min(1, "is required").max(2000),
    active: z.boolean().default(true),
  })
  .strict();
export type ViolationCategory = z.infer<typeof violationCategorySchema>;

const basis = "《校外培训行政处罚暂行办法》及本市《校外培训行政处罚执法指引》（默认文本，请管理员按本地执法指引核对）";

/**
 * The 13 categories shipped by default, after the seed's "13 categories of violations with a
 * penalty guide" (淮安市校外培训行政处罚执法指引). The texts are defaults for the admin to check
 * against the local guide, not legal advice.
 */
export const DEFAULT_VIOLATION_CATEGORIES: readonly ViolationCategory[] = [
  [
    "unlicensed_operation",
    "未经许可擅自举办校外培训机构",
    "Running an institution without a licence",
    "责令停止举办、退还所收费用；没收违法所得；并处罚款",
  ],
  [
    "disguised_subject_training",
    "隐形变异开展学科类培训",
    "Disguised subject tutoring",
    "责令改正、退还所收费用；警告或通报批评；情节严重的责令停止招生、吊销许可证",
  ],
  [
    "beyond_licensed_scope",
    "超出许可范围开展培训",
    "Training beyond the licensed scope",
    "责令改正；警告；没收违法所得；情节严重的责令停止招生",
  ],
  [
    "holiday_subject_training",
    "占用法定节假日、休息日及寒暑假组织学科类培训",
    "Subject tutoring on holidays, weekends or vacations",
    "责令改正、退还所收费用；警告或通报批评；情节严重的责令停止招生、吊销许可证",
  ],
  [
    "excessive_prepayment",
    "违规预收费（超过3个月或60课时）",
    "Prepayment beyond 3 months or 60 lessons",
    "责令改正、退还超额收费；警告；并处罚款",
  ],
  [
    "unsupervised_prepaid_funds",
    "预收费资金未纳入监管",
    "Prepaid fees outside the supervised account",
    "责令限期改正；通报批评；情节严重的责令停止招生",
  ],
  ["false_advertising", "虚假宣传、违规发布培训广告", "False advertising", "责令停止发布、消除影响；并处罚款"],
  [
    "unqualified_staff",
    "聘用不具备相应资质的从业人员",
    "Unqualified teaching staff",
    "责令改正；警告；情节严重的责令停止招生",
  ],
  ["over_hours", "培训结束时间晚于规定时间", "Training past the permitted hours", "责令改正；警告或通报批评"],
  [
    "safety_hazard",
    "场所存在消防等安全隐患",
    "Fire and other safety hazards",
    "责令改正、停止使用；并处罚款（依消防、安全生产法律法规）",
  ],
  ["fund_flight", "抽逃资金、卷款跑路", "Absconding with funds", "移送公安机关；列入失信名单；吊销许可证"],
  [
    "capital_operation",
    "违规上市融资或资本化运作",
    "Prohibited financing or capitalisation",
    "责令改正；没收违法所得；情节严重的吊销许可证",
  ],
  [
    "illegal_charging",
    "违反价格规定乱收费",
    "Overcharging or unlisted fees",
    "责令改正、退还多收费用；没收违法所得；并处罚款（依价格法律法规）",
  ],
].map(([code, name, nameEn, sanctionRange]) => ({
  code: code as string,
  name: name as string,
  nameEn: nameEn as string,
  legalBasis: basis,
  sanctionRange: sanctionRange as string,
  active: true,
}));
