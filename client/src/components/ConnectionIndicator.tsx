import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { socket } from "../api/socket";

type ConnectionState = "live" | "reconnecting" | "offline" | "signedOut";

function currentState(): ConnectionState {
  if (!navigator.onLine) return "offline";
  if (socket.connected) return "live";
  // A socket that was never started belongs to nobody signed in.
  return socket.active ? "reconnecting" : "signedOut";
}

/** Live / reconnecting / offline / signed out, from the socket and the browser's network state. */
export function ConnectionIndicator() {
  const { t } = useTranslation();
  const [state, setState] = useState<ConnectionState>(currentState);
  useEffect(() => {
    const update = () => setState(currentState());
    const events = ["connect", "disconnect", "connect_error"] as const;
    for (const event of events) socket.on(event, update);
    socket.io.on("reconnect_attempt", update);
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      for (const event of events) socket.off(event, update);
      socket.io.off("reconnect_attempt", update);
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, []);
  return (
    <output className={`connection connection--${state}`} aria-live="polite">
      <span className="connection__dot" aria-hidden="true" />
      {t(`connection.${state}`)}
    </output>
  );
}
