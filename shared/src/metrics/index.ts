export * from "./metricsSchemas";
export * from "./metricsViews";
