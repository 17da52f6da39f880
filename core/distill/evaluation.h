#pragma once
// Evaluation of distilled models through the Ollama API on the held-out test split: for each model
// (the student first, then what it is compared with) and each test example, the example's system and
// user messages go to /api/chat, and the answer is read with agent::parseAnswer.
//
// Per model: answered and failed calls, the share of answers with canary words (APE IN / APE OUT /
// APE NEUTRAL), the action mix, agreement with the teacher's label (the action of the example's own
// assistant message), the mean latency. Every answer is appended to evaluation.jsonl next to the test
// file. A model the server does not have (HTTP 404) is reported with the server's reason while the
// others go on; a server that cannot be reached makes the job retry later.

#include "agent/agenttypes.h"
#include "common/error.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace apedesk::distill {

struct EvaluationExample
{
    QString system;                 // may be empty (a chat file without a system message)
    QString user;
    QString teacherAnswer;
    agent::ParsedAnswer::Action label = agent::ParsedAnswer::Action::None;
};

// A prepared test.jsonl ({"messages": [system?, user, assistant]} per line); `limit` > 0 keeps the
// first `limit` examples. Lines without a user or an assistant message are skipped.
Result<QList<EvaluationExample>> readEvaluationExamples(const QString &path, int limit = 0);

// The action an answer recommends: the canary word when there is one (also when its amount is
// unusable), else what agent::parseAnswer read from the other formats (plain BUY / SELL / HOLD for
// models without canary training); Action::None when nothing was read.
agent::ParsedAnswer::Action answerAction(const QString &answer);
// Whether the answer holds a canary word anywhere (case-insensitive, as the parser reads them).
bool hasCanaryWord(const QString &answer);
// "ape_in" | "ape_out" | "ape_neutral" | "other": the keys of action_mix.
QString actionMixKey(agent::ParsedAnswer::Action action);

// One model's figures; toJson() is the result's entry for it.
struct ModelEvaluation
{
    QString model;
    int examples = 0;               // test examples meant for it
    int answered = 0;               // calls that ended with a whole answer
    int failed = 0;                 // calls that did not (timeout, server error, cut off)
    int canaryAnswers = 0;
    int agreeing = 0;               // answered with the teacher's action
    int mix[4] = {0, 0, 0, 0};      // ape_in, ape_out, ape_neutral, other
    qint64 latencySumMs = 0;        // over the answered calls
    QString error;                  // the model could not be asked at all (not found)

    // {model, examples, answered, failed, canary_answers, canary_share, agreeing, agreement,
    //  action_mix{ape_in, ape_out, ape_neutral, other}, mean_latency_ms, error?}; shares of `answered`.
    QJsonObject toJson() const;
};

} // namespace apedesk::distill
