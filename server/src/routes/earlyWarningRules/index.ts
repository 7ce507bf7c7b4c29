export { earlyWarningRulesRouter } from "./earlyWarningRulesRouter";
