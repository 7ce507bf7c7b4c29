export { apiDocsRouter } from "./apiDocsRouter";
