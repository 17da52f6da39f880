#include "modelparameters.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDataStream>
#include <QIODevice>
#include <QJsonArray>
#include <QSet>

#include <cmath>
#include <limits>
#include <vector>

namespace apedesk::federated {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("apedesk::federated::ModelParameters", text); }

const QLatin1String kJsonFormat("apedesk-model-parameters");
constexpr int kJsonVersion = 1;
constexpr quint32 kBinaryMagic = 0x41504650;   // "APFP"
constexpr quint32 kBinaryVersion = 1;
constexpr int kDigestBytes = 32;                // SHA-256

Error formatError(const QString &detail)
{
    return Error::make(Error::Kind::Format, tr("The stored model parameters are damaged or not ApeDesk model parameters."),
                       detail);
}

Error layoutError(const QString &message) { return Error::make(Error::Kind::Model, message); }

// Element-wise combination of two equally laid out parameter lists, in double.
template <typename Op>
Result<ModelParameters> combine(const ModelParameters &a, const ModelParameters &b, Op op)
{
    if (const Status same = sameLayout(a, b); !same)
        return same.error();
    ModelParameters out = a;
    for (int t = 0; t < out.size(); ++t) {
        QVector<float> &values = out[t].values;
        const QVector<float> &other = b[t].values;
        for (qsizetype i = 0; i < values.size(); ++i)
            values[i] = float(op(double(values[i]), double(other[i])));
    }
    return out;
}

} // namespace

qint64 elementCount(const QVector<qint64> &shape)
{
    qint64 count = 1;
    for (const qint64 dimension : shape) {
        if (dimension < 0)
            return -1;
        if (dimension != 0 && count > std::numeric_limits<qint64>::max() / dimension)
            return -1;
        count *= dimension;
    }
    return count;
}

qint64 elementCount(const ModelParameters &parameters)
{
    qint64 count = 0;
    for (const ParameterTensor &t : parameters)
        count += t.values.size();
    return count;
}

QString shapeText(const QVector<qint64> &shape)
{
    QStringList dims;
    for (const qint64 d : shape)
        dims << QString::number(d);
    return QLatin1Char('[') + dims.join(QStringLiteral(", ")) + QLatin1Char(']');
}

Status checkConsistent(const ModelParameters &parameters)
{
    QSet<QString> names;
    for (int t = 0; t < parameters.size(); ++t) {
        const ParameterTensor &tensor = parameters[t];
        if (tensor.name.isEmpty())
            return layoutError(tr("Tensor %1 of the model has no name.").arg(t));
        if (names.contains(tensor.name))
            return layoutError(tr("The model holds tensor %1 twice.").arg(tensor.name));
        names.insert(tensor.name);
        const qint64 expected = elementCount(tensor.shape);
        if (expected < 0)
            return layoutError(tr("Tensor %1 has an impossible shape %2.").arg(tensor.name, shapeText(tensor.shape)));
        if (expected != tensor.values.size())
            return layoutError(tr("Tensor %1 has %2 values but its shape %3 holds %4.")
                                   .arg(tensor.name)
                                   .arg(tensor.values.size())
                                   .arg(shapeText(tensor.shape))
                                   .arg(expected));
    }
    return {};
}

Status sameLayout(const ModelParameters &expected, const ModelParameters &actual)
{
    if (expected.size() != actual.size())
        return layoutError(tr("wrong number of tensors: expected %1, got %2").arg(expected.size()).arg(actual.size()));
    for (int t = 0; t < expected.size(); ++t) {
        const ParameterTensor &e = expected[t];
        const ParameterTensor &a = actual[t];
        if (e.name != a.name)
            return layoutError(tr("wrong tensor at position %1: expected %2, got %3").arg(t).arg(e.name, a.name));
        if (e.shape != a.shape)
            return layoutError(tr("wrong shape for tensor %1: expected %2, got %3")
                                   .arg(e.name, shapeText(e.shape), shapeText(a.shape)));
        if (a.values.size() != e.values.size() || a.values.size() != elementCount(a.shape))
            return layoutError(tr("wrong value count for tensor %1: its shape %2 holds %3, got %4")
                                   .arg(e.name, shapeText(e.shape))
                                   .arg(elementCount(e.shape))
                                   .arg(a.values.size()));
    }
    return {};
}

QString NonFiniteValue::describe() const
{
    const QString what = std::isnan(value) ? QStringLiteral("NaN") : (value > 0 ? QStringLiteral("+Inf") : QStringLiteral("-Inf"));
    return tr("%1 at tensor %2 index %3").arg(what, name).arg(index);
}

std::optional<NonFiniteValue> firstNonFinite(const ModelParameters &parameters)
{
    for (int t = 0; t < parameters.size(); ++t) {
        const QVector<float> &values = parameters[t].values;
        for (qsizetype i = 0; i < values.size(); ++i)
            if (!std::isfinite(values[i]))
                return NonFiniteValue{t, parameters[t].name, qint64(i), values[i]};
    }
    return std::nullopt;
}

