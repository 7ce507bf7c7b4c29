export * from "./socketEvents";
