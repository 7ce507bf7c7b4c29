import type { ClientConfig } from "@gridrisk/shared";
import { api } from "./http";

let loading: Promise<ClientConfig> | undefined;

/** The server's public settings, asked once per page load; empty settings when unreachable. */
export function clientConfig(): Promise<ClientConfig> {
  loading ??= api<ClientConfig>("/api/client-config").catch(() => ({ map: { coordinateSystem: "wgs84" as const } }));
  return loading;
}
