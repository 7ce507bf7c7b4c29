import { useTranslation } from "react-i18next";
import { formatDuration } from "./clock";

/** Time left until `deadline`, or how late it is, given the current time. */
export function Countdown({ deadline, now }: { deadline: string | undefined; now: number }) {
  const { t } = useTranslation();
  if (!deadline) return <span className="countdown countdown--none">{t("desk.noDeadline")}</span>;
  const left = new Date(deadline).getTime() - now;
  const late = left < 0;
  return (
    <span className={late ? "countdown countdown--late" : left < 3_600_000 ? "countdown countdown--soon" : "countdown"}>
      {late
        ? t("desk.overdueBy", { duration: formatDuration(left, t("desk.dayUnit")) })
        : t("desk.timeLeft", { duration: formatDuration(left, t("desk.dayUnit")) })}
    </span>
  );
}

/** The severity as a coloured badge. */
export function SeverityBadge({ severity }: { severity: string }) {
  const { t } = useTranslation();
  return <span className={`badge severity severity--${severity}`}>{t(`severities.${severity}`)}</span>;
}

/** The status as a badge. */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge status status--${status}`}>{t(`statuses.${status}`)}</span>;
}
