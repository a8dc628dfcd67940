// The ingest progress line on stderr: files done/total, MB/s and time left. Shown only on a terminal and only
// once the work has taken a second (a quick run and a cron run print nothing).
#pragma once
#include <chrono>
#include <cstdint>
#include <string>

namespace opfolg::app {

class Progress {
public:
    Progress(bool enabled, std::size_t total_files, std::uint64_t total_bytes);
    // `done_files` files, `done_bytes` of their bytes, are behind us; redraws at most ten times a second.
    void update(std::size_t done_files, std::uint64_t done_bytes);
    // Ends the line (when one was drawn).
    void finish();

private:
    using Clock = std::chrono::steady_clock;
    bool enabled_;
    bool drawn_ = false;
    std::size_t total_files_;
    std::uint64_t total_bytes_;
    Clock::time_point started_, last_draw_;
    double delay_;
    std::size_t done_files_ = 0;
    std::uint64_t done_bytes_ = 0;
    void draw(double seconds);
};

}  // namespace opfolg::app
