import type { MetricFigures, MetricsRegion, MetricsView, Severity } from "@gridrisk/shared";
import type { MetricsComputation } from "../metrics/metricsComputation";
import type { RegionSummary } from "../territory/territoryRegistry";

/** A region as the figures name it. */
export function presentMetricsRegion(region: RegionSummary): MetricsRegion {
  return { id: region.id, name: region.name, ...(region.nameEn ? { nameEn: region.nameEn } : {}), level: region.level };
}

const hasAnything = (figures: MetricFigures) => figures.reported > 0 || figures.overdueNow > 0;

/** The body of GET /api/metrics: every child region listed, other slices only when they count something. */
export function presentMetrics(
  region: RegionSummary,
  children: readonly RegionSummary[],
  computed: MetricsComputation,
  empty: MetricFigures,
  period: { from: Date; to: Date; asOf: Date },
): MetricsView {
  return {
    region: presentMetricsRegion(region),
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    totals: computed.totals,
    byRegion: children.map((child) => ({
      region: presentMetricsRegion(child),
      ...(computed.byChild.get(child.id) ?? empty),
    })),
    byCategory: [...computed.byCategory]
      .filter(([, figures]) => hasAnything(figures))
      .map(([category, figures]) => ({ category, ...figures }))
      .sort((a, b) => b.reported - a.reported),
    bySeverity: [...computed.bySeverity]
      .filter(([, figures]) => hasAnything(figures))
      .map(([severity, figures]) => ({ severity: severity as Severity, ...figures })),
    daily: computed.daily,
    byStatus: computed.byStatus,
    asOf: period.asOf.toISOString(),
  };
}
