/** A timeline entry as the oversight figures read it. */
export interface TimelineFact {
  action: string;
  at: Date;
  actorRole: string;
  actorName: string;
  note?: string | null;
}

/** One urging (督办) and when the event's owners answered it. */
export interface UrgingResponse {
  at: Date;
  by: string;
  automatic: boolean;
  note: string | null;
  /** The first action after the urging by someone who handles the event; null while unanswered. */
  answeredAt: Date | null;
  answerHours: number | null;
}

const URGINGS = new Set(["urge", "auto_urge"]);
// Entries that do not answer an urging: more urgings, the clock's own marks, remarks of overseers.
const NOT_AN_ANSWER = new Set(["urge", "auto_urge", "overdue"]);
const OVERSEER_ROLES = new Set(["supervisor", "system"]);

/** Each urging of a timeline with the time the owners took to act on it. */
export function urgingResponses(timeline: readonly TimelineFact[]): UrgingResponse[] {
  return timeline.flatMap((entry, index) => {
    if (!URGINGS.has(entry.action)) return [];
    const answer = timeline
      .slice(index + 1)
      .find((later) => !NOT_AN_ANSWER.has(later.action) && !OVERSEER_ROLES.has(later.actorRole));
    return [
      {
        at: entry.at,
        by: entry.actorName,
        automatic: entry.action === "auto_urge",
        note: entry.note ?? null,
        answeredAt: answer?.at ?? null,
        answerHours: answer ? Math.round(((answer.at.getTime() - entry.at.getTime()) / 3_600_000) * 10) / 10 : null,
      },
    ];
  });
}

/** The median of some numbers, or null for none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
