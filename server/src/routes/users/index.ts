export { usersRouter } from "./usersRouter";
