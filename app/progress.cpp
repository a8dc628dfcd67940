#include "app/progress.hpp"

#include <cstdio>
#include <cstdlib>

namespace opfolg::app {

namespace {
// How long work runs before the line appears: a second, or $OPFOLG_PROGRESS_DELAY_MS (tests, demos).
double delay_seconds() {
    const char* ms = std::getenv("OPFOLG_PROGRESS_DELAY_MS");
    return ms && *ms ? std::strtod(ms, nullptr) / 1000.0 : 1.0;
}
}  // namespace

Progress::Progress(bool enabled, std::size_t total_files, std::uint64_t total_bytes)
    : enabled_(enabled), total_files_(total_files), total_bytes_(total_bytes), started_(Clock::now()),
      delay_(delay_seconds()) {}

void Progress::update(std::size_t done_files, std::uint64_t done_bytes) {
    done_files_ = done_files;
    done_bytes_ = done_bytes;
    if (!enabled_) return;
    const auto now = Clock::now();
    const double seconds = std::chrono::duration<double>(now - started_).count();
    if (seconds < delay_ || (drawn_ && now - last_draw_ < std::chrono::milliseconds(100))) return;
    last_draw_ = now;
    draw(seconds);
}

void Progress::draw(double seconds) {
    const double mb_per_s = seconds > 0 ? static_cast<double>(done_bytes_) / 1e6 / seconds : 0;
    const double left = done_bytes_ > 0 && total_bytes_ > done_bytes_
                            ? seconds * static_cast<double>(total_bytes_ - done_bytes_) / static_cast<double>(done_bytes_)
                            : 0;
    std::fprintf(stderr, "\r%zu/%zu files  %.1f MB/s  %s %.0f s\033[K", done_files_, total_files_, mb_per_s,
                 done_files_ < total_files_ ? "about" : "done in", done_files_ < total_files_ ? left : seconds);
    std::fflush(stderr);
    drawn_ = true;
}

void Progress::finish() {
    if (!drawn_) return;
    draw(std::chrono::duration<double>(Clock::now() - started_).count());
    std::fputc('\n', stderr);
}

}  // namespace opfolg::app
