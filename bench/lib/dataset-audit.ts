import { randomUUID } from "node:crypto";
import type pg from "pg";
import { GENESIS_HASH, auditHash, type TAuditContent } from "@/lib/audit/hash";
import { OPERATIONS } from "@/lib/operations/registry";
import type { TOperation } from "@/lib/operations/define";
import { rng } from "@/lib/seed/names";
import type { TLog } from "./dataset-db";
import { DAY, pickWeighted, type TBenchUser } from "./dataset-shared";

// A year of audit log: a valid hash chain appended after whatever the seed wrote, in id and time
// order. The chain is sequential by nature (each hash covers the previous one), so rows are
// hashed here and inserted in batches with explicit ids, which lets two batches be in flight at
// once without their ids interleaving. The ids continue the table's sequence, which is moved past
// them at the end so the application appends after the generated events.

const BATCH = 10_000;

/** Sign-in attempts for accounts that do not exist: credential stuffing, typos. */
const OUTSIDERS = ["admin@opsdeck.io", "root@opsdeck.local", "test@example.com", "ops@platform.example", "j.doe@gmail.example", "support@opsdesk.local", "billing@example.org"];

const USER_AGENTS = [
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
  "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  "curl/8.5.0",
];

/** How often people run each area's operations (the rest default to 1). */
const POPULARITY: Record<string, number> = {
  "dispute.claim": 30, "dispute.note": 40, "dispute.assign": 12, "dispute.resolve": 25, "dispute.unclaim": 4,
  "faucet.review": 35, "faucet.block": 5, "incident.note": 15, "incident.update": 6, "incident.declare": 2,
  "runbook.check": 10, "runbook.confirm": 8, "runbook.start": 3, "alert.silence": 6, "daily.check.run": 6,
  "treasury.transfer": 6, "treasury.account.lines": 2, "secret.rotation.record": 2, "backup.record": 4, "maintenance.complete": 3,
  "wallet.blacklist": 5, "service.update": 2, "session.revoke": 0.3, "user.unlock": 1,
};

/** Operations asked for and then approved (their `.requested` events), on top of the popular ones. */
const REQUESTED = ["settings.threshold.update", "escrow.unpause", "faucet.limits.update", "faucet.topup", "treasury.destination.add", "wallet.unblacklist"];
/** What people try without the role (stale links, curious clicks), what fails validation, what fails on the chain. */
const DENIED = ["escrow.pause", "user.roles.set", "treasury.transfer", "faucet.pause", "service.update", "dispute.resolve", "settings.threshold.update"];
const INVALID = ["dispute.note", "faucet.block", "incident.note", "treasury.transfer", "alert.silence"];
const FAILED = ["treasury.transfer", "dispute.resolve", "faucet.topup"];
const DENIED_OPS = OPERATIONS.filter((op) => DENIED.includes(op.id));

type TTarget = { type: string; id: string } | null;

/** Hot users of the log: the bench searches operator@ (about one event in nine). */
const ACTOR_WEIGHT: Record<string, number> = { "operator@opsdeck.local": 13, "support@opsdeck.local": 14, "admin@opsdeck.local": 14, "approver@opsdeck.local": 10, "approver2@opsdeck.local": 8, "treasury@opsdeck.local": 8, "auditor@opsdeck.local": 5 };

export type TAuditGenerated = { events: number; firstId: string; lastId: string; from: Date; to: Date };

