// A schema-valid input per operation, for the malformed-input fuzz test to corrupt (one field
// wrong is the input that reaches deepest into a schema). Only the shape matters: the ids point at
// nothing, because a corrupted copy must fail parsing before any row is looked up. The values are
// what a form sends (strings), like the pipeline matrix's samples.

const ID = "5b0c2e4f-3a1d-4c8e-9f7a-2d6b8e1c0a93";
const ID2 = "0e7d9c1b-6f2a-4b3e-8d5c-7a1f0b2e3c4d";
const EVM = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
const XRPL = "rPT1Sjq2YGrBMTttX4GZHjKu9dyfzbpAYe";
const XRPL2 = "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh";
const REASON = "fuzz: a sample reason";

export const MALFORMED_SAMPLES: Record<string, Record<string, unknown>> = {
  "user.create": { email: "new-person@test.opsdeck.local", name: "New Person", roles: ["viewer"] },
  "user.roles.set": { userId: ID, roles: ["viewer", "support"] },
  "user.disable": { userId: ID },
  "user.enable": { userId: ID },
  "user.unlock": { userId: ID },
  "session.revoke": { sessionId: ID },
  "settings.threshold.update": { key: "disputeRatePct", value: "25" },
  "account.mfa.begin": {},
  "account.mfa.enable": { code: "123456" },
  "account.mfa.disable": { code: "123456" },
  "escrow.pause": { note: "fuzz: suspected exploit" },
  "escrow.unpause": {},
  "escrow.setTreasury": { treasury: EVM },
  "escrow.setSupportedToken": { asset: EVM, supported: "true" },
  "escrow.autoExpireOrder": { orderId: "7" },
  "escrow.autoReleaseToSeller": { orderId: "7" },
  "chain.rpc.override": { chain: "evm", endpoint: "auto" },
  "service.create": { id: "svc-fuzz", name: "Fuzz service", kind: "tcp", endpoint: "127.0.0.1:1", owner: "ops", failureImpact: "nothing, it is a test" },
  "service.update": { id: "svc-fuzz", name: "Fuzz service", kind: "http", endpoint: "https://status.example.org/health", owner: "web", failureImpact: "the status page goes stale", dependsOn: "" },
  "service.delete": { id: "svc-fuzz" },
  "alert.silence": { fingerprint: "fuzz:one", minutes: "60", reason: "fuzz: known noise" },
  "alert.unsilence": { silenceId: ID },
  "incident.declare": { title: "Fuzz: checkout fails", severity: "P3", services: "" },
  "incident.update": { incidentId: ID, status: "triaged" },
  "incident.note": { incidentId: ID, text: "fuzz note" },
  "postmortem.save": { incidentId: ID, markdown: "# Post-mortem\n\nA fuzz test incident." },
  "postmortem.publish": { incidentId: ID },
  "runbook.start": { runbookId: "T-FUZZ", incidentId: "" },
  "runbook.check": { runId: ID, stepId: "check" },
  "runbook.confirm": { runId: ID, stepId: "manual", note: "" },
  "runbook.decide": { runId: ID, stepId: "ask", goto: "last" },
  "runbook.skip": { runId: ID, stepId: "manual", reason: "fuzz: not needed" },
  "runbook.abort": { runId: ID, reason: "fuzz: drill over" },
  "dispute.claim": { chain: "evm:31337", orderId: "7" },
  "dispute.unclaim": { chain: "evm:31337", orderId: "7" },
  "dispute.assign": { disputes: ["evm-31337-7"], assigneeId: ID },
  "dispute.note": { chain: "evm:31337", orderId: "7", body: "fuzz evidence", cids: "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG" },
  "dispute.resolve": { chain: "evm:31337", orderId: "7", favour: "buyer", note: "fuzz: refund agreed by both" },
  "wallet.blacklist": { wallet: EVM, why: "fuzz: confirmed scam wallet", source: "manual" },
  "wallet.unblacklist": { wallet: EVM, why: "fuzz: appeal upheld" },
  "faucet.pause": { note: "fuzz: faucet under attack" },
  "faucet.resume": {},
  "faucet.review": { requests: [ID], decision: "reject" },
  "faucet.block": { cidr: "198.51.100.0/24", reason: "fuzz: botnet range" },
  "faucet.unblock": { blockId: ID },
  "faucet.limits.update": { grantXrp: "20", grantEvm: "100", perClientMax: "10", perClientWindowMinutes: "60", perAddressMax: "1", perAddressWindowHours: "24", distinctDestinationsPerHour: "5", burstPerMinute: "3" },
  "faucet.topup": { chain: "xrpl", destination: "active", amount: "1000" },
  "faucet.key.rotate": { chain: "xrpl", from: XRPL, to: XRPL2 },
  "treasury.account.add": { chain: "xrpl", address: XRPL, asset: "XRP", label: "Fuzz wallet", purpose: "other" },
  "treasury.account.remove": { accountId: ID },
  "treasury.account.lines": { accountId: ID, warnBelow: "10" },
  "treasury.destination.add": { chain: "xrpl", address: XRPL2, label: "Fuzz destination" },
  "treasury.destination.remove": { destinationId: ID },
  "treasury.transfer": { source: ID, destination: ID2, amount: "5" },
  "wallet.rotation.transfer": { from: XRPL, to: XRPL2 },
  "wallet.rotation.switch": { from: XRPL, to: XRPL2 },
  "maintenance.complete": { taskId: "weekly", doneSteps: ["0", "1", "2"], note: "fuzz: weekly checklist done" },
  "maintenance.assign": { taskId: "weekly", ownerEmail: "" },
  "daily.check.run": {},
  "secret.rotation.record": { secretId: "db-password", note: "fuzz: rotated in the drill" },
  "backup.record": { targetId: "database-daily", kind: "backup", outcome: "success", note: "" },
  "secret.schedule.update": { secretId: "ipfs-api-key", rotationDays: "365" },
};

/** The reason the approval operations ask for (a valid one: the fuzzed part is the input). */
export const SAMPLE_REASON = REASON;
