#include "keccak.h"

#include <cryptopp/keccak.h>

namespace apedesk::eth {

QByteArray keccak256(QByteArrayView data)
{
    CryptoPP::Keccak_256 hash;
    QByteArray digest(CryptoPP::Keccak_256::DIGESTSIZE, Qt::Uninitialized);
    hash.CalculateDigest(reinterpret_cast<CryptoPP::byte *>(digest.data()),
                         reinterpret_cast<const CryptoPP::byte *>(data.data()), static_cast<size_t>(data.size()));
    return digest;
}

} // namespace apedesk::eth
