// Writing a finished document: atomically to a file (temp file in the same directory + rename, so readers and
// cron mail never see half a document) or to stdout.
#pragma once
#include <date/date.h>

#include <string>
#include <string_view>
#include <vector>

namespace opfolg::notifier {

// Throws std::runtime_error with the path and the system's reason; the temp file is removed on failure.
void write_atomically(const std::string& path, const std::string& content);
// A document held in parts (a list written flag by flag), written in order as one.
void write_atomically(const std::string& path, const std::vector<std::string_view>& parts);

// For the CLI: a file when `path` is non-empty, else stdout.
void write_output(const std::string& path, const std::string& content);
void write_output(const std::string& path, const std::vector<std::string>& parts);

// Report timestamps: SOURCE_DATE_EPOCH when set (reproducible output), else now.
date::sys_seconds generation_time();

}  // namespace opfolg::notifier
