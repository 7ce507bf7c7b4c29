export * from "./apiError";
export * from "./fieldIssues";
export * from "./health";
export * from "./limits";
export * from "./territory";
