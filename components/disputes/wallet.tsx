import { Ban } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { shortWallet } from "@/components/disputes/format";

/**
 * A wallet as every dispute page shows it: short on screen, whole on hover and for screen readers,
 * and a "Blacklisted" flag (with its reason) wherever a blacklisted wallet appears.
 */
export function Wallet({ address, blacklisted, full = false }: { address: string; blacklisted?: string | null; full?: boolean }) {
  return (
    <span className="inline-flex min-w-0 flex-wrap items-center gap-1">
      <code className={full ? "break-all font-mono text-xs" : "font-mono text-xs"} title={address}>
        {full ? address : shortWallet(address)}
      </code>
      {blacklisted && (
        <span title={`Blacklisted: ${blacklisted}`} data-testid="blacklisted-flag">
          <Badge tone="crit">
            <Ban size={12} aria-hidden /> Blacklisted
          </Badge>
        </span>
      )}
    </span>
  );
}
