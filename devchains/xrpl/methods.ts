import crypto from "node:crypto";
import { isValidClassicAddress } from "xrpl";
import { accountEntryJson, type TClosedLedger, type XrplLedgerState } from "./ledger";
import { RpcError, invalidField, missingField } from "./results";
import { feeMethod, serverInfoMethod, serverStateMethod, type TServerIdentity } from "./server-methods";
import { LSF } from "./transactors";
import { accountTxMethod, submitMethod, txMethod } from "./tx-methods";
import { ledgerHeaderJson, ledgerStreamFields, ledgerTxJson } from "./views";

// The rippled methods OpsDeck and xrpl.js use. Every handler takes the request's fields and either
// returns the `result` object or throws an RpcError carrying rippled's error token and code.

export type TParams = Record<string, unknown>;
/** One WebSocket connection's subscriptions. */
export type TSession = { streams: Set<string>; accounts: Set<string> };
export type TRpcContext = {
  ledger: XrplLedgerState;
  identity: TServerIdentity;
  session: TSession;
  /** Closes the open ledger now (ledger_accept) and returns the new validated index. */
  closeLedger: () => number;
};
type THandler = (params: TParams, ctx: TRpcContext) => Record<string, unknown>;

/** The open ledger (`closed` undefined) or a closed, hence validated, one, and the fields rippled reports for it. */
export type TLedgerView = { closed?: TClosedLedger; fields: Record<string, unknown> };

function viewOf(ledger: XrplLedgerState, closed: TClosedLedger | undefined): TLedgerView {
  if (!closed) return { fields: { ledger_current_index: ledger.currentIndex, validated: false } };
  return { closed, fields: { ledger_hash: closed.header.ledger_hash, ledger_index: closed.header.ledger_index, validated: true } };
}

/** rippled's lookupLedger: ledger_hash, or ledger_index as a number or "validated"/"closed"/"current" (the default). */
export function lookupLedger(params: TParams, ledger: XrplLedgerState): TLedgerView {
  const { ledger_hash: hash, ledger_index: index } = params;
  if (hash !== undefined) {
    if (typeof hash !== "string") throw new RpcError("invalidParams", { message: "ledgerHashNotString" });
    if (!/^[0-9A-Fa-f]{64}$/.test(hash)) throw new RpcError("invalidParams", { message: "ledgerHashMalformed" });
    const found = ledger.ledgerByHash(hash);
    if (!found) throw new RpcError("lgrNotFound", { message: "ledgerNotFound" });
    return viewOf(ledger, found);
  }
  if (index === undefined || index === "current" || index === "") return viewOf(ledger, undefined);
  if (index === "validated" || index === "closed") return viewOf(ledger, ledger.validated);
  const seq = typeof index === "number" ? index : typeof index === "string" && /^\d+$/.test(index) ? Number(index) : NaN;
  if (!Number.isInteger(seq)) throw new RpcError("invalidParams", { message: "ledgerIndexMalformed" });
  if (seq === ledger.currentIndex) return viewOf(ledger, undefined);
  const found = ledger.closedLedger(seq);
  if (!found) throw new RpcError("lgrNotFound", { message: "ledgerNotFound" });
  return viewOf(ledger, found);
}

function requireAccountParam(params: TParams): string {
  if (params.account === undefined) throw missingField("account");
  if (typeof params.account !== "string") throw invalidField("account");
  return params.account;
}

const ACCOUNT_FLAG_NAMES = [
  ["defaultRipple", LSF.defaultRipple],
  ["depositAuth", LSF.depositAuth],
  ["disableMasterKey", LSF.disableMaster],
  ["disallowIncomingXRP", LSF.disallowXRP],
  ["globalFreeze", LSF.globalFreeze],
  ["noFreeze", LSF.noFreeze],
  ["passwordSpent", LSF.passwordSpent],
  ["requireAuthorization", LSF.requireAuth],
  ["requireDestinationTag", LSF.requireDestTag],
  ["disallowIncomingNFTokenOffer", LSF.disallowIncomingNFTokenOffer],
  ["disallowIncomingCheck", LSF.disallowIncomingCheck],
  ["disallowIncomingPayChan", LSF.disallowIncomingPayChan],
  ["disallowIncomingTrustline", LSF.disallowIncomingTrustline],
  ["allowTrustLineClawback", LSF.allowTrustLineClawback],
] as const;

