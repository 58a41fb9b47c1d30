import type { TManualStep, TOperationStep, TRunbook } from "@/lib/runbooks/types";

// The faucet service runbook: its common issues (node out of sync, faucet empty, RPC timeouts,
// attack / rate-limit abuse, database locked), key rotation and suspected compromise. Commands
// are kept to copy, made generic: $DB_FILE is the faucet's SQLite file, $API_SERVICE and
// $NODE_SERVICE its systemd units. Pausing, resuming, blocking, top-ups and key rotation are
// OpsDeck's faucet operations (the guide's admin API calls are kept as commands for a faucet that
// runs outside OpsDeck).

const SOURCE = "Faucet service runbook";

const STATUS = "curl http://localhost:8787/api/status";
const PAUSE = 'curl -X POST http://localhost:8787/api/admin/pause -H "Authorization: Bearer $ADMIN_TOKEN"';
const RESUME = 'curl -X POST http://localhost:8787/api/admin/resume -H "Authorization: Bearer $ADMIN_TOKEN"';
const ROTATE_KEY = `curl -X POST http://localhost:8787/api/admin/rotate-key -H "Authorization: Bearer $ADMIN_TOKEN" -H "Content-Type: application/json" -d "{\\"newKey\\": \\"$NEW_KEY\\"}"`;
const GRANTS_BY_IP = `sqlite3 $DB_FILE "SELECT ip, COUNT(*) as count FROM faucet_grants WHERE created_at > datetime('now', '-1 hour') GROUP BY ip ORDER BY count DESC LIMIT 10;"`;
const NODE_HEALTH = "curl http://localhost:26657/health";

const pauseStep = (id: string, why: string): TOperationStep => ({
  id,
  kind: "operation",
  title: "Pause the faucet",
  instruction: `${why}\n\nThe intake answers 503 FAUCET_PAUSED and nothing is sent; queued requests wait.`,
  operationId: "faucet.pause",
  fields: [{ name: "note", label: "What is happening", placeholder: "e.g. balance below the critical threshold" }],
  commands: [PAUSE],
});

const resumeStep = (instruction: string): TOperationStep => ({
  id: "resume",
  kind: "operation",
  title: "Resume the faucet",
  instruction,
  operationId: "faucet.resume",
  commands: [RESUME],
});

const CHAIN_OPTIONS = [
  { value: "xrpl", label: "XRPL" },
  { value: "evm", label: "EVM" },
];

const topUpStep = (id: string, instruction: string, destination: "active" | "next" = "active"): TOperationStep => ({
  id,
  kind: "operation",
  title: destination === "next" ? "Fund the new key's wallet from the treasury" : "Top up the faucet from the treasury",
  instruction,
  operationId: "faucet.topup",
  input: { destination },
  fields: [
    { name: "chain", label: "Chain", options: CHAIN_OPTIONS },
    { name: "amount", label: "Amount (whole units)", placeholder: "10000" },
  ],
});

// The rotation itself is asked for on the Faucet page, which names both wallets for the approvers.
const rotateStep = (id: string, instruction: string): TManualStep => ({
  id,
  kind: "manual",
  title: "Rotate the key",
  instruction: `${instruction}\n\nFaucet page → Key rotation: it names the active wallet and the one it switches to; two approvers confirm that exact switch.`,
  commands: [ROTATE_KEY],
});

