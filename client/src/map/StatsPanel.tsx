import { DEFAULT_EVENT_CATEGORY_ENTRIES, EVENT_STATUSES, type MetricFigures, type MetricsView } from "@gridrisk/shared";
import { Chart, type ChartConfiguration, registerables } from "chart.js";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

Chart.register(...registerables);
Chart.defaults.font.family = getComputedStyle(document.documentElement).getPropertyValue("--font") || "sans-serif";

const PALETTE = ["#0f4c81", "#f5a623", "#1b7f3b", "#b42318", "#6f42c1", "#17a2b8", "#e83e8c", "#795548", "#607d8b"];
/** The stages of the funnel: how far the period's events got. */
const FUNNEL = ["reported", "assessed", "handled", "closed"] as const;

function percent(rate: number | null): string {
  return rate === null ? "—" : `${(rate * 100).toFixed(1)}%`;
}

function hours(ms: number | null): string {
  return ms === null ? "—" : (ms / 3600_000).toFixed(1);
}

/** A canvas holding one chart, rebuilt when its configuration changes. */
function ChartCanvas({ config, label }: { config: ChartConfiguration; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
  }, [config]);
  return (
    <div className="stats-chart">
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}

/** The figures of the watched region beside the map: key rates, trend, funnel, ranking, category mix. */
export function StatsPanel({ metrics }: { metrics: MetricsView | undefined }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === "en";
  const configs = useRef<{ key: string; charts: ChartConfiguration[] } | undefined>(undefined);
  if (!metrics) return <p className="muted">{t("map.statsLoading")}</p>;
  const totals: MetricFigures = metrics.totals;
  const key = `${metrics.asOf}|${metrics.from}|${metrics.region.id}|${i18n.language}`;
  if (configs.current?.key !== key) {
    const name = (region: MetricsView["byRegion"][number]["region"]) => (english && region.nameEn) || region.name;
    const ranking = [...metrics.byRegion]
      .filter((row) => row.onTimeHandlingRate !== null)
      .sort((a, b) => (b.onTimeHandlingRate ?? 0) - (a.onTimeHandlingRate ?? 0))
      .slice(0, 12);
    const categoryName = (code: string) => {
      const entry = DEFAULT_EVENT_CATEGORY_ENTRIES.find((candidate) => candidate.code === code);
      return entry ? (english && entry.nameEn) || entry.name : code;
    };
    configs.current = {
      key,
      charts: [
        {
          type: "line",
          data: {
            labels: metrics.daily.map((day) => day.date.slice(5)),
            datasets: [
              {
                label: t("map.reported"),
                data: metrics.daily.map((day) => day.reported),
                borderColor: PALETTE[0],
                pointRadius: 0,
                tension: 0.3,
              },
              {
                label: t("map.closed"),
                data: metrics.daily.map((day) => day.closed),
                borderColor: PALETTE[2],
                pointRadius: 0,
                tension: 0.3,
              },
            ],
          },
          options: { animation: false, maintainAspectRatio: false, plugins: { legend: { position: "bottom" } } },
        },
        {
          type: "bar",
          data: {
            labels: FUNNEL.map((stage) => t(`map.funnel.${stage}`)),
            datasets: [
              {
                label: t("map.events"),
                data: FUNNEL.map((stage) => totals[stage]),
                backgroundColor: PALETTE.slice(0, 4),
              },
            ],
          },
          options: {
            animation: false,
            maintainAspectRatio: false,
            indexAxis: "y",
            plugins: { legend: { display: false } },
          },
        },
        {
          type: "bar",
          data: {
            labels: ranking.map((row) => name(row.region)),
            datasets: [
              {
                label: t("map.onTimeHandling"),
                data: ranking.map((row) => Math.round((row.onTimeHandlingRate ?? 0) * 1000) / 10),
                backgroundColor: PALETTE[0],
              },
            ],
          },
          options: {
            animation: false,
            maintainAspectRatio: false,
            indexAxis: "y",
            plugins: { legend: { display: false } },
            scales: { x: { min: 50, max: 100, ticks: { callback: (value) => `${value}%` } } },
          },
        },
        {
          type: "doughnut",
          data: {
            labels: metrics.byCategory.map((row) => categoryName(row.category)),
            datasets: [{ data: metrics.byCategory.map((row) => row.reported), backgroundColor: PALETTE }],
          },
          options: {
            animation: false,
            maintainAspectRatio: false,
            plugins: { legend: { position: "right", labels: { boxWidth: 10, font: { size: 11 } } } },
          },
        },
      ],
    };
  }
  const [trend, funnel, ranking, mix] = configs.current.charts as ChartConfiguration[];
  const open = EVENT_STATUSES.filter((status) => !["closed", "dismissed", "merged"].includes(status)).reduce(
    (sum, status) => sum + (metrics.byStatus[status] ?? 0),
    0,
  );
  const figures: [string, string][] = [
    [t("map.reported"), String(totals.reported)],
    [t("map.open"), String(open)],
    [t("map.overdueNow"), String(totals.overdueNow)],
    [t("map.onTimeAssessment"), percent(totals.onTimeAssessmentRate)],
    [t("map.onTimeHandling"), percent(totals.onTimeHandlingRate)],
    [t("map.closureRate"), percent(totals.closureRate)],
    [t("map.reworkRate"), percent(totals.reworkRate)],
    [t("map.urgings"), String(totals.urgings)],
  ];
  return (
    <div className="stats-panel">
      <dl className="stats-figures">
        {figures.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <table className="stats-stages">
        <caption>{t("map.stageHours")}</caption>
        <thead>
          <tr>
            <th />
            <th>{t("map.mean")}</th>
            <th>P90</th>
          </tr>
        </thead>
        <tbody>
          {(["assessment", "handling", "followUp"] as const).map((stage) => (
            <tr key={stage}>
              <th scope="row">{t(`map.stages.${stage}`)}</th>
              <td>{hours(totals.stages[stage].meanMs)}</td>
              <td>{hours(totals.stages[stage].p90Ms)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t("map.trend")}</h3>
      {trend && <ChartCanvas config={trend} label={t("map.trend")} />}
      <h3>{t("map.funnelTitle")}</h3>
      {funnel && <ChartCanvas config={funnel} label={t("map.funnelTitle")} />}
      <h3>{t("map.ranking")}</h3>
      {ranking && <ChartCanvas config={ranking} label={t("map.ranking")} />}
      <h3>{t("map.categoryMix")}</h3>
      {mix && <ChartCanvas config={mix} label={t("map.categoryMix")} />}
    </div>
  );
}
