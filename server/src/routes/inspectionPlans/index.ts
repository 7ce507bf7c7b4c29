export { inspectionPlansRouter } from "./inspectionPlansRouter";