export const NODE_OUT_OF_SYNC: TRunbook = {
  id: "node-out-of-sync",
  title: "Node out of sync",
  source: `${SOURCE}: Node Out of Sync`,
  trigger: "The status endpoint shows a high nodeSyncLag (alert above 10 blocks behind), transactions fail or time out, or the block height stops increasing.",
  severity: "P2",
  services: ["xrpl-node"],
  alerts: ["XRPL Disconnected"],
  steps: [
    {
      id: "check-primary",
      kind: "check",
      title: "Check the primary node",
      instruction: "OpsDeck asks the primary XRPL endpoint for its latest validated ledger. The faucet's own view is nodeSyncLag in its status (command).",
      check: "rpc.endpoint",
      params: { chain: "xrpl", endpoint: "primary" },
      onFail: "continue",
      commands: [`${STATUS} | jq '.nodeSyncLag'`],
    },
    { id: "primary-ok", kind: "decision", title: "Does the primary answer?", on: "check-primary", ifPass: "node-logs", ifFail: "check-fallback" },
    {
      id: "check-fallback",
      kind: "check",
      title: "Check the fallback node",
      check: "rpc.endpoint",
      params: { chain: "xrpl", endpoint: "fallback" },
      onFail: "continue",
    },
    { id: "fallback-ok", kind: "decision", title: "Does the fallback answer?", on: "check-fallback", ifPass: "pin-fallback", ifFail: "node-logs" },
    {
      id: "pin-fallback",
      kind: "operation",
      title: "Switch the XRPL chain to the fallback",
      instruction: "Keeps payments, the faucet and balance checks working while you fix the node. Given back to automatic failover at the end.",
      operationId: "chain.rpc.override",
      input: { chain: "xrpl", endpoint: "fallback" },
    },
    {
      id: "node-logs",
      kind: "manual",
      title: "Check the node logs",
      instruction: "Look for sync errors: lost peers, ledger gaps, disk or memory trouble.",
      commands: ["journalctl -u $NODE_SERVICE -n 200 --no-pager"],
    },
    {
      id: "peers",
      kind: "manual",
      title: "Check connectivity to peer nodes",
      instruction: "A node with no peers cannot sync. Check the firewall and the network between the node and its peers.",
      commands: [NODE_HEALTH],
    },
    {
      id: "restart-node",
      kind: "manual",
      title: "Restart the node if necessary",
      instruction: "Only if the logs show it stuck. It needs some time to catch up after the restart.",
      commands: ["systemctl restart $NODE_SERVICE"],
    },
    {
      id: "verify-node",
      kind: "check",
      title: "Verify the node is back",
      check: "service.status",
      params: { service: "xrpl-node" },
      onFail: "continue",
      commands: [`${STATUS} | jq '.nodeSyncLag'`],
    },
    { id: "synced", kind: "decision", title: "Is the node back in sync?", on: "verify-node", ifPass: "was-pinned", ifFail: "resync" },
    {
      id: "resync",
      kind: "manual",
      title: "Re-sync from a snapshot",
      instruction: "If the node is far behind, re-sync it from a snapshot rather than waiting for it to catch up. Confirm when it is in sync.",
    },
    { id: "was-pinned", kind: "decision", title: "Did the primary fail at the start?", on: "check-primary", ifPass: "end", ifFail: "recheck-primary" },
    {
      id: "recheck-primary",
      kind: "check",
      title: "Check the primary answers again",
      instruction: "Give the chain back to automatic failover only once the primary answers.",
      check: "rpc.endpoint",
      params: { chain: "xrpl", endpoint: "primary" },
    },
    {
      id: "give-back",
      kind: "operation",
      title: "Give the XRPL chain back to automatic failover",
      operationId: "chain.rpc.override",
      input: { chain: "xrpl", endpoint: "auto" },
    },
  ],
};

export const FAUCET_EMPTY: TRunbook = {
  id: "faucet-empty",
  title: "Faucet empty",
  source: `${SOURCE}: Faucet Empty`,
  trigger: "The faucet returns 503 INSUFFICIENT_BALANCE, or its balance is low: below 1,000 (warning) or below 100 (critical).",
  severity: "P2",
  services: ["xrpl-node"],
  alerts: ["Faucet balance critical", "Faucet balance low", "FaucetBalanceLow"],
  steps: [
    {
      id: "check-balance",
      kind: "check",
      title: "Check the faucet balance",
      instruction:
        "Passes at or above the warning threshold (1,000 by default; critical below 100).\n\nIf it passes but the faucet still answers INSUFFICIENT_BALANCE, compare the address OpsDeck watches with the faucet's own: the key may have been rotated.",
      check: "xrpl.balance",
      params: { wallet: "faucet" },
      onFail: "continue",
      commands: [`${STATUS} | jq '.faucetBalance'`],
    },
    { id: "balance-ok", kind: "decision", title: "Is the balance above the warning threshold?", on: "check-balance", ifPass: "end", ifFail: "pause" },
    pauseStep("pause", "Pause it now, so requests stop failing one by one."),
    topUpStep("top-up", "From the treasury wallet to the active faucet wallet; one approver confirms. The guide's emergency top-up is 10,000: aim well above the 1,000 warning."),
    {
      id: "verify-balance",
      kind: "check",
      title: "Verify the funds arrived",
      check: "xrpl.balance",
      params: { wallet: "faucet" },
      commands: [`${STATUS} | jq '.faucetBalance'`],
    },
    resumeStep("The queue that waited goes out first."),
  ],
};

