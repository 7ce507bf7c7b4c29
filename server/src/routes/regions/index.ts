export { regionsRouter } from "./regionsRouter";
