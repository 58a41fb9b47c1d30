import type { TRunbook } from "@/lib/runbooks/types";

// The escrow platform operations guide §6, RB-01 … RB-10. Shell commands are kept as the guide
// gives them, to copy; OpsDeck's own checks and operations replace them where it can do better.

const SOURCE = "Escrow platform operations guide §6";

export const RB_01: TRunbook = {
  id: "RB-01",
  title: "API unresponsive",
  source: SOURCE,
  trigger: "The API health check fails 2 times in a row.",
  severity: "P1",
  services: ["api", "postgres", "redis"],
  alerts: ["Health check failing", "APIDown", "APIHighErrorRate"],
  steps: [
    {
      id: "check-api",
      kind: "check",
      title: "Probe the API health endpoint",
      instruction: "OpsDeck probes the API now. If it answers ok, the container is up: the run skips to resources and dependencies (a high error rate often comes from them).",
      check: "service.status",
      params: { service: "api" },
      onFail: "continue",
      commands: ["curl -sf https://api.yourdomain.com/health"],
    },
    { id: "api-down", kind: "decision", title: "Is the API down?", on: "check-api", ifPass: "resources", ifFail: "container-status" },
    {
      id: "container-status",
      kind: "manual",
      title: "Check the container status",
      instruction: "“Restarting”: read the logs to see why it crashes.\n\n“Exited”: restart it.",
      commands: ["docker compose ps api", "docker compose logs api --tail 50", "docker compose restart api"],
    },
    {
      id: "resources",
      kind: "manual",
      title: "Check resource usage",
      instruction: "Memory > 90%: an OOM is possible. Restart with a lower APP_WORKERS.\n\nCPU at 100%: possibly an infinite loop. Check the most recent deploy.",
      commands: ["docker stats --no-stream platform-api"],
    },
    {
      id: "check-postgres",
      kind: "check",
      title: "Check the database",
      instruction: "OpsDeck probes the database. The command checks it from inside the API container.",
      check: "service.status",
      params: { service: "postgres" },
      onFail: "continue",
      commands: [`docker compose exec api python -c "from app.core.database import engine; print('DB OK')"`],
    },
    { id: "postgres-up", kind: "decision", title: "Is the database answering?", on: "check-postgres", ifPass: "check-redis", ifFail: "database-down" },
    {
      id: "database-down",
      kind: "manual",
      title: "The database is down: start RB-02",
      instruction: "The API cannot work without the database. Start RB-02 (database connections) and work it alongside this run, then continue here.",
    },
    {
      id: "check-redis",
      kind: "check",
      title: "Check Redis",
      instruction: "OpsDeck probes Redis. The command checks it from inside the API container.",
      check: "service.status",
      params: { service: "redis" },
      onFail: "continue",
      commands: [`docker compose exec api python -c "import redis; r=redis.from_url('$REDIS_URL'); r.ping(); print('Redis OK')"`],
    },
    { id: "redis-up", kind: "decision", title: "Is Redis answering?", on: "check-redis", ifPass: "restart", ifFail: "redis-down" },
    {
      id: "redis-down",
      kind: "manual",
      title: "Redis is down: start RB-08",
      instruction: "Start RB-08 (Redis memory pressure) and work it alongside this run, then continue here.",
    },
    {
      id: "restart",
      kind: "manual",
      title: "Restart the API",
      instruction: "Restart, wait 10 seconds, then call the health endpoint.",
      commands: ["docker compose restart api", "sleep 10", "curl -sf https://api.yourdomain.com/health"],
    },
    {
      id: "verify-api",
      kind: "check",
      title: "Verify the API answers",
      check: "service.status",
      params: { service: "api" },
      onFail: "continue",
    },
    { id: "api-back", kind: "decision", title: "Did the restart help?", on: "verify-api", ifPass: "end", ifFail: "escalate" },
    {
      id: "escalate",
      kind: "manual",
      title: "Escalate",
      instruction: "The restart did not help. Escalate, check the recent code changes and roll back if needed.",
    },
  ],
};

