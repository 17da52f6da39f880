#pragma once
// What the training engine runs on: libtorch version, threads, the BLAS library actually loaded,
// and a matrix-multiply throughput check. Plain types only: libtorch stays inside core/ml/*.cpp.

#include "common/error.h"

#include <QString>

#include <atomic>
#include <functional>

namespace apedesk::ml {

struct RuntimeInfo
{
    QString torchVersion;   // e.g. "1.13.1"
    int threads = 0;        // intra-op threads libtorch uses now
    QString blasLibrary;    // resolved path of the libblas.so.3 loaded in this process
    bool blasIsOptimized = false;   // OpenBLAS (or another tuned BLAS), not the reference one
};

struct MatmulThroughput
{
    int size = 0;           // n of the n×n × n×n product
    int repetitions = 0;
    double seconds = 0;
    double gflops = 0;      // 2·n³·repetitions / seconds / 1e9
    double maxAbsError = 0; // against a float64 reference on sampled entries
};

// Sets libtorch's intra-op thread count; 0 means every core of the machine. Returns the count in use.
int setThreads(int threads);
RuntimeInfo runtimeInfo();

// Multiplies random float32 matrices for at least minSeconds and checks sampled entries against a
// double-precision reference. Stops early, with Error::canceled(), when isCanceled() returns true.
Result<MatmulThroughput> measureMatmul(int size, double minSeconds, const std::function<bool()> &isCanceled);

} // namespace apedesk::ml
