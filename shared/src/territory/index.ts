export * from "./geometry";
export * from "./regionLevels";
export * from "./regionQueries";
export * from "./territoryFeature";
