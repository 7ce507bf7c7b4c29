export { open311Router } from "./open311Router";
