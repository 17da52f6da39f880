#pragma once
// The chart's candles as CSV: time (ISO 8601, UTC, the interval's start), open, high, low, close,
// volume_usdc, volume_eth, swaps. Plain functions; the pane writes the file on a pool thread.

#include "common/error.h"
#include "widgets/charts/seriesdecimation.h"

#include <QByteArray>
#include <QString>

namespace apedesk::ui {

QByteArray candlesCsv(const QVector<charts::Candle> &candles);
// Written through QSaveFile: a failed write leaves no half file.
Status writeCandlesCsv(const QString &path, const QVector<charts::Candle> &candles);

} // namespace apedesk::ui
