import { EVENT_ACTIONS, EVENT_LIMITS, eventActionSchema } from "@gridrisk/shared";
import { expect } from "chai";
import i18next, { type TFunction } from "i18next";
import { issuesOf, issueText } from "../../client/src/forms/issueText";
import { en } from "../../client/src/i18n/en";
import { zhCN } from "../../client/src/i18n/zhCN";

const CJK = /[\u3400-\u9fff]/;
const ID = "0123456789abcdef01234567";

describe("shared-schema checks in the interface's language", () => {
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

  /** The translated messages of a body the action form would send, by field path. */
  function messages(body: Record<string, unknown>, t: TFunction): Record<string, string> {
    const parsed = eventActionSchema.safeParse(body);
    if (parsed.success) throw new Error(`expected ${JSON.stringify(body)} to be refused`);
    return Object.fromEntries(issuesOf(parsed.error).map((issue) => [issue.path, issueText(issue, t)]));
  }

  it("names a dispatch's problems in Chinese and in English, never in the schema's English", () => {
    const body = {
      action: "assess",
      expectedVersion: 3,
      severity: "major",
      decision: "dispatch",
      tasks: [
        { departmentId: "", role: "lead", dueAt: "2026-12-01T18:00" },
        { departmentId: ID, role: "lead" },
      ],
    };
    expect(messages(body, zh)).to.deep.equal({
      "tasks.0.departmentId": "请选择一项。",
      "tasks.0.dueAt": "请填写日期和时间。",
      tasks: "须有且只有一个牵头部门。",
    });
    expect(messages(body, english)).to.deep.equal({
      "tasks.0.departmentId": "Please choose one.",
      "tasks.0.dueAt": "Please give a date and a time.",
      tasks: "There must be exactly one lead department.",
    });
  });

  it("gives the limits of the shared schemas with their numbers", () => {
    const tooLong = "很".repeat(EVENT_LIMITS.maxNoteLength + 1);
    const body = { action: "complete_task", expectedVersion: 0, taskId: ID, result: tooLong };
    expect(messages(body, zh)).to.deep.equal({
      expectedVersion: "不能小于 1。",
      result: `最多 ${EVENT_LIMITS.maxNoteLength} 个字。`,
    });
    expect(messages({ ...body, expectedVersion: 1, result: " " }, english)).to.deep.equal({
      result: "This field is required.",
    });
  });

  it("translates every check of every action's empty form", () => {
    for (const action of EVENT_ACTIONS) {
      const parsed = eventActionSchema.safeParse({ action, expectedVersion: 1, decision: "dispatch" });
      if (parsed.success) continue;
      for (const issue of issuesOf(parsed.error)) {
        expect(issueText(issue, zh), `${action} ${issue.path}: ${issue.message}`).to.match(CJK);
      }
    }
  });

  it("translates the server's field messages it knows and shows others as they came", () => {
    expect(issueText({ path: "body.note", message: "is required" }, zh)).to.equal("此项必填。");
    expect(issueText({ path: "body.x", message: "something new" }, zh)).to.equal("something new");
  });
});
