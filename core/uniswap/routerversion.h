#pragma once
// Universal Router releases differ in a few ABI layouts (constructor RouterParameters, multi-hop
// structs). Single-hop V4 swaps encode the same in both.

namespace apedesk::uniswap {

enum class RouterVersion {
    V2_0,   // on BASE mainnet at 0x6ff5693b99212da76ad316178a184ab56d299b43
    V2_1,   // npm @uniswap/universal-router 2.1.0, deployed in the sandbox
};

} // namespace apedesk::uniswap
