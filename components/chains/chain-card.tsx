import { Card } from "@/components/ui/card";
import { Badge, type TTone } from "@/components/ui/badge";
import { Select } from "@/components/forms/fields";
import { OperationForm } from "@/components/operations/operation-form";
import { STATUS_LABEL } from "@/lib/health/status";
import type { TChainStatus } from "@/lib/chains/status";

const TONE: Record<TChainStatus["status"], TTone> = { ok: "ok", degraded: "warn", error: "crit", not_configured: "neutral" };

/** One chain: its health, its endpoints (primary/fallback, which one answers) and RB-07's switch. */
export function ChainCard({ view, facts, canSwitch }: { view: TChainStatus; facts: [string, string][]; canSwitch: boolean }) {
  const hasFallback = view.endpoints.some((e) => e.role === "fallback");
  return (
    <Card
      title={view.name}
      action={
        <Badge tone={TONE[view.status]}>
          <span data-testid={`chain-status-${view.key}`}>{STATUS_LABEL[view.status]}</span>
        </Badge>
      }
    >
      <p className={view.status === "error" ? "mb-3 break-words text-sm text-crit" : "mb-3 text-sm text-muted"}>{view.detail}</p>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-muted">{label}</dt>
            <dd className="break-words font-mono">{value}</dd>
          </div>
        ))}
      </dl>
      <h3 className="mt-4 text-xs font-semibold uppercase tracking-wide text-muted">Endpoints</h3>
      <ul className="mt-2 divide-y divide-border rounded-md border border-border text-sm">
        {view.endpoints.map((e) => (
          <li key={e.role} className="flex flex-wrap items-center gap-2 px-3 py-2" data-testid={`endpoint-${view.key}-${e.role}`}>
            <span className="w-16 font-medium capitalize">{e.role}</span>
            <span className="min-w-0 flex-1 break-all font-mono text-xs text-muted">{e.origin}</span>
            {e.isActive && <Badge tone="info">In use</Badge>}
            {e.isSetAside ? <Badge tone="crit">Set aside</Badge> : e.consecutiveFailures > 0 ? <Badge tone="warn">{e.consecutiveFailures} failed</Badge> : e.lastLatencyMs !== null ? <Badge>{e.lastLatencyMs} ms</Badge> : null}
            {e.lastError && e.consecutiveFailures > 0 && <p className="w-full break-words text-xs text-crit">{e.lastError}</p>}
          </li>
        ))}
      </ul>
      {canSwitch && hasFallback && (
        <details className="mt-3">
          <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm text-accent">Switch endpoint (RB-07){view.override ? ` — pinned to ${view.override}` : ""}</summary>
          <OperationForm operationId="chain.rpc.override" submitLabel="Switch" revalidate={["/chains"]} successText="Switched." className="mt-2 flex flex-col gap-3">
            <input type="hidden" name="chain" value={view.key} />
            <Select label="Send calls to" name="endpoint" defaultValue={view.override ?? "auto"}>
              <option value="auto">Automatic failover</option>
              <option value="primary">Primary only</option>
              <option value="fallback">Fallback only</option>
            </Select>
          </OperationForm>
        </details>
      )}
    </Card>
  );
}
