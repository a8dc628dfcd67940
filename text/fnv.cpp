#include "text/fnv.hpp"

#include <cstdio>

namespace opfolg::text {

std::string Fnv1a64::hex() const {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h_));
    return buf;
}

}  // namespace opfolg::text
