import Link from "next/link";
import { OctagonAlert } from "lucide-react";
import type { TEscrowPauseNotice } from "@/lib/chains/escrow-notice";

/** RB-05's "communicate": while the escrow is paused, every page says so. */
export function EscrowPauseBanner({ notice }: { notice: TEscrowPauseNotice }) {
  return (
    <div role="alert" className="flex flex-wrap items-center gap-2 bg-crit px-4 py-2 text-sm font-medium text-white">
      <OctagonAlert size={16} aria-hidden />
      <span>Escrow paused — all trading is blocked. {notice.note}</span>
      <Link href="/chains" className="underline">
        Details
      </Link>
    </div>
  );
}
