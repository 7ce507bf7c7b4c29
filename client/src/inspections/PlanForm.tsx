import {
  type CalendarPeriod,
  FUND_SUPERVISION_LABELS,
  FUND_SUPERVISION_STATUSES,
  INSTITUTION_TYPE_LABELS,
  INSTITUTION_TYPES,
  inspectionPlanInputSchema,
  LICENCE_STATUS_LABELS,
  LICENCE_STATUSES,
  type PlanKind,
} from "@gridrisk/shared";
import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../api/http";
import { issuesOf, issueText } from "../forms/issueText";
import { departmentLabels } from "./departmentLabels";
import { FormMessage } from "./FormMessage";

interface Named {
  id: string;
  name: string;
  nameEn?: string;
  regionId?: string;
}

const lines = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

/** Checkboxes that keep a list of chosen values. */
function Choices<T extends string>(props: {
  legend: string;
  values: readonly T[];
  chosen: T[];
  label: (value: T) => string;
  onChange: (chosen: T[]) => void;
}) {
  return (
    <fieldset className="inspection-periods">
      <legend>{props.legend}</legend>
      {props.values.map((value) => (
        <label key={value}>
          <input
            type="checkbox"
            checked={props.chosen.includes(value)}
            onChange={(e) =>
              props.onChange(e.target.checked ? [...props.chosen, value] : props.chosen.filter((v) => v !== value))
            }
          />
          {props.label(value)}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * The form of a new plan (inspection or joint meeting), checked in the browser by the shared
 * schema the server uses (the RRULE by the same parser); problems, the browser's or the server's,
 * are shown at their field.
 */
export function PlanForm(props: { regionId: string; periods: CalendarPeriod[]; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith("en");
  const label = (entry: { zh: string; en: string }) => (english ? entry.en : entry.zh);
  const nameOf = (item: Named) => (english && item.nameEn ? item.nameEn : item.name);
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const [kind, setKind] = useState<PlanKind>("inspection");
  const [name, setName] = useState("");
  const [regions, setRegions] = useState<Named[]>([]);
  const [departments, setDepartments] = useState<Named[]>([]);
  const [scopeRegions, setScopeRegions] = useState<string[]>([props.regionId]);
  const [types, setTypes] = useState<(typeof INSTITUTION_TYPES)[number][]>([]);
  const [licences, setLicences] = useState<(typeof LICENCE_STATUSES)[number][]>([]);
  const [funds, setFunds] = useState<(typeof FUND_SUPERVISION_STATUSES)[number][]>([]);
  const [departmentIds, setDepartmentIds] = useState<string[]>([]);
  const [rrule, setRrule] = useState("FREQ=MONTHLY;BYMONTHDAY=10");
  const [startDate, setStartDate] = useState(today);
  const [endDate, setEndDate] = useState("");
  const [rdates, setRdates] = useState("");
  const [exdates, setExdates] = useState("");
  const [periodNames, setPeriodNames] = useState<string[]>([]);
  const [periodDays, setPeriodDays] = useState<"first" | "all">("first");
  const [windowStart, setWindowStart] = useState("09:00");
  const [windowEnd, setWindowEnd] = useState("17:00");
  const [assignee, setAssignee] = useState<"grid_worker" | "department">("grid_worker");
  const [assigneeDepartment, setAssigneeDepartment] = useState("");
  const [checklist, setChecklist] = useState("");
  const [issues, setIssues] = useState<Record<string, string>>({});
  /** A save is under way (a plan's first tasks take seconds to schedule): no second click. */
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | undefined>();

  useEffect(() => {
    api<{ items: Named[] }>(`/api/regions?parent=${props.regionId}&limit=200`).then(
      ({ items }) => setRegions(items),
      () => setRegions([]),
    );
    api<{ items: Named[] }>(`/api/departments?region=${props.regionId}`).then(
      ({ items }) => setDepartments(items),
      () => setDepartments([]),
    );
  }, [props.regionId]);

  const body = {
    kind,
    name,
    regionId: props.regionId,
    departmentIds,
    recurrence: {
      startDate,
      ...(endDate ? { endDate } : {}),
      ...(rrule.trim() ? { rrule: rrule.trim() } : {}),
      rdates: lines(rdates),
      exdates: lines(exdates),
      periods: periodNames.map((periodName) => ({ name: periodName, days: periodDays })),
    },
    window: { start: windowStart, end: windowEnd },
    ...(kind === "inspection"
      ? {
          scope: {
            regionIds: scopeRegions,
            ...(types.length ? { institutionTypes: types } : {}),
            ...(licences.length ? { licenceStatuses: licences } : {}),
            ...(funds.length ? { fundSupervision: funds } : {}),
          },
          assignee:
            assignee === "department" ? { kind: "department", departmentId: assigneeDepartment } : { kind: assignee },
          checklist: lines(checklist),
        }
      : {}),
  };
  const parsed = inspectionPlanInputSchema.safeParse(body);
  // Checked as one types: the rule's problem shows at once, translated.
  const rruleIssue = parsed.success
    ? undefined
    : issuesOf(parsed.error).find((issue) => issue.path === "recurrence.rrule" && issue.message.includes("RRULE"));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(undefined);
    if (!parsed.success) {
      setIssues(Object.fromEntries(issuesOf(parsed.error).map((issue) => [issue.path, issueText(issue, t)])));
      setMessage({ kind: "error", text: t("prevention.plans.fixErrors") });
      return;
    }
    setIssues({});
    setBusy(true);
    try {
      await api("/api/inspection-plans", { method: "POST", json: parsed.data });
      setMessage({ kind: "ok", text: t("prevention.saved") });
      setName("");
      props.onSaved();
    } catch (error) {
      if (error instanceof ApiError && error.issues.length > 0) {
        setIssues(
          Object.fromEntries(error.issues.map((issue) => [issue.path.replace(/^body\./, ""), issueText(issue, t)])),
        );
        setMessage({ kind: "error", text: t("prevention.plans.fixErrors") });
      } else {
        setMessage({ kind: "error", text: t("prevention.failed", { message: (error as Error).message }) });
      }
    } finally {
      setBusy(false);
    }
  };
  /** The problems found at a field (and below it), prefixed by a translated "wrong here". */
  const problem = (path: string): ReactNode => {
    const found = Object.entries(issues).filter(([at]) => at === path || at.startsWith(`${path}.`));
    return found.length ? (
      <p className="form__error" role="alert">
        {found.map(([, text]) => t("prevention.plans.problem", { text })).join("；")}
      </p>
    ) : null;
  };
  const departmentName = departmentLabels(departments, props.regionId, english, t);
  const uniquePeriods = [...new Set(props.periods.map((period) => period.name))];

  return (
    <form className="form" onSubmit={submit} noValidate>
      <fieldset className="inspection-periods">
        <legend>{t("prevention.plans.kind")}</legend>
        {(["inspection", "meeting"] as const).map((value) => (
          <label key={value}>
            <input type="radio" name="kind" checked={kind === value} onChange={() => setKind(value)} />
            {t(`prevention.plans.kinds.${value}`)}
          </label>
        ))}
      </fieldset>
      <label>
        {t("prevention.plans.name")}
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
      </label>
      {problem("name")}
      {kind === "inspection" && (
        <>
          <Choices
            legend={t("prevention.plans.scope")}
            values={[props.regionId, ...regions.map((region) => region.id)]}
            chosen={scopeRegions}
            label={(id) =>
              id === props.regionId
                ? t("prevention.plans.wholeRegion")
                : nameOf(regions.find((region) => region.id === id) ?? { id, name: id })
            }
            onChange={setScopeRegions}
          />
          {problem("scope.regionIds")}
          <Choices
            legend={t("prevention.plans.types")}
            values={INSTITUTION_TYPES}
            chosen={types}
            label={(value) => label(INSTITUTION_TYPE_LABELS[value])}
            onChange={setTypes}
          />
          <Choices
            legend={t("prevention.plans.licences")}
            values={LICENCE_STATUSES}
            chosen={licences}
            label={(value) => label(LICENCE_STATUS_LABELS[value])}
            onChange={setLicences}
          />
          <Choices
            legend={t("prevention.plans.funds")}
            values={FUND_SUPERVISION_STATUSES}
            chosen={funds}
            label={(value) => label(FUND_SUPERVISION_LABELS[value])}
            onChange={setFunds}
          />
          <p className="muted">{t("prevention.plans.filterHint")}</p>
        </>
      )}
      <Choices
        legend={kind === "meeting" ? t("prevention.meetings.departments") : t("prevention.plans.departments")}
        values={departments.map((department) => department.id)}
        chosen={departmentIds}
        label={(id) => departmentName.get(id) ?? id}
        onChange={setDepartmentIds}
      />
      {problem("departmentIds")}
      <label>
        {t("prevention.plans.rrule")}
        <input value={rrule} onChange={(e) => setRrule(e.target.value)} aria-invalid={!!rruleIssue} />
      </label>
      {rruleIssue ? (
        <p className="form__error" role="alert">
          {t("prevention.plans.problem", { text: issueText(rruleIssue, t) })}
        </p>
      ) : (
        (problem("recurrence.rrule") ?? <p className="muted">{t("prevention.plans.rruleHint")}</p>)
      )}
      <label>
        {t("prevention.plans.startDate")}
        <input type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} required />
      </label>
      <label>
        {t("prevention.plans.endDate")}
        <input type="date" value={endDate} onChange={(e) => setEndDate(e.target.value)} />
      </label>
      {problem("recurrence.startDate")}
      {problem("recurrence.endDate")}
      <Choices
        legend={t("prevention.plans.periods")}
        values={uniquePeriods}
        chosen={periodNames}
        label={(periodName) =>
          english ? (props.periods.find((p) => p.name === periodName)?.nameEn ?? periodName) : periodName
        }
        onChange={setPeriodNames}
      />
      <label>
        {t("prevention.plans.periodDays")}
        <select value={periodDays} onChange={(e) => setPeriodDays(e.target.value as "first" | "all")}>
          <option value="first">{t("prevention.plans.periodFirst")}</option>
          <option value="all">{t("prevention.plans.periodAll")}</option>
        </select>
      </label>
      <label>
        {t("prevention.plans.rdates")}
        <textarea value={rdates} onChange={(e) => setRdates(e.target.value)} rows={2} />
      </label>
      {problem("recurrence.rdates")}
      <label>
        {t("prevention.plans.exdates")}
        <textarea value={exdates} onChange={(e) => setExdates(e.target.value)} rows={2} />
      </label>
      {problem("recurrence.exdates")}
      <label>
        {t("prevention.plans.windowStart")}
        <input type="time" value={windowStart} onChange={(e) => setWindowStart(e.target.value)} />
      </label>
      <label>
        {t("prevention.plans.windowEnd")}
        <input type="time" value={windowEnd} onChange={(e) => setWindowEnd(e.target.value)} />
      </label>
      {problem("window")}
      {kind === "inspection" && (
        <>
          <fieldset className="inspection-periods">
            <legend>{t("prevention.plans.assignee")}</legend>
            <label>
              <input
                type="radio"
                name="assignee"
                checked={assignee === "grid_worker"}
                onChange={() => setAssignee("grid_worker")}
              />
              {t("prevention.plans.assigneeGrid")}
            </label>
            <label>
              <input
                type="radio"
                name="assignee"
                checked={assignee === "department"}
                onChange={() => setAssignee("department")}
              />
              {t("prevention.plans.assigneeDepartment")}
            </label>
            {assignee === "department" && (
              <select value={assigneeDepartment} onChange={(e) => setAssigneeDepartment(e.target.value)}>
                <option value="">{t("prevention.plans.chooseDepartment")}</option>
                {departments.map((department) => (
                  <option key={department.id} value={department.id}>
                    {departmentName.get(department.id)}
                  </option>
                ))}
              </select>
            )}
          </fieldset>
          {problem("assignee")}
          <label>
            {t("prevention.plans.checklist")}
            <textarea value={checklist} onChange={(e) => setChecklist(e.target.value)} rows={4} />
          </label>
          {problem("checklist")}
        </>
      )}
      <FormMessage message={message} />
      <button type="submit" className="button-primary" disabled={busy} aria-busy={busy}>
        {busy ? t("prevention.saving") : t("prevention.plans.save")}
      </button>
    </form>
  );
}
