import { createHash } from "node:crypto";
import type pg from "pg";
import { encodeAccountID } from "xrpl";
import { rng } from "@/lib/seed/names";
import type { TLog } from "./dataset-db";
import { DAY, type TBenchUser } from "./dataset-shared";

// A year of public faucet requests, as intake, review and the dispatcher leave them
// (lib/faucet/intake.ts, lib/operations/faucet.ts, lib/faucet/dispatch.ts): mostly sent, a share
// rejected by the abuse rules' reviewers or the dispatcher, a few failed, and a deep review queue
// of the last two weeks' flagged requests.

const XRPL_ADDRESSES = 40_000;
const EVM_ADDRESSES = 30_000;
const REVIEW = 3_000;
const QUEUED = 40;
const SENDING = 4;

const FLAGS = [
  "7 destinations from %ip in an hour (review above 5)",
  "Burst: 5 requests from %ip in a minute (review above 3)",
  "12 destinations from %ip in an hour (review above 5)",
  "Burst: 4 requests from %ip in a minute (review above 3)",
];

export type TFaucetGenerated = { requests: number; review: number };

export async function generateFaucet(pool: pg.Pool, opts: { count: number; now: Date; users: TBenchUser[]; log: TLog }): Promise<TFaucetGenerated> {
  const random = rng(11);
  // Real XRPL classic addresses (valid checksums) and lower-case EVM ones, as intake normalizes them.
  const xrpl = Array.from({ length: XRPL_ADDRESSES }, () => encodeAccountID(Buffer.from(Array.from({ length: 20 }, () => Math.floor(random() * 256)))));
  const evm = Array.from({ length: EVM_ADDRESSES }, (_, i) => `0x${createHash("sha256").update(`faucet-evm-${i}`).digest("hex").slice(0, 40)}`);
  const reviewers = opts.users.filter((u) => u.roles.includes("support") || u.roles.includes("operator")).map((u) => u.email);
  const start = new Date(opts.now.getTime() - 365 * DAY);
  const history = opts.count - REVIEW - QUEUED - SENDING;
  const client = await pool.connect();
  try {
    await client.query("SELECT setseed(0.1111)");
    // Client addresses: most people ask from their own; a few ranges (abusers) ask a lot.
    const ip = `CASE WHEN r_ip < 0.03 THEN '45.133.' || (1 + floor(r_ip * 100)::int) || '.' || floor(random() * 250)::int
                     ELSE (11 + floor(r_ip * 180)::int) || '.' || (abs(hashtext('a' || floor(power(r_ip, 1.3) * 20000)::int)) % 250) || '.' || (abs(hashtext('b' || floor(power(r_ip, 1.3) * 20000)::int)) % 250) || '.' || (1 + abs(hashtext('c' || floor(power(r_ip, 1.3) * 20000)::int)) % 250) END`;
    const common = `CASE WHEN is_xrpl THEN 'xrpl' ELSE 'evm' END, CASE WHEN is_xrpl THEN ($1::text[])[1 + floor(random() * ${XRPL_ADDRESSES})::int] ELSE ($2::text[])[1 + floor(random() * ${EVM_ADDRESSES})::int] END,
                    client_ip, substr(md5('ua-' || floor(random() * 60)::int), 1, 16), CASE WHEN is_xrpl THEN '20000000' ELSE '100000000' END`;
    // The history: sent (with a transaction hash), rejected (by a reviewer or the dispatcher), failed.
    await client.query(
      `INSERT INTO "FaucetRequest" (id, chain, address, "clientIp", "userAgentHash", amount, status, "flagReason", "createdAt", "decidedAt", "decidedBy", attempt, "lastError", "txHash", "sentAt")
       SELECT gen_random_uuid(), ${common},
              status::"FaucetRequestStatus",
              CASE WHEN status = 'rejected' AND r_kind < 0.95 THEN replace(($3::text[])[1 + floor(r_kind * 4)::int], '%ip', client_ip) END,
              created,
              CASE WHEN status = 'rejected' THEN created + interval '2 minutes' + r_kind * interval '8 hours' END,
              CASE WHEN status = 'rejected' THEN CASE WHEN r_kind < 0.9 THEN ($4::text[])[1 + floor(random() * $5)::int] ELSE 'faucet dispatcher' END END,
              CASE WHEN status = 'failed' THEN 3 WHEN status = 'sent' THEN 1 + (r_kind < 0.04)::int ELSE 0 END,
              CASE WHEN status = 'failed' THEN CASE WHEN is_xrpl THEN 'tecUNFUNDED_PAYMENT' ELSE 'timeout: no receipt within 30000 ms' END
                   WHEN status = 'rejected' AND r_kind >= 0.9 THEN 'The destination is on the blacklist' END,
              CASE WHEN status = 'sent' THEN CASE WHEN is_xrpl THEN upper(md5('tx' || n) || md5('tx+' || n)) ELSE '0x' || md5('tx' || n) || md5('tx+' || n) END END,
              CASE WHEN status = 'sent' THEN created + interval '3 seconds' + r_kind * interval '40 seconds' END
       FROM (
         SELECT n, is_xrpl, created, r_kind, ${ip} AS client_ip,
                CASE WHEN r_status < 0.82 THEN 'sent' WHEN r_status < 0.97 THEN 'rejected' ELSE 'failed' END AS status
         FROM (SELECT n, random() < 0.65 AS is_xrpl, random() AS r_ip, random() AS r_status, random() AS r_kind,
                      $6::timestamptz + sqrt((n - 1 + random()) / $7) * $8 * interval '1 millisecond' AS created
               FROM generate_series(1, $7::int) n) g
       ) x`,
      [xrpl, evm, FLAGS, reviewers, reviewers.length, start.toISOString(), history, opts.now.getTime() - 15 * 60_000 - start.getTime()],
    );
    // Waiting: the review queue (the last two weeks' flagged requests), a few queued and sending.
    await client.query(
      `INSERT INTO "FaucetRequest" (id, chain, address, "clientIp", "userAgentHash", amount, status, "flagReason", "createdAt", attempt, "nextAttemptAt")
       SELECT gen_random_uuid(), ${common}, status::"FaucetRequestStatus",
              CASE WHEN status = 'review' THEN replace(($3::text[])[1 + floor(r_kind * 4)::int], '%ip', client_ip) END,
              created, CASE WHEN status = 'sending' THEN 1 ELSE 0 END,
              CASE WHEN status = 'sending' THEN $4::timestamptz + interval '30 seconds' END
       FROM (
         SELECT n, is_xrpl, r_kind, ${ip} AS client_ip,
                CASE WHEN n <= ${REVIEW} THEN 'review' WHEN n <= ${REVIEW + QUEUED} THEN 'queued' ELSE 'sending' END AS status,
                CASE WHEN n <= ${REVIEW} THEN $4::timestamptz - power(random(), 1.5) * interval '14 days' ELSE $4::timestamptz - random() * interval '10 minutes' END AS created
         FROM (SELECT n, random() < 0.65 AS is_xrpl, random() * 0.0299 AS r_ip, random() AS r_kind FROM generate_series(1, ${REVIEW + QUEUED + SENDING}) n) g
       ) x`,
      [xrpl, evm, FLAGS, opts.now.toISOString()],
    );
    // An abusive range blocked last month, and an older one lifted.
    await client.query(
      `INSERT INTO "FaucetBlock" (id, cidr, reason, "createdBy", "createdAt", "removedAt", "removedBy") VALUES
         (gen_random_uuid(), '45.133.7.0/24', 'Hundreds of destinations from one range', 'operator@opsdeck.local', $1::timestamptz - interval '30 days', NULL, NULL),
         (gen_random_uuid(), '2001:db8:77::/48', 'Scripted requests', 'support@opsdeck.local', $1::timestamptz - interval '200 days', $1::timestamptz - interval '150 days', 'operator@opsdeck.local')`,
      [opts.now.toISOString()],
    );
    const { rows } = await client.query<{ n: string; review: string }>(`SELECT count(*) AS n, count(*) FILTER (WHERE status = 'review') AS review FROM "FaucetRequest"`);
    return { requests: Number(rows[0]!.n), review: Number(rows[0]!.review) };
  } finally {
    client.release();
  }
}
