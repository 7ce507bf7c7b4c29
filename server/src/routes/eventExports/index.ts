export { eventExportsRouter } from "./eventExportsRouter";
