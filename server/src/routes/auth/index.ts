export { authRouter } from "./authRouter";
