import { CALENDAR_PERIOD_KINDS, type CalendarYearInput } from "@gridrisk/shared";
import mongoose, { type InferSchemaType, Schema, type Types } from "mongoose";

/** A named stretch of the year (春节, 寒假…); a small document inside the year's flat array. */
const calendarPeriodSchema = new Schema(
  {
    name: { type: String, required: true },
    nameEn: { type: String, required: true },
    kind: { type: String, enum: CALENDAR_PERIOD_KINDS, required: true },
    start: { type: String, required: true },
    end: { type: String, required: true },
    approximate: { type: Boolean },
  },
  { _id: false },
);

/**
 * One year of the working calendar as the admin saved it; it replaces the shipped data of that
 * year. Dates are "YYYY-MM-DD" strings in flat arrays (FerretDB v1 has no nested arrays).
 */
const calendarYearSchema = new Schema(
  {
    /** The year, e.g. "2026". */
    _id: { type: String, required: true },
    provisional: { type: Boolean, default: false },
    notice: { type: String },
    holidays: { type: [String], default: [] },
    workdays: { type: [String], default: [] },
    periods: { type: [calendarPeriodSchema], default: [] },
    /** The admin who saved it last. */
    updatedBy: { type: Schema.Types.ObjectId },
  },
  { timestamps: true, collection: "calendar_years", versionKey: false },
);

export type CalendarYearDoc = InferSchemaType<typeof calendarYearSchema> & {
  _id: string;
  updatedBy?: Types.ObjectId;
  updatedAt: Date;
};
export const CalendarYearModel = mongoose.model("CalendarYear", calendarYearSchema);

/** The stored year in the shape of the admin's input, for validating it again and presenting it. */
export function calendarYearInputOf(doc: CalendarYearDoc): CalendarYearInput {
  return {
    provisional: doc.provisional ?? false,
    ...(doc.notice ? { notice: doc.notice } : {}),
    holidays: [...doc.holidays],
    workdays: [...doc.workdays],
    periods: doc.periods.map((period) => ({
      name: period.name,
      nameEn: period.nameEn,
      kind: period.kind,
      start: period.start,
      end: period.end,
      ...(typeof period.approximate === "boolean" ? { approximate: period.approximate } : {}),
    })),
  };
}