/** Finds the account in the requested ledger, failing the way rippled does (with the ledger fields attached). */
function accountIn(params: TParams, ctx: TRpcContext) {
  const address = requireAccountParam(params);
  const view = lookupLedger(params, ctx.ledger);
  if (!isValidClassicAddress(address)) throw new RpcError("actMalformed", { extra: view.fields });
  const account = ctx.ledger.account(address, view.closed);
  if (!account) throw new RpcError("actNotFound", { extra: { account: address, ...view.fields } });
  return { account, view };
}

const accountInfo: THandler = (params, ctx) => {
  const { account, view } = accountIn(params, ctx);
  const flags = Object.fromEntries(ACCOUNT_FLAG_NAMES.map(([name, bit]) => [name, (account.Flags & bit) !== 0]));
  return { account_data: accountEntryJson(account), account_flags: flags, ...view.fields };
};

// Trust lines are not modelled: an existing account simply has none.
const accountLines: THandler = (params, ctx) => {
  const { account, view } = accountIn(params, ctx);
  return { account: account.Account, lines: [], ...view.fields };
};

const ledgerMethod: THandler = (params, ctx) => {
  const view = lookupLedger(params, ctx.ledger);
  const txs = view.closed ? view.closed.txs : ctx.ledger.openTxs;
  const transactions = params.transactions === true ? { transactions: txs.map((t) => (params.expand === true ? ledgerTxJson(t, view.closed) : t.hash)) } : {};
  const header = view.closed
    ? ledgerHeaderJson(view.closed)
    : { closed: false, ledger_index: ctx.ledger.currentIndex, parent_hash: ctx.ledger.validated.header.ledger_hash };
  return { ledger: { ...header, ...transactions }, ...view.fields };
};

const subscribe: THandler = (params, ctx) => {
  const { streams, accounts } = subscriptionParams(params);
  for (const stream of streams) ctx.session.streams.add(stream);
  for (const account of accounts) ctx.session.accounts.add(account);
  if (!streams.includes("ledger")) return {};
  return ledgerStreamFields(ctx.ledger.validated, ctx.ledger.completeLedgers());
};

const unsubscribe: THandler = (params, ctx) => {
  const { streams, accounts } = subscriptionParams(params);
  for (const stream of streams) ctx.session.streams.delete(stream);
  for (const account of accounts) ctx.session.accounts.delete(account);
  return {};
};

// rippled's stream names. Only ledger, transactions and transactions_proposed produce messages here.
const STREAMS = new Set(["ledger", "transactions", "transactions_proposed", "server", "validations", "manifests", "peer_status", "consensus", "book_changes"]);

function subscriptionParams(params: TParams) {
  const streams = params.streams ?? [];
  const accounts = [...asArray(params.accounts, "accounts"), ...asArray(params.accounts_proposed, "accounts_proposed")];
  if (!Array.isArray(streams)) throw invalidField("streams");
  if (streams.some((s) => typeof s !== "string" || !STREAMS.has(s))) throw new RpcError("malformedStream");
  if (accounts.some((a) => typeof a !== "string" || !isValidClassicAddress(a))) throw new RpcError("actMalformed");
  return { streams: streams as string[], accounts: accounts as string[] };
}

function asArray(value: unknown, name: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length === 0) throw invalidField(name);
  return value;
}

const HANDLERS: Record<string, THandler> = {
  account_info: accountInfo,
  account_lines: accountLines,
  account_tx: (params, ctx) => accountTxMethod(params, ctx.ledger),
  fee: (_params, ctx) => feeMethod(ctx.ledger),
  ledger: ledgerMethod,
  ledger_accept: (_params, ctx) => ({ ledger_current_index: ctx.closeLedger() + 1 }),
  ledger_closed: (_params, ctx) => ({ ledger_hash: ctx.ledger.validated.header.ledger_hash, ledger_index: ctx.ledger.validated.header.ledger_index }),
  ledger_current: (_params, ctx) => ({ ledger_current_index: ctx.ledger.currentIndex }),
  ping: () => ({}),
  random: () => ({ random: crypto.randomBytes(32).toString("hex").toUpperCase() }),
  server_info: (_params, ctx) => serverInfoMethod(ctx.ledger, ctx.identity),
  server_state: (_params, ctx) => serverStateMethod(ctx.ledger, ctx.identity),
  submit: (params, ctx) => submitMethod(params, ctx.ledger),
  subscribe,
  tx: (params, ctx) => txMethod(params, ctx.ledger),
  unsubscribe,
};

export function runMethod(command: string, params: TParams, ctx: TRpcContext): Record<string, unknown> {
  const handler = Object.hasOwn(HANDLERS, command) ? HANDLERS[command] : undefined;
  if (!handler) throw new RpcError("unknownCmd");
  return handler(params, ctx);
}
