// Writing a finished document: atomically to a file (temp file in the same directory + rename, so readers and
// cron mail never see half a document) or to stdout.
#pragma once
#include <date/date.h>

#include <string>

namespace opfolg::notifier {

// Throws std::runtime_error with the path and the system's reason; the temp file is removed on failure.
void write_atomically(const std::string& path, const std::string& content);

// For the CLI: a file when `path` is non-empty, else stdout.
void write_output(const std::string& path, const std::string& content);

// Report timestamps: SOURCE_DATE_EPOCH when set (reproducible output), else now.
date::sys_seconds generation_time();

}  // namespace opfolg::notifier
