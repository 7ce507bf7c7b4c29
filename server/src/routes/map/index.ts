export { mapRouter } from "./mapRouter";
