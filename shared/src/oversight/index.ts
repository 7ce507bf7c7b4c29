export * from "./oversightSchemas";
