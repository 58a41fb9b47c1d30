import Link from "next/link";
import { Siren } from "lucide-react";
import { incidentRef, STATUS_LABEL, type TIncidentStatus, type TSeverity } from "@/lib/incidents/model";

type TMajor = { id: string; number: number; title: string; severity: TSeverity; status: TIncidentStatus };

/** While a P0 or P1 is open, every page says so and links to its war room. */
export function IncidentBanner({ incidents }: { incidents: TMajor[] }) {
  return (
    <div role="alert" className="flex flex-col gap-1 bg-crit px-4 py-2 text-sm text-white" data-testid="incident-banner">
      {incidents.map((i) => (
        <p key={i.id} className="flex flex-wrap items-center gap-x-2">
          <Siren size={16} aria-hidden />
          <strong>
            {i.severity} open: {incidentRef(i.number)}
          </strong>
          <span className="min-w-0 break-words">
            {i.title} · {STATUS_LABEL[i.status].toLowerCase()}
          </span>
          <Link href={`/incidents/${i.id}`} className="font-medium underline">
            War room
          </Link>
        </p>
      ))}
    </div>
  );
}