export const RB_02: TRunbook = {
  id: "RB-02",
  title: "Database connection exhaustion",
  source: SOURCE,
  trigger: "db_connection_pool_checked_out > 95%, or “too many connections” errors.",
  severity: "P1",
  services: ["postgres", "api", "event-workers", "timeout-workers"],
  alerts: ["DatabaseConnectionPoolExhausted"],
  steps: [
    {
      id: "check-connections",
      kind: "check",
      title: "Check current connections",
      instruction: "OpsDeck counts the connections in use against max_connections. Below 95% the pool is no longer exhausted: the run skips to the root cause.\n\nThe command shows the connections by state.",
      check: "db.connections",
      params: { maxPct: 95 },
      onFail: "continue",
      commands: [`docker compose exec postgres psql -U $DB_USER -d $DB_NAME -c "SELECT count(*), state FROM pg_stat_activity WHERE datname='$DB_NAME' GROUP BY state;"`],
    },
    { id: "exhausted", kind: "decision", title: "Is the pool still exhausted?", on: "check-connections", ifPass: "root-cause", ifFail: "long-queries" },
    {
      id: "long-queries",
      kind: "check",
      title: "Identify long-running queries",
      instruction: "Lists non-idle queries running for more than 60 seconds. Note what holds the connections.",
      check: "db.long-queries",
      params: { seconds: 60 },
      commands: [
        `docker compose exec postgres psql -U $DB_USER -d $DB_NAME -c "SELECT pid, now()-query_start AS duration, state, left(query,80) AS query FROM pg_stat_activity WHERE datname='$DB_NAME' AND state != 'idle' ORDER BY duration DESC LIMIT 10;"`,
      ],
    },
    {
      id: "check-idle",
      kind: "check",
      title: "Look for idle connections (> 10 min)",
      check: "db.idle-connections",
      params: { minutes: 10 },
      onFail: "continue",
    },
    { id: "idle-found", kind: "decision", title: "Are there connections idle for more than 10 minutes?", on: "check-idle", ifPass: "recheck-connections", ifFail: "kill-idle" },
    {
      id: "kill-idle",
      kind: "manual",
      title: "Kill idle connections (> 10 min idle)",
      commands: [
        `docker compose exec postgres psql -U $DB_USER -d $DB_NAME -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname='$DB_NAME' AND state='idle' AND state_change < NOW() - INTERVAL '10 minutes';"`,
      ],
    },
    {
      id: "recheck-connections",
      kind: "check",
      title: "Check the connections again",
      check: "db.connections",
      params: { maxPct: 95 },
      onFail: "continue",
    },
    { id: "still-exhausted", kind: "decision", title: "Still exhausted?", on: "recheck-connections", ifPass: "root-cause", ifFail: "restart-services" },
    {
      id: "restart-services",
      kind: "manual",
      title: "Restart the services to release the pool",
      commands: ["docker compose restart api celery-events celery-timeouts"],
    },
    {
      id: "root-cause",
      kind: "manual",
      title: "Investigate the root cause",
      instruction: "Compare DATABASE_POOL_SIZE with max_connections.\n\nLook for connection leaks (sessions not properly closed).\n\nConsider adding pgBouncer.",
    },
  ],
};

