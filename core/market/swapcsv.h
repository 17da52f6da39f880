#pragma once
// The swap CSV of the original tutorial (raw and processed), read and written exactly.
//
// Raw columns, in this order:
//   block_number, transaction_hash (64 hex digits, no 0x), pool_id (64 hex digits, no 0x),
//   router_address (0x + 40 hex digits, EIP-55), original_sender (the same, or empty),
//   is_contract_sender (True / False, or empty), amount0, amount1, sqrt_price_x96, liquidity
//   (decimal integers; amounts signed from the swapper's side), tick, fee, timestamp (unix seconds)
// plus ApeDesk's extension, a last column `log_index`: the event's log index in its block, so a
// round trip keeps the order. It is empty for a row whose log index is unknown (one imported from a
// tutorial CSV, which has none).
//
// Processed columns: the raw ones (with log_index) and then price, amount0_eth, amount1_usdc,
// volume, volatility, volume_ma, tick_change, time_diff, liquidity_usage (see swapfeatures.h), the
// doubles with 17 significant digits so that reading them back gives the same double.

#include "common/error.h"
#include "pooltypes.h"

#include <QList>
#include <QString>

class QIODevice;

namespace apedesk::market {

struct RawCsvImport
{
    // In (block, log index) order, exact duplicates removed.
    QList<PoolSwap> swaps;
    int rowsRead = 0;        // data rows in the file, duplicates included
    int duplicateRows = 0;   // rows equal to an earlier row (the tutorial's boundary-block repeats), dropped
};

// Reads a raw CSV whole; any bad row fails the import (nothing is half imported), with an Error
// (kind Format) that names the line and the column. The header must be the raw columns above, with or
// without the trailing log_index. Strictness where it matters:
//  - hashes: exactly 64 hex digits (an optional 0x is accepted: unambiguous, and what cast and
//    older web3 versions write);
//  - addresses: 0x + 40 hex digits; all lower or all upper case, or mixed case with a valid EIP-55
//    checksum (a wrong mix is a typo and is refused);
//  - amounts within int128, sqrt_price_x96 within uint160, liquidity within uint128, tick within
//    ±887272, fee within uint24, block and timestamp non-negative 64-bit;
//  - is_contract_sender: True / False (also true / false), or empty (unknown);
//  - an empty original_sender means the origin is unknown.
// A row without a log index (no log_index column, or an empty cell) gets logIndex = its position
// among the file's rows without a log index in the same block (0, 1, 2 … in file order) and
// logIndexExact = false; a given log index is exact. A row equal to an earlier one (apart from an
// assigned log index) is counted in duplicateRows and dropped; two different rows with the same
// transaction and exact log index are an error. A UTF-8 BOM, CRLF line ends and empty lines are
// accepted. `chain` becomes every row's chain (chainKey()).
Result<RawCsvImport> readRawSwapCsv(QIODevice &in, const QString &chain);

// The raw columns plus log_index (empty where logIndexExact is false), rows in (block, log index)
// order. Reading the output back gives the same swaps.
Status writeRawSwapCsv(QIODevice &out, const QList<PoolSwap> &swaps);

// The processed columns (processSwaps() of the swaps), rows in (block, log index) order.
Status writeProcessedSwapCsv(QIODevice &out, const QList<PoolSwap> &swaps);

// Column names, in file order.
QStringList rawSwapCsvColumns(bool withLogIndex = true);
QStringList processedSwapCsvColumns();

} // namespace apedesk::market
