export * from "./inspectionLimits";
export * from "./inspectionPlanSchemas";
export * from "./recurrence";
export * from "./riskScore";
