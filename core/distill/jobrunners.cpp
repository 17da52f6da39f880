#include "jobrunners.h"

namespace apedesk::distill {

JobRunner defaultRunner(JobKind kind)
{
    switch (kind) {
    case JobKind::Teacher: return &runTeacherJob;
    case JobKind::Prepare: return &runPrepareJob;
    case JobKind::FineTune:
    case JobKind::Fuse:
    case JobKind::Convert:
    case JobKind::Quantize:
    case JobKind::Register: return &runToolJob;
    case JobKind::Evaluate: return &runEvaluateJob;
    }
    return {};
}

RunnerLookup defaultRunners()
{
    return &defaultRunner;
}

} // namespace apedesk::distill
