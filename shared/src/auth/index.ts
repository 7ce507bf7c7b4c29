export * from "./authSchemas";
export * from "./permissions";
export * from "./roles";
