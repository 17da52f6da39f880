#pragma once
// The product's runner for each job kind.

#include "jobtypes.h"

namespace apedesk::distill {

JobRunner defaultRunner(JobKind kind);
RunnerLookup defaultRunners();

// The kinds' entry points (each in its own file).
JobOutcome runTeacherJob(JobContext &context);    // teacherjob.cpp
JobOutcome runPrepareJob(JobContext &context);    // datasetprep.cpp
JobOutcome runToolJob(JobContext &context);       // tooljob.cpp: FineTune, Fuse, Convert, Quantize, Register
JobOutcome runEvaluateJob(JobContext &context);   // evaluation.cpp

} // namespace apedesk::distill