export const RB_03: TRunbook = {
  id: "RB-03",
  title: "Blockchain event sync lag",
  source: SOURCE,
  trigger: "blockchain_sync_lag_blocks > 100, or the sync cursor unchanged for 10 min.",
  severity: "P2",
  services: ["event-workers", "rpc-primary", "rpc-fallback"],
  alerts: ["Event sync lag", "Event sync stuck", "BlockchainSyncStuck", "BlockchainSyncLag"],
  steps: [
    {
      id: "check-cursor",
      kind: "check",
      title: "Check the sync cursor against the chain head",
      instruction: "OpsDeck compares the cursor with the confirmed head. If it is within the threshold and moving, the lag has cleared.",
      check: "sync.lag",
      onFail: "continue",
      commands: ['psql "$DATABASE_URL" -c "SELECT chain, last_block, updated_at FROM event_sync_cursor;"'],
    },
    { id: "lag-cleared", kind: "decision", title: "Has the lag cleared?", on: "check-cursor", ifPass: "end", ifFail: "check-primary" },
    {
      id: "check-primary",
      kind: "check",
      title: "Check the primary RPC",
      instruction: "A primary that does not answer explains the lag: the event workers read through it.",
      check: "rpc.endpoint",
      params: { chain: "evm", endpoint: "primary" },
      onFail: "continue",
      commands: ["cast block-number --rpc-url $RPC_URL"],
    },
    { id: "primary-up", kind: "decision", title: "Is the primary RPC answering?", on: "check-primary", ifPass: "worker-logs", ifFail: "check-fallback" },
    {
      id: "check-fallback",
      kind: "check",
      title: "Check the fallback RPC",
      check: "rpc.endpoint",
      params: { chain: "evm", endpoint: "fallback" },
      commands: ["cast block-number --rpc-url $RPC_FALLBACK_URL"],
    },
    {
      id: "switch-fallback",
      kind: "operation",
      title: "Switch to the fallback RPC (RB-07)",
      instruction: "Pins every EVM call to the fallback endpoint until someone gives the choice back to automatic failover.",
      operationId: "chain.rpc.override",
      input: { chain: "evm", endpoint: "fallback" },
    },
    {
      id: "worker-logs",
      kind: "manual",
      title: "Check the event worker",
      instruction:
        "Read the event worker's recent logs.\n\n“Connection refused”: the RPC is down (RB-07). “Task error”: read the specific error. No recent logs: the worker may be dead.",
      commands: ["docker compose logs celery-events --tail 50"],
    },
    {
      id: "restart-listener",
      kind: "manual",
      title: "Restart the event listener",
      commands: ["docker compose restart celery-events"],
    },
    {
      id: "verify-sync",
      kind: "check",
      title: "Verify the sync is catching up",
      instruction: "If the lag persists and is large (> 10,000 blocks), consider more worker concurrency: docker compose up -d --scale celery-events=3",
      check: "sync.lag",
    },
  ],
};

export const RB_04: TRunbook = {
  id: "RB-04",
  title: "High dispute rate",
  source: SOURCE,
  trigger: "Dispute rate > 20% of the orders created in the last 24 hours.",
  severity: "P2",
  services: ["api", "postgres"],
  alerts: ["High dispute rate"],
  steps: [
    {
      id: "check-rate",
      kind: "check",
      title: "Check the dispute stats",
      instruction: "OpsDeck computes the disputed share of the last 24 hours' orders. At or below the threshold the run ends.",
      check: "disputes.rate",
      onFail: "continue",
      commands: [
        `docker compose exec postgres psql -U $DB_USER -d $DB_NAME <<SQL
SELECT
  COUNT(*) AS total_orders,
  COUNT(*) FILTER (WHERE status = 'disputed') AS disputes,
  ROUND(100.0 * COUNT(*) FILTER (WHERE status = 'disputed') / NULLIF(COUNT(*), 0), 1) AS dispute_pct
FROM orders
WHERE created_at > NOW() - INTERVAL '24 hours';
SQL`,
      ],
    },
    { id: "rate-high", kind: "decision", title: "Is the dispute rate above the threshold?", on: "check-rate", ifPass: "end", ifFail: "repeat-offenders" },
    {
      id: "repeat-offenders",
      kind: "manual",
      title: "Identify repeat offenders",
      instruction: "The sellers with the most disputes in the last 7 days. OpsDeck lists them (and the buyers) on Disputes → RB-04 watch; the query below is the same on the platform's own database.",
      commands: [
        `docker compose exec postgres psql -U $DB_USER -d $DB_NAME <<SQL
SELECT seller_wallet, COUNT(*) AS disputes
FROM orders
WHERE status = 'disputed' AND created_at > NOW() - INTERVAL '7 days'
GROUP BY seller_wallet
ORDER BY disputes DESC LIMIT 10;
SQL`,
      ],
    },
    {
      id: "scam-patterns",
      kind: "manual",
      title: "Check for scam patterns",
      instruction:
        "Many disputes from the same seller: potential scam seller.\n\nMany disputes from the same buyer: potential scam buyer.\n\nNew accounts with a high dispute rate: fraud.\n\nDisputes → RB-04 watch shows all three; each dispute page shows both parties' history.",
    },
    {
      id: "blacklist",
      kind: "operation",
      title: "Blacklist confirmed scam wallets",
      instruction: "Only wallets you have confirmed. One approver confirms; the wallet is then flagged wherever it appears. More than one wallet: add the others on Disputes → Blacklist.",
      operationId: "wallet.blacklist",
      input: { source: "dispute" },
      fields: [
        { name: "wallet", label: "Wallet (0x… or r…)", placeholder: "0x…" },
        { name: "why", label: "Reason (kept with the entry)", placeholder: "e.g. 4 disputes in 7 days, all lost: fake receipts" },
      ],
      commands: [
        "INSERT INTO blacklist (wallet, reason, source) VALUES ('0x...', 'High dispute rate', 'manual');",
        "UPDATE user_profiles SET is_blacklisted = true WHERE wallet = '0x...';",
      ],
    },
    {
      id: "lower-limits",
      kind: "manual",
      title: "Lower new seller limits if widespread",
      instruction: "If the pattern is widespread, temporarily lower the limits for new sellers.",
    },
    {
      id: "consider-pause",
      kind: "manual",
      title: "Consider pausing the platform",
      instruction: "If the attack is ongoing, start RB-05 (smart contract emergency pause). It blocks all trading.",
    },
  ],
};

