export * from "./eventActionSchemas";
export * from "./eventActions";
export * from "./eventKinds";
export * from "./eventLimits";
export * from "./eventMachine";
export * from "./eventQueries";
export * from "./eventReportSchema";
export * from "./violationCategories";
