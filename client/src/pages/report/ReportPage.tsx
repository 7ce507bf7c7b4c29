import {
  DEFAULT_EVENT_CATEGORY_ENTRIES,
  EVENT_LIMITS,
  type EventCategoryEntry,
  eventReportSchema,
  SEVERITIES,
  type Severity,
} from "@gridrisk/shared";
import { type FormEvent, lazy, Suspense, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api, OfflineError } from "../../api/http";
import { useAuth } from "../../auth/AuthContext";
import { CameraInput } from "../../components/CameraInput";
import { issueText } from "../../forms/issueText";
import { linkFindingToEvent, reportPrefillFrom } from "../../inspections/reportPrefill";
import { resizePhoto } from "../../report/photoResize";
import { QueuedReports } from "../../report/QueuedReports";
import { newIdempotencyKey, putQueued, type QueuedReport, sendReport } from "../../report/reportQueue";

const LocationPicker = lazy(() => import("../../report/LocationPicker"));

interface RegionRef {
  id: string;
  name: string;
  nameEn?: string;
  level: string;
}
interface Picked {
  lng: number;
  lat: number;
  accuracy?: number;
}
type GridState =
  | { kind: "idle" }
  | { kind: "checking" }
  | { kind: "found"; grid: RegionRef; path: RegionRef[] }
  | { kind: "none"; township?: RegionRef }
  | { kind: "offline" }
  | { kind: "failed" };
interface Institution {
  id: string;
  name: string;
  distanceMeters?: number;
}
interface Photo {
  blob: Blob;
  url: string;
}
type Field = "location" | "category" | "severity" | "title" | "description" | "institutionId" | "attachments";
/** The fields in the order of the form, so the first error gets focus. */
const FIELD_ORDER: readonly Field[] = [
  "location",
  "category",
  "severity",
  "title",
  "description",
  "institutionId",
  "attachments",
];
type Notice = { kind: "sent"; code: string } | { kind: "queued" } | { kind: "error"; message: string };

const CATEGORY_CACHE = "gridrisk.eventCategories";

function cachedCategories(): EventCategoryEntry[] {
  try {
    const stored = JSON.parse(localStorage.getItem(CATEGORY_CACHE) ?? "null") as EventCategoryEntry[] | null;
    if (Array.isArray(stored) && stored.length > 0) return stored;
  } catch {
    // a broken cache falls back to the defaults
  }
  return [...DEFAULT_EVENT_CATEGORY_ENTRIES];
}

