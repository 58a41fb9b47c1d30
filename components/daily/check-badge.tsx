import { Badge, type TTone } from "@/components/ui/badge";
import type { TCheckStatus } from "@/lib/daily/status";

const TONE: Record<TCheckStatus, TTone> = { pass: "ok", warn: "warn", fail: "crit" };
const LABEL: Record<TCheckStatus, string> = { pass: "Pass", warn: "Warn", fail: "Fail" };

export function CheckBadge({ status }: { status: TCheckStatus | null }) {
  if (!status) return <Badge tone="info">Running</Badge>;
  return <Badge tone={TONE[status]}>{LABEL[status]}</Badge>;
}
