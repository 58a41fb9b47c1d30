import type { TRunbook } from "@/lib/runbooks/types";

// The XRPL platform operations guide (written in French, translated here): its three runbooks
// (deploy, emergency rollback, database incident) and, from "Wallet Management", the daily
// wallet balance check and the wallet rotation. Shell commands are kept to copy, with the paths
// and names made generic (/opt/platform, $DB_NAME, $DB_USER, the PM2 app "platform").

const SOURCE = "XRPL platform operations guide";

const API_HEALTH = ["sleep 10", "curl -f https://api.example.com/health"];

export const DEPLOY: TRunbook = {
  id: "deploy",
  title: "Deploy a new version",
  source: `${SOURCE}, runbook 1`,
  trigger: "Releasing a new version of the platform API to production.",
  services: ["api", "postgres", "nginx"],
  alerts: [],
  steps: [
    {
      id: "check-before",
      kind: "check",
      title: "Check the API is healthy before you start",
      instruction: "If it already fails, fix that first: a deployment on top of a broken service hides the cause.",
      check: "service.status",
      params: { service: "api" },
    },
    { id: "notify", kind: "manual", title: "Notify the team", instruction: "Say a deployment is starting, and which version." },
    {
      id: "pull",
      kind: "manual",
      title: "Pull the latest code",
      instruction: "Write the current commit (second command) in the note before you pull: it is the version to go back to if anything fails.",
      commands: ["cd /opt/platform/backend", "git rev-parse --short HEAD", "git pull origin main"],
    },
    { id: "install", kind: "manual", title: "Install dependencies", commands: ["npm ci --production"] },
    {
      id: "staging-tests",
      kind: "manual",
      title: "Run the tests on staging",
      instruction:
        "The guide runs them after the migrations. Run them first: if they fail, production has not been touched yet.",
      commands: ["NODE_ENV=staging npm test"],
    },
    {
      id: "tests-passed",
      kind: "decision",
      title: "Did the tests pass?",
      options: [
        { label: "Yes — continue", goto: "migrate" },
        { label: "No — abort the deployment", goto: "rollback-code" },
      ],
    },
    { id: "migrate", kind: "manual", title: "Run the database migrations", commands: ["npm run migrate:prod"] },
    {
      id: "reload",
      kind: "manual",
      title: "Reload the application (zero downtime)",
      instruction: "PM2 reloads the cluster instances one by one.",
      commands: ["pm2 reload platform"],
    },
    {
      id: "health",
      kind: "check",
      title: "Health check",
      instruction: "Wait about 10 seconds after the reload, then check the API answers.",
      check: "service.status",
      params: { service: "api" },
      onFail: "continue",
      commands: API_HEALTH,
    },
    { id: "healthy", kind: "decision", title: "Is the new version healthy?", on: "health", ifPass: "announce", ifFail: "rollback-code" },
    {
      id: "rollback-code",
      kind: "manual",
      title: "Put the previous version back",
      instruction:
        "Check out the commit you noted before the pull. (The guide uses HEAD~1, which is only right if the pull brought a single commit.)\n\nThis puts the code back, not the database. If migrations already ran and the old code fails against them, go to the emergency rollback runbook.",
      commands: ["cd /opt/platform/backend", "git checkout $PREVIOUS_COMMIT", "npm ci --production", "pm2 reload platform"],
    },
    {
      id: "verify-rollback",
      kind: "check",
      title: "Verify the previous version is healthy",
      instruction: "Still failing: start the emergency rollback runbook and escalate.",
      check: "service.status",
      params: { service: "api" },
      commands: API_HEALTH,
    },
    {
      id: "announce",
      kind: "manual",
      title: "Notify the team of the outcome",
      instruction: "Deployed: give the version (command below). Aborted or rolled back: say why, and that the release is not live.",
      commands: ["git describe --tags"],
    },
  ],
};

