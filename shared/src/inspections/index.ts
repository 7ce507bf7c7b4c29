export * from "./earlyWarningRules";
export * from "./inspectionLimits";
export * from "./inspectionPlanSchemas";
export * from "./inspectionTaskSchemas";
export * from "./meetingSchemas";
export * from "./recurrence";
export * from "./riskScore";
