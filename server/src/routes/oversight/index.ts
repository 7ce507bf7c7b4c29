export { oversightRouter } from "./oversightRouter";
