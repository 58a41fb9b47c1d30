// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @notice Staked arbitrators for P2PEscrow disputes. An arbitrator is active while their stake
/// covers `minStake` and their reputation is at least `MIN_ACTIVE_REPUTATION`; only active
/// arbitrators are assigned new disputes.
contract ArbitratorPool is Ownable {
    using SafeERC20 for IERC20;

    struct Arbitrator {
        uint256 stakeAmount;
        uint256 reputation;
        uint256 totalResolved;
        uint256 totalEarned;
        bool isActive;
    }

    uint256 public constant INITIAL_REPUTATION = 50;
    uint256 public constant MAX_REPUTATION = 100;
    uint256 public constant MIN_ACTIVE_REPUTATION = 10;

    IERC20 public immutable stakeToken;
    uint256 public immutable minStake;
    address public escrow;

    mapping(address => Arbitrator) public arbitrators;
    address[] public activeArbitrators;

    address[] private _allArbitrators;
    mapping(address => bool) private _isKnown;
    // 1-based position in activeArbitrators (0 = not in the list), for O(1) removal.
    mapping(address => uint256) private _activePosition;
    uint256 private _nextAssignment;

    event ArbitratorStaked(address indexed arbitrator, uint256 amount, uint256 totalStake);
    event ArbitratorActivated(address indexed arbitrator);
    event ArbitratorDeactivated(address indexed arbitrator);
    event ReputationChanged(address indexed arbitrator, uint256 reputation);
    event ResolutionRecorded(address indexed arbitrator, bool favoredBuyer);
    event EscrowUpdated(address indexed previousEscrow, address indexed newEscrow);

    error NotEscrow();
    error InvalidAmount();
    error InvalidReputation(uint256 reputation);
    error UnknownArbitrator(address arbitrator);
    error ZeroAddress();

    modifier onlyEscrow() {
        if (msg.sender != escrow) revert NotEscrow();
        _;
    }

    constructor(address stakeToken_, uint256 minStake_) Ownable(msg.sender) {
        if (stakeToken_ == address(0)) revert ZeroAddress();
        stakeToken = IERC20(stakeToken_);
        minStake = minStake_;
    }

    function activeCount() external view returns (uint256) {
        return activeArbitrators.length;
    }

    /// @notice Everyone who ever staked, active or not (the console lists them all).
    function allArbitrators() external view returns (address[] memory) {
        return _allArbitrators;
    }

    function stake(uint256 amount) external {
        if (amount == 0) revert InvalidAmount();
        stakeToken.safeTransferFrom(msg.sender, address(this), amount);
        Arbitrator storage a = arbitrators[msg.sender];
        if (!_isKnown[msg.sender]) {
            _isKnown[msg.sender] = true;
            _allArbitrators.push(msg.sender);
            a.reputation = INITIAL_REPUTATION;
        }
        a.stakeAmount += amount;
        emit ArbitratorStaked(msg.sender, amount, a.stakeAmount);
        _syncActive(msg.sender);
    }

    function setEscrow(address newEscrow) external onlyOwner {
        if (newEscrow == address(0)) revert ZeroAddress();
        emit EscrowUpdated(escrow, newEscrow);
        escrow = newEscrow;
    }

    /// @notice Round-robin over the active list. Removal swaps the last entry into the gap, so
    /// the rotation is fair over time rather than strictly ordered; that is enough for assignment.
    function assign() external onlyEscrow returns (address) {
        uint256 count = activeArbitrators.length;
        if (count == 0) return address(0);
        uint256 index = _nextAssignment % count;
        _nextAssignment = index + 1;
        return activeArbitrators[index];
    }

    function recordResolution(address arbitrator, bool favoredBuyer) external onlyEscrow {
        arbitrators[arbitrator].totalResolved += 1;
        emit ResolutionRecorded(arbitrator, favoredBuyer);
    }

    /// @notice Below MIN_ACTIVE_REPUTATION the arbitrator stops receiving disputes; raising it again
    /// (with enough stake) puts them back, so a mistaken change can be undone.
    function setReputation(address arbitrator, uint256 reputation) external onlyOwner {
        if (!_isKnown[arbitrator]) revert UnknownArbitrator(arbitrator);
        if (reputation > MAX_REPUTATION) revert InvalidReputation(reputation);
        arbitrators[arbitrator].reputation = reputation;
        emit ReputationChanged(arbitrator, reputation);
        _syncActive(arbitrator);
    }

    function _syncActive(address arbitrator) private {
        Arbitrator storage a = arbitrators[arbitrator];
        bool shouldBeActive = a.stakeAmount >= minStake && a.reputation >= MIN_ACTIVE_REPUTATION;
        if (shouldBeActive == a.isActive) return;
        a.isActive = shouldBeActive;
        if (shouldBeActive) {
            activeArbitrators.push(arbitrator);
            _activePosition[arbitrator] = activeArbitrators.length;
            emit ArbitratorActivated(arbitrator);
            return;
        }
        uint256 position = _activePosition[arbitrator];
        uint256 last = activeArbitrators.length;
        if (position != last) {
            address moved = activeArbitrators[last - 1];
            activeArbitrators[position - 1] = moved;
            _activePosition[moved] = position;
        }
        activeArbitrators.pop();
        delete _activePosition[arbitrator];
        emit ArbitratorDeactivated(arbitrator);
    }
}
