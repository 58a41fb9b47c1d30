import Link from "next/link";
import { OctagonAlert } from "lucide-react";
import { Time } from "@/components/format/time";
import type { TEscrowPauseNotice } from "@/lib/chains/escrow-notice";

/** RB-05's "communicate": while the escrow is paused, every page says so, by whom and why. */
export function EscrowPauseBanner({ notice }: { notice: TEscrowPauseNotice }) {
  return (
    <div role="alert" className="flex flex-wrap items-center gap-x-2 gap-y-1 bg-crit px-4 py-2 text-sm text-white">
      <OctagonAlert size={16} aria-hidden />
      <strong>Escrow paused by {notice.by}</strong>
      <span>
        · <Time value={new Date(notice.at)} /> — all trading is blocked. {notice.note}
      </span>
      <Link href="/chains" className="font-medium underline">
        Details
      </Link>
    </div>
  );
}
