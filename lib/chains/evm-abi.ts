// The parts of the contracts' ABIs OpsDeck calls, in ethers' human-readable form (easier to
// review than JSON). tests/unit/evm-abi.test.ts checks every fragment against contracts/build.

export const ESCROW_STATUSES = ["none", "created", "paid", "completed", "disputed", "resolved_buyer", "resolved_seller", "expired"] as const;
export type TEscrowStatus = (typeof ESCROW_STATUSES)[number];

export const ESCROW_ABI = [
  "function owner() view returns (address)",
  "function paused() view returns (bool)",
  "function treasury() view returns (address)",
  "function arbitratorPool() view returns (address)",
  "function nextOrderId() view returns (uint256)",
  "function feeBps() view returns (uint16)",
  "function supportedTokens(address) view returns (bool)",
  "function orders(uint256) view returns (address buyer, address seller, address token, uint256 amount, uint256 fee, uint8 status, uint64 createdAt, uint64 paymentDeadline, uint64 releaseDeadline, address arbitrator)",
  "function pause()",
  "function unpause()",
  "function setTreasury(address)",
  "function setSupportedToken(address token, bool supported)",
  "function autoExpireOrder(uint256 orderId)",
  "function autoReleaseToSeller(uint256 orderId)",
  "function resolveToBuyer(uint256 orderId)",
  "function resolveToSeller(uint256 orderId)",
  "event OrderCreated(uint256 indexed orderId, address indexed buyer, address indexed seller, address token, uint256 amount, uint256 fee)",
  "event OrderPaid(uint256 indexed orderId, uint256 amount)",
  "event OrderCompleted(uint256 indexed orderId, uint256 amount, uint256 fee)",
  "event OrderDisputed(uint256 indexed orderId, address indexed openedBy, address indexed arbitrator)",
  "event DisputeResolved(uint256 indexed orderId, bool favoredBuyer, address indexed resolvedBy)",
  "event OrderExpired(uint256 indexed orderId)",
  "event OrderAutoReleased(uint256 indexed orderId)",
  "event Paused(address account)",
  "event Unpaused(address account)",
  "event TreasuryUpdated(address indexed previousTreasury, address indexed newTreasury)",
  "event SupportedTokenUpdated(address indexed token, bool supported)",
  "error EnforcedPause()",
  "error ExpectedPause()",
  "error OwnableUnauthorizedAccount(address account)",
  "error OrderNotFound(uint256 orderId)",
  "error InvalidStatus(uint256 orderId, uint8 status)",
  "error NotBuyer()",
  "error NotParty()",
  "error NotArbitrator()",
  "error DeadlineNotReached(uint256 orderId)",
  "error DeadlinePassed(uint256 orderId)",
  "error UnsupportedToken(address token)",
  "error InvalidAmount()",
  "error ZeroAddress()",
  "error InvalidSeller()",
] as const;

export const ERC20_ABI = [
  "function balanceOf(address) view returns (uint256)",
  "function decimals() view returns (uint8)",
  "function symbol() view returns (string)",
  "function transfer(address to, uint256 amount) returns (bool)",
  "event Transfer(address indexed from, address indexed to, uint256 value)",
] as const;

export const ARBITRATOR_POOL_ABI = [
  "function arbitrators(address) view returns (uint256 stakeAmount, uint256 reputation, uint256 totalResolved, uint256 totalEarned, bool isActive)",
  "function allArbitrators() view returns (address[])",
  "function activeCount() view returns (uint256)",
] as const;

/** The escrow events the sync stores, by name. */
export const SYNCED_EVENTS = ["OrderCreated", "OrderPaid", "OrderCompleted", "OrderDisputed", "DisputeResolved", "OrderExpired", "OrderAutoReleased", "Paused", "Unpaused", "TreasuryUpdated", "SupportedTokenUpdated"] as const;
