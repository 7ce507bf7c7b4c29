/** Lengths and counts of event fields, read by schemas, models and forms alike. */
export const EVENT_LIMITS = {
  maxTitleLength: 100,
  maxDescriptionLength: 2000,
  maxNoteLength: 2000,
  maxTasks: 10,
  maxAttachments: 9,
  /** Reports may be dated this far in the future, for clock skew of phones. */
  maxFutureSkewMinutes: 5,
  idempotencyKeyPattern: /^[A-Za-z0-9_-]{8,100}$/,
} as const;