export const EMERGENCY_ROLLBACK: TRunbook = {
  id: "emergency-rollback",
  title: "Emergency rollback",
  source: `${SOURCE}, runbook 2`,
  trigger: "A release broke production and must be undone now: the health check fails after a deploy, or errors jumped with the new version.",
  severity: "P1",
  warning: "THE API IS DOWN from the stop until the restart. Rolling back migrations can delete data written since the release.",
  services: ["api", "postgres"],
  alerts: [],
  steps: [
    {
      id: "announce",
      kind: "manual",
      title: "Announce the emergency rollback",
      instruction: "Tell the team an emergency rollback has started: who leads it, and which release is being removed.",
    },
    { id: "stop", kind: "manual", title: "Stop the current version", commands: ["pm2 stop platform"] },
    {
      id: "migrations",
      kind: "decision",
      title: "Did the bad release change the database (migrations)?",
      options: [
        { label: "Yes — roll the migrations back", goto: "backup-db" },
        { label: "No — go straight to the code", goto: "checkout" },
      ],
    },
    {
      id: "backup-db",
      kind: "manual",
      title: "Back up the database first",
      instruction: "A migration rollback can drop columns and their data. Keep a dump so nothing is lost for good.",
      commands: ["pg_dump -U $DB_USER -h localhost $DB_NAME | gzip > /backup/postgres/pre-rollback_$(date +%Y-%m-%d_%H-%M-%S).sql.gz"],
    },
    {
      id: "rollback-migrations",
      kind: "manual",
      title: "Roll back the database migrations",
      instruction:
        "Do it now, while the bad release is still checked out: the down migrations are in the release you are removing. (The guide does it after the checkout; the old code may not know the new migrations.)",
      commands: ["cd /opt/platform/backend", "npm run migrate:rollback"],
    },
    {
      id: "checkout",
      kind: "manual",
      title: "Check out the previous version",
      instruction: "List the recent commits and pick the last good one (the one before the release).",
      commands: ["cd /opt/platform/backend", "git log --oneline -5", "git checkout $COMMIT_HASH"],
    },
    { id: "install", kind: "manual", title: "Restore the dependencies", commands: ["npm ci --production"] },
    { id: "restart", kind: "manual", title: "Restart the application", commands: ["pm2 restart platform"] },
    {
      id: "health",
      kind: "check",
      title: "Health check",
      instruction:
        "Wait about 10 seconds after the restart.\n\nStill failing: the rollback failed, manual intervention is required. Escalate: senior engineer and DevOps lead if not solved in 30 min, CTO and architecture team after 1 hour.",
      check: "service.status",
      params: { service: "api" },
      commands: API_HEALTH,
    },
    {
      id: "confirm",
      kind: "manual",
      title: "Confirm and tell the team",
      instruction:
        "Say which commit production runs now.\n\nThe main branch still holds the bad release: the next deploy (or a CI deploy on push to main) would bring it back. Hold deploys until a fix is merged.",
    },
  ],
};

