export * from "./open311Schemas";
