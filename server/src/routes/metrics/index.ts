export { metricsRouter } from "./metricsRouter";
