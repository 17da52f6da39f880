#include "candlecsv.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSaveFile>

namespace apedesk::ui {

namespace {
QByteArray fixed(double value, int decimals) { return QByteArray::number(value, 'f', decimals); }
} // namespace

QByteArray candlesCsv(const QVector<charts::Candle> &candles)
{
    QByteArray out("time,open,high,low,close,volume_usdc,volume_eth,swaps\n");
    out.reserve(out.size() + candles.size() * 96);
    for (const charts::Candle &c : candles) {
        out += QDateTime::fromSecsSinceEpoch(c.start, Qt::UTC).toString(Qt::ISODate).toLatin1();
        for (const QByteArray &field : {fixed(c.open, 6), fixed(c.high, 6), fixed(c.low, 6), fixed(c.close, 6),
                                        fixed(c.volumeUsdc, 6), fixed(c.volumeEth, 9), QByteArray::number(c.swaps)}) {
            out += ',';
            out += field;
        }
        out += '\n';
    }
    return out;
}

Status writeCandlesCsv(const QString &path, const QVector<charts::Candle> &candles)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error::make(Error::Kind::Io,
                           QCoreApplication::translate("apedesk::ui", "Could not write %1.").arg(path),
                           file.errorString());
    file.write(candlesCsv(candles));
    if (!file.commit())
        return Error::make(Error::Kind::Io,
                           QCoreApplication::translate("apedesk::ui", "Could not write %1.").arg(path),
                           file.errorString());
    return {};
}

} // namespace apedesk::ui