export const DATABASE_INCIDENT: TRunbook = {
  id: "database-incident",
  title: "Database incident",
  source: `${SOURCE}, runbook 3`,
  trigger: "The API cannot reach PostgreSQL, connections run out, queries hang, or data looks corrupted.",
  severity: "P1",
  services: ["postgres", "api"],
  alerts: ["Database Down"],
  steps: [
    {
      id: "check-postgres",
      kind: "check",
      title: "Check the database status",
      check: "service.status",
      params: { service: "postgres" },
      onFail: "continue",
      commands: ["sudo systemctl status postgresql"],
    },
    {
      id: "disk-space",
      kind: "manual",
      title: "Check disk space",
      instruction: "A full disk stops PostgreSQL. Free space first (old backups, old logs). Never delete files inside the data directory.",
      commands: ["df -h /var/lib/postgresql"],
    },
    { id: "postgres-up", kind: "decision", title: "Is PostgreSQL answering?", on: "check-postgres", ifPass: "check-connections", ifFail: "restart-postgres" },
    {
      id: "restart-postgres",
      kind: "manual",
      title: "Restart PostgreSQL",
      instruction: "Read why it stopped first (last log lines), then restart it.",
      commands: ["sudo journalctl -u postgresql -n 100 --no-pager", "sudo systemctl restart postgresql"],
    },
    {
      id: "check-connections",
      kind: "check",
      title: "Check connections",
      instruction: "Connections in use against max_connections. Near the limit, new requests cannot get a connection.",
      check: "db.connections",
      params: { maxPct: 95 },
      onFail: "continue",
      commands: ['psql -U $DB_USER $DB_NAME -c "SELECT count(*) FROM pg_stat_activity;"'],
    },
    {
      id: "check-idle",
      kind: "check",
      title: "Look for zombie connections",
      instruction: "Connections idle for more than 10 minutes.",
      check: "db.idle-connections",
      params: { minutes: 10 },
      onFail: "continue",
    },
    { id: "idle-found", kind: "decision", title: "Any zombie connections?", on: "check-idle", ifPass: "check-long", ifFail: "kill-idle" },
    {
      id: "kill-idle",
      kind: "manual",
      title: "Kill the zombie connections",
      instruction: "Ends every connection idle for more than 10 minutes.",
      commands: [
        `psql -U $DB_USER $DB_NAME -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE state = 'idle' AND now() - state_change > interval '10 minutes';"`,
      ],
    },
    {
      id: "check-long",
      kind: "check",
      title: "Look for long-running queries",
      instruction: "Queries running for more than a minute. OpsDeck lists their pid, duration and start.",
      check: "db.long-queries",
      params: { seconds: 60 },
      onFail: "continue",
      commands: [
        `psql -U $DB_USER $DB_NAME -c "SELECT pid, now() - query_start AS duration, query FROM pg_stat_activity WHERE state = 'active' AND now() - query_start > interval '1 minute';"`,
      ],
    },
    { id: "long-found", kind: "decision", title: "Any long-running queries?", on: "check-long", ifPass: "corrupted", ifFail: "kill-long" },
    {
      id: "kill-long",
      kind: "manual",
      title: "Kill the problem queries",
      instruction: "Only the ones you recognise as stuck. Put the pid from the check in place of PID.",
      commands: ['psql -U $DB_USER $DB_NAME -c "SELECT pg_terminate_backend(PID);"'],
    },
    {
      id: "corrupted",
      kind: "decision",
      title: "Is the data corrupted?",
      instruction: "Signs: errors reading tables, “invalid page”, missing or garbled rows.",
      options: [
        { label: "Yes — restore from backup", goto: "restore" },
        { label: "No", goto: "verify-postgres" },
      ],
    },
    {
      id: "restore",
      kind: "manual",
      title: "Restore from the latest backup",
      instruction:
        "Everything written since the backup is lost (the daily backup runs at 2 AM). With WAL archiving, a point-in-time restore loses less.\n\nThe application is stopped during the restore. Keep a dump of the damaged database first (it may fail; go on). Then the database is dropped, recreated and loaded from the latest backup.",
      commands: [
        "pm2 stop platform",
        "pg_dump -U $DB_USER $DB_NAME | gzip > /backup/postgres/damaged_$(date +%Y-%m-%d_%H-%M-%S).sql.gz",
        'LATEST_BACKUP=$(ls -t /backup/postgres/backup_*.sql.gz | head -1); echo "Restoring from: $LATEST_BACKUP"',
        'sudo -u postgres psql -c "DROP DATABASE IF EXISTS $DB_NAME;" -c "CREATE DATABASE $DB_NAME;" -c "GRANT ALL PRIVILEGES ON DATABASE $DB_NAME TO $DB_USER;"',
        "gunzip -c $LATEST_BACKUP | psql -U $DB_USER $DB_NAME",
        'psql -U $DB_USER $DB_NAME -c "\\dt"',
        "pm2 start platform",
      ],
    },
    { id: "verify-postgres", kind: "check", title: "Verify PostgreSQL answers", check: "service.status", params: { service: "postgres" } },
    {
      id: "verify-api",
      kind: "check",
      title: "Verify the API reaches the database",
      instruction: "The database part of the API health check must be ok.",
      check: "service.status",
      params: { service: "api" },
      commands: ["curl http://localhost:3000/health | jq '.checks.database'"],
    },
  ],
};

