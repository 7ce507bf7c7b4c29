export { departmentsRouter } from "./departmentsRouter";
