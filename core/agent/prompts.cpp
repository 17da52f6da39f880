// The stateless prompt and its system message. (The stateful template is in statefulprompt.cpp.)
// Prompts are model input, not UI: never translated, and every number goes through
// QString::number(x, 'f', n), which ignores the locale, so the text is byte-identical everywhere.

#include "prompts.h"

#include <QStringList>

#include <algorithm>

namespace apedesk::agent {

namespace {

QString fixed(double value, int decimals) { return QString::number(value, 'f', decimals); }
QString usd(double value) { return QStringLiteral("$") + fixed(value, 2); }
QString percent(double fraction) { return fixed(fraction * 100, 2) + QStringLiteral("%"); }

// "10-min" for a 600 s window; "2.5-min" for 150 s: the label says the real window.
QString windowLabel(qint64 seconds)
{
    const QString minutes = seconds % 60 == 0 ? QString::number(seconds / 60) : fixed(seconds / 60.0, 1);
    return minutes + QStringLiteral("-min");
}

} // namespace

QString statelessSystemPrompt()
{
    return QStringLiteral("You are an AI trading assistant for ETH/USDC decisions on Uniswap V4: read the market data "
                          "and portfolio, respect the constraints, and answer only in the required format.");
}

QString statelessPrompt(const Observation &observation)
{
    const MarketView &market = observation.market;
    const Portfolio &portfolio = observation.portfolio;
    const TradeLimits &limits = observation.limits;
    // The pool's mid price is the freshest; the last swap's price when the pool was not read.
    const double price = portfolio.price > 0 ? portfolio.price : market.lastPrice;
    const QString window = windowLabel(market.windowSeconds);

    const double eth = portfolio.eth();
    const double usdc = portfolio.usdc();
    const double ethValue = eth * price;
    const double total = ethValue + usdc;
    const double ethAvailable = std::max(0.0, eth - limits.gasReserveEth);

    QStringList lines;
    lines << QStringLiteral("You are trading ETH/USDC on a Uniswap V4 pool. Analyze the data below and decide whether to trade now.")
          << QString()
          << QStringLiteral("Current Market Data:")
          << QStringLiteral("- ETH Price: ") + usd(price)
          << QStringLiteral("- %1 Price Change: ").arg(window) + fixed(market.priceChangePercent, 2) + QStringLiteral("%")
          << QStringLiteral("- %1 Volume: ").arg(window) + fixed(market.volumeEth, 4) + QStringLiteral(" ETH / ") + usd(market.volumeUsdc)
                 + QStringLiteral(" USDC")
          << QStringLiteral("- %1 Swap Count: ").arg(window) + QString::number(market.swapCount)
          << QString()
          << QStringLiteral("Portfolio Status:")
          << QStringLiteral("- ETH Balance: ") + fixed(eth, 4) + QStringLiteral(" ETH (") + usd(ethValue) + QStringLiteral(")")
          << QStringLiteral("- USDC Balance: ") + fixed(usdc, 2) + QStringLiteral(" USDC")
          << QStringLiteral("- Total Portfolio Value: ") + usd(total)
          << QStringLiteral("- Current ETH Allocation: ") + percent(total > 0 ? ethValue / total : 0)
          << QStringLiteral("- Target ETH Allocation: ") + percent(observation.rebalance.targetEthAllocation)
          << QString()
          << QStringLiteral("IMPORTANT CONSTRAINTS:")
          << QStringLiteral("- ETH available for trading: ") + fixed(ethAvailable, 4) + QStringLiteral(" ETH (") + usd(ethAvailable * price)
                 + QStringLiteral("), after keeping ") + fixed(limits.gasReserveEth, 4) + QStringLiteral(" ETH for gas")
          << QStringLiteral("- USDC available for trading: ") + fixed(usdc, 2) + QStringLiteral(" USDC");
    if (ethAvailable < limits.minTradeEth)
        lines << QStringLiteral("- WARNING: Not enough ETH to sell. Do NOT choose ETH_TO_USDC.");
    if (usdc < limits.minTradeUsdc)
        lines << QStringLiteral("- WARNING: Not enough USDC to buy ETH. Do NOT choose USDC_TO_ETH.");
    lines << QString()
          << QStringLiteral("Trade Constraints:")
          << QStringLiteral("- Trade size: ") + fixed(limits.minTradeEth, 4) + QStringLiteral(" to ") + fixed(limits.maxTradeEth, 4)
                 + QStringLiteral(" ETH (or its USDC value) per trade")
          << QStringLiteral("- Always keep ") + fixed(limits.gasReserveEth, 4) + QStringLiteral(" ETH for gas")
          << QStringLiteral("- Minimum USDC trade: ") + fixed(limits.minTradeUsdc, 2) + QStringLiteral(" USDC")
          << QStringLiteral("- At most ") + fixed(limits.maxBalanceShare * 100, 0) + QStringLiteral("% of the available balance per trade")
          << QString()
          << QStringLiteral("Respond in exactly this format:")
          << QStringLiteral("TRADE: YES/NO")
          << QStringLiteral("DIRECTION: ETH_TO_USDC or USDC_TO_ETH")
          << QStringLiteral("PERCENTAGE: <1-100>")
          << QStringLiteral("REASONING: <one or two sentences>");
    return lines.join(QLatin1Char('\n'));
}

} // namespace apedesk::agent
