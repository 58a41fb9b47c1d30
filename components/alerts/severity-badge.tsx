import { Badge, type TTone } from "@/components/ui/badge";

export const SEVERITY_TONE: Record<string, TTone> = { critical: "crit", warning: "warn", info: "info" };
export const SEVERITY_BORDER: Record<string, string> = { critical: "border-l-crit", warning: "border-l-warn", info: "border-l-info" };

export function SeverityBadge({ severity }: { severity: string }) {
  return <Badge tone={SEVERITY_TONE[severity] ?? "neutral"}>{severity}</Badge>;
}
