export * from "./creditCode";
export * from "./institutionKinds";
export * from "./institutionSchemas";
