// Engine results and RPC errors exactly as rippled names and numbers them. Engine codes come from
// ripple-binary-codec's definitions.json (TRANSACTION_RESULTS), messages from rippled's TER.cpp;
// RPC error codes from rippled's ErrorCodes.h/.cpp. Only the ones this dev ledger can produce.

const ENGINE_RESULTS = {
  tesSUCCESS: [0, "The transaction was applied. Only final in a validated ledger."],
  tecUNFUNDED_PAYMENT: [104, "Insufficient XRP balance to send."],
  tecNO_DST_INSUF_XRP: [125, "Destination does not exist. Too little XRP sent to create it."],
  tecNO_ALTERNATIVE_KEY: [130, "The operation would remove the ability to sign transactions with the account."],
  tecNO_PERMISSION: [139, "No permission to perform requested operation."],
  tecNEED_MASTER_KEY: [142, "The operation requires the use of the Master Key."],
  tecDST_TAG_NEEDED: [143, "A destination tag is required."],
  tefALREADY: [-198, "The exact transaction was already in this ledger."],
  tefBAD_AUTH: [-196, "Transaction's public key is not authorized."],
  tefPAST_SEQ: [-190, "This sequence number has already passed."],
  tefMASTER_DISABLED: [-188, "Master key is disabled."],
  tefMAX_LEDGER: [-187, "Ledger sequence too high."],
  tefNOT_MULTI_SIGNING: [-184, "Account has no appropriate list of multi-signers."],
  tefNO_TICKET: [-180, "Ticket is not in ledger."],
  telINSUF_FEE_P: [-394, "Fee insufficient."],
  telNETWORK_ID_MAKES_TX_NON_CANONICAL: [-384, "Transactions submitted to this node/network must NOT include a NetworkID field."],
  temMALFORMED: [-299, "Malformed transaction."],
  temBAD_AMOUNT: [-298, "Malformed: Bad amount."],
  temBAD_CURRENCY: [-297, "Malformed: Bad currency."],
  temBAD_FEE: [-295, "Invalid fee, negative or not XRP."],
  temBAD_REGKEY: [-289, "Malformed: Regular key cannot be same as master key."],
  temBAD_SEND_XRP_LIMIT: [-288, "Malformed: Limit quality is not allowed for XRP to XRP."],
  temBAD_SEND_XRP_MAX: [-287, "Malformed: Send max is not allowed for XRP to XRP."],
  temBAD_SEND_XRP_NO_DIRECT: [-286, "Malformed: No Ripple direct is not allowed for XRP to XRP."],
  temBAD_SEND_XRP_PARTIAL: [-285, "Malformed: Partial payment is not allowed for XRP to XRP."],
  temBAD_SEND_XRP_PATHS: [-284, "Malformed: Paths are not allowed for XRP to XRP."],
  temBAD_SIGNATURE: [-282, "Malformed: Bad signature."],
  temBAD_SRC_ACCOUNT: [-281, "Malformed: Bad source account."],
  temDST_NEEDED: [-278, "Destination not specified."],
  temINVALID_FLAG: [-276, "The transaction has an invalid flag."],
  temREDUNDANT: [-275, "The transaction is redundant."],
  temDISABLED: [-273, "The transaction requires logic that is currently disabled."],
  terINSUF_FEE_B: [-97, "Account balance can't pay fee."],
  terNO_ACCOUNT: [-96, "The source account does not exist."],
  terPRE_SEQ: [-92, "Missing/inapplicable prior transaction."],
} as const satisfies Record<string, readonly [number, string]>;

export type TEngineResult = keyof typeof ENGINE_RESULTS;

export function engineResult(token: TEngineResult) {
  const [code, message] = ENGINE_RESULTS[token];
  return { engine_result: token, engine_result_code: code, engine_result_message: message };
}

/** tes and tec results go into the ledger (tec only claims the fee); tef/tel/tem/ter change nothing. */
export function isApplied(token: TEngineResult): boolean {
  return token.startsWith("tes") || token.startsWith("tec");
}

const RPC_ERRORS = {
  actNotFound: [19, "Account not found."],
  lgrNotFound: [21, "Ledger not found."],
  lgrNotValidated: [22, "Ledger not validated."],
  txnNotFound: [29, "Transaction not found."],
  invalidParams: [31, "Invalid parameters."],
  unknownCmd: [32, "Unknown method."],
  actMalformed: [35, "Account malformed."],
  lgrIdxMalformed: [58, "Ledger index malformed."],
  malformedStream: [71, "Stream malformed."],
  internal: [73, "Internal error."],
  notImpl: [74, "Not implemented."],
  invalidLgrRange: [79, "Ledger range is invalid."],
} as const satisfies Record<string, readonly [number, string]>;

export type TRpcErrorToken = keyof typeof RPC_ERRORS;

/**
 * An RPC failure. rippled puts `error`, `error_code`, `error_message` and sometimes more fields
 * (account_info's `account` and ledger fields) at the top level of the response.
 */
export class RpcError extends Error {
  readonly fields: Record<string, unknown>;

  constructor(token: TRpcErrorToken, opts: { message?: string; extra?: Record<string, unknown> } = {}) {
    const [code, defaultMessage] = RPC_ERRORS[token];
    super(opts.message ?? defaultMessage);
    this.fields = { ...opts.extra, error: token, error_code: code, error_message: opts.message ?? defaultMessage };
  }
}

/** Errors rippled builds by hand, without a numeric code (submit's `invalidTransaction`). */
export class RpcRawError extends Error {
  constructor(readonly fields: Record<string, unknown>) {
    super(String(fields.error));
  }
}

export function missingField(name: string) {
  return new RpcError("invalidParams", { message: `Missing field '${name}'.` });
}

export function invalidField(name: string) {
  return new RpcError("invalidParams", { message: `Invalid field '${name}'.` });
}