/** The grid worker's report form: location (GPS or map), category, severity, institution, photos. */
export function ReportPage() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const english = i18n.language.startsWith("en");
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);

  // Opened from an inspection finding: institution, its location and source `inspection` come along.
  const [prefill] = useState(() => reportPrefillFrom(window.location.search));
  const [categories, setCategories] = useState<EventCategoryEntry[]>(cachedCategories);
  const [point, setPoint] = useState<Picked | undefined>(prefill.point);
  const [geoBusy, setGeoBusy] = useState(false);
  const [geoError, setGeoError] = useState<string | undefined>();
  const [grid, setGrid] = useState<GridState>({ kind: "idle" });
  const [institutions, setInstitutions] = useState<Institution[] | "loading" | "failed" | undefined>();
  const [category, setCategory] = useState("");
  const [severity, setSeverity] = useState<Severity | "">("");
  const [title, setTitle] = useState(prefill.title ?? "");
  const [description, setDescription] = useState(prefill.description ?? "");
  const [institutionId, setInstitutionId] = useState("");
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [photoBusy, setPhotoBusy] = useState(false);
  const [photoError, setPhotoError] = useState<string | undefined>();
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | undefined>();

  useEffect(() => {
    api<{ items: EventCategoryEntry[] }>("/api/event-categories").then(
      ({ items }) => {
        const active = items.filter((item) => item.active !== false);
        setCategories(active);
        localStorage.setItem(CATEGORY_CACHE, JSON.stringify(active));
      },
      () => undefined,
    );
  }, []);

  // Which grid, and which institutions nearby, for the chosen point.
  useEffect(() => {
    if (!point) return;
    let cancelled = false;
    setGrid({ kind: "checking" });
    setInstitutions("loading");
    setInstitutionId("");
    const query = `lng=${point.lng}&lat=${point.lat}`;
    api<{ grid: RegionRef; path: RegionRef[] }>(`/api/regions/locate?${query}`).then(
      (found) => !cancelled && setGrid({ kind: "found", ...found }),
      (error: unknown) => {
        if (cancelled) return;
        if (error instanceof ApiError && error.code === "no_grid_at_location") {
          const township = (error.details as { nearestTownship?: RegionRef } | undefined)?.nearestTownship;
          setGrid({ kind: "none", township });
        } else setGrid({ kind: error instanceof OfflineError ? "offline" : "failed" });
      },
    );
    api<{ items: Institution[] }>(`/api/institutions?near=${point.lng},${point.lat}&radius=500&limit=20`).then(
      ({ items }) => {
        if (cancelled) return;
        setInstitutions(items);
        if (items.some((item) => item.id === prefill.institutionId)) setInstitutionId(prefill.institutionId ?? "");
      },
      () => !cancelled && setInstitutions("failed"),
    );
    return () => {
      cancelled = true;
    };
  }, [point, prefill.institutionId]);

  const regionName = (region: RegionRef) => (english && region.nameEn ? region.nameEn : region.name);

  const locateMe = () => {
    setGeoError(undefined);
    if (!("geolocation" in navigator)) {
      setGeoError(t("report.geoUnsupported"));
      return;
    }
    setGeoBusy(true);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setGeoBusy(false);
        setPoint({
          lng: Math.round(position.coords.longitude * 1e6) / 1e6,
          lat: Math.round(position.coords.latitude * 1e6) / 1e6,
          accuracy: Math.round(position.coords.accuracy),
        });
        setErrors((old) => ({ ...old, location: undefined }));
      },
      (error) => {
        setGeoBusy(false);
        setGeoError(error.code === error.PERMISSION_DENIED ? t("report.geoDenied") : t("report.geoUnavailable"));
      },
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 30_000 },
    );
  };

  const addPhotos = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    setPhotoError(undefined);
    const room = EVENT_LIMITS.maxAttachments - photos.length;
    const chosen = Array.from(files).slice(0, Math.max(0, room));
    let problem: string | undefined =
      files.length > room ? t("report.photosTooMany", { max: EVENT_LIMITS.maxAttachments }) : undefined;
    setPhotoBusy(true);
    const added: Photo[] = [];
    for (const file of chosen) {
      try {
        const blob = await resizePhoto(file);
        added.push({ blob, url: URL.createObjectURL(blob) });
      } catch {
        problem = t("report.photosFailed");
      }
    }
    setPhotoBusy(false);
    setPhotos((old) => [...old, ...added].slice(0, EVENT_LIMITS.maxAttachments));
    setPhotoError(problem);
  };

  const removePhoto = (index: number) => {
    setPhotos((old) => {
      const gone = old[index];
      if (gone) URL.revokeObjectURL(gone.url);
      return old.filter((_, i) => i !== index);
    });
  };

  const reset = () => {
    for (const photo of photos) URL.revokeObjectURL(photo.url);
    setPhotos([]);
    setPoint(undefined);
    setGrid({ kind: "idle" });
    setInstitutions(undefined);
    setCategory("");
    setSeverity("");
    setTitle("");
    setDescription("");
    setInstitutionId("");
    setErrors({});
  };

  const clearError = (field: Field) => setErrors((old) => (old[field] ? { ...old, [field]: undefined } : old));

  const focusFirstError = (fields: Partial<Record<Field, string>>) => {
    const first = FIELD_ORDER.find((field) => fields[field]);
    if (!first) return;
    formRef.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setNotice(undefined);
    const body = {
      title,
      description,
      category,
      ...(severity ? { severity } : {}),
      ...(point ? { location: { type: "Point" as const, coordinates: [point.lng, point.lat] } } : {}),
      ...(institutionId ? { institutionId } : {}),
      occurredAt: new Date().toISOString(),
      source: prefill.source ?? ("grid_report" as const),
    };
    const parsed = eventReportSchema.safeParse(body);
    if (!parsed.success) {
      const found: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "") as Field;
        if (found[field]) continue;
        found[field] =
          field === "location"
            ? t("report.locationRequired")
            : issue.code === "too_small" || !(body as Record<string, unknown>)[field]
              ? t("report.required")
              : t("report.invalid");
      }
      setErrors(found);
      setNotice({ kind: "error", message: t("report.fixErrors") });
      focusFirstError(found);
      return;
    }
    setErrors({});
    const { attachments: _none, ...reportBody } = parsed.data;
    const report: QueuedReport = {
      key: newIdempotencyKey(),
      body: reportBody,
      photos: photos.map((photo) => photo.blob),
      attachmentIds: [],
      createdAt: new Date().toISOString(),
      state: "waiting",
    };
    setBusy(true);
    try {
      if (!navigator.onLine) throw new OfflineError("offline");
      const code = await sendReport(report);
      await linkFindingToEvent(prefill, code);
      reset();
      setNotice({ kind: "sent", code });
    } catch (error) {
      if (error instanceof OfflineError) {
        // Kept with its key and whatever photos are not uploaded yet; QueuedReports sends it later.
        await putQueued(report);
        reset();
        setNotice({ kind: "queued" });
      } else if (error instanceof ApiError && error.status === 400 && error.issues.length > 0) {
        const found: Partial<Record<Field, string>> = {};
        for (const issue of error.issues) {
          const field = issue.path.replace(/^body\./, "").split(".")[0] as Field;
          found[field] = found[field] ?? issueText(issue, t);
        }
        setErrors(found);
        setNotice({ kind: "error", message: t("report.fixErrors") });
        focusFirstError(found);
      } else {
        setNotice({ kind: "error", message: t("report.failed", { message: (error as Error).message }) });
      }
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (field: Field) =>
    errors[field] ? (
      <p id={`${id}-${field}-error`} className="form__error" role="alert">
        {errors[field]}
      </p>
    ) : null;
  const describedBy = (field: Field) => (errors[field] ? `${id}-${field}-error` : undefined);

  return (
    <main id="main" className="page report-page">
      <h1>{t("report.heading")}</h1>
      <p className="lead">{t("report.lead")}</p>
      <QueuedReports />
      {notice && (
        <p
          className={`report-notice report-notice--${notice.kind}`}
          role={notice.kind === "error" ? "alert" : "status"}
        >
          {notice.kind === "sent"
            ? t("report.sent", { code: notice.code })
            : notice.kind === "queued"
              ? t("report.queuedNotice")
              : notice.message}
        </p>
      )}
      <form ref={formRef} className="card form report-form" onSubmit={submit} noValidate>
        <fieldset className="report-fieldset">
          <legend>{t("report.locationLegend")}</legend>
          <button
            type="button"
            className="button-secondary report-big"
            onClick={locateMe}
            disabled={geoBusy}
            data-field="location"
            aria-describedby={describedBy("location")}
          >
            {geoBusy ? t("report.locating") : t("report.useMyPosition")}
          </button>
          {geoError && (
            <p className="form__error" role="alert">
              {geoError}
            </p>
          )}
          <p className="muted">{t("report.mapHint")}</p>
          <Suspense fallback={<div className="report-map report-map--loading">{t("report.mapLoading")}</div>}>
            <LocationPicker
              scope={me?.scope ?? []}
              value={point}
              onPick={(picked) => {
                setPoint(picked);
                setErrors((old) => ({ ...old, location: undefined }));
              }}
            />
          </Suspense>
          <div aria-live="polite">
            {point && (
              <p className="report-point">
                {point.accuracy !== undefined
                  ? t("report.pickedAt", { longitude: point.lng, latitude: point.lat, accuracy: point.accuracy })
                  : t("report.pickedAtMap", { longitude: point.lng, latitude: point.lat })}
              </p>
            )}
            {grid.kind === "checking" && <p className="muted">{t("report.checkingGrid")}</p>}
            {grid.kind === "found" && (
              <p className="report-grid report-grid--ok">
                <strong>{t("report.inGrid", { name: regionName(grid.grid) })}</strong>
                <br />
                <span className="muted">{grid.path.map(regionName).join(" › ")}</span>
              </p>
            )}
            {grid.kind === "offline" && <p className="muted">{t("report.gridOffline")}</p>}
            {grid.kind === "failed" && <p className="muted">{t("report.gridFailed")}</p>}
          </div>
          {grid.kind === "none" && (
            <p className="form__error" role="alert">
              {t("report.noGrid")}
              {grid.township && <> {t("report.nearestTownship", { name: regionName(grid.township) })}</>}
            </p>
          )}
          {fieldError("location")}
        </fieldset>

        <label>
          {t("report.category")}
          <select
            value={category}
            onChange={(e) => {
              setCategory(e.target.value);
              clearError("category");
            }}
            required
            data-field="category"
            aria-invalid={!!errors.category}
            aria-describedby={describedBy("category")}
          >
            <option value="">{t("report.categoryChoose")}</option>
            {categories.map((entry) => (
              <option key={entry.code} value={entry.code}>
                {english && entry.nameEn ? entry.nameEn : entry.name}
              </option>
            ))}
          </select>
        </label>
        {fieldError("category")}

        <label>
          {t("report.severity")}
          <select
            value={severity}
            onChange={(e) => {
              setSeverity(e.target.value as Severity | "");
              clearError("severity");
            }}
            data-field="severity"
            aria-invalid={!!errors.severity}
            aria-describedby={describedBy("severity")}
          >
            <option value="">{t("report.severityNone")}</option>
            {SEVERITIES.map((grade) => (
              <option key={grade} value={grade}>
                {t(`report.severities.${grade}`)}
              </option>
            ))}
          </select>
        </label>
        {fieldError("severity")}

        <label>
          {t("report.title")}
          <input
            value={title}
            onChange={(e) => {
              setTitle(e.target.value);
              clearError("title");
            }}
            maxLength={EVENT_LIMITS.maxTitleLength}
            required
            data-field="title"
            aria-invalid={!!errors.title}
            aria-describedby={describedBy("title")}
          />
        </label>
        {fieldError("title")}

        <label>
          {t("report.description")}
          <textarea
            value={description}
            onChange={(e) => {
              setDescription(e.target.value);
              clearError("description");
            }}
            maxLength={EVENT_LIMITS.maxDescriptionLength}
            rows={4}
            required
            data-field="description"
            aria-invalid={!!errors.description}
            aria-describedby={describedBy("description")}
          />
        </label>
        {fieldError("description")}

        <label>
          {t("report.institution")}
          <select
            value={institutionId}
            onChange={(e) => {
              setInstitutionId(e.target.value);
              clearError("institutionId");
            }}
            disabled={!Array.isArray(institutions) || institutions.length === 0}
            data-field="institutionId"
            aria-invalid={!!errors.institutionId}
            aria-describedby={`${id}-institution-hint${errors.institutionId ? ` ${id}-institutionId-error` : ""}`}
          >
            <option value="">{t("report.institutionNone")}</option>
            {Array.isArray(institutions) &&
              institutions.map((institution) => (
                <option key={institution.id} value={institution.id}>
                  {t("report.institutionOption", {
                    name: institution.name,
                    distance: Math.round(institution.distanceMeters ?? 0),
                  })}
                </option>
              ))}
          </select>
        </label>
        <p id={`${id}-institution-hint`} className="muted report-hint">
          {institutions === undefined
            ? t("report.institutionNeedsLocation")
            : institutions === "loading"
              ? t("report.institutionsLoading")
              : institutions === "failed"
                ? t("report.institutionsFailed")
                : institutions.length === 0
                  ? t("report.institutionsNone")
                  : null}
        </p>
        {fieldError("institutionId")}

        <div className="report-photos">
          <label className="button-secondary report-big report-photos__add" htmlFor={`${id}-photos`}>
            {t("report.photos", { max: EVENT_LIMITS.maxAttachments })}
            <span className="muted">{t("report.photosAdd")}</span>
            <CameraInput
              id={`${id}-photos`}
              disabled={photoBusy || photos.length >= EVENT_LIMITS.maxAttachments}
              data-field="attachments"
              onFiles={(files) => void addPhotos(files)}
            />
          </label>
          {photoBusy && <p className="muted">{t("report.photosResizing")}</p>}
          {photoError && (
            <p className="form__error" role="alert">
              {photoError}
            </p>
          )}
          {photos.length > 0 && (
            <ul className="report-photos__list">
              {photos.map((photo, index) => (
                <li key={photo.url}>
                  <img src={photo.url} alt={t("report.photoAlt", { n: index + 1 })} />
                  <button
                    type="button"
                    className="report-photos__remove"
                    aria-label={t("report.photoRemove", { n: index + 1 })}
                    onClick={() => removePhoto(index)}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
          {fieldError("attachments")}
        </div>

        <button type="submit" className="button-primary report-big" disabled={busy || photoBusy}>
          {busy ? t("report.sending") : t("report.send")}
        </button>
      </form>
    </main>
  );
}