double l2Norm(const ModelParameters &parameters)
{
    double sum = 0;
    for (const ParameterTensor &t : parameters)
        for (const float v : t.values)
            sum += double(v) * double(v);
    return std::sqrt(sum);
}

Result<double> l2Distance(const ModelParameters &a, const ModelParameters &b)
{
    if (const Status same = sameLayout(a, b); !same)
        return same.error();
    double sum = 0;
    for (int t = 0; t < a.size(); ++t)
        for (qsizetype i = 0; i < a[t].values.size(); ++i) {
            const double d = double(a[t].values[i]) - double(b[t].values[i]);
            sum += d * d;
        }
    return std::sqrt(sum);
}

Result<ModelParameters> add(const ModelParameters &a, const ModelParameters &b)
{
    return combine(a, b, [](double x, double y) { return x + y; });
}

Result<ModelParameters> subtract(const ModelParameters &a, const ModelParameters &b)
{
    return combine(a, b, [](double x, double y) { return x - y; });
}

ModelParameters scaled(const ModelParameters &parameters, double factor)
{
    ModelParameters out = parameters;
    for (ParameterTensor &t : out)
        for (float &v : t.values)
            v = float(double(v) * factor);
    return out;
}

ModelParameters zerosLike(const ModelParameters &parameters)
{
    ModelParameters out = parameters;
    for (ParameterTensor &t : out)
        t.values.fill(0.0f);
    return out;
}

Result<ModelParameters> weightedSum(const QList<ModelParameters> &terms, const QList<double> &weights)
{
    if (terms.isEmpty())
        return Error::make(Error::Kind::Usage, tr("A weighted sum of models needs at least one model."));
    if (terms.size() != weights.size())
        return Error::make(Error::Kind::Usage, tr("A weighted sum got %1 models but %2 weights.").arg(terms.size()).arg(weights.size()));
    for (int k = 0; k < terms.size(); ++k) {
        if (!std::isfinite(weights[k]))
            return Error::make(Error::Kind::Usage, tr("Weight %1 of a weighted sum is not a finite number.").arg(k));
        if (const Status same = sameLayout(terms.first(), terms[k]); !same)
            return same.error();
    }
    ModelParameters out = terms.first();
    std::vector<double> accumulator;
    for (int t = 0; t < out.size(); ++t) {
        accumulator.assign(size_t(out[t].values.size()), 0.0);
        for (int k = 0; k < terms.size(); ++k) {
            const QVector<float> &values = terms[k][t].values;
            for (qsizetype i = 0; i < values.size(); ++i)
                accumulator[size_t(i)] += weights[k] * double(values[i]);
        }
        for (qsizetype i = 0; i < out[t].values.size(); ++i)
            out[t].values[i] = float(accumulator[size_t(i)]);
    }
    return out;
}

// --- JSON ------------------------------------------------------------------------------------

