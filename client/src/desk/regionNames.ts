import { PAGE_LIMITS } from "@gridrisk/shared";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/http";

/** Names of the grids in the user's territory by id, in the interface language (empty until loaded). */
export function useGridNames(): Map<string, string> {
  const { i18n } = useTranslation();
  const english = i18n.language === "en";
  const [regions, setRegions] = useState<{ id: string; name: string; nameEn?: string }[]>([]);
  useEffect(() => {
    let cancelled = false;
    api<{ items: { id: string; name: string; nameEn?: string }[] }>(
      `/api/regions?level=grid&limit=${PAGE_LIMITS.maxLimit}`,
    ).then(
      (answer) => {
        if (!cancelled) setRegions(answer.items);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, []);
  return useMemo(
    () => new Map(regions.map((region) => [region.id, (english && region.nameEn) || region.name])),
    [regions, english],
  );
}
