export { capAlertsRouter } from "./capAlertsRouter";
