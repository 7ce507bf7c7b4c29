import type { Role } from "@gridrisk/shared";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { api, OfflineError } from "../api/http";
import { socket } from "../api/socket";

/** The signed-in user, as GET /api/me returns them. */
export interface Me {
  id: string;
  username: string;
  name: string;
  role: Role;
  scope: string[];
  departmentId?: string;
}

interface AuthState {
  me: Me | null | undefined;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const AuthContext = createContext<AuthState | undefined>(undefined);
/** Who was signed in on this device, so that a page opened without network still knows (the cookie decides online). */
const ME_KEY = "gridrisk.me";

function rememberedMe(): Me | null {
  try {
    return JSON.parse(localStorage.getItem(ME_KEY) ?? "null") as Me | null;
  } catch {
    return null;
  }
}

function remember(me: Me | null): Me | null {
  if (me) localStorage.setItem(ME_KEY, JSON.stringify(me));
  else localStorage.removeItem(ME_KEY);
  return me;
}

/** Holds who is signed in (undefined while asking), and starts the live connection for them. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  useEffect(() => {
    const ask = () =>
      api<Me>("/api/me").then(
        (answer) => setMe(remember(answer)),
        // Offline, the last user of this phone stays signed in; the server still checks every request.
        (error: unknown) => setMe(error instanceof OfflineError ? rememberedMe() : remember(null)),
      );
    void ask();
    window.addEventListener("online", ask);
    return () => window.removeEventListener("online", ask);
  }, []);
  useEffect(() => {
    if (me) socket.connect();
    else socket.disconnect();
  }, [me]);
  const signIn = useCallback(async (username: string, password: string) => {
    await api("/api/auth/login", { method: "POST", json: { username, password } });
    setMe(remember(await api<Me>("/api/me")));
  }, []);
  const signOut = useCallback(async () => {
    await api("/api/auth/logout", { method: "POST" }).catch(() => undefined);
    setMe(remember(null));
  }, []);
  const value = useMemo(() => ({ me, signIn, signOut }), [me, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The auth state; only inside AuthProvider. */
export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error("useAuth outside AuthProvider");
  return state;
}

/** Where each role starts. */
export function homeOf(role: Role): string {
  switch (role) {
    case "grid_worker":
      return "/report";
    case "township_officer":
    case "district_officer":
    case "city_monitor":
    case "supervisor":
      return "/desk";
    case "department_handler":
      return "/inbox";
    default:
      return "/status";
  }
}