export const RB_05: TRunbook = {
  id: "RB-05",
  title: "Smart contract emergency pause",
  source: SOURCE,
  trigger: "P0 incident — a potential exploit, funds at risk.",
  severity: "P0",
  warning: "THIS BLOCKS ALL TRADING. Use only for genuine emergencies.",
  services: ["rpc-primary", "api"],
  alerts: ["Escrow contract paused", "EscrowPaused"],
  steps: [
    {
      id: "check-trading",
      kind: "check",
      title: "Is the escrow still trading?",
      instruction: "Reads paused() from the escrow contract. false means orders are still flowing and the brake has not been pulled.",
      check: "escrow.paused",
      params: { expect: false },
      onFail: "continue",
    },
    {
      id: "pause",
      kind: "operation",
      title: "Pause the contract immediately",
      instruction: "Sends pause() signed by the owner key. Runs at once — no approval while funds are at risk.",
      operationId: "escrow.pause",
      fields: [{ name: "note", label: "What is happening", placeholder: "e.g. suspected reentrancy in order release" }],
      commands: ['cast send $ESCROW_CONTRACT "pause()" --rpc-url $RPC_URL --private-key $OWNER_KEY'],
    },
    {
      id: "verify-paused",
      kind: "check",
      title: "Verify the pause is active",
      instruction: "paused() should now return true.",
      check: "escrow.paused",
      params: { expect: true },
      commands: ['cast call $ESCROW_CONTRACT "paused()" --rpc-url $RPC_URL'],
    },
    { id: "communicate", kind: "manual", title: "Communicate", instruction: "Update the status page.\n\nPost in the announcement channels.\n\nNotify the team through the pager." },
    { id: "assess", kind: "manual", title: "Assess the scope", instruction: "Which orders are affected? Are the funds safe in the contract? Is the exploit actively being used?" },
    {
      id: "fix",
      kind: "manual",
      title: "Fix",
      instruction: "Code bug: deploy a new contract and migrate state.\n\nAdmin key compromise: rotate keys, deploy from the new owner.\n\nEconomic attack: adjust parameters.",
    },
    { id: "verify-testnet", kind: "manual", title: "Verify the fix on testnet first" },
    {
      id: "unpause",
      kind: "operation",
      title: "Unpause (only after thorough verification)",
      instruction: "Two approvers confirm before unpause() is sent.",
      operationId: "escrow.unpause",
      commands: ['cast send $ESCROW_CONTRACT "unpause()" --rpc-url $RPC_URL --private-key $OWNER_KEY'],
    },
    { id: "verify-trading", kind: "check", title: "Verify trading resumed", instruction: "paused() should return false again.", check: "escrow.paused", params: { expect: false } },
    { id: "post-mortem", kind: "manual", title: "Post-mortem within 48 hours", instruction: "Write it from the incident's post-mortem page: it is prefilled with this run and the timeline." },
  ],
};

