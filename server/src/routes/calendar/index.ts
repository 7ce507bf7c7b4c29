export { calendarRouter } from "./calendarRouter";
