export { meetingsRouter } from "./meetingsRouter";
