export * from "./calendarData";
export * from "./calendarSchemas";
export * from "./deadlinePolicy";
export * from "./workingCalendar";
