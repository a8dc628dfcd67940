// Diagnostics on stderr through spdlog: OPFOLG_LOG=debug shows what each stage did and how long it took
// (candidates in scope, evaluation, rendering, parsing and writing, relink), so a slow weekly run can be
// diagnosed on the machine where it is slow. stdout, the command's result, is never touched.
#pragma once
#include <chrono>

namespace opfolg::app {

// Sets the default logger to stderr ("opfolg: debug: ..."), level from $OPFOLG_LOG (trace, debug, info, warn,
// error, off; default warn). An unknown level is reported once and warn is used.
void setup_logging();

// Milliseconds since construction, for the stage timings.
class Stopwatch {
public:
    double ms() const {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_).count();
    }

private:
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace opfolg::app