export const RB_06: TRunbook = {
  id: "RB-06",
  title: "JWT secret rotation",
  source: SOURCE,
  trigger: "Monthly rotation, or a suspected compromise of the secret.",
  warning: "Rotating JWT_SECRET invalidates ALL active sessions. Schedule it in a low-traffic window (e.g. 03:00 UTC).",
  services: ["api"],
  alerts: [],
  steps: [
    { id: "generate", kind: "manual", title: "Generate a new secret", instruction: "Copy the output.", commands: ["openssl rand -hex 32"] },
    { id: "update-env", kind: "manual", title: "Update .env", instruction: "Replace the JWT_SECRET value in backend/.env with the new secret." },
    {
      id: "restart-api",
      kind: "manual",
      title: "Restart the API",
      instruction: "Use a rolling restart to minimize downtime.",
      commands: ["docker compose restart api"],
    },
    {
      id: "verify",
      kind: "check",
      title: "Verify the API answers",
      check: "service.status",
      params: { service: "api" },
      commands: ["curl -sf https://api.yourdomain.com/health"],
    },
    {
      id: "sessions",
      kind: "manual",
      title: "Expect everyone to sign in again",
      instruction: "All users must re-authenticate. This is expected: old JWTs return 401 UNAUTHORIZED.",
    },
  ],
};

export const RB_07: TRunbook = {
  id: "RB-07",
  title: "RPC provider failover",
  source: SOURCE,
  trigger: "The primary RPC returns errors or timeouts.",
  severity: "P2",
  services: ["rpc-primary", "rpc-fallback", "api", "event-workers"],
  alerts: ["RPC primary down, fallback active", "RPC primary and fallback down"],
  steps: [
    {
      id: "check-primary",
      kind: "check",
      title: "Check the primary RPC",
      instruction: "Timeout or error: the primary is down. If it answers, there is nothing to fail over and the run ends.",
      check: "rpc.endpoint",
      params: { chain: "evm", endpoint: "primary" },
      onFail: "continue",
      commands: ["cast block-number --rpc-url $RPC_URL"],
    },
    { id: "primary-down", kind: "decision", title: "Is the primary down?", on: "check-primary", ifPass: "end", ifFail: "check-fallback" },
    {
      id: "check-fallback",
      kind: "check",
      title: "Check the fallback RPC",
      instruction: "If the fallback is also down, both providers have issues (P1): the run skips to the status pages.",
      check: "rpc.endpoint",
      params: { chain: "evm", endpoint: "fallback" },
      onFail: "continue",
      commands: ["cast block-number --rpc-url $RPC_FALLBACK_URL"],
    },
    { id: "fallback-up", kind: "decision", title: "Is the fallback answering?", on: "check-fallback", ifPass: "switch-fallback", ifFail: "status-pages" },
    {
      id: "switch-fallback",
      kind: "operation",
      title: "Switch OpsDeck to the fallback RPC",
      instruction: "Pins every EVM call OpsDeck makes to the fallback endpoint, until someone gives the choice back to automatic failover.",
      operationId: "chain.rpc.override",
      input: { chain: "evm", endpoint: "fallback" },
    },
    {
      id: "switch-backend",
      kind: "manual",
      title: "Make sure the backend failed over",
      instruction: "The backend should fail over by itself. If it has not, switch it by hand: in backend/.env swap RPC_URL and RPC_FALLBACK_URL, then restart.",
      commands: ["docker compose restart api celery-events"],
    },
    {
      id: "status-pages",
      kind: "manual",
      title: "Check the providers' status pages",
      instruction: "Open your RPC providers' status pages and look for an ongoing incident.",
    },
    {
      id: "wait-monitor",
      kind: "manual",
      title: "If both providers are down, wait and monitor",
      instruction: "On-chain state is not affected. Only the sync is delayed; once an RPC is back, check the sync lag (RB-03).",
    },
    {
      id: "back-to-auto",
      kind: "decision",
      title: "Give the choice back to automatic failover?",
      instruction: "Only once the primary answers again.",
      options: [
        { label: "The primary is back: return to automatic failover", goto: "restore-auto" },
        { label: "Not yet, or nothing was pinned", goto: "end" },
      ],
    },
    {
      id: "restore-auto",
      kind: "operation",
      title: "Return to automatic failover",
      instruction: "Removes the pin: OpsDeck prefers the primary again and falls back by itself. Swap the backend's .env back too if you changed it.",
      operationId: "chain.rpc.override",
      input: { chain: "evm", endpoint: "auto" },
    },
  ],
};