export const RPC_TIMEOUTS: TRunbook = {
  id: "rpc-timeouts",
  title: "RPC timeouts",
  source: `${SOURCE}: RPC Timeouts`,
  trigger: "/api/rpc returns 504 timeouts, p95 latency above 2 seconds, or RPC_TIMEOUT errors in the logs.",
  severity: "P2",
  services: ["xrpl-node"],
  alerts: ["RPCTimeout", "HighErrorRate"],
  steps: [
    {
      id: "metrics",
      kind: "manual",
      title: "Look at latency and errors",
      instruction: "The alert fires when the p95 of /api/rpc stays above 2 seconds for 5 minutes, or 5xx errors go above 5 %.",
      commands: ["curl http://localhost:8787/metrics | grep http_request_duration", "journalctl -u $API_SERVICE --since '-15 min' | grep RPC_TIMEOUT"],
    },
    {
      id: "check-primary",
      kind: "check",
      title: "Check the node is responsive",
      check: "rpc.endpoint",
      params: { chain: "xrpl", endpoint: "primary" },
      onFail: "continue",
      commands: [NODE_HEALTH],
    },
    { id: "primary-ok", kind: "decision", title: "Does the primary answer?", on: "check-primary", ifPass: "connectivity", ifFail: "check-fallback" },
    {
      id: "check-fallback",
      kind: "check",
      title: "Check the fallback node",
      check: "rpc.endpoint",
      params: { chain: "xrpl", endpoint: "fallback" },
      onFail: "continue",
    },
    { id: "fallback-ok", kind: "decision", title: "Does the fallback answer?", on: "check-fallback", ifPass: "pin-fallback", ifFail: "connectivity" },
    {
      id: "pin-fallback",
      kind: "operation",
      title: "Switch the XRPL chain to the fallback",
      instruction: "Sends every XRPL call to the fallback until someone gives the choice back to automatic failover (node out of sync runbook, last step).",
      operationId: "chain.rpc.override",
      input: { chain: "xrpl", endpoint: "fallback" },
    },
    {
      id: "connectivity",
      kind: "manual",
      title: "Check the network between the API server and the node",
      instruction: "Run the health call from the API server itself. Slow or failing there but fine on the node: it is the network.",
      commands: [NODE_HEALTH],
    },
    {
      id: "tune",
      kind: "manual",
      title: "Adjust timeout and concurrency",
      instruction:
        "NODE_TIMEOUT_MS: increase it if the node is healthy but slow.\n\nMAX_CONCURRENCY: reduce it if the node is overloaded.\n\nEdit .env, then restart the server.",
      commands: ["systemctl restart $API_SERVICE"],
    },
    {
      id: "verify",
      kind: "check",
      title: "Verify the timeouts stopped",
      instruction: "Passes when RPCTimeout is no longer firing. It clears once p95 stays under 2 seconds for a few minutes.",
      check: "alerts.firing",
      params: { name: "RPCTimeout" },
    },
    {
      id: "follow-up",
      kind: "manual",
      title: "Follow up",
      instruction: "If it comes back under normal load, consider adding read replicas for RPC queries.",
    },
  ],
};

