export { violationCategoriesRouter } from "./violationCategoriesRouter";
