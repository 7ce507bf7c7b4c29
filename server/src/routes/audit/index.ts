export { auditRouter } from "./auditRouter";
