#pragma once
// The federated dashboard's colours: one per venue (the weight bars, the RMSE curves and the venue
// list agree), the global model's curve, and the round states. Taken from the palette's lightness
// like the other panes' colours.

#include "federated/federatedtypes.h"
#include "gan/ganstyle.h"

#include <QColor>
#include <QHash>
#include <QPalette>

#include <array>
#include <cmath>

namespace apedesk::ui::federatedstyle {

using ganstyle::isDark;

// The first ten venues get hand-picked colours that stay apart; later ones (a 30-venue simulation)
// step round the hue circle by the golden angle, so neighbours never look alike.
inline QColor venueColor(int index, const QPalette &p)
{
    static const std::array<QColor, 10> light{{QColor(0x15, 0x65, 0xc0), QColor(0xef, 0x6c, 0x00),
                                               QColor(0x2e, 0x7d, 0x32), QColor(0x8e, 0x24, 0xaa),
                                               QColor(0x00, 0x83, 0x8f), QColor(0xc6, 0x28, 0x28),
                                               QColor(0x6d, 0x4c, 0x41), QColor(0xad, 0x14, 0x57),
                                               QColor(0x9e, 0x9d, 0x24), QColor(0x45, 0x5a, 0x64)}};
    static const std::array<QColor, 10> dark{{QColor(0x64, 0xb5, 0xf6), QColor(0xff, 0xb7, 0x4d),
                                              QColor(0x81, 0xc7, 0x84), QColor(0xce, 0x93, 0xd8),
                                              QColor(0x4d, 0xd0, 0xe1), QColor(0xe5, 0x73, 0x73),
                                              QColor(0xbc, 0xaa, 0xa4), QColor(0xf0, 0x62, 0x92),
                                              QColor(0xdc, 0xe7, 0x75), QColor(0x90, 0xa4, 0xae)}};
    const bool d = isDark(p);
    if (index >= 0 && index < int(light.size()))
        return d ? dark.at(index) : light.at(index);
    const int hue = int(std::lround(index * 137.508)) % 360;
    return QColor::fromHsv(hue, d ? 120 : 200, d ? 235 : 170);
}

// A venue's colour index from its name, so a venue keeps its colour in every run and in the venue
// list: the demo venues 0–2, sim-N 2 + N, any other name by its hash.
inline int venueColorIndex(const QString &name)
{
    if (name == QLatin1String("binance"))
        return 0;
    if (name == QLatin1String("okx"))
        return 1;
    if (name == QLatin1String("bybit"))
        return 2;
    if (name.startsWith(QLatin1String("sim-"))) {
        bool ok = false;
        const int number = name.mid(4).toInt(&ok);
        if (ok && number > 0)
            return 2 + number;
    }
    return 50 + int(qHash(name) % 1000);
}

inline QColor venueColor(const QString &name, const QPalette &p) { return venueColor(venueColorIndex(name), p); }

// The global model's curve: the text colour, so it reads as "the sum of the others".
inline QColor globalColor(const QPalette &p) { return p.color(QPalette::WindowText); }

// Round states in the table; completed rounds keep the normal text colour (invalid here).
inline QColor roundStateColor(federated::FederatedRoundRecord::State state, const QPalette &p)
{
    switch (state) {
    case federated::FederatedRoundRecord::State::Completed: return {};
    case federated::FederatedRoundRecord::State::Skipped: return isDark(p) ? QColor(0xff, 0xca, 0x28) : QColor(0xb2, 0x6a, 0x00);
    case federated::FederatedRoundRecord::State::Failed: return isDark(p) ? QColor(0xef, 0x53, 0x50) : QColor(0xc6, 0x28, 0x28);
    }
    return {};
}

// The regimes' bars: crisis red, volatile amber, bull green, bear blue-grey.
inline QColor regimeColor(federated::MarketRegime regime, const QPalette &p)
{
    const bool d = isDark(p);
    switch (regime) {
    case federated::MarketRegime::Crisis: return d ? QColor(0xef, 0x53, 0x50) : QColor(0xc6, 0x28, 0x28);
    case federated::MarketRegime::Volatile: return QColor(0xf9, 0xa8, 0x25);
    case federated::MarketRegime::TrendingBull: return d ? QColor(0x66, 0xbb, 0x6a) : QColor(0x2e, 0x7d, 0x32);
    case federated::MarketRegime::TrendingBear: return d ? QColor(0x90, 0xa4, 0xae) : QColor(0x54, 0x6e, 0x7a);
    }
    return {};
}

} // namespace apedesk::ui::federatedstyle
