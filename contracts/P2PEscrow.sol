// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

interface IArbitratorPool {
    function assign() external returns (address);
    function recordResolution(address arbitrator, bool favoredBuyer) external;
}

/// @notice P2P trade escrow. The buyer locks tokens here, the seller delivers off chain, and the
/// buyer's confirmation (or an arbitrator, or the release deadline) pays the seller minus the
/// platform fee.
contract P2PEscrow is Ownable, Pausable, ReentrancyGuard {
    using SafeERC20 for IERC20;

    enum OrderStatus {
        None,
        Created,
        Paid,
        Completed,
        Disputed,
        ResolvedBuyer,
        ResolvedSeller,
        Expired
    }

    struct Order {
        address buyer;
        address seller;
        address token;
        uint256 amount;
        uint256 fee;
        OrderStatus status;
        uint64 createdAt;
        uint64 paymentDeadline;
        uint64 releaseDeadline;
        address arbitrator;
    }

    uint16 public constant MAX_FEE_BPS = 1_000;

    address public treasury;
    address public immutable arbitratorPool;
    uint16 public immutable feeBps;
    uint64 public paymentWindow = 30 minutes;
    uint64 public releaseWindow = 24 hours;
    uint256 public nextOrderId = 1;

    mapping(uint256 => Order) public orders;
    mapping(address => bool) public supportedTokens;

    event OrderCreated(
        uint256 indexed orderId,
        address indexed buyer,
        address indexed seller,
        address token,
        uint256 amount,
        uint256 fee
    );
    event OrderPaid(uint256 indexed orderId, uint256 amount);
    event OrderCompleted(uint256 indexed orderId, uint256 amount, uint256 fee);
    event OrderDisputed(uint256 indexed orderId, address indexed openedBy, address indexed arbitrator);
    event DisputeResolved(uint256 indexed orderId, bool favoredBuyer, address indexed resolvedBy);
    event OrderExpired(uint256 indexed orderId);
    event OrderAutoReleased(uint256 indexed orderId);
    event TreasuryUpdated(address indexed previousTreasury, address indexed newTreasury);
    event SupportedTokenUpdated(address indexed token, bool supported);
    event WindowsUpdated(uint64 paymentWindow, uint64 releaseWindow);

    error OrderNotFound(uint256 orderId);
    error InvalidStatus(uint256 orderId, uint8 status);
    error NotBuyer();
    error NotParty();
    error NotArbitrator();
    error DeadlineNotReached(uint256 orderId);
    error DeadlinePassed(uint256 orderId);
    error UnsupportedToken(address token);
    error InvalidAmount();
    error ZeroAddress();
    error InvalidSeller();
    error InvalidFee(uint16 feeBps);
    error InvalidWindow();

    constructor(address treasury_, address arbitratorPool_, uint16 feeBps_) Ownable(msg.sender) {
        if (treasury_ == address(0) || arbitratorPool_ == address(0)) revert ZeroAddress();
        if (feeBps_ > MAX_FEE_BPS) revert InvalidFee(feeBps_);
        treasury = treasury_;
        arbitratorPool = arbitratorPool_;
        feeBps = feeBps_;
    }

    // ── Orders ─────────────────────────────────────────────────────────────

    function createOrder(address seller, address token, uint256 amount)
        external
        whenNotPaused
        nonReentrant
        returns (uint256 orderId)
    {
        if (!supportedTokens[token]) revert UnsupportedToken(token);
        if (amount == 0) revert InvalidAmount();
        if (seller == address(0) || seller == msg.sender) revert InvalidSeller();

        orderId = nextOrderId++;
        uint256 fee = (amount * feeBps) / 10_000;
        orders[orderId] = Order({
            buyer: msg.sender,
            seller: seller,
            token: token,
            amount: amount,
            fee: fee,
            status: OrderStatus.Created,
            createdAt: uint64(block.timestamp),
            paymentDeadline: uint64(block.timestamp) + paymentWindow,
            releaseDeadline: 0,
            arbitrator: address(0)
        });
        emit OrderCreated(orderId, msg.sender, seller, token, amount, fee);
    }

    function markPaid(uint256 orderId) external whenNotPaused nonReentrant {
        Order storage order = _order(orderId, OrderStatus.Created);
        if (msg.sender != order.buyer) revert NotBuyer();
        if (block.timestamp > order.paymentDeadline) revert DeadlinePassed(orderId);
        // A token delisted after the order was created takes no new money in.
        if (!supportedTokens[order.token]) revert UnsupportedToken(order.token);

        order.status = OrderStatus.Paid;
        order.releaseDeadline = uint64(block.timestamp) + releaseWindow;

        // Measure what actually arrived: the escrow must never owe more than it holds, even if a
        // listed token turns out to charge a transfer fee.
        IERC20 token = IERC20(order.token);
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), order.amount);
        if (token.balanceOf(address(this)) - before != order.amount) revert InvalidAmount();
        emit OrderPaid(orderId, order.amount);
    }

    function completeOrder(uint256 orderId) external whenNotPaused nonReentrant {
        Order storage order = _order(orderId, OrderStatus.Paid);
        if (msg.sender != order.buyer) revert NotBuyer();
        order.status = OrderStatus.Completed;
        _payOut(orderId, order);
    }

    /// @notice Either party may escalate a paid order until its release deadline; after that the
    /// seller is owed the funds and anyone may release them.
    function openDispute(uint256 orderId) external whenNotPaused nonReentrant {
        Order storage order = _order(orderId, OrderStatus.Paid);
        if (msg.sender != order.buyer && msg.sender != order.seller) revert NotParty();
        if (block.timestamp > order.releaseDeadline) revert DeadlinePassed(orderId);
        order.status = OrderStatus.Disputed;
        // address(0) when no arbitrator is active: the owner can still resolve.
        address arbitrator = IArbitratorPool(arbitratorPool).assign();
        order.arbitrator = arbitrator;
        emit OrderDisputed(orderId, msg.sender, arbitrator);
    }

    function resolveToBuyer(uint256 orderId) external whenNotPaused nonReentrant {
        Order storage order = _resolvable(orderId);
        order.status = OrderStatus.ResolvedBuyer;
        _recordResolution(order, true);
        emit DisputeResolved(orderId, true, msg.sender);
        // Full refund: the platform takes no fee on a trade that did not happen.
        IERC20(order.token).safeTransfer(order.buyer, order.amount);
    }

    function resolveToSeller(uint256 orderId) external whenNotPaused nonReentrant {
        Order storage order = _resolvable(orderId);
        order.status = OrderStatus.ResolvedSeller;
        _recordResolution(order, false);
        emit DisputeResolved(orderId, false, msg.sender);
        _payOut(orderId, order);
    }

    function autoExpireOrder(uint256 orderId) external whenNotPaused nonReentrant {
        Order storage order = _order(orderId, OrderStatus.Created);
        if (block.timestamp <= order.paymentDeadline) revert DeadlineNotReached(orderId);
        order.status = OrderStatus.Expired;
        emit OrderExpired(orderId);
    }

    function autoReleaseToSeller(uint256 orderId) external whenNotPaused nonReentrant {
        Order storage order = _order(orderId, OrderStatus.Paid);
        if (block.timestamp <= order.releaseDeadline) revert DeadlineNotReached(orderId);
        order.status = OrderStatus.Completed;
        emit OrderAutoReleased(orderId);
        _payOut(orderId, order);
    }

    // ── Admin ──────────────────────────────────────────────────────────────

    function pause() external onlyOwner {
        _pause();
    }

    function unpause() external onlyOwner {
        _unpause();
    }

    function setTreasury(address newTreasury) external onlyOwner {
        if (newTreasury == address(0)) revert ZeroAddress();
        emit TreasuryUpdated(treasury, newTreasury);
        treasury = newTreasury;
    }

    function setSupportedToken(address token, bool supported) external onlyOwner {
        if (token == address(0)) revert ZeroAddress();
        supportedTokens[token] = supported;
        emit SupportedTokenUpdated(token, supported);
    }

    /// @notice Applies to orders created (payment window) or paid (release window) afterwards;
    /// deadlines already set on existing orders do not move.
    function setWindows(uint64 newPaymentWindow, uint64 newReleaseWindow) external onlyOwner {
        if (newPaymentWindow == 0 || newReleaseWindow == 0) revert InvalidWindow();
        paymentWindow = newPaymentWindow;
        releaseWindow = newReleaseWindow;
        emit WindowsUpdated(newPaymentWindow, newReleaseWindow);
    }

    // ── Internals ──────────────────────────────────────────────────────────

    function _order(uint256 orderId, OrderStatus expected) private view returns (Order storage order) {
        order = orders[orderId];
        if (order.status == OrderStatus.None) revert OrderNotFound(orderId);
        if (order.status != expected) revert InvalidStatus(orderId, uint8(order.status));
    }

    function _resolvable(uint256 orderId) private view returns (Order storage order) {
        order = _order(orderId, OrderStatus.Disputed);
        bool isAssigned = order.arbitrator != address(0) && msg.sender == order.arbitrator;
        if (!isAssigned && msg.sender != owner()) revert NotArbitrator();
    }

    function _recordResolution(Order storage order, bool favoredBuyer) private {
        if (order.arbitrator != address(0)) {
            IArbitratorPool(arbitratorPool).recordResolution(order.arbitrator, favoredBuyer);
        }
    }

    /// @dev Callers set the final status first (checks-effects-interactions).
    function _payOut(uint256 orderId, Order storage order) private {
        IERC20 token = IERC20(order.token);
        token.safeTransfer(order.seller, order.amount - order.fee);
        if (order.fee > 0) token.safeTransfer(treasury, order.fee);
        emit OrderCompleted(orderId, order.amount, order.fee);
    }
}
