import { Bell, CheckCircle2, Wrench, Flag, ListChecks, MessageSquare, ShieldCheck, UserRound } from "lucide-react";
import { Time } from "@/components/format/time";
import type { TTimelineEntry } from "@/lib/incidents/queries";

const ICON: Record<string, typeof Bell> = {
  declared: Flag,
  status: Flag,
  severity: Flag,
  commander: UserRound,
  services: Flag,
  note: MessageSquare,
  alert: Bell,
  alert_resolved: CheckCircle2,
  run_started: ListChecks,
  run_step: ListChecks,
  run_finished: ListChecks,
  approval: ShieldCheck,
  operation: Wrench,
  postmortem: CheckCircle2,
};

/** Newest first: on a phone the latest entry is what matters. */
export function Timeline({ entries, testId = "timeline" }: { entries: TTimelineEntry[]; testId?: string }) {
  if (entries.length === 0) return <p className="text-sm text-muted">Nothing yet.</p>;
  return (
    <ol className="flex flex-col gap-3" data-testid={testId}>
      {entries.map((e) => {
        const Icon = ICON[e.kind] ?? Flag;
        return (
          <li key={e.id} className="flex gap-3 text-sm" data-kind={e.kind}>
            <Icon size={16} className="mt-0.5 shrink-0 text-muted" aria-hidden />
            <div className="min-w-0">
              <p className="whitespace-pre-wrap break-words">{e.text}</p>
              <p className="text-xs text-muted">
                <Time value={e.at} />
                {e.actorEmail ? ` · ${e.actorEmail}` : ""}
              </p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