export const FAUCET_UNDER_ATTACK: TRunbook = {
  id: "faucet-under-attack",
  title: "Faucet under attack / rate limit abuse",
  source: `${SOURCE}: Faucet Under Attack / Rate Limit Abuse`,
  trigger: "Unusually high request rate, many 429 rate-limit errors, the grants table growing fast, or many addresses requested from the same IP.",
  severity: "P1",
  warning: "Pause first, investigate after: every minute open drains the faucet.",
  services: ["nginx", "cdn", "xrpl-node"],
  alerts: [],
  steps: [
    pauseStep("pause", "Stop the drain immediately."),
    {
      id: "check-balance",
      kind: "check",
      title: "See what is left in the faucet",
      instruction: "Below the warning threshold: top it up after the attack (faucet empty runbook).",
      check: "xrpl.balance",
      params: { wallet: "faucet" },
      onFail: "continue",
    },
    {
      id: "recent-grants",
      kind: "manual",
      title: "Find the top requesters",
      instruction: "Grants per IP in the last hour.",
      commands: [GRANTS_BY_IP],
    },
    {
      id: "suspicious",
      kind: "manual",
      title: "Find IPs using many addresses",
      instruction: "IPs that asked for more than 5 different addresses in the last hour.",
      commands: [
        `sqlite3 $DB_FILE "SELECT ip, COUNT(DISTINCT address) as addresses FROM request_fingerprints WHERE created_at > datetime('now', '-1 hour') GROUP BY ip HAVING addresses > 5;"`,
      ],
    },
    {
      id: "analyze",
      kind: "manual",
      title: "Work out the attack pattern",
      instruction: "Single IPs or whole ranges? Steady or in bursts? Write what you found in the note: it decides what to block.",
    },
    {
      id: "block",
      kind: "operation",
      title: "Block the attacking IPs",
      instruction: "An address or a CIDR range: the intake answers 403 to it from now on. More ranges: Faucet page → Block. For a flood the load balancer must also drop (nginx deny lines, CDN rules).",
      operationId: "faucet.block",
      fields: [
        { name: "cidr", label: "Address or range", placeholder: "203.0.113.0/24" },
        { name: "reason", label: "Why", placeholder: "e.g. 40 destinations in an hour" },
      ],
      commands: ["sudo nginx -t", "sudo systemctl reload nginx"],
    },
    {
      id: "rate-limits",
      kind: "manual",
      title: "Adjust the rate limits if needed",
      instruction: "Faucet page → Limits: grants, windows and the abuse rules' thresholds. One approver confirms; every instance follows at once.",
    },
    {
      id: "subsided",
      kind: "decision",
      title: "Has the attack subsided?",
      instruction: "Request rate and 429 errors back to normal.",
      options: [
        { label: "Yes — resume the faucet", goto: "resume" },
        { label: "No — leave it paused and hand over", goto: "end" },
      ],
    },
    resumeStep("Watch the request rate for the next hour (Faucet page → Grants per hour)."),
  ],
};

export const DATABASE_LOCKED: TRunbook = {
  id: "database-locked",
  title: "Database locked",
  source: `${SOURCE}: Database Locked`,
  trigger: "“database is locked” errors, or timeouts on database operations.",
  severity: "P2",
  services: [],
  alerts: [],
  steps: [
    {
      id: "which-db",
      kind: "decision",
      title: "Which database does the faucet use?",
      instruction: "The guide's faucet keeps its data in a SQLite file. OpsDeck's database checks read the PostgreSQL it is connected to; they cannot see a SQLite file.",
      options: [
        { label: "SQLite file", goto: "sqlite-holders" },
        { label: "PostgreSQL", goto: "pg-lock-holders" },
      ],
    },
    {
      id: "pg-lock-holders",
      kind: "check",
      title: "Find what holds the lock",
      instruction: "Queries and transactions running for more than a minute: an open transaction holds its locks until it ends.",
      check: "db.long-queries",
      params: { seconds: 60 },
      onFail: "continue",
    },
    {
      id: "pg-release",
      kind: "manual",
      title: "End the blocking session",
      instruction: "Only a session you recognise (a stuck job, a forgotten manual session). Put its pid in place of PID.",
      commands: ['psql "$DATABASE_URL" -c "SELECT pg_terminate_backend(PID);"'],
    },
    {
      id: "pg-released",
      kind: "decision",
      title: "Did the errors stop?",
      options: [
        { label: "Yes", goto: "verify" },
        { label: "No — restart the server", goto: "restart-server" },
      ],
    },
    {
      id: "sqlite-holders",
      kind: "manual",
      title: "Check which processes hold the file",
      instruction: "Anything besides the faucet server (a manual sqlite3 session, a backup job, a second server) is the likely lock.",
      commands: ["lsof $DB_FILE"],
    },
    {
      id: "sqlite-integrity",
      kind: "manual",
      title: "Check the database integrity",
      instruction: "It should answer “ok”. Anything else means the file is damaged: write it in the note, the restore is the last resort below.",
      commands: [`sqlite3 $DB_FILE "PRAGMA integrity_check;"`],
    },
    {
      id: "restart-server",
      kind: "manual",
      title: "Restart the server",
      instruction: "A graceful shutdown should release the lock.",
      commands: ["systemctl restart $API_SERVICE"],
    },
    {
      id: "still-locked",
      kind: "decision",
      title: "Still locked?",
      options: [
        { label: "No — errors stopped", goto: "verify" },
        { label: "Yes — still locked", goto: "zombies" },
      ],
    },
    {
      id: "zombies",
      kind: "manual",
      title: "Look for zombie processes and open sessions",
      instruction: "Stop leftover server processes and close any manual SQLite sessions still holding the file.",
      commands: ["lsof $DB_FILE", "ps aux | grep -E 'node|sqlite3' | grep -v grep"],
    },
    {
      id: "wal-mode",
      kind: "manual",
      title: "Check WAL mode",
      instruction: "WAL mode should prevent most locking issues. The first command should answer “wal”; if not, switch it with the server stopped.",
      commands: [`sqlite3 $DB_FILE "PRAGMA journal_mode;"`, `sqlite3 $DB_FILE "PRAGMA journal_mode=WAL;"`],
    },
    {
      id: "after-wal",
      kind: "decision",
      title: "Where are we?",
      options: [
        { label: "Errors stopped", goto: "verify" },
        { label: "Still locked, or the integrity check failed — restore the backup", goto: "restore" },
      ],
    },
    {
      id: "restore",
      kind: "manual",
      title: "Restore from backup",
      instruction: "Grants since the backup are lost. Keep a copy of the current file first, then stop, extract the backup, start.",
      commands: [
        "tar -czf backups/manual-backup-$(date +%Y%m%d_%H%M%S).tar.gz $DB_FILE",
        "systemctl stop $API_SERVICE",
        "tar -xzf backups/backup-TIMESTAMP.tar.gz -C data/",
        "systemctl start $API_SERVICE",
      ],
    },
    {
      id: "verify",
      kind: "manual",
      title: "Verify",
      instruction: "No more “database is locked” in the logs, and faucet requests succeed.",
      commands: ["journalctl -u $API_SERVICE --since '-10 min' | grep -i 'database is locked'"],
    },
  ],
};

