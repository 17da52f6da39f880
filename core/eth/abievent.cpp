#include "abievent.h"

#include "abicodec.h"
#include "hex.h"

#include <QCoreApplication>

namespace apedesk::eth::abi {
namespace {
// One translation context for this file's messages (lupdate reads Messages::tr).
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(apedesk::eth::abi::Event)
};
} // namespace

bool isHashedWhenIndexed(const Type &type)
{
    switch (type.kind()) {
    case Type::Kind::Bytes:
    case Type::Kind::String:
    case Type::Kind::Array:
    case Type::Kind::FixedArray:
    case Type::Kind::Tuple:
        return true;
    default:
        return false;
    }
}

Result<DecodedEvent> decodeLog(const Event &event, const QList<Hash32> &topics, QByteArrayView data)
{
    qsizetype indexedCount = 0;
    QList<Param> dataParams;
    for (const Param &param : event.inputs) {
        if (param.indexed)
            ++indexedCount;
        else
            dataParams.append(param);
    }
    const qsizetype firstIndexed = event.anonymous ? 0 : 1;
    if (topics.size() != firstIndexed + indexedCount)
        return Error::make(Error::Kind::Format, Messages::tr("The log does not have the topics of the event %1.").arg(event.name),
                           QStringLiteral("%1 topics, expected %2").arg(topics.size()).arg(firstIndexed + indexedCount));
    if (!event.anonymous && topics.first() != event.topic())
        return Error::make(Error::Kind::Format, Messages::tr("The log is not a %1 event.").arg(event.name),
                           QStringLiteral("topic 0 is %1, expected %2").arg(topics.first().toHex(), event.topic().toHex()));

    auto dataValues = decode(typesOf(dataParams), data);
    if (!dataValues)
        return Error::make(Error::Kind::Format, Messages::tr("The data of a %1 event is malformed.").arg(event.name),
                           dataValues.error().toString());

    DecodedEvent result{event.name, {}};
    qsizetype topic = firstIndexed;
    qsizetype dataIndex = 0;
    for (const Param &param : event.inputs) {
        NamedValue field{param.name, param.type, {}, param.indexed, false};
        if (!param.indexed) {
            field.value = (*dataValues)[dataIndex++];
        } else if (isHashedWhenIndexed(param.type)) {
            field.value = Value::fromFixedBytes(topics[topic++].bytes());
            field.hashed = true;
        } else {
            auto value = decodeWord(param.type, topics[topic++].bytes());
            if (!value)
                return Error::make(Error::Kind::Format,
                                   Messages::tr("The indexed parameter %1 of a %2 event is malformed.").arg(param.name, event.name),
                                   value.error().toString());
            field.value = std::move(*value);
        }
        result.fields.append(std::move(field));
    }
    return result;
}

Result<DecodedEvent> decodeLog(const Interface &abi, const QList<Hash32> &topics, QByteArrayView data)
{
    if (topics.isEmpty())
        return Error::make(Error::Kind::Format, Messages::tr("The log has no topics, so its event cannot be recognized."));
    const Event *event = abi.eventByTopic(topics.first());
    if (!event)
        return Error::make(Error::Kind::Format, Messages::tr("The log's event is not in the loaded ABI."),
                           QStringLiteral("topic 0 is %1").arg(topics.first().toHex()));
    return decodeLog(*event, topics, data);
}

} // namespace apedesk::eth::abi
