export { inspectionTasksRouter } from "./inspectionTasksRouter";
