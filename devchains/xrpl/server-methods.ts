import os from "node:os";
import { ECDSA, encodeNodePublic, Wallet } from "xrpl";
import { FEES, type XrplLedgerState } from "./ledger";
import { humanTime } from "./views";

// server_info, server_state and fee as a standalone rippled answers an admin (local) client.
// There is no network: no peers, no fee escalation, and every closed ledger is validated.

export type TServerIdentity = { buildVersion: string; hostId: string; nodePublicKey: string; startedAtMs: number };

const BUILD_VERSION = "2.4.0-opsdeck-dev-ledger";
// rippled expresses load in units of 256 (load_base); 256/256 = no load.
const LOAD_BASE = 256;

export function createIdentity(nowMs = Date.now()): TServerIdentity {
  const nodeKey = Wallet.generate(ECDSA.secp256k1).publicKey;
  return { buildVersion: BUILD_VERSION, hostId: os.hostname(), nodePublicKey: encodeNodePublic(Buffer.from(nodeKey, "hex")), startedAtMs: nowMs };
}

const drops = (value: bigint) => Number(value);
const xrp = (value: bigint) => Number(value) / 1_000_000;

function common(ledger: XrplLedgerState, identity: TServerIdentity, nowMs: number) {
  const uptimeUs = (nowMs - identity.startedAtMs) * 1000;
  const micros = String((nowMs % 1000) * 1000).padStart(6, "0");
  return {
    build_version: identity.buildVersion,
    complete_ledgers: ledger.completeLedgers(),
    io_latency_ms: 1,
    jq_trans_overflow: "0",
    node_size: "tiny",
    peer_disconnects: "0",
    peer_disconnects_resources: "0",
    peers: 0,
    pubkey_node: identity.nodePublicKey,
    pubkey_validator: "none",
    server_state: "full",
    server_state_duration_us: String(uptimeUs),
    state_accounting: {
      connected: { duration_us: "0", transitions: "0" },
      disconnected: { duration_us: "0", transitions: "0" },
      full: { duration_us: String(uptimeUs), transitions: "1" },
      syncing: { duration_us: "0", transitions: "0" },
      tracking: { duration_us: "0", transitions: "0" },
    },
    time: humanTime(new Date(nowMs), micros),
    uptime: Math.floor((nowMs - identity.startedAtMs) / 1000),
    // Standalone mode trusts no validators; closing a ledger is validating it.
    validation_quorum: 0,
  };
}

/** `network_id` is left out on purpose: with one, xrpl.js would start adding NetworkID to transactions. */
export function serverInfoMethod(ledger: XrplLedgerState, identity: TServerIdentity, nowMs = Date.now()) {
  const { header } = ledger.validated;
  return {
    info: {
      ...common(ledger, identity, nowMs),
      hostid: identity.hostId,
      initial_sync_duration_us: "0",
      last_close: { converge_time_s: 0, proposers: 0 },
      load_factor: 1,
      validated_ledger: {
        age: Math.max(0, Math.floor((nowMs - ledger.lastCloseAtMs) / 1000)),
        base_fee_xrp: xrp(FEES.base),
        hash: header.ledger_hash,
        reserve_base_xrp: xrp(FEES.reserveBase),
        reserve_inc_xrp: xrp(FEES.reserveInc),
        seq: header.ledger_index,
      },
    },
  };
}

export function serverStateMethod(ledger: XrplLedgerState, identity: TServerIdentity, nowMs = Date.now()) {
  const { header } = ledger.validated;
  return {
    state: {
      ...common(ledger, identity, nowMs),
      last_close: { converge_time: 0, proposers: 0 },
      load_base: LOAD_BASE,
      load_factor: LOAD_BASE,
      load_factor_fee_escalation: LOAD_BASE,
      load_factor_fee_queue: LOAD_BASE,
      load_factor_fee_reference: LOAD_BASE,
      load_factor_server: LOAD_BASE,
      validated_ledger: {
        base_fee: drops(FEES.base),
        close_time: header.close_time,
        hash: header.ledger_hash,
        reserve_base: drops(FEES.reserveBase),
        reserve_inc: drops(FEES.reserveInc),
        seq: header.ledger_index,
      },
    },
  };
}

/** The open ledger never escalates here, so the open-ledger fee is always the base fee. */
export function feeMethod(ledger: XrplLedgerState) {
  const base = FEES.base.toString();
  return {
    current_ledger_size: String(ledger.openTxs.length),
    current_queue_size: "0",
    drops: { base_fee: base, median_fee: "5000", minimum_fee: base, open_ledger_fee: base },
    expected_ledger_size: "1000",
    ledger_current_index: ledger.currentIndex,
    levels: { median_level: "128000", minimum_level: String(LOAD_BASE), open_ledger_level: String(LOAD_BASE), reference_level: String(LOAD_BASE) },
    max_queue_size: "20000",
  };
}
