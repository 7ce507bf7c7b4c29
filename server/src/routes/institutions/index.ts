export { institutionsRouter } from "./institutionsRouter";
