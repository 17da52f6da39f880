// libFuzzer target: rlp::decode on arbitrary bytes. Whatever it accepts must be canonical: encoding the
// decoded item gives back exactly the input. Integers read from accepted strings must re-encode too.

#include "eth/rlp.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace apedesk::eth;

namespace {
void checkIntegers(const rlp::Item &item)
{
    if (item.isList) {
        for (const rlp::Item &child : item.items)
            checkIntegers(child);
        return;
    }
    auto value = rlp::toUint(item);
    if (value && rlp::encodeUint(*value) != rlp::encodeString(item.bytes))
        std::abort();   // an accepted integer has one encoding
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    auto item = rlp::decode(input);
    if (!item) {
        if (item.error().message.isEmpty())
            std::abort();   // every rejection says why
        return 0;
    }
    if (rlp::encode(*item) != input)
        std::abort();   // accepted input must be the canonical encoding of what it decodes to
    checkIntegers(*item);
    return 0;
}
