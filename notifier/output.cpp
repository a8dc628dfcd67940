#include "notifier/output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <stdexcept>

namespace opfolg::notifier {

void write_atomically(const std::string& path, const std::string& content) {
    write_atomically(path, std::vector<std::string_view>{content});
}

void write_atomically(const std::string& path, const std::vector<std::string_view>& parts) {
    std::string dir = ".";
    if (auto slash = path.rfind('/'); slash != std::string::npos) dir = slash == 0 ? "/" : path.substr(0, slash);
    std::string tmpl = (dir == "/" ? "" : dir) + "/.opfolg-tmp-XXXXXX";
    int fd = mkstemp(tmpl.data());
    if (fd < 0) throw std::runtime_error("cannot create a temporary file in " + dir + ": " + std::strerror(errno));
    auto fail = [&](const std::string& what) {
        int err = errno;
        close(fd);
        unlink(tmpl.c_str());
        throw std::runtime_error(what + " " + path + ": " + std::strerror(err));
    };
    // mkstemp creates 0600; a report is an ordinary file, so give it the umask's usual permissions.
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0) fail("cannot set permissions for");
    for (std::string_view content : parts) {
        std::size_t done = 0;
        while (done < content.size()) {
            ssize_t n = write(fd, content.data() + done, content.size() - done);
            if (n < 0) {
                if (errno == EINTR) continue;
                fail("cannot write");
            }
            done += static_cast<std::size_t>(n);
        }
    }
    if (fsync(fd) != 0) fail("cannot flush");
    if (close(fd) != 0) {
        int err = errno;
        unlink(tmpl.c_str());
        throw std::runtime_error("cannot write " + path + ": " + std::strerror(err));
    }
    if (std::rename(tmpl.c_str(), path.c_str()) != 0) {
        int err = errno;
        unlink(tmpl.c_str());
        throw std::runtime_error("cannot rename into " + path + ": " + std::strerror(err));
    }
}

namespace {
void write_output_parts(const std::string& path, const std::vector<std::string_view>& parts) {
    if (!path.empty() && path != "-") {
        write_atomically(path, parts);
        return;
    }
    for (std::string_view part : parts) std::cout << part;
    std::cout.flush();
    if (!std::cout) throw std::runtime_error("cannot write to stdout");
}
}  // namespace

void write_output(const std::string& path, const std::string& content) {
    write_output_parts(path, std::vector<std::string_view>{content});
}

void write_output(const std::string& path, const std::vector<std::string>& parts) {
    write_output_parts(path, std::vector<std::string_view>(parts.begin(), parts.end()));
}

date::sys_seconds generation_time() {
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
        char* end = nullptr;
        long long v = std::strtoll(epoch, &end, 10);
        if (end && *end == '\0' && v >= 0) return date::sys_seconds{std::chrono::seconds{v}};
    }
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace opfolg::notifier
