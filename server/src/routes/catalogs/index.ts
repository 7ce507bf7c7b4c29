export { catalogRouter } from "./catalogRouter";
