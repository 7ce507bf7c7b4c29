export { eventsRouter } from "./eventsRouter";
