import "server-only";
import { db } from "@/lib/db/client";
import { THRESHOLDS, THRESHOLD_KEYS, settingKey, thresholdFromRow, type TThresholdKey } from "@/lib/settings/thresholds";

export type TThresholdRow = { key: TThresholdKey; label: string; unit: string; group: string; value: number; isDefault: boolean; updatedBy: string | null; updatedAt: Date | null };

/** Current thresholds (stored value or the guides' default). Readable by every signed-in role. */
export async function listThresholds(): Promise<TThresholdRow[]> {
  const rows = await db.setting.findMany({ where: { key: { in: THRESHOLD_KEYS.map(settingKey) } } });
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return THRESHOLD_KEYS.map((key) => {
    const row = byKey.get(settingKey(key));
    const def = THRESHOLDS[key];
    return {
      key,
      label: def.label,
      unit: def.unit,
      group: def.group,
      value: thresholdFromRow(key, row),
      isDefault: !row,
      updatedBy: row?.updatedBy ?? null,
      updatedAt: row?.updatedAt ?? null,
    };
  });
}
