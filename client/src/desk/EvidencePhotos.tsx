import { ATTACHMENT_LIMITS } from "@gridrisk/shared";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { uploadPhoto } from "../api/attachments";
import { CameraInput } from "../components/CameraInput";
import { resizePhoto } from "../report/photoResize";

/** Thumbnails of stored photos, each opening the full photo. */
export function PhotoThumbnails({ ids, altKey }: { ids: readonly string[]; altKey: string }) {
  const { t } = useTranslation();
  if (ids.length === 0) return null;
  return (
    <ul className="photos">
      {ids.map((photoId, index) => (
        <li key={photoId}>
          <a href={`/api/attachments/${photoId}`} target="_blank" rel="noreferrer">
            <img
              src={`/api/attachments/${photoId}`}
              alt={t(altKey, { index: index + 1 })}
              loading="lazy"
              width="120"
              height="90"
            />
          </a>
        </li>
      ))}
    </ul>
  );
}

/**
 * Evidence photos of a department's work: each is resized in the browser and uploaded as soon as it
 * is chosen; `onChange` gets the attachment ids the completion will carry.
 */
export function EvidencePicker({ ids, onChange }: { ids: string[]; onChange: (ids: string[]) => void }) {
  const { t } = useTranslation();
  const inputId = useId();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const room = ATTACHMENT_LIMITS.maxPerEvent - ids.length;

  const add = async (files: FileList | null) => {
    setFailed(false);
    setBusy(true);
    let added = ids;
    for (const file of Array.from(files ?? []).slice(0, room)) {
      try {
        added = [...added, await uploadPhoto(await resizePhoto(file), "evidence")];
        onChange(added);
      } catch {
        setFailed(true);
      }
    }
    setBusy(false);
  };

  return (
    <div className="field evidence">
      <span id={`${inputId}-label`}>{t("desk.inbox.evidence", { max: ATTACHMENT_LIMITS.maxPerEvent })}</span>
      {/* The browser's own file button speaks its own language: a translated label opens the camera instead. */}
      <label className="button-secondary evidence__add" htmlFor={inputId}>
        {t("desk.inbox.evidenceAdd")}
        <CameraInput
          id={inputId}
          aria-labelledby={`${inputId}-label`}
          disabled={busy || room <= 0}
          onFiles={(files) => void add(files)}
        />
      </label>
      {busy && <p className="muted">{t("desk.inbox.evidenceUploading")}</p>}
      {failed && (
        <p className="form__error" role="alert">
          {t("desk.inbox.evidenceFailed")}
        </p>
      )}
      <PhotoThumbnails ids={ids} altKey="desk.inbox.evidenceAlt" />
      {ids.length > 0 && (
        <button type="button" className="link-button" onClick={() => onChange([])}>
          {t("desk.inbox.evidenceClear")}
        </button>
      )}
    </div>
  );
}
