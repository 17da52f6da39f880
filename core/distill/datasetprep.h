#pragma once
// Dataset preparation (seed facts §6, prepare_teacher_data_for_mlx.py, with its bugs fixed): teacher
// answers, or a DQN trader's export (core/ml/rlexport.h), become MLX-LM chat JSONL splits, the LoRA
// YAML with the tutorial's values, and a report.
//
// One example's way through:
//   1. cleanText(): control characters (but '\n'), <think> tags and non-English script go; in answers
//      each line's whitespace is collapsed and runs of blank lines become one.
//   2. normaliseTeacherResponse(): the tutorial's reading of the text after "####" (see there).
//   3. applyCanaryWords(): BUY → APE IN, SELL → APE OUT, HOLD → APE NEUTRAL.
//   4. Examples without prompt or without anything readable are dropped; exact duplicates (same
//      prompt, same final answer) are dropped after their first occurrence.
//   5. seededPermutation() shuffles, splitSizes() cuts train / valid / test.
//
// Files in the output folder, each written atomically: train.jsonl, valid.jsonl, test.jsonl
// ({"messages": [system, user, assistant]} per line), lora_config.yaml, report.json.

#include "agent/agenttypes.h"
#include "jobparams.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace apedesk::distill {

// The tutorial's system message, word for word.
QString distillSystemPrompt();

struct CleanedText
{
    QString text;
    bool removedControl = false;   // control or invisible format characters
    bool removedForeign = false;   // letters of a non-Latin script (CJK, Cyrillic, …), CJK punctuation
    bool removedThink = false;     // <think> / </think> tags (their content stays: it is the reasoning)
    bool removedAnything() const { return removedControl || removedForeign || removedThink; }
};
// Latin, common (digits, punctuation, symbols, emoji) and combining characters stay; every removed
// run of foreign characters becomes one space, so the words around it do not run together.
// Answers (Layout::Collapse) have each line's whitespace collapsed and at most one blank line in a
// row; prompts (Layout::Keep) keep their layout (only trimmed), so the student is trained on the
// prompts the agent sends.
enum class Layout { Collapse, Keep };
CleanedText cleanText(const QString &text, Layout layout = Layout::Collapse);

struct NormalisedResponse
{
    QString reasoning;             // the text before the first "####", trimmed
    QString recommendation;        // "BUY 0.5 ETH", "SELL part of ETH", "BUY ETH with 100 USDC", "HOLD", …
    bool hasSeparator = false;     // a "####" was there
    bool defaulted = false;        // no rule read an action: the tutorial's default HOLD
    // reasoning + "\nRECOMMENDATION: " + recommendation (without the newline when there is no reasoning)
    QString text() const;
};
// The tutorial's precedence on the text between the first and the second "####" (case-insensitive):
//   1. "buy N eth|usdc"            → BUY N UNIT
//   2. "sell N eth|usdc"           → SELL N UNIT
//   3. "trade N eth for"           → SELL N ETH;  "trade N usdc for" → BUY ETH with N USDC
//   4. "hold" / "holding"          → HOLD
//   5. "sell…" anywhere            → SELL N UNIT with the first "N eth|usdc", else SELL part of ETH
//      "buy…" anywhere             → BUY N UNIT likewise, else BUY some ETH
//   otherwise (no "####" either)   → HOLD, defaulted
// The verb gives the direction, the unit the amount's denomination (as agent::parseAnswer reads it).
// Fixed against the tutorial: amounts keep their thousands ("1,500 USDC" is 1500, not "000") and
// leading-dot decimals (".5 ETH" is 0.5, not 5); "hold" is a word ("holdings", "threshold" are not
// a hold); the verbs start a word ("upsell" is no sale).
NormalisedResponse normaliseTeacherResponse(const QString &fullResponse);

// The canary words on a normalised text (the tutorial's substitutions, case-sensitive as there):
// "RECOMMENDATION: BUY|SELL|HOLD" → "RECOMMENDATION: APE IN|APE OUT|APE NEUTRAL", and the inline
// forms "BUY N ETH|USDC" → "APE IN N …", "SELL N …" → "APE OUT N …", "SELL part of ETH" → "APE OUT
// part of ETH", "BUY some ETH" → "APE IN some ETH". "BUY ETH with N USDC" becomes "APE IN N USDC"
// (the tutorial wrote "APE IN ETH with N USDC", whose amount agent::parseAnswer cannot see; this way
// the amount stays N USDC and never turns into N ETH).
QString applyCanaryWords(const QString &normalised);

// The canary of the last "RECOMMENDATION: APE …" line; Canary::None when there is none.
agent::Canary recommendationCanary(const QString &answer);

// One example's assistant answer, with what happened on the way.
struct PreparedAnswer
{
    QString text;                  // the canary answer ("" when nothing readable was left)
    agent::Canary canary = agent::Canary::None;
    bool cleaned = false;          // cleanText removed something
    bool defaulted = false;        // HOLD by default
    bool emptyReasoning = false;   // the action stands alone
};
// Teacher answers: clean → normalise → canary words.
PreparedAnswer prepareTeacherAnswer(const QString &fullResponse);
// A DQN export's completion (already canary: "… RECOMMENDATION: APE IN"): cleaned; a completion in
// the tutorial's RL form ("… #### APE IN") gets its RECOMMENDATION line; anything else is read like a
// teacher answer.
PreparedAnswer prepareDqnAnswer(const QString &completion);

struct SplitSizes
{
    int train = 0;
    int valid = 0;
    int test = 0;
};
// The tutorial's cut: train = floor(n · trainFraction), valid up to floor(n · (trainFraction +
// validFraction)), test = the rest (30 → 24/3/3, 28 → 22/3/3). With n ≥ 3 an empty split gets one
// example from the largest one (3 → 1/1/1, 5 → 3/1/1).
SplitSizes splitSizes(int examples, double trainFraction, double validFraction);

// A permutation of 0..count-1: Fisher–Yates from the end, each index drawn from std::mt19937_64(seed)
// by rejection sampling (not std::uniform_int_distribution, whose algorithm differs between standard
// libraries), so a seed gives the same split everywhere.
QList<int> seededPermutation(int count, quint64 seed);

// The MLX-LM LoRA configuration (the tutorial's teacher_lora_config.yaml values): model = baseModel,
// data = dataDir, seed, iters and adapter_path (empty: dataDir/adapters) from the parameters.
QString loraConfigYaml(const PrepareParams &params, const QString &dataDir);

} // namespace apedesk::distill
