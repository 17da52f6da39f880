#pragma once
// Teacher generation (seed facts §6): one chat call to an OpenAI-compatible teacher per sampled
// scenario, every answer stored raw, each finished sample stored durably at once so that a run that
// is killed, canceled or rate limited resumes at the next unfinished sample and never asks for a
// finished one again. The runner itself is runTeacherJob() (jobrunners.h); params: TeacherParams.
//
// Files in the job's outDir (JSON Lines: one compact JSON object per line, "\n"-terminated, UTF-8):
//  - scenarios.jsonl       written once, atomically, by the first run; later runs reuse it, so the
//                          samples never change. One line per sample, in sample_id order:
//                          {sample_id, row, price, volume, volatility, tick_change, eth, usdc, prompt,
//                           data, seed, requested}   (data: the CSV's absolute path; requested: `samples`)
//  - attempts.jsonl        every request's outcome, appended (the raw record of what the server said):
//                          {sample_id, attempt, time, ok, http_status, error, text, model, finish_reason,
//                           prompt_tokens, completion_tokens, cost_usd, elapsed_ms, retry_after_ms}
//                          attempt counts the sample's requests over all runs from 1; time is ISO 8601
//                          UTC; tokens -1 and cost_usd -1 where the server reported none; error "" when ok.
//  - teacher_data.jsonl    one line per finished sample, appended then flushed and fsync'd right after
//                          its answer arrived:
//                          {sample_id, market_state{price, volume, volatility, tick_change, eth, usdc, row},
//                           prompt, drafts[], action, full_response, model, prompt_tokens,
//                           completion_tokens, cost_usd}
//                          A sample is finished once its line is here. Lines are in completion order
//                          (sample_id order unless an earlier run's file was edited). A torn last line
//                          (a kill mid-write) is not a finished sample: the next run truncates it away.
//  - teacher_data.json     when every sample is finished: the tutorial's list, in sample_id order, of
//                          {sample_id, market_state, prompt, drafts, action, full_response}
//  - teacher_data_summary.csv  then too: sample_id,price,volume,volatility,action,num_drafts

#include "common/error.h"
#include "jobrunners.h"
#include "teacherscenarios.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace apedesk::distill {

struct TeacherFiles
{
    static QString scenarios(const QString &outDir);     // OUTDIR/scenarios.jsonl
    static QString attempts(const QString &outDir);      // OUTDIR/attempts.jsonl
    static QString data(const QString &outDir);          // OUTDIR/teacher_data.jsonl
    static QString dataJson(const QString &outDir);      // OUTDIR/teacher_data.json
    static QString summaryCsv(const QString &outDir);    // OUTDIR/teacher_data_summary.csv
};

// The lines of a JSON Lines file that an append-only writer may have been killed in the middle of.
// A last line that is unterminated or not a JSON object is torn: it is left out (and, with
// `truncateTornTail`, cut from the file). Any other line that is not a JSON object is damage: an error
// naming the line when `strict`, else skipped. A missing file has no lines.
struct JsonLines
{
    QList<QJsonObject> objects;
    bool tornTail = false;       // a torn last line was found (and cut, when asked)
    int skippedLines = 0;        // not strict: damaged lines left out
};
Result<JsonLines> readJsonLines(const QString &path, bool strict, bool truncateTornTail);

// The finished samples of a teacher outDir (teacher_data.jsonl without a torn tail; the file is left
// as it is), in file order. For the dataset preparation and the CLI.
Result<QList<QJsonObject>> readTeacherData(const QString &outDir);

} // namespace apedesk::distill
