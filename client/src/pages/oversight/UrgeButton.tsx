import { EVENT_LIMITS } from "@gridrisk/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../api/http";
import type { EventSummary } from "../../desk/eventTypes";

/** 督办 from a list: a note, then the `urge` action on the version shown; a 409 asks to reload. */
export function UrgeButton({ event, onUrged }: { event: EventSummary; onUrged: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api(`/api/events/${event.id}/actions`, {
        method: "POST",
        json: { action: "urge", expectedVersion: event.version, note: note.trim() },
      });
      setOpen(false);
      setNote("");
      onUrged();
    } catch (failure) {
      setError(
        failure instanceof ApiError && failure.status === 409
          ? t("oversight.urge.conflict")
          : (failure as Error).message,
      );
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <button type="button" className="button-secondary" onClick={() => setOpen(true)}>
        {t("oversight.urge.button")}
      </button>
    );
  }
  return (
    <form
      className="urge-form"
      onSubmit={(submitted) => {
        submitted.preventDefault();
        void submit();
      }}
    >
      <label>
        <span className="visually-hidden">{t("oversight.urge.note")}</span>
        <input
          value={note}
          required
          maxLength={EVENT_LIMITS.maxNoteLength}
          placeholder={t("oversight.urge.note")}
          onChange={(changed) => setNote(changed.target.value)}
        />
      </label>
      <button type="submit" className="button-primary" disabled={busy || !note.trim()}>
        {t("oversight.urge.send")}
      </button>
      <button type="button" className="link-button" onClick={() => setOpen(false)}>
        {t("oversight.urge.cancel")}
      </button>
      {error && (
        <span className="form__error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
