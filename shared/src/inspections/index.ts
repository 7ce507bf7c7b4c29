export * from "./inspectionLimits";
export * from "./inspectionPlanSchemas";
export * from "./inspectionTaskSchemas";
export * from "./recurrence";
export * from "./riskScore";