export async function generateAudit(pool: pg.Pool, opts: { users: TBenchUser[]; count: number; now: Date; log: TLog; refs: TAuditRefs }): Promise<TAuditGenerated> {
  const random = rng(7);
  const { users, count, now, refs } = opts;
  const last = await pool.query<{ id: string; hash: string }>(`SELECT id::text, hash FROM "AuditEvent" ORDER BY id DESC LIMIT 1`);
  let prevHash = last.rows[0]?.hash ?? GENESIS_HASH;
  const firstId = BigInt(last.rows[0]?.id ?? "0") + 1n;

  const actors = [
    ...users.map((u) => ({ user: u, weight: ACTOR_WEIGHT[u.email] ?? (u.email.endsWith("@opsdeck.local") ? 4 : 1.6), ip: `10.20.${10 + (hashOf(u.email) % 200)}.${10 + (hashOf(u.email + "ip") % 240)}`, ua: USER_AGENTS[hashOf(u.email) % 4]! })),
    ...OUTSIDERS.map((email, i) => ({ user: { id: null, email, roles: [] as string[], name: email }, weight: 0.35, ip: `198.51.100.${20 + i * 13}`, ua: USER_AGENTS[4]! })),
  ];
  const actorTotal = actors.reduce((n, a) => n + a.weight, 0);
  // About sixty distinct actions, as a real log has: the popular operations' outcomes, the
  // approval flow, sign-ins and the auditors' own reads.
  const ops = OPERATIONS.filter((op) => op.id in POPULARITY || REQUESTED.includes(op.id)).map((op) => ({ op, weight: POPULARITY[op.id] ?? 1 }));

  // Event times: random (exponential) gaps that shrink over the year, as a growing platform's
  // would, scaled so the last event lands a minute before `now`.
  const from = new Date(now.getTime() - 365 * DAY);
  const gaps = new Float64Array(count);
  for (let i = 0; i < count; i++) gaps[i] = -Math.log(1 - random()) * (1.6 - i / count);
  const span = now.getTime() - 60_000 - from.getTime();
  const total = gaps.reduce((a, b) => a + b, 0);

  const inFlight: Promise<unknown>[] = [];
  let t = from.getTime();
  let id = firstId;
  for (let start = 0; start < count; start += BATCH) {
    const n = Math.min(BATCH, count - start);
    const cols = { id: [] as string[], at: [] as string[], actorId: [] as (string | null)[], actorEmail: [] as (string | null)[], actorRoles: [] as string[], action: [] as string[], targetType: [] as (string | null)[], targetId: [] as (string | null)[], outcome: [] as string[], payload: [] as (string | null)[], ip: [] as (string | null)[], userAgent: [] as (string | null)[], requestId: [] as (string | null)[], prevHash: [] as string[], hash: [] as string[] };
    for (let i = 0; i < n; i++) {
      t += (gaps[start + i]! / total) * span;
      const actor = pickWeighted(actors, actorTotal, random());
      const event = eventFor(actor.user, ops, refs, random);
      const content: TAuditContent = {
        at: new Date(Math.floor(t)),
        actorId: event.anonymous ? null : actor.user.id,
        actorEmail: event.anonymous ? null : actor.user.email,
        actorRoles: event.anonymous ? [] : actor.user.roles,
        action: event.action,
        targetType: event.target?.type ?? null,
        targetId: event.target?.id ?? null,
        outcome: event.outcome,
        payload: event.payload,
        ip: event.anonymous ? null : actor.ip,
        userAgent: event.anonymous ? null : actor.ua,
        requestId: event.anonymous ? null : randomUUID(),
      };
      const hash = auditHash(prevHash, content);
      cols.id.push(id.toString());
      cols.at.push(content.at.toISOString());
      cols.actorId.push(content.actorId);
      cols.actorEmail.push(content.actorEmail);
      cols.actorRoles.push(`{${content.actorRoles.join(",")}}`);
      cols.action.push(content.action);
      cols.targetType.push(content.targetType);
      cols.targetId.push(content.targetId);
      cols.outcome.push(content.outcome);
      cols.payload.push(content.payload === null ? null : JSON.stringify(content.payload));
      cols.ip.push(content.ip);
      cols.userAgent.push(content.userAgent);
      cols.requestId.push(content.requestId);
      cols.prevHash.push(prevHash);
      cols.hash.push(hash);
      prevHash = hash;
      id++;
    }
    // At most two batches in flight: one hashing here, one or two being written.
    if (inFlight.length >= 2) await inFlight.shift();
    inFlight.push(
      pool.query(
        `INSERT INTO "AuditEvent" (id, at, "actorId", "actorEmail", "actorRoles", action, "targetType", "targetId", outcome, payload, ip, "userAgent", "requestId", "prevHash", hash)
         SELECT id, at::timestamptz, "actorId"::uuid, "actorEmail", roles::text[], action, "targetType", "targetId", outcome, payload::jsonb, ip, ua, rid, prev, hash
         FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[])
           AS x(id, at, "actorId", "actorEmail", roles, action, "targetType", "targetId", outcome, payload, ip, ua, rid, prev, hash)`,
        [cols.id, cols.at, cols.actorId, cols.actorEmail, cols.actorRoles, cols.action, cols.targetType, cols.targetId, cols.outcome, cols.payload, cols.ip, cols.userAgent, cols.requestId, cols.prevHash, cols.hash],
      ),
    );
    if ((start / BATCH) % 20 === 19) opts.log(`audit: ${(start + n).toLocaleString("en-US")} events`);
  }
  await Promise.all(inFlight);
  await pool.query(`SELECT setval(pg_get_serial_sequence('"AuditEvent"', 'id'), (SELECT max(id) FROM "AuditEvent"))`);
  return { events: count, firstId: firstId.toString(), lastId: (id - 1n).toString(), from, to: new Date(t) };
}

/** Rows the events point at, so targets resolve to things that exist. */
export type TAuditRefs = { chain: string; maxOrderId: number; incidents: string[]; services: string[]; accounts: string[]; users: string[]; wallets: string[] };

type TEvent = { action: string; outcome: string; target: TTarget; payload: unknown; anonymous?: boolean };

