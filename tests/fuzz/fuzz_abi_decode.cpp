// libFuzzer target: ABI decoding of arbitrary bytes. The first byte picks one of a few type lists (flat,
// dynamic, nested dynamic, Uniswap's swap and execute shapes); the rest is the data. Properties:
//  - no crash, no sanitizer report, no unbounded allocation, whatever the bytes;
//  - data accepted in Canonical mode is accepted in Strict mode with the same values, and re-encodes to
//    exactly the same bytes;
//  - values accepted in Strict mode fit their types, re-encode, and that encoding decodes canonically
//    to the same values; they print (cast's form) and decode as revert data without trouble.

#include "eth/abi.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace apedesk::eth;
using namespace apedesk::eth::abi;

namespace {
QList<Type> typeList(const char *signature)
{
    auto parsed = Signature::parse(QString::fromLatin1(signature));
    if (!parsed)
        std::abort();
    return abi::typesOf(parsed->inputs);
}

const QList<QList<Type>> &typeLists()
{
    static const QList<QList<Type>> lists{
        typeList("f(uint256,address,bool,bytes32,int8,uint24)"),
        typeList("f(bytes,string,uint8[])"),
        typeList("f((uint256,(address,bytes)[2])[],string[])"),
        typeList("f(bytes,bytes[],uint256)"),
        typeList("f(int16[][2],(string,bytes3)[],bool[3])"),
        typeList("f((address,address,uint24,int24,address),(bool,int256,uint160),bytes)"),
        typeList("f(uint256[][][],string)"),
    };
    return lists;
}

const ErrorRegistry &registry()
{
    static const ErrorRegistry errors = [] {
        ErrorRegistry r;
        r.add(CustomError{QStringLiteral("V4TooLittleReceived"),
                          {Param{QStringLiteral("minAmountOutReceived"), Type::uintType(), false},
                           Param{QStringLiteral("amountReceived"), Type::uintType(), false}}});
        r.add(CustomError{QStringLiteral("ExecutionFailed"),
                          {Param{QStringLiteral("commandIndex"), Type::uintType(), false},
                           Param{QStringLiteral("message"), Type::bytes(), false}}});
        return r;
    }();
    return errors;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const QList<Type> &types = typeLists()[data[0] % typeLists().size()];
    const QByteArrayView input(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));

    auto strict = decode(types, input, DecodeMode::Strict);
    auto canonical = decode(types, input, DecodeMode::Canonical);
    if (canonical) {
        if (!strict || *strict != *canonical)
            std::abort();
        auto again = encode(types, *canonical);
        if (!again || *again != input)
            std::abort();
    }
    if (strict) {
        auto encoded = encode(types, *strict);
        if (!encoded)
            std::abort();   // decoded values always fit their types
        auto redecoded = decode(types, *encoded, DecodeMode::Canonical);
        if (!redecoded || *redecoded != *strict)
            std::abort();
        for (const Value &value : *strict)
            (void)formatValue(value);
    } else if (strict.error().message.isEmpty()) {
        std::abort();
    }
    (void)decodeRevert(input, &registry()).message;
    return 0;
}
