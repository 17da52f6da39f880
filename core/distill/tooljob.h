#pragma once
// The fine-tune, fuse, convert, quantise and register jobs: one external tool run as a child process
// (ToolParams), its output split into the job's log and parsed into progress and loss curves
// (toolprogress.h). The entry point, runToolJob(), is declared in jobrunners.h.
//
// The child runs in a process group of its own, so cancel (SIGTERM, then SIGKILL after
// ToolParams::terminateGraceMs) reaches whatever it started too (python workers, a `sleep`). How a
// run ends:
//   - the program (or an interpreter's script) is missing → Failed, naming what to install or set;
//   - canceled → Canceled once the child and its group are gone;
//   - killed by a signal nobody here sent (out of memory, a crash) → RetryLater;
//   - exit code ≠ 0 → Failed with the last lines the tool wrote to stderr;
//   - exit 0 but a declared output missing → Failed, naming it;
//   - otherwise Done with {exit_code, command, outputs, output_bytes, duration_s} plus what the output
//     said: final_train_loss, final_val_loss, test_loss, test_ppl, iterations, peak_mem_gb,
//     trained_tokens, it_per_sec (fine-tune), model_size_mib, quant_size_mib (quantise).

#include "jobtypes.h"

#include <QString>
#include <QStringList>

namespace apedesk::distill {

// What a person calls the tool a command runs: the program's file name, or for an interpreter
// (python3, sh, bash) the script's: "mlx_lm.lora", "convert_hf_to_gguf.py".
QString toolDisplayName(const QStringList &command);

// Writes modelfileText(ggufPath) (pipeline.h) to `path` atomically, creating its folder.
Status writeModelfile(const QString &path, const QString &ggufPath);

} // namespace apedesk::distill