export const WALLET_BALANCE_CHECK: TRunbook = {
  id: "wallet-balance-check",
  title: "Platform wallet balance check",
  source: `${SOURCE}, wallet management: daily operations`,
  trigger: "Daily, and when the platform wallet runs low: below 50 XRP (warning) or below 5 XRP (critical).",
  severity: "P2",
  services: ["xrpl-node", "api"],
  alerts: ["Platform wallet balance critical", "Platform wallet balance low", "Wallet Balance Critical", "Wallet Balance Low"],
  steps: [
    {
      id: "check-balance",
      kind: "check",
      title: "Check the wallet balance",
      instruction:
        "OpsDeck reads the platform wallet on the XRP Ledger. It passes at or above the warning threshold (50 XRP by default; critical below 5 XRP).\n\nThe account reserve (1 XRP plus 0.2 XRP per object the wallet owns, on mainnet) cannot be spent: only the rest pays fees.",
      check: "xrpl.balance",
      params: { wallet: "platform" },
      onFail: "continue",
      commands: [
        "curl -s http://localhost:3000/health | jq '.checks.wallet'",
        `node << EOF
const { Client } = require('xrpl');
const client = new Client('wss://xrplcluster.com');
(async () => {
  await client.connect();
  const response = await client.request({ command: 'account_info', account: '$PLATFORM_ADDRESS', ledger_index: 'validated' });
  const balance = parseFloat(response.result.account_data.Balance) / 1000000;
  console.log('Wallet balance: ' + balance + ' XRP');
  await client.disconnect();
})();
EOF`,
      ],
    },
    { id: "balance-ok", kind: "decision", title: "Is the balance above the warning threshold?", on: "check-balance", ifPass: "monitor-tx", ifFail: "fund" },
    {
      id: "fund",
      kind: "manual",
      title: "Fund the wallet",
      instruction:
        "Top up the platform wallet address through a treasury transfer, with its approvals.\n\nThe guide's manual way: buy XRP on an exchange and withdraw it to the platform wallet address. Check the address twice.\n\nSend enough to be well above the warning threshold, not just above it.",
    },
    {
      id: "verify-funded",
      kind: "check",
      title: "Verify the XRP arrived",
      instruction: "The balance should now pass. Then update the monitoring dashboard.",
      check: "xrpl.balance",
      params: { wallet: "platform" },
      commands: ["/opt/scripts/check-wallet-balance.sh"],
    },
    {
      id: "monitor-tx",
      kind: "manual",
      title: "Look at today's XRPL transactions",
      instruction: "Count today's transactions and look for failed ones. Failures while the balance was low usually mean fees could not be paid.",
      commands: [
        "tail -f /var/log/platform/xrpl-$(date +%Y-%m-%d).log | jq '.'",
        'grep "XRPL transaction" /var/log/platform/xrpl-$(date +%Y-%m-%d).log | wc -l',
        'grep "XRPL transaction" /var/log/platform/xrpl-$(date +%Y-%m-%d).log | grep "success\\":false"',
      ],
    },
  ],
};

