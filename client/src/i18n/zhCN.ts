/** 简体中文 (the default language). Keys are shared with en.ts, which must have the same shape. */
export const zhCN = {
  app: {
    title: "网格化风险事件管理",
    subtitle: "校外培训机构风险 · 事前研判 · 事中联动处置 · 事后跟踪回访",
    skipToContent: "跳到主要内容",
  },
  language: { label: "语言", zh: "中文", en: "English" },
  connection: { live: "实时连接", reconnecting: "正在重连", offline: "离线", signedOut: "未登录" },
  status: {
    heading: "系统状态",
    server: "服务",
    database: "数据库",
    checking: "检查中…",
    up: "正常",
    down: "不可用",
    version: "版本 {{version}}",
    checkedAt: "检查于 {{time}}",
    retry: "重新检查",
  },
  stages: {
    heading: "工作流程",
    assessment: { name: "事前研判", text: "乡镇（街道）值班员研判上报的风险：是否属实、严重程度、由谁处置。" },
    handling: { name: "事中联动处置", text: "牵头部门与配合部门联合处置，各自反馈处置结果与证据。" },
    followUp: { name: "事后跟踪回访", text: "回访处置效果：是否反弹、是否复发、上报人是否满意。" },
  },
  footer: "属地管理 · 预防为主 · 依法查处 · 快速反应",
};
