#include "grammar/plugin.hpp"

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace opfolg {

namespace fs = std::filesystem;

namespace {
std::vector<fs::path> search_dirs() {
    std::vector<fs::path> dirs;
    if (const char* env = std::getenv("OPFOLG_PLUGIN_DIR"); env && *env) dirs.emplace_back(env);
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        dirs.push_back(exe.parent_path());
        dirs.push_back(exe.parent_path().parent_path() / "lib" / "opfolg");
    }
    // The build tree before the install directory: a test binary (build/tests/) must load the modules built
    // with it, not an older installed copy. An installed binary found its own above (../lib/opfolg).
#ifdef OPFOLG_PLUGIN_BUILD_DIR
    dirs.emplace_back(OPFOLG_PLUGIN_BUILD_DIR);
#endif
#ifdef OPFOLG_PLUGIN_INSTALL_DIR
    dirs.emplace_back(OPFOLG_PLUGIN_INSTALL_DIR);
#endif
    return dirs;
}
}  // namespace

void* plugin_symbol(const std::string& module, const char* symbol) {
    static std::mutex mutex;
    static std::map<std::string, void*> loaded;  // modules stay loaded until exit
    std::lock_guard<std::mutex> lock(mutex);
    void*& handle = loaded[module];
    if (!handle) {
        const std::string file = "lib" + module + ".so";
        std::string tried, last_error;
        for (const auto& dir : search_dirs()) {
            const fs::path candidate = dir / file;
            std::error_code ec;
            if (!fs::exists(candidate, ec)) {
                tried += (tried.empty() ? "" : ", ") + dir.string();
                continue;
            }
            handle = dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL);
            if (handle) break;
            const char* why = dlerror();
            last_error = candidate.string() + ": " + (why ? why : "cannot load");
        }
        if (!handle)
            throw std::runtime_error(!last_error.empty() ? last_error
                                                         : file + " not found (looked in " + tried +
                                                               "; set OPFOLG_PLUGIN_DIR)");
    }
    void* address = dlsym(handle, symbol);
    if (!address) throw std::runtime_error("lib" + module + ".so has no " + symbol);
    return address;
}

}  // namespace opfolg
