// Optional features live in shared modules loaded on first use: PDF reading (poppler-cpp) and SMTP delivery
// (libcurl) link about 45 shared libraries between them, and loading those at every start made each command,
// `opfolg case` included, three times slower to start (docs/performance.md).
#pragma once
#include <string>

namespace opfolg {

// The address of `symbol` in module `module` (e.g. "opfolg_pdf" = libopfolg_pdf.so), loading it once.
// Searched: $OPFOLG_PLUGIN_DIR, the executable's directory, ../lib/opfolg beside it, the build directory,
// the install directory. Thread-safe. Throws std::runtime_error naming the module and why it failed.
void* plugin_symbol(const std::string& module, const char* symbol);

}  // namespace opfolg
