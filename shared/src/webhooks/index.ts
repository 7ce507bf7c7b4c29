export * from "./webhookSchemas";
