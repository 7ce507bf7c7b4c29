export { webhooksRouter } from "./webhooksRouter";
