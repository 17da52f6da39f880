#pragma once
// A model's parameters as named float tensors, flattened in row-major order. This keeps the federated
// strategy, the robust aggregation and the model registry free of libtorch: core/ml converts a module's
// state to and from this form, everything else only sees plain vectors.

#include "common/error.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVector>

#include <optional>

namespace apedesk::federated {

struct ParameterTensor
{
    QString name;            // the module's state key, e.g. "fc1.weight"
    QVector<qint64> shape;   // [] is a scalar (one value)
    QVector<float> values;   // row-major, elementCount(shape) of them

    friend bool operator==(const ParameterTensor &a, const ParameterTensor &b)
    {
        return a.name == b.name && a.shape == b.shape && a.values == b.values;
    }
    friend bool operator!=(const ParameterTensor &a, const ParameterTensor &b) { return !(a == b); }
};

using ModelParameters = QList<ParameterTensor>;

// Number of values a shape holds (the product of its dimensions; 1 for a scalar, -1 for a negative
// dimension or an overflowing product).
qint64 elementCount(const QVector<qint64> &shape);
// Number of values in all tensors.
qint64 elementCount(const ModelParameters &parameters);
// "[64, 15]" for messages.
QString shapeText(const QVector<qint64> &shape);

// Each tensor has a non-empty unique name, no negative dimension, and as many values as its shape holds.
Status checkConsistent(const ModelParameters &parameters);

// Whether `actual` can stand in for `expected`: the same tensors in the same order with the same
// shapes (and consistent value counts). The error's message says which tensor differs and how, e.g.
// "wrong shape for tensor fc1.weight: expected [64, 15], got [64, 14]".
Status sameLayout(const ModelParameters &expected, const ModelParameters &actual);

// The first NaN or infinity, in tensor order.
struct NonFiniteValue
{
    int tensor = -1;    // index in the list
    QString name;
    qint64 index = -1;  // flat index in the tensor
    float value = 0;
    // "NaN at tensor fc1.weight index 17"
    QString describe() const;
};
std::optional<NonFiniteValue> firstNonFinite(const ModelParameters &parameters);

// Euclidean norm over all values (accumulated in double).
double l2Norm(const ModelParameters &parameters);
// ‖a − b‖, the norm of an update between two versions of one model; an error when the layouts differ.
Result<double> l2Distance(const ModelParameters &a, const ModelParameters &b);

// Element-wise arithmetic (in double, rounded once to float); errors when the layouts differ.
Result<ModelParameters> add(const ModelParameters &a, const ModelParameters &b);
Result<ModelParameters> subtract(const ModelParameters &a, const ModelParameters &b);   // a − b
ModelParameters scaled(const ModelParameters &parameters, double factor);
ModelParameters zerosLike(const ModelParameters &parameters);
// Σ weights[i] · terms[i]; an error for no terms, a count mismatch, a non-finite weight or differing layouts.
Result<ModelParameters> weightedSum(const QList<ModelParameters> &terms, const QList<double> &weights);

// JSON for inspection and interchange: {"format": "apedesk-model-parameters", "version": 1,
// "tensors": [{"name", "shape", "values"}]}. Values are numbers written with round-trip precision;
// NaN and infinities (which JSON has no number for) are the strings "NaN", "Infinity", "-Infinity",
// so a damaged update can be stored and read back as it was.
QJsonObject parametersToJson(const ModelParameters &parameters);
Result<ModelParameters> parametersFromJson(const QJsonObject &object);

// Compact binary for storage (the registry's blobs): a magic word, a format version, the tensors
// through QDataStream (big-endian, single-precision floats) and a SHA-256 of that payload, so a
// damaged blob is refused instead of loading as a silently different model.
QByteArray parametersToBinary(const ModelParameters &parameters);
Result<ModelParameters> parametersFromBinary(const QByteArray &bytes);

} // namespace apedesk::federated
