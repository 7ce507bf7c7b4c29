// Importing this registers every model with mongoose, so that indexes can be created for all.
export * from "./attachment";
export * from "./calendarYear";
export * from "./deadlinePolicySetting";
export * from "./department";
export * from "./event";
export * from "./eventCodeBlock";
export * from "./eventVersionClaim";
export * from "./idempotencyKey";
export * from "./institution";
export * from "./jobLease";
export * from "./loginThrottle";
export * from "./region";
export * from "./session";
export * from "./territoryState";
export * from "./user";
export * from "./violationCategory";