function eventFor(user: TBenchUser, ops: { op: TOperation; weight: number }[], refs: TAuditRefs, random: () => number): TEvent {
  if (!user.id) return { action: "auth.sign_in", outcome: "denied", target: null, payload: { email: user.email, reason: "unknown email" } };
  const r = random();
  if (r < 0.22) {
    const ok = random() > 0.04;
    return ok
      ? { action: "auth.sign_in", outcome: "success", target: null, payload: { email: user.email, sessionId: randomUUID(), mfa: false, mfaSetupRequired: false } }
      : { action: "auth.sign_in", outcome: "denied", target: null, payload: { email: user.email, reason: "wrong password" } };
  }
  if (r < 0.24) return { action: "auth.reauth", outcome: "success", target: null, payload: { method: "password" } };
  const isApprover = user.roles.includes("approver") || user.roles.includes("admin");
  if (r < 0.32 && isApprover) {
    const requestId = randomUUID();
    const operationId = ops[Math.floor(random() * ops.length)]!.op.id;
    return random() < 0.88
      ? { action: "approval.approved", outcome: "success", target: { type: "approval", id: requestId }, payload: { operationId, approvals: 1 + Math.floor(random() * 2) } }
      : { action: "approval.rejected", outcome: "rejected", target: { type: "approval", id: requestId }, payload: { operationId, reason: "Not during the release freeze" } };
  }
  if (r < 0.33 && (user.roles.includes("auditor") || user.roles.includes("admin"))) {
    return random() < 0.7 ? { action: "audit.exported", outcome: "success", target: null, payload: { format: random() < 0.5 ? "csv" : "jsonl", filters: { actor: "operator@opsdeck.local" } } } : { action: "audit.verified", outcome: "success", target: null, payload: { intact: true } };
  }
  const mine = ops.filter((o) => o.op.allowed.some((role) => user.roles.includes(role)));
  const forbidden = DENIED_OPS.filter((op) => !op.allowed.some((role) => user.roles.includes(role)));
  if ((random() < 0.04 && forbidden.length) || mine.length === 0) {
    const other = forbidden.length ? forbidden[Math.floor(random() * forbidden.length)]! : DENIED_OPS[0]!;
    return { action: `${other.id}.denied`, outcome: "denied", target: targetOf(other.id, refs, random), payload: { input: {}, reason: `Only ${other.allowed.join(", ")} can do this` } };
  }
  const total = mine.reduce((n, o) => n + o.weight, 0);
  // Viewers and auditors change next to nothing: their trail is sign-ins.
  if (total < 1 && random() < 0.85) return { action: "auth.sign_in", outcome: "success", target: null, payload: { email: user.email, sessionId: randomUUID(), mfa: false, mfaSetupRequired: false } };
  const op = pickWeighted(mine, total, random()).op;
  const target = targetOf(op.id, refs, random);
  const input = inputOf(op.id, target);
  const s = random();
  if (s < 0.06 && INVALID.includes(op.id)) return { action: `${op.id}.invalid`, outcome: "invalid", target: null, payload: { input, fieldErrors: { reason: ["Too short"] } } };
  if (s < 0.08 && FAILED.includes(op.id)) return { action: `${op.id}.failed`, outcome: "failed", target, payload: { error: "The chain did not answer in time" } };
  if (op.approval && s < 0.55) return { action: `${op.id}.requested`, outcome: "pending", target, payload: { requestId: randomUUID(), input, reason: "Scheduled change, see the ticket", approval: typeof op.approval === "function" ? { count: 1, by: ["approver"] } : op.approval } };
  return { action: `${op.id}.executed`, outcome: "success", target, payload: { input, executionId: randomUUID() } };
}

function targetOf(opId: string, refs: TAuditRefs, random: () => number): TTarget {
  const any = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const area = opId.split(".")[0]!;
  if (area === "dispute") return { type: "dispute", id: `${refs.chain}/${1 + Math.floor(random() * refs.maxOrderId)}` };
  if (area === "incident" || area === "postmortem") return refs.incidents.length ? { type: "incident", id: any(refs.incidents) } : null;
  if (area === "service") return { type: "service", id: any(refs.services) };
  if (area === "user") return { type: "user", id: any(refs.users) };
  if (area === "runbook") return { type: "runbook-run", id: randomUUID() };
  if (opId === "wallet.blacklist" || opId === "wallet.unblacklist") return { type: "wallet", id: any(refs.wallets) };
  if (opId.startsWith("treasury.account")) return { type: "treasury-account", id: any(refs.accounts) };
  if (opId === "faucet.review") return { type: "faucet-request", id: randomUUID() };
  if (area === "faucet") return { type: "faucet", id: "faucet" };
  if (area === "escrow") return { type: "escrow", id: refs.chain };
  if (area === "alert") return { type: "alert", id: `name:${any(["RPC primary down", "Dispute rate high", "Faucet balance low", "Sync lagging"])}` };
  return null;
}

function inputOf(opId: string, target: TTarget): Record<string, unknown> {
  if (opId === "dispute.note") return { ref: target?.id, body: "Buyer sent the bank statement; checking the reference." };
  if (opId === "faucet.review") return { requests: [target?.id], decision: "reject" };
  if (opId === "treasury.transfer") return { amount: "2500", destination: randomUUID() };
  if (target) return { id: target.id };
  return {};
}

function hashOf(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}
