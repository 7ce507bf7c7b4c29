export * from "./apiError";
export * from "./auth";
export * from "./departments";
export * from "./fieldIssues";
export * from "./health";
export * from "./institutions";
export * from "./limits";
export * from "./territory";
