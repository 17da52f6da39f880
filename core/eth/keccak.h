#pragma once
// Keccak-256 (the pre-NIST padding Ethereum uses), from Crypto++. OpenSSL 3.0 has none.

#include <QByteArray>
#include <QByteArrayView>

namespace apedesk::eth {

QByteArray keccak256(QByteArrayView data);   // 32 bytes

} // namespace apedesk::eth