export const KEY_ROTATION: TRunbook = {
  id: "key-rotation",
  title: "Faucet key rotation",
  source: `${SOURCE}: Key Rotation`,
  trigger: "On a regular schedule (every 90 days), on a suspected key compromise, or after a major security incident.",
  warning: "Generate the new key outside production. Never paste a key into a run note, chat or ticket: notes are kept in the audit log.",
  services: ["xrpl-node"],
  alerts: [],
  steps: [
    {
      id: "check-old-balance",
      kind: "check",
      title: "Read the current faucet balance",
      instruction: "Note it: the new address may need the same funding.",
      check: "xrpl.balance",
      params: { wallet: "faucet" },
      onFail: "continue",
    },
    {
      id: "generate",
      kind: "manual",
      title: "Generate the new key securely",
      instruction: "Never in the production environment. Use the key generation of the faucet's chain (on XRPL, a new wallet seed); the guide's generic example is below.",
      commands: ["openssl rand -hex 32"],
    },
    {
      id: "store",
      kind: "manual",
      title: "Store the new key securely",
      instruction: "In the KMS or vault, and give it to OpsDeck as FAUCET_XRPL_SEED_NEXT (or FAUCET_EVM_KEY_NEXT) on every instance. The Faucet page then shows its address.",
    },
    topUpStep("fund-next", "Before the switch, so no grant fails on an empty wallet. One approver confirms. On XRPL a new address only exists once it receives at least the base reserve (1 XRP on mainnet).", "next"),
    rotateStep("rotate", "Two approvers confirm. Grants then go out from the new wallet; the key itself never leaves the environment."),
    { id: "verify-address", kind: "manual", title: "Verify the new address", instruction: "The Faucet page shows the active address. Write the address (never the key) in the note." },
    {
      id: "update-monitoring",
      kind: "manual",
      title: "Watch the new address",
      instruction: "OpsDeck's faucet balance follows the active wallet by itself. Point XRPL_FAUCET_ADDRESS (the alert rules) and any other monitoring at the new address.",
    },
    {
      id: "check-new-balance",
      kind: "check",
      title: "Check the new address's balance",
      instruction: "Passes at or above the faucet warning threshold (1,000 by default).",
      check: "xrpl.balance",
      params: { wallet: "faucet" },
      onFail: "continue",
    },
    { id: "funded", kind: "decision", title: "Is the new address funded?", on: "check-new-balance", ifPass: "end", ifFail: "fund" },
    topUpStep("fund", "Top it up to above the warning threshold; one approver confirms."),
    { id: "verify-funded", kind: "check", title: "Verify the funds arrived", check: "xrpl.balance", params: { wallet: "faucet" } },
  ],
};

