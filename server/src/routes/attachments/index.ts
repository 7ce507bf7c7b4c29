export { attachmentsRouter } from "./attachmentsRouter";
