import * as rruleModule from "rrule";

/**
 * The rrule library, whichever way it was loaded: Node resolves rrule's CommonJS build (its
 * exports then sit on `default`), Vite its ES module build (named exports). One place bridges both.
 */
const loaded = rruleModule as typeof rruleModule & { default?: typeof rruleModule };
export const rruleLibrary: typeof rruleModule = loaded.RRule ? loaded : (loaded.default ?? loaded);
