export * from "./presence";
export * from "./socketEvents";
