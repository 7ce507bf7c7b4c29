/** One row of GET /api/oversight/ranking. */
export interface RankingRow {
  region: { id: string; name: string; level: "district" | "township" };
  events: number;
  handled: number;
  onTime: number;
  onTimeRate: number | null;
  reworked: number;
  reworkRate: number | null;
  overdueNow: number;
  urgings: number;
  answeredUrgings: number;
  medianAnswerHours: number | null;
}

/** One urging of GET /api/oversight/urgings. */
export interface UrgingRow {
  event: { id: string; code: string; title: string; status: string };
  at: string;
  by: string;
  automatic: boolean;
  note: string | null;
  answeredAt: string | null;
  answerHours: number | null;
}
