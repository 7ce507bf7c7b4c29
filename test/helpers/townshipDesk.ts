import type { RunningServer } from "@gridrisk/server/server";
import { createAccount, signInAs } from "./accounts";
import { loadTerritoryFixture } from "./territoryFixture";
import { startTestServer } from "./testServer";

/** A running server with the fixture territory, a grid worker and their township's officer signed in. */
export interface TownshipDesk {
  server: RunningServer;
  url: string;
  worker: string;
  officer: string;
}

/**
 * Starts the server before the suite (with the fixture territory, a grid worker of its grid and
 * an officer of its township, both signed in) and stops it after. Read the fields in tests.
 */
export function useTownshipDesk(): TownshipDesk {
  const desk = { worker: "", officer: "", url: "" } as TownshipDesk;
  before(async () => {
    desk.server = await startTestServer();
    desk.url = desk.server.url;
    const ids = await loadTerritoryFixture();
    await createAccount({ username: "worker", role: "grid_worker", scope: [ids.grid] });
    await createAccount({ username: "officer", role: "township_officer", scope: [ids.township] });
    desk.worker = await signInAs(desk.url, "worker");
    desk.officer = await signInAs(desk.url, "officer");
  });
  after(() => desk.server.close());
  return desk;
}
