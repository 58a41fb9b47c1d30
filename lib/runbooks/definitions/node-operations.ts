import type { TRunbook } from "@/lib/runbooks/types";

// The blockchain node operations runbook's quick decision tree: a person answers its questions
// (decision steps with options) and lands on the checks for that branch. The commands come from
// the runbook's troubleshooting sections; <service>, <container> and <host> are placeholders.
// After each branch a question either ends the run or moves on to the next likely cause.

const SOURCE = "Blockchain node operations runbook";

export const QUICK_DECISION_TREE: TRunbook = {
  id: "quick-decision-tree",
  title: "Quick decision tree",
  source: SOURCE,
  trigger: "A service is down, performance is slow or data looks wrong, and you need to know where to start.",
  services: [],
  alerts: [],
  steps: [
    {
      id: "issue",
      kind: "decision",
      title: "What is the issue?",
      options: [
        { label: "A service is down", goto: "down-kind" },
        { label: "Performance is slow", goto: "slow-kind" },
        { label: "Data problems", goto: "data-kind" },
      ],
    },

    // ── Service down ──
    {
      id: "down-kind",
      kind: "decision",
      title: "Service down: where does it look like it is?",
      options: [
        { label: "A systemd service", goto: "down-systemd" },
        { label: "A Docker container", goto: "down-docker" },
        { label: "A network issue", goto: "down-network" },
        { label: "A resource issue (CPU, memory, disk)", goto: "down-resources" },
      ],
    },
    {
      id: "down-systemd",
      kind: "manual",
      title: "Check the systemd service",
      instruction: "Read its status and recent logs. If it is stopped, start it; if it hangs, restart it.",
      commands: ["systemctl status <service>", "journalctl -u <service> --no-pager -n 100", "systemctl restart <service>"],
    },
    {
      id: "down-systemd-next",
      kind: "decision",
      title: "Found the cause?",
      options: [
        { label: "Yes, it is fixed or the cause is clear", goto: "end" },
        { label: "No: check the network", goto: "down-network" },
        { label: "No: escalate", goto: "escalate" },
      ],
    },
    {
      id: "down-docker",
      kind: "manual",
      title: "Check the Docker container",
      instruction: "Read the container's logs and state.",
      commands: ["docker ps | grep <container>", "docker logs <container> --tail 100", "docker-compose ps"],
    },
    {
      id: "down-docker-next",
      kind: "decision",
      title: "Found the cause?",
      options: [
        { label: "Yes, it is fixed or the cause is clear", goto: "end" },
        { label: "No: check the network", goto: "down-network" },
        { label: "No: escalate", goto: "escalate" },
      ],
    },
    {
      id: "down-network",
      kind: "manual",
      title: "Check the network",
      instruction: "Can you reach the host, is the port open, does the name resolve?",
      commands: ["ping -c 3 <host>", "nc -zv <host> <port>", "nslookup <host>"],
    },
    {
      id: "down-network-next",
      kind: "decision",
      title: "Found the cause?",
      options: [
        { label: "Yes, it is fixed or the cause is clear", goto: "end" },
        { label: "No: check resources", goto: "down-resources" },
        { label: "No: escalate", goto: "escalate" },
      ],
    },
    {
      id: "down-resources",
      kind: "manual",
      title: "Check resources",
      instruction: "Alert levels: CPU > 80% for 5 minutes, memory > 85%, disk < 10% available.",
      commands: ["top -b -n 1 | head -20", "free -h", "df -h"],
    },
    {
      id: "down-resources-next",
      kind: "decision",
      title: "Found the cause?",
      options: [
        { label: "Yes, it is fixed or the cause is clear", goto: "end" },
        { label: "No: escalate", goto: "escalate" },
      ],
    },

    // ── Slow performance ──
    {
      id: "slow-kind",
      kind: "decision",
      title: "Slow performance: what do you see?",
      options: [
        { label: "High CPU", goto: "slow-cpu" },
        { label: "High memory", goto: "slow-memory" },
        { label: "A slow database", goto: "slow-database" },
        { label: "A network bottleneck", goto: "slow-network" },
      ],
    },
    {
      id: "slow-cpu",
      kind: "manual",
      title: "High CPU: find and profile the process",
      instruction: "Alert level: > 80% for 5 minutes.\n\nFixes: more CPU, optimize slow queries, a bigger cache, or scale horizontally.",
      commands: ["top -b -n 1 | head -20", "docker stats --no-stream <container>", "perf record -p <pid>", "perf report"],
    },
    {
      id: "slow-cpu-next",
      kind: "decision",
      title: "Found the cause?",
      options: [
        { label: "Yes, it is fixed or the cause is clear", goto: "end" },
        { label: "No: check memory", goto: "slow-memory" },
        { label: "No: escalate", goto: "escalate" },
      ],
    },
    {
      id: "slow-memory",
      kind: "manual",
      title: "High memory: find the memory hogs",
      instruction: "Alert level: > 85%.\n\nFixes: more memory, memory limits, optimize queries, or clear the cache if that is safe.",
      commands: ["free -h", "ps aux --sort=-%mem | head", 'docker stats --no-stream --format "table {{.Container}}\\t{{.MemUsage}}\\t{{.MemPerc}}"'],
    },
    {
      id: "slow-memory-next",
      kind: "decision",
      title: "Found the cause?",
      options: [
        { label: "Yes, it is fixed or the cause is clear", goto: "end" },
        { label: "No: check the database", goto: "slow-database" },
        { label: "No: escalate", goto: "escalate" },
      ],
    },
    {
      id: "slow-database",
      kind: "manual",
      title: "Slow database: find the slow queries",
      instruction: "Look at the slowest queries, EXPLAIN them, add the missing indexes, and VACUUM.",
      commands: [
        'psql -c "SELECT query, calls, mean_exec_time FROM pg_stat_statements ORDER BY mean_exec_time DESC LIMIT 10;"',
        'psql -c "EXPLAIN ANALYZE <query>;"',
        'psql -c "VACUUM ANALYZE;"',
      ],
    },
    {
      id: "slow-database-next",
      kind: "decision",
      title: "Found the cause?",
      options: [
        { label: "Yes, it is fixed or the cause is clear", goto: "end" },
        { label: "No: check the network", goto: "slow-network" },
        { label: "No: escalate", goto: "escalate" },
      ],
    },
    {
      id: "slow-network",
      kind: "manual",
      title: "Network bottleneck: watch the traffic",
      instruction: "Which interface is saturated, which process uses the bandwidth, what the packets are.",
      commands: ["ifstat", "nethogs", "tcpdump -i any -c 100 port <port>"],
    },
    {
      id: "slow-network-next",
      kind: "decision",
      title: "Found the cause?",
      options: [
        { label: "Yes, it is fixed or the cause is clear", goto: "end" },
        { label: "No: escalate", goto: "escalate" },
      ],
    },

    // ── Data problems ──
    {
      id: "data-kind",
      kind: "decision",
      title: "Data problems: what is wrong?",
      options: [
        { label: "Missing data", goto: "data-missing" },
        { label: "Corrupted data", goto: "data-corrupted" },
        { label: "Lost transactions", goto: "data-lost-transactions" },
        { label: "Sync lag", goto: "data-sync-lag" },
      ],
    },
    {
      id: "data-missing",
      kind: "manual",
      title: "Missing data: check the backups, restore if needed",
      instruction: "Find the latest good backup. Restoring overwrites what is there: take a fresh backup first.",
      commands: ["pg_dump -h $DB_HOST -U $DB_USER $DB_NAME | gzip > backup.sql.gz", "gunzip -c backup.sql.gz | psql -h $DB_HOST -U $DB_USER $DB_NAME"],
    },
    {
      id: "data-missing-next",
      kind: "decision",
      title: "Found the cause?",
      options: [
        { label: "Yes, it is fixed or the cause is clear", goto: "end" },
        { label: "No: check for corruption", goto: "data-corrupted" },
        { label: "No: escalate", goto: "escalate" },
      ],
    },
    {
      id: "data-corrupted",
      kind: "manual",
      title: "Corrupted data: reindex and check consistency",
      instruction: "Rebuild the indexes (REINDEX; REPAIR TABLE on MySQL), then run a consistency check.",
      commands: ['psql -c "REINDEX DATABASE $DB_NAME;"'],
    },
    {
      id: "data-corrupted-next",
      kind: "decision",
      title: "Found the cause?",
      options: [
        { label: "Yes, it is fixed or the cause is clear", goto: "end" },
        { label: "No: look for lost transactions", goto: "data-lost-transactions" },
        { label: "No: escalate", goto: "escalate" },
      ],
    },
    {
      id: "data-lost-transactions",
      kind: "manual",
      title: "Lost transactions: check the transaction log",
      instruction: "Check the transaction log. If transactions are lost, do a point-in-time recovery from the base backup and the archived WAL.",
    },
    {
      id: "data-lost-transactions-next",
      kind: "decision",
      title: "Found the cause?",
      options: [
        { label: "Yes, it is fixed or the cause is clear", goto: "end" },
        { label: "No: check the sync", goto: "data-sync-lag" },
        { label: "No: escalate", goto: "escalate" },
      ],
    },
    {
      id: "data-sync-lag",
      kind: "manual",
      title: "Sync lag: check peers, restart the node",
      instruction:
        "Compare the node's height with the network. Alert levels: > 10 blocks behind, height not increasing for 30 minutes, fewer than 3 peers.\n\nCheck peer connectivity, then restart the node. If its data is corrupted, restore from a backup.",
      commands: [
        "curl -s http://localhost:8080/api/v1/blockchain/info | jq '.is_synced, .block_height'",
        "curl -s $NETWORK_API_URL/api/v1/blockchain/info | jq '.block_height'",
        "curl -s http://localhost:8080/api/v1/network/info | jq '.peer_count, .peers'",
        "systemctl restart <service>",
      ],
    },
    {
      id: "data-sync-lag-next",
      kind: "decision",
      title: "Found the cause?",
      options: [
        { label: "Yes, it is fixed or the cause is clear", goto: "end" },
        { label: "No: escalate", goto: "escalate" },
      ],
    },

    {
      id: "escalate",
      kind: "manual",
      title: "Escalate",
      instruction:
        "Page the on-call engineer. Bring in the platform team, the DevOps lead, and the security team if you suspect a compromise.\n\nThe disaster recovery plan and the rollback procedures cover what comes next.",
    },
  ],
};

export const NODE_OPERATIONS_RUNBOOKS: TRunbook[] = [QUICK_DECISION_TREE];
