export { healthRouter } from "./healthRouter";