QJsonObject parametersToJson(const ModelParameters &parameters)
{
    QJsonArray tensors;
    for (const ParameterTensor &t : parameters) {
        QJsonArray shape;
        for (const qint64 d : t.shape)
            shape.append(d);
        QJsonArray values;
        for (const float v : t.values) {
            if (std::isfinite(v))
                values.append(double(v));   // float → double is exact; JSON keeps doubles exactly
            else if (std::isnan(v))
                values.append(QStringLiteral("NaN"));
            else
                values.append(v > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity"));
        }
        tensors.append(QJsonObject{{QStringLiteral("name"), t.name}, {QStringLiteral("shape"), shape},
                                   {QStringLiteral("values"), values}});
    }
    return {{QStringLiteral("format"), kJsonFormat}, {QStringLiteral("version"), kJsonVersion},
            {QStringLiteral("tensors"), tensors}};
}

Result<ModelParameters> parametersFromJson(const QJsonObject &object)
{
    if (object.value(QLatin1String("format")).toString() != kJsonFormat)
        return formatError(QStringLiteral("JSON: the format field is not \"%1\"").arg(kJsonFormat));
    const int version = object.value(QLatin1String("version")).toInt(-1);
    if (version != kJsonVersion)
        return formatError(QStringLiteral("JSON: unsupported version %1").arg(version));
    if (!object.value(QLatin1String("tensors")).isArray())
        return formatError(QStringLiteral("JSON: no tensors array"));
    ModelParameters out;
    const QJsonArray tensors = object.value(QLatin1String("tensors")).toArray();
    for (int t = 0; t < tensors.size(); ++t) {
        const QJsonObject o = tensors[t].toObject();
        ParameterTensor tensor;
        tensor.name = o.value(QLatin1String("name")).toString();
        const QJsonValue shape = o.value(QLatin1String("shape"));
        const QJsonValue values = o.value(QLatin1String("values"));
        if (!shape.isArray() || !values.isArray())
            return formatError(QStringLiteral("JSON: tensor %1 lacks a shape or values array").arg(t));
        for (const QJsonValue d : shape.toArray()) {
            if (!d.isDouble() || d.toDouble() != std::floor(d.toDouble()))
                return formatError(QStringLiteral("JSON: tensor %1 has a non-integer dimension").arg(t));
            tensor.shape << qint64(d.toDouble());
        }
        const QJsonArray array = values.toArray();
        tensor.values.reserve(array.size());
        for (const QJsonValue v : array) {
            if (v.isDouble()) {
                tensor.values << float(v.toDouble());
            } else if (v.toString() == QLatin1String("NaN")) {
                tensor.values << std::numeric_limits<float>::quiet_NaN();
            } else if (v.toString() == QLatin1String("Infinity")) {
                tensor.values << std::numeric_limits<float>::infinity();
            } else if (v.toString() == QLatin1String("-Infinity")) {
                tensor.values << -std::numeric_limits<float>::infinity();
            } else {
                return formatError(QStringLiteral("JSON: tensor %1 holds a value that is not a number").arg(t));
            }
        }
        out << tensor;
    }
    if (const Status consistent = checkConsistent(out); !consistent)
        return formatError(QStringLiteral("JSON: ") + consistent.error().message);
    return out;
}

// --- binary ----------------------------------------------------------------------------------

QByteArray parametersToBinary(const ModelParameters &parameters)
{
    QByteArray payload;
    {
        QDataStream out(&payload, QIODevice::WriteOnly);
        out.setVersion(QDataStream::Qt_6_4);
        out.setFloatingPointPrecision(QDataStream::SinglePrecision);
        out << quint32(parameters.size());
        for (const ParameterTensor &t : parameters) {
            out << t.name << quint32(t.shape.size());
            for (const qint64 d : t.shape)
                out << d;
            out << quint64(t.values.size());
            for (const float v : t.values)
                out << v;
        }
    }
    QByteArray bytes;
    {
        QDataStream header(&bytes, QIODevice::WriteOnly);
        header.setVersion(QDataStream::Qt_6_4);
        header << kBinaryMagic << kBinaryVersion;
    }
    bytes += payload;
    bytes += QCryptographicHash::hash(payload, QCryptographicHash::Sha256);
    return bytes;
}

Result<ModelParameters> parametersFromBinary(const QByteArray &bytes)
{
    constexpr int headerBytes = 8;
    if (bytes.size() < headerBytes + kDigestBytes)
        return formatError(QStringLiteral("binary: only %1 bytes").arg(bytes.size()));
    quint32 magic = 0, version = 0;
    {
        QDataStream header(bytes.left(headerBytes));
        header >> magic >> version;
    }
    if (magic != kBinaryMagic)
        return formatError(QStringLiteral("binary: wrong magic word 0x%1").arg(magic, 8, 16, QLatin1Char('0')));
    if (version != kBinaryVersion)
        return formatError(QStringLiteral("binary: unsupported format version %1").arg(version));
    const QByteArray payload = bytes.mid(headerBytes, bytes.size() - headerBytes - kDigestBytes);
    if (QCryptographicHash::hash(payload, QCryptographicHash::Sha256) != bytes.right(kDigestBytes))
        return formatError(QStringLiteral("binary: the SHA-256 checksum does not match the payload"));

    // The checksum matched, so the payload is what was written; the bounds checks below still keep a
    // hand-made blob from asking for absurd allocations.
    QDataStream in(payload);
    in.setVersion(QDataStream::Qt_6_4);
    in.setFloatingPointPrecision(QDataStream::SinglePrecision);
    const auto left = [&in]() { return in.device()->bytesAvailable(); };
    quint32 tensorCount = 0;
    in >> tensorCount;
    if (qint64(tensorCount) > left())
        return formatError(QStringLiteral("binary: %1 tensors cannot fit").arg(tensorCount));
    ModelParameters out;
    out.reserve(int(tensorCount));
    for (quint32 t = 0; t < tensorCount; ++t) {
        ParameterTensor tensor;
        quint32 rank = 0;
        in >> tensor.name >> rank;
        if (in.status() != QDataStream::Ok || qint64(rank) * 8 > left())
            return formatError(QStringLiteral("binary: tensor %1 has a damaged header").arg(t));
        tensor.shape.resize(rank);
        for (qint64 &d : tensor.shape)
            in >> d;
        quint64 count = 0;
        in >> count;
        if (in.status() != QDataStream::Ok || count > quint64(left()) / 4)
            return formatError(QStringLiteral("binary: tensor %1 claims more values than the blob holds").arg(t));
        tensor.values.resize(qsizetype(count));
        for (float &v : tensor.values)
            in >> v;
        out << tensor;
    }
    if (in.status() != QDataStream::Ok || !in.atEnd())
        return formatError(QStringLiteral("binary: the payload does not end where its tensors do"));
    if (const Status consistent = checkConsistent(out); !consistent)
        return formatError(QStringLiteral("binary: ") + consistent.error().message);
    return out;
}

} // namespace apedesk::federated