export const RB_08: TRunbook = {
  id: "RB-08",
  title: "Redis memory pressure",
  source: SOURCE,
  trigger: "Redis memory usage > 70% of maxmemory.",
  severity: "P2",
  services: ["redis"],
  alerts: ["RedisMemoryHigh"],
  steps: [
    {
      id: "check-memory",
      kind: "check",
      title: "Check memory usage",
      instruction: "OpsDeck probes Redis: it fails when memory is above 70% of maxmemory (above 90% an OOM is close, P1). If it passes, the pressure has cleared and the run ends.",
      check: "service.status",
      params: { service: "redis" },
      onFail: "continue",
      commands: ["docker compose exec redis redis-cli -a $REDIS_PASSWORD info memory"],
    },
    { id: "memory-high", kind: "decision", title: "Is memory still high?", on: "check-memory", ifPass: "end", ifFail: "big-keys" },
    {
      id: "big-keys",
      kind: "manual",
      title: "Identify large key patterns",
      commands: ["docker compose exec redis redis-cli -a $REDIS_PASSWORD --bigkeys"],
    },
    {
      id: "check-ttls",
      kind: "manual",
      title: "Check TTLs on keys",
      instruction: "Every key should have a TTL. -1 means it never expires.",
      commands: [
        `docker compose exec redis redis-cli -a $REDIS_PASSWORD SCAN 0 COUNT 100 | tail -n +2 | while read key; do
  echo "$key: $(docker compose exec redis redis-cli -a $REDIS_PASSWORD TTL $key)"
done`,
      ],
    },
    {
      id: "flush-cache",
      kind: "manual",
      title: "Flush the stale cache",
      instruction: "Safe: the cache regenerates. -n 0 flushes only the cache database, not the Celery database.",
      commands: ["docker compose exec redis redis-cli -a $REDIS_PASSWORD -n 0 FLUSHDB"],
    },
    {
      id: "recheck-memory",
      kind: "check",
      title: "Check memory again",
      check: "service.status",
      params: { service: "redis" },
      onFail: "continue",
    },
    { id: "still-high", kind: "decision", title: "Is memory still high?", on: "recheck-memory", ifPass: "eviction-policy", ifFail: "increase-memory" },
    {
      id: "increase-memory",
      kind: "manual",
      title: "Increase maxmemory",
      instruction: "The pressure persists: increase maxmemory in redis.conf, or the container's memory limit.",
    },
    {
      id: "eviction-policy",
      kind: "manual",
      title: "Verify the eviction policy",
      instruction: "It should be allkeys-lru.",
      commands: ["docker compose exec redis redis-cli -a $REDIS_PASSWORD config get maxmemory-policy"],
    },
  ],
};

