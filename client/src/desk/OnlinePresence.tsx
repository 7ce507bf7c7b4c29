import type { PresenceView } from "@gridrisk/shared";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/http";
import { useAuth } from "../auth/AuthContext";

const REFRESH_MS = 30_000;

/** Who of the township is online now (for a township duty officer), refreshed every 30 s. */
export function OnlinePresence() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const township = me?.role === "township_officer" ? me.scope[0] : undefined;
  const [people, setPeople] = useState<PresenceView[] | undefined>();
  useEffect(() => {
    if (!township) return;
    const load = () =>
      api<{ items: PresenceView[] }>(`/api/presence?township=${township}`).then(
        (answer) => setPeople(answer.items),
        () => setPeople(undefined),
      );
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, [township]);
  if (!township || !people) return null;
  return (
    <p className="presence" aria-live="polite">
      <strong>{t("desk.online", { count: people.length })}</strong>{" "}
      {people
        .map((person) => t("desk.onlinePerson", { name: person.name, role: t(`roles.${person.role}`) }))
        .join(t("desk.onlineSeparator"))}
    </p>
  );
}
