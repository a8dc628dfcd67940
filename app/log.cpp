#include "app/log.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <string>

namespace opfolg::app {

void setup_logging() {
    auto logger = spdlog::stderr_color_mt("opfolg");
    logger->set_pattern("opfolg: %l: %v");
    spdlog::set_default_logger(logger);
    spdlog::set_level(spdlog::level::warn);
    const char* wanted = std::getenv("OPFOLG_LOG");
    if (!wanted || !*wanted) return;
    const auto level = spdlog::level::from_str(wanted);
    // from_str answers "off" for anything it does not know; only "off" itself may mean off.
    if (level == spdlog::level::off && std::string(wanted) != "off") {
        spdlog::warn("OPFOLG_LOG={} is not a level (trace, debug, info, warn, error, off); using warn", wanted);
        return;
    }
    spdlog::set_level(level);
}

}  // namespace opfolg::app
