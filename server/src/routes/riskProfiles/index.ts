export { riskProfilesRouter } from "./riskProfilesRouter";
