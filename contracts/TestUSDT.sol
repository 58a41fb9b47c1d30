// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @notice Local stand-in for USDT. Six decimals like USDT on Ethereum and Tron (BSC's is 18),
/// so amounts in the console read the same as on the main deployments.
contract TestUSDT is ERC20, Ownable {
    constructor() ERC20("Tether USD (local)", "USDT") Ownable(msg.sender) {}

    function decimals() public pure override returns (uint8) {
        return 6;
    }

    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}