export const WALLET_ROTATION: TRunbook = {
  id: "wallet-rotation",
  title: "Platform wallet rotation",
  source: `${SOURCE}, wallet management: wallet rotation`,
  trigger: "Planned replacement of the platform wallet (during a maintenance window), or when its seed may have been exposed.",
  warning:
    "Run it in a maintenance window. Never paste a seed into a run note, chat or ticket. If the platform wallet issued tokens or holds trust lines, offers or escrows, the new address does not inherit them: stop and plan with the team.",
  services: ["api", "xrpl-node"],
  alerts: [],
  steps: [
    { id: "window", kind: "manual", title: "Open the maintenance window", instruction: "Tell the team and the users the platform wallet is being replaced." },
    {
      id: "check-old-balance",
      kind: "check",
      title: "Read the current wallet balance",
      instruction: "Note the balance to move.",
      check: "xrpl.balance",
      params: { wallet: "platform" },
      onFail: "continue",
    },
    {
      id: "generate",
      kind: "manual",
      title: "Generate the new wallet",
      instruction: "Write the new address (never the seed) in the note. new_wallet.txt holds the seed in clear: it is shredded at the end.",
      commands: [
        "node scripts/generate-wallet.js > new_wallet.txt",
        `NEW_ADDRESS=$(cat new_wallet.txt | grep "Address:" | awk '{print $2}')`,
        `NEW_SEED=$(cat new_wallet.txt | grep "Seed:" | awk '{print $2}')`,
        'echo "New wallet address: $NEW_ADDRESS"',
      ],
    },
    {
      id: "transfer",
      kind: "manual",
      title: "Transfer the funds to the new wallet",
      instruction:
        "Where OpsDeck holds the platform wallet's keys (PLATFORM_XRPL_SEED and the new one as PLATFORM_XRPL_SEED_NEXT): Treasury → Wallet rotation (/treasury/rotation) moves everything above the reserve, less 1 XRP for fees, with two approvers, exactly once, then switches the wallet with one more approver and records the rotation in the secret schedule. Otherwise use the guide's script below.\n\nThe old address must keep its reserve: 1 XRP plus 0.2 XRP per object it owns (mainnet values). The guide keeps 1 XRP (KEEP_XRP), which is only enough if the wallet owns no objects; otherwise the payment fails (tecUNFUNDED_PAYMENT). Raise KEEP_XRP to the full reserve.\n\nWrite the transaction hash in the note.",
      commands: [
        "read -s -p 'Current platform wallet seed: ' OLD_SEED; echo",
        "KEEP_XRP=1",
        `node << EOF
const { Client, Wallet, xrpToDrops } = require('xrpl');
(async () => {
  const client = new Client('wss://xrplcluster.com');
  await client.connect();
  const oldWallet = Wallet.fromSeed('$OLD_SEED');
  const newAddress = '$NEW_ADDRESS';
  const accountInfo = await client.request({ command: 'account_info', account: oldWallet.address, ledger_index: 'validated' });
  const drops = BigInt(accountInfo.result.account_data.Balance) - BigInt(xrpToDrops('$KEEP_XRP'));
  console.log('Transferring ' + drops + ' drops from ' + oldWallet.address + ' to ' + newAddress);
  const payment = { TransactionType: 'Payment', Account: oldWallet.address, Destination: newAddress, Amount: drops.toString() };
  const prepared = await client.autofill(payment);
  const signed = oldWallet.sign(prepared);
  const result = await client.submitAndWait(signed.tx_blob);
  console.log('Transfer complete. Hash: ' + result.result.hash + ' ' + result.result.meta.TransactionResult);
  await client.disconnect();
})();
EOF`,
      ],
    },
    {
      id: "update-env",
      kind: "manual",
      title: "Put the new seed in the configuration",
      commands: ['sed -i "s/XRPL_PLATFORM_SEED=.*/XRPL_PLATFORM_SEED=\\"$NEW_SEED\\"/" /opt/platform/backend/.env.production'],
    },
    { id: "restart", kind: "manual", title: "Restart the application", commands: ["pm2 restart platform"] },
    {
      id: "verify-api",
      kind: "check",
      title: "Verify the application uses the new wallet",
      instruction: "The wallet part of the API health check must show the new address and its balance.",
      check: "service.status",
      params: { service: "api" },
      commands: ["sleep 5", "curl http://localhost:3000/health | jq '.checks.wallet'"],
    },
    {
      id: "update-monitoring",
      kind: "manual",
      title: "Watch the new address",
      instruction: "OpsDeck's balance alerts follow a wallet switched on the rotation page by themselves. Otherwise point XRPL_PLATFORM_ADDRESS, and any other monitoring, at the new address.",
    },
    {
      id: "check-new-balance",
      kind: "check",
      title: "Check the new wallet's balance",
      instruction: "OpsDeck now reads the new address. It should be above the warning threshold (50 XRP by default).",
      check: "xrpl.balance",
      params: { wallet: "platform" },
    },
    {
      id: "backup-seed",
      kind: "manual",
      title: "Back up the new seed",
      instruction:
        "Store the encrypted backup in 3 secure places: a USB drive in a safe, encrypted cloud storage, a second secure location. A paper copy goes in a fireproof safe; never photograph or scan it.",
      commands: ["echo $NEW_SEED | gpg --symmetric --cipher-algo AES256 --output wallet_backup_$(date +%Y%m%d).gpg"],
    },
    {
      id: "shred",
      kind: "manual",
      title: "Destroy the old seed and the clear-text file",
      instruction:
        "Shred the old wallet seed securely, and new_wallet.txt.\n\nThe reserve left on the old address is lost for good once its seed is gone: make sure nothing else is still needed from it.",
      commands: ["shred -u -z new_wallet.txt", "unset OLD_SEED NEW_SEED"],
    },
    { id: "close-window", kind: "manual", title: "Close the maintenance window", instruction: "Tell the team the rotation is complete and give the new address." },
  ],
};

export const XRPL_PLATFORM_RUNBOOKS: TRunbook[] = [DEPLOY, EMERGENCY_ROLLBACK, DATABASE_INCIDENT, WALLET_BALANCE_CHECK, WALLET_ROTATION];
