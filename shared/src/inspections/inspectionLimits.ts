/** Sizes of inspection plans, tasks and meetings, read by schemas, models and forms alike. */
export const INSPECTION_LIMITS = {
  maxPlanNameLength: 100,
  maxRruleLength: 500,
  maxDatesPerList: 200,
  maxPeriodRefs: 20,
  maxScopeRegions: 50,
  maxDepartments: 20,
  maxChecklistItems: 40,
  maxChecklistItemLength: 200,
  maxNoteLength: 1000,
  maxFindings: 20,
  maxPhotosPerFinding: 6,
  /** How far ahead the scheduler materialises tasks. */
  materialiseDays: 30,
  /** Most targets one occurrence produces (protects the scheduler from a city-wide filter). */
  maxTargetsPerOccurrence: 500,
  maxMinutesLength: 5000,
  maxDecisions: 30,
  maxEventsPerDecision: 20,
} as const;
