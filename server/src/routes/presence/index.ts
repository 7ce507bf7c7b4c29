export { presenceRouter } from "./presenceRouter";