export const SUSPECTED_COMPROMISE: TRunbook = {
  id: "suspected-compromise",
  title: "Suspected compromise",
  source: `${SOURCE}: Suspected Compromise`,
  trigger: "Signs that the faucet server, its admin access or its signing key may be compromised: unexplained grants or payments, unknown admin calls, key material exposed.",
  severity: "P0",
  warning: "Act on the suspicion: pause and rotate first, investigate after. Keep the details out of public channels.",
  services: ["xrpl-node", "opsdeck"],
  alerts: [],
  steps: [
    pauseStep("pause", "Immediately."),
    rotateStep("rotate-key", "The next key must already be configured (FAUCET_*_NEXT, generated outside production; the key rotation runbook says how). Two approvers confirm."),
    {
      id: "review-grants",
      kind: "manual",
      title: "Review recent grants",
      instruction: "Look for grants nobody can explain: unusual volumes, addresses, hours.",
      commands: [GRANTS_BY_IP, `sqlite3 $DB_FILE "SELECT * FROM faucet_grants ORDER BY created_at DESC LIMIT 50;"`],
    },
    {
      id: "access-logs",
      kind: "manual",
      title: "Check the server access logs",
      instruction: "Logins from unknown places or at odd hours.",
      commands: ["last -a | head -50", "sudo grep -iE 'accepted|failed' /var/log/auth.log | tail -50"],
    },
    {
      id: "check-audit",
      kind: "check",
      title: "Check OpsDeck's audit trail is intact",
      instruction: "Verifies no event in OpsDeck's audit log was altered.",
      check: "audit.chain",
      onFail: "continue",
    },
    { id: "audit-intact", kind: "decision", title: "Is the audit trail intact?", on: "check-audit", ifPass: "app-logs", ifFail: "audit-broken" },
    {
      id: "audit-broken",
      kind: "manual",
      title: "Preserve the evidence and escalate",
      instruction:
        "Someone with database access rewrote OpsDeck's history: treat OpsDeck as compromised too. Copy its database before anything changes, note the event the check names, and escalate.",
    },
    {
      id: "app-logs",
      kind: "manual",
      title: "Review the application logs",
      commands: ["journalctl -u $API_SERVICE --since '-24 hours' --no-pager | less"],
    },
    {
      id: "admin-access",
      kind: "manual",
      title: "Check for unauthorized admin access",
      instruction: "Admin calls (pause, resume, top-up, rotate-key) nobody on the team made. Check ADMIN_ALLOWED_IPS is still restricted to known IPs.",
      commands: ["journalctl -u $API_SERVICE --since '-7 days' --no-pager | grep /api/admin/"],
    },
    {
      id: "key-leak",
      kind: "manual",
      title: "Verify the key material has not leaked",
      instruction: "Vault or KMS access log, .env files, backups, repository history, shell history.",
    },
    {
      id: "patch",
      kind: "manual",
      title: "Patch vulnerabilities and update dependencies",
      commands: ["npm audit --production"],
    },
    {
      id: "rotate-secrets",
      kind: "manual",
      title: "Rotate all secrets",
      instruction: "ADMIN_TOKEN (strong random value), database credentials, API keys: everything the server could read.",
      commands: ["openssl rand -hex 32"],
    },
    {
      id: "replace-address",
      kind: "decision",
      title: "Drain and replace the faucet address?",
      instruction: "Yes if the key was exposed or payments left the faucet that nobody can explain.",
      options: [
        { label: "Yes — drain and replace it", goto: "drain" },
        { label: "No", goto: "resume" },
      ],
    },
    {
      id: "drain",
      kind: "manual",
      title: "Drain the old address",
      instruction:
        "Move what is left to the new faucet address as a treasury transfer, with its approvals. Then point monitoring at the new address (key rotation runbook).",
    },
    {
      id: "resume",
      kind: "manual",
      title: "Resume the faucet once remediation is reviewed",
      instruction: "Only after the fixes above are done and someone else has reviewed them. Write the post-mortem from the incident page.",
      commands: [RESUME],
    },
  ],
};

export const FAUCET_RUNBOOKS: TRunbook[] = [NODE_OUT_OF_SYNC, FAUCET_EMPTY, RPC_TIMEOUTS, FAUCET_UNDER_ATTACK, DATABASE_LOCKED, KEY_ROTATION, SUSPECTED_COMPROMISE];
