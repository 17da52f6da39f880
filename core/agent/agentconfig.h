#pragma once
// One agent run's settings: which backend decides, how often, the stateful memory, observation,
// rebalancing and sizing limits, the P&L horizon, and whose account trades.

#include "agenttypes.h"
#include "llmbackend.h"

namespace apedesk::agent {

struct ObservationMode
{
    enum class Kind { None, Cycles, Minutes, Tokens };
    Kind kind = Kind::None;
    int amount = 0;                // cycles, minutes, or estimated context tokens
};

struct AgentConfig
{
    BackendSpec backend;
    LlmOptions llmOptions;         // temperature 0.6 as in the tutorial unless set
    int llmTimeoutMs = 90000;
    bool stateful = false;
    int contextCapacityTokens = 32768;   // stateful memory capacity (2000 in the tutorial's test mode)
    QString memoryProfile;               // empty: derived from the backend and account
    int intervalMs = 10000;
    int maxCycles = 0;             // 0: until stopped
    ObservationMode observe;       // cycles of the run that only watch, at its start
    RebalanceConfig rebalance;
    TradeLimits limits;
    int pnlHorizonSeconds = 600;   // each trade is marked to market this long after it
    eth::Address account;          // trades from this account (the chain service's)
    QString password;              // keystore accounts: used for signing, never stored
};

} // namespace apedesk::agent
