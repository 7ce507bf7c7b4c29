import { inspectionPlanInputSchema, meetingRecordSchema } from "@gridrisk/shared";
import { expect } from "chai";
import i18next, { type TFunction } from "i18next";
import type { z } from "zod";
import { issuesOf, issueText } from "../../client/src/forms/issueText";
import { en } from "../../client/src/i18n/en";
import { zhCN } from "../../client/src/i18n/zhCN";

const ID = "0123456789abcdef01234567";

describe("the plan and meeting forms' checks in the interface's language", () => {
  let zh: TFunction;
  let english: TFunction;
  before(async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      resources: { "zh-CN": { translation: zhCN }, en: { translation: en } },
      lng: "zh-CN",
      interpolation: { escapeValue: false },
    });
    zh = i18n.getFixedT("zh-CN");
    english = i18n.getFixedT("en");
  });

  const messages = (schema: z.ZodType, body: unknown, t: TFunction) => {
    const parsed = schema.safeParse(body);
    if (parsed.success) throw new Error(`expected ${JSON.stringify(body)} to be refused`);
    return Object.fromEntries(issuesOf(parsed.error).map((issue) => [issue.path, issueText(issue, t)]));
  };
  const plan = {
    kind: "inspection",
    name: "每周巡查",
    regionId: ID,
    recurrence: { startDate: "2026-11-26", rrule: "FREQ=WEEKLY;BYDAY=XX" },
    window: { start: "17:00", end: "09:00" },
    scope: { regionIds: [ID] },
    assignee: { kind: "grid_worker" },
    checklist: [],
  };

  it("says what is wrong with a plan, not the RRULE parser's own error", () => {
    expect(messages(inspectionPlanInputSchema, plan, zh)).to.deep.equal({
      "recurrence.rrule": "无法识别的重复规则，例如 FREQ=WEEKLY;BYDAY=MO 表示每周一。",
      "window.end": "结束时间须晚于开始时间。",
      checklist: "请至少填写或选择一项。",
    });
    const meeting = { ...plan, kind: "meeting", recurrence: { startDate: "2026-11-26", endDate: "2026-01-01" } };
    const { scope: _s, assignee: _a, checklist: _c, ...meetingPlan } = meeting;
    expect(messages(inspectionPlanInputSchema, meetingPlan, english)).to.deep.equal({
      "recurrence.endDate": "Must not be before the start date.",
      "recurrence.rrule": "Give a recurrence rule, or list extra dates or choose holidays.",
      "window.end": "The end must be after the start.",
      departmentIds: "Choose at least one department.",
    });
  });

  it("says what is missing from a meeting's record", () => {
    expect(messages(meetingRecordSchema, { date: "2026-11-26", departmentIds: [], minutes: " " }, zh)).to.deep.equal({
      departmentIds: "请至少选择一个部门。",
      minutes: "此项必填。",
    });
  });
});
