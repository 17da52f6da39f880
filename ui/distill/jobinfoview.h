#pragma once
// The selected job in words: its state, attempts, resource, dependencies, times and last error, then
// its parameters and (once Done) its result as indented JSON — the exact inputs and outputs, to copy.

#include "distill/jobtypes.h"

#include <QPlainTextEdit>

#include <optional>

namespace apedesk::ui {

class JobInfoView : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit JobInfoView(QWidget *parent = nullptr);

    void showJob(const std::optional<distill::JobRecord> &job);

    static QString describe(const distill::JobRecord &job);
};

} // namespace apedesk::ui