export const RB_09: TRunbook = {
  id: "RB-09",
  title: "Celery queue backlog",
  source: SOURCE,
  trigger: "> 500 tasks queued for more than 5 minutes.",
  severity: "P2",
  services: ["event-workers", "timeout-workers", "scheduler", "redis"],
  alerts: ["CeleryQueueBacklog", "CeleryNoWorkers"],
  steps: [
    {
      id: "queue-depth",
      kind: "manual",
      title: "Check the queue depth",
      commands: ["docker compose exec redis redis-cli -a $REDIS_PASSWORD LLEN celery"],
    },
    {
      id: "worker-status",
      kind: "manual",
      title: "Check the worker status",
      instruction: "Are workers active? Are they working through tasks, or are tasks failing?",
      commands: ["docker compose exec celery-events celery -A app.workers inspect active", "docker compose exec celery-events celery -A app.workers inspect reserved"],
    },
    {
      id: "workers-state",
      kind: "decision",
      title: "What do the workers show?",
      options: [
        { label: "Workers active but slow", goto: "scale-up" },
        { label: "No worker active", goto: "restart-workers" },
        { label: "Tasks are failing", goto: "failing-logs" },
      ],
    },
    {
      id: "scale-up",
      kind: "manual",
      title: "Scale up the workers",
      commands: ["docker compose up -d --scale celery-events=4"],
    },
    {
      id: "after-scale",
      kind: "decision",
      title: "Is the queue draining?",
      instruction: "Check the depth again (LLEN celery).",
      options: [
        { label: "Yes, it is draining", goto: "verify-cleared" },
        { label: "No, or tasks are failing", goto: "failing-logs" },
      ],
    },
    {
      id: "restart-workers",
      kind: "manual",
      title: "Restart the workers",
      commands: ["docker compose restart celery-events celery-timeouts celery-beat"],
    },
    {
      id: "after-restart",
      kind: "decision",
      title: "Is the queue draining?",
      instruction: "Check the depth again (LLEN celery).",
      options: [
        { label: "Yes, it is draining", goto: "verify-cleared" },
        { label: "No, or tasks are failing", goto: "failing-logs" },
      ],
    },
    {
      id: "failing-logs",
      kind: "manual",
      title: "Check the logs for failing tasks",
      commands: [`docker compose logs celery-events --tail 100 | grep "Task.*failed"`],
    },
    {
      id: "purge-or-keep",
      kind: "decision",
      title: "Are the queued tasks stale or unrecoverable?",
      options: [
        { label: "Yes: purge the queue", goto: "purge" },
        { label: "No: keep them", goto: "verify-cleared" },
      ],
    },
    {
      id: "purge",
      kind: "manual",
      title: "Purge the queue",
      instruction: "This discards ALL queued tasks. Events are fetched again from the blockchain on the next poll.",
      commands: ["docker compose exec celery-events celery -A app.workers purge -f"],
    },
    {
      id: "verify-cleared",
      kind: "check",
      title: "Verify the backlog alert has cleared",
      instruction: "Passes when the backlog alert no longer fires. Confirm the depth by hand: it should be well below 500.",
      check: "alerts.firing",
      params: { name: "CeleryQueueBacklog" },
      commands: ["docker compose exec redis redis-cli -a $REDIS_PASSWORD LLEN celery"],
    },
  ],
};

export const RB_10: TRunbook = {
  id: "RB-10",
  title: "DDoS / traffic spike",
  source: SOURCE,
  trigger: "Abnormal traffic volume, response degradation.",
  severity: "P2",
  services: ["cdn", "nginx", "api"],
  alerts: ["TrafficSpike"],
  steps: [
    {
      id: "check-cdn",
      kind: "check",
      title: "Check the CDN is active",
      instruction: "OpsDeck probes the CDN. Then open the CDN dashboard: analytics → request volume.\n\nEnable “Under Attack” mode if needed.",
      check: "service.status",
      params: { service: "cdn" },
    },
    {
      id: "rate-limiting",
      kind: "manual",
      title: "Check rate limiting",
      instruction: "How many requests the API rate-limited in the last 5 minutes.",
      commands: [`docker compose logs api --since 5m 2>&1 | grep "Rate limit" | wc -l`],
    },
    {
      id: "traffic-kind",
      kind: "decision",
      title: "What kind of traffic is it?",
      options: [
        { label: "An attack gets past the CDN", goto: "block-attack" },
        { label: "Legitimate traffic", goto: "scale-api" },
      ],
    },
    {
      id: "block-attack",
      kind: "manual",
      title: "Block the attack",
      instruction:
        "Enable the CDN's “I'm Under Attack” mode.\n\nAdd firewall rules to block the offending IPs or ASNs.\n\nTemporarily reduce RATE_LIMIT_GLOBAL (e.g. 30/min).",
    },
    {
      id: "also-scale",
      kind: "decision",
      title: "Does legitimate traffic need more capacity too?",
      options: [
        { label: "Yes: scale the backend", goto: "scale-api" },
        { label: "No", goto: "monitor" },
      ],
    },
    {
      id: "scale-api",
      kind: "manual",
      title: "Scale the backend",
      commands: ["docker compose up -d --scale api=3"],
    },
    {
      id: "monitor",
      kind: "manual",
      title: "Monitor until traffic normalizes",
      instruction: "Log lines per minute from the API.",
      commands: [`watch -n 5 'docker compose logs --since 1m api 2>&1 | wc -l'`],
    },
    {
      id: "verify-api",
      kind: "check",
      title: "Verify the API answers normally",
      check: "service.status",
      params: { service: "api" },
    },
  ],
};

export const ESCROW_PLATFORM_RUNBOOKS: TRunbook[] = [RB_01, RB_02, RB_03, RB_04, RB_05, RB_06, RB_07, RB_08, RB_09, RB_10];
