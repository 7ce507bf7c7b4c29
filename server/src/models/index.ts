// Importing this registers every model with mongoose, so that indexes can be created for all.
export * from "./department";
export * from "./institution";
export * from "./loginThrottle";
export * from "./region";
export * from "./session";
export * from "./territoryState";
export * from "./user";
