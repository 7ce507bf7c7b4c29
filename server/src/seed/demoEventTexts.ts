import type { SeededRandom } from "../territory/demoCity/seededRandom";
import { randomItem } from "../territory/demoCity/seededRandom";

/** Titles per risk category; `{place}` is the institution's name or the grid's. */
const TITLES: Record<string, readonly string[]> = {
  unlicensed_training: ["{place}疑似无证开展学科类培训", "{place}周末有学生集中出入，疑似无证办学"],
  prepaid_fee_risk: ["{place}推销大额预付课时包", "{place}预收费超过三个月"],
  abnormal_funds: ["{place}监管账户资金异常转出", "{place}预收费未进入监管账户"],
  safety_hazard: ["{place}消防通道堵塞", "{place}教室无安全出口标识", "{place}电动车在楼道内充电"],
  refund_dispute: ["{place}家长集中要求退费", "{place}拒不退还剩余课时费用"],
  false_advertising: ["{place}宣传“保过”“提分”", "{place}虚构师资资质宣传"],
  over_hours: ["{place}晚间超时培训", "{place}工作日晚九点后仍在上课"],
  collective_complaint: ["{place}多名家长联名投诉", "{place}门口家长聚集维权"],
  other: ["{place}群众反映情况待核实", "{place}经营异常待核查"],
};

const DESCRIPTIONS: Record<string, string> = {
  unlicensed_training: "网格员巡查发现，现场有学生上课，未见办学许可证公示。",
  prepaid_fee_risk: "家长反映机构以优惠为由推销大额课时包，一次性收费超过规定期限。",
  abnormal_funds: "资金监管平台提示该机构账户近期出现异常大额转出。",
  safety_hazard: "现场查看发现安全隐患，需相关部门督促整改。",
  refund_dispute: "多名家长反映机构拖延退费，情绪较大。",
  false_advertising: "机构门口及网络宣传存在夸大、虚假内容。",
  over_hours: "居民反映机构晚间上课时间超过规定。",
  collective_complaint: "多名家长联名投诉，有聚集苗头。",
  other: "群众通过热线反映，需现场核实。",
};

/** A plausible title and description of a demo event. */
export function demoEventText(random: SeededRandom, category: string, place: string) {
  const titles = TITLES[category] ?? TITLES.other ?? ["{place}"];
  return {
    title: randomItem(random, titles).replace("{place}", place),
    description: DESCRIPTIONS[category] ?? DESCRIPTIONS.other ?? "",
  };
}

/** The department that leads on a category. */
export const LEAD_DEPARTMENT: Record<string, string> = {
  unlicensed_training: "education",
  prepaid_fee_risk: "market",
  abnormal_funds: "finance",
  safety_hazard: "fire",
  refund_dispute: "market",
  false_advertising: "market",
  over_hours: "education",
  collective_complaint: "public_security",
  other: "urban_management",
};
