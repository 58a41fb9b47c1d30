"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { X } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { blastRadius, type TGraphService } from "@/lib/services/graph";
import type { TLayout } from "@/lib/services/layout";
import { HEALTH_LABEL, HEALTH_NODE_CLASS } from "@/components/services/health";

export type TMapService = TGraphService & { failureImpact: string; lastError: string | null; owner: string };

/**
 * The dependency graph: nodes coloured by live status, edges from a service to what it needs,
 * the critical path drawn heavier. Selecting a node highlights its blast radius — everything that
 * depends on it, directly or not — and shows what users notice when it fails.
 */
export function ServiceMap({ services, layout }: { services: TMapService[]; layout: TLayout }) {
  const [selected, setSelected] = useState<string | null>(null);
  const byId = useMemo(() => new Map(services.map((s) => [s.id, s])), [services]);
  const radius = useMemo(() => new Set(selected ? blastRadius(services, selected) : []), [services, selected]);
  const current = selected ? byId.get(selected) : undefined;

  return (
    <div className="flex flex-col gap-4 xl:flex-row">
      <div className="min-w-0 flex-1 overflow-auto rounded-lg border border-border bg-surface" role="group" aria-label="Service dependency map">
        {/* Scales to the panel; a very large catalog keeps a readable minimum size and scrolls. */}
        <svg viewBox={`0 0 ${layout.width} ${layout.height}`} width="100%" style={{ minWidth: Math.min(layout.width, 720), maxWidth: layout.width * 1.2 }} className="block h-auto">
          <defs>
            <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" className="fill-muted" />
            </marker>
          </defs>
          {layout.edges.map((e) => {
            const isHot = selected !== null && (e.to === selected || radius.has(e.to)) && (radius.has(e.from) || e.from === selected);
            return (
              <polyline
                key={`${e.from}-${e.to}`}
                points={e.points.map((p) => `${p.x},${p.y}`).join(" ")}
                fill="none"
                markerEnd="url(#arrow)"
                className={cn(isHot ? "stroke-crit" : e.isCritical ? "stroke-fg" : "stroke-border", selected && !isHot && "opacity-40")}
                strokeWidth={e.isCritical || isHot ? 2.5 : 1.25}
                strokeDasharray={e.isCritical || isHot ? undefined : "4 3"}
              />
            );
          })}
          {layout.nodes.map((n) => {
            const s = byId.get(n.id)!;
            const isSelected = selected === n.id;
            const isAffected = radius.has(n.id);
            return (
              <g
                key={n.id}
                transform={`translate(${n.x},${n.y})`}
                role="button"
                tabIndex={0}
                aria-pressed={isSelected}
                aria-label={`${s.name}: ${HEALTH_LABEL[s.status]}${s.isCritical ? ", critical path" : ""}`}
                data-testid={`map-node-${n.id}`}
                className={cn("cursor-pointer outline-none", selected && !isSelected && !isAffected && "opacity-50")}
                onClick={() => setSelected(isSelected ? null : n.id)}
                onKeyDown={(ev) => {
                  if (ev.key === "Enter" || ev.key === " ") {
                    ev.preventDefault();
                    setSelected(isSelected ? null : n.id);
                  }
                }}
              >
                <rect width={n.width} height={n.height} rx={8} className={cn(HEALTH_NODE_CLASS[s.status], isSelected && "stroke-accent", isAffected && "stroke-crit")} strokeWidth={isSelected || isAffected ? 3 : s.isCritical ? 2 : 1} />
                <text x={12} y={21} className="fill-fg text-[13px] font-semibold">
                  {s.name.length > 20 ? `${s.name.slice(0, 19)}…` : s.name}
                </text>
                <text x={12} y={39} className="fill-muted text-[11px]">
                  {HEALTH_LABEL[s.status]}
                  {s.isCritical ? " · critical path" : ""}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <aside className="w-full shrink-0 rounded-lg border border-border bg-surface p-4 xl:w-80" aria-live="polite">
        {current ? (
          <div data-testid="blast-radius">
            <div className="flex items-start justify-between gap-2">
              <h2 className="text-base font-semibold">{current.name}</h2>
              <button type="button" onClick={() => setSelected(null)} className="-m-2 inline-flex min-h-11 min-w-11 items-center justify-center text-muted" aria-label="Clear selection">
                <X size={16} aria-hidden />
              </button>
            </div>
            <p className="mt-1 text-sm">
              {HEALTH_LABEL[current.status]} · owner {current.owner}
            </p>
            {current.lastError && <p className="mt-1 break-words text-sm text-crit">{current.lastError}</p>}
            <h3 className="mt-4 text-xs font-semibold uppercase tracking-wide text-muted">If it fails</h3>
            <p className="mt-1 text-sm">{current.failureImpact}</p>
            <h3 className="mt-4 text-xs font-semibold uppercase tracking-wide text-muted">Blast radius ({radius.size})</h3>
            {radius.size === 0 ? (
              <p className="mt-1 text-sm text-muted">Nothing depends on it.</p>
            ) : (
              <ul className="mt-1 flex flex-wrap gap-1">
                {[...radius].map((id) => (
                  <li key={id} className="rounded-full bg-crit-bg px-2 py-0.5 text-xs text-crit">
                    {byId.get(id)?.name ?? id}
                  </li>
                ))}
              </ul>
            )}
            <Link href={`/services/${current.id}`} className="mt-4 inline-flex min-h-11 items-center text-sm font-medium text-accent">
              Checks, latency and uptime →
            </Link>
          </div>
        ) : (
          <p className="text-sm text-muted">Select a service to see what depends on it and what users notice when it fails. Heavy lines are the critical path.</p>
        )}
      </aside>
    </div>
  );
}
