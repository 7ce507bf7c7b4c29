export { territoryRouter } from "./territoryRouter";
