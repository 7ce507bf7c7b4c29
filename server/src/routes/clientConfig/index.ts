export { clientConfigRouter } from "./clientConfigRouter";
