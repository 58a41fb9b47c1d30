import dagre from "@dagrejs/dagre";
import type { TGraphService } from "@/lib/services/graph";

// The map's layered layout, computed on the server so the browser does not load dagre.

export type TLayoutNode = { id: string; x: number; y: number; width: number; height: number };
export type TLayoutEdge = { from: string; to: string; points: { x: number; y: number }[]; isCritical: boolean };
export type TLayout = { width: number; height: number; nodes: TLayoutNode[]; edges: TLayoutEdge[] };

export const NODE_WIDTH = 168;
export const NODE_HEIGHT = 52;

/**
 * Layered layout (dagre), left to right: a dependency sits to the right of what depends on it, so
 * the user-facing tier is on the left and the data stores and nodes on the right (the map stays
 * wider than tall, like a desktop screen). Edges point from a service to what it depends on. An
 * edge is on the critical path when both ends are.
 */
// The layout depends only on the catalog's shape (services, their dependencies, what is critical),
// which changes rarely, while the map is opened constantly: one dagre run per shape, not per view.
const MEMO_SIZE = 20;
const memo = new Map<string, TLayout>();

export function layoutServiceMap(services: readonly TGraphService[]): TLayout {
  const key = JSON.stringify(services.map((s) => [s.id, s.isCritical, s.dependsOn]));
  const hit = memo.get(key);
  if (hit) return hit;
  const layout = computeLayout(services);
  if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value!);
  memo.set(key, layout);
  return layout;
}

function computeLayout(services: readonly TGraphService[]): TLayout {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "LR", nodesep: 18, ranksep: 72, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(services.map((s) => s.id));
  for (const s of services) g.setNode(s.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const s of services) for (const d of s.dependsOn) if (ids.has(d)) g.setEdge(s.id, d);
  dagre.layout(g);
  const critical = new Set(services.filter((s) => s.isCritical).map((s) => s.id));
  const graph = g.graph();
  return {
    width: Math.ceil(graph.width ?? 0),
    height: Math.ceil(graph.height ?? 0),
    nodes: services.map((s) => {
      const n = g.node(s.id);
      return { id: s.id, x: n.x - NODE_WIDTH / 2, y: n.y - NODE_HEIGHT / 2, width: NODE_WIDTH, height: NODE_HEIGHT };
    }),
    edges: g.edges().map((e) => ({ from: e.v, to: e.w, points: g.edge(e).points ?? [], isCritical: critical.has(e.v) && critical.has(e.w) })),
  };
}
