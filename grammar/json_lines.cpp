// A tolerant one-pass scan over JSON text that only tracks nesting, keys and newlines. It runs after
// nlohmann-json has accepted the text, so it does not validate anything itself.
#include "grammar/json_lines.hpp"

#include <vector>

namespace opfolg::detail {

namespace {
struct Level {
    bool object = false;
    std::string key;    // the last key read (objects)
    int index = -1;     // the current element (arrays)
};

constexpr std::size_t max_depth = 8;

std::string path_of(const std::vector<Level>& stack) {
    std::string p;
    for (const auto& l : stack) {
        if (!p.empty()) p += '/';
        p += l.object ? l.key : std::to_string(l.index);
    }
    return p;
}
}  // namespace

JsonLines::JsonLines(std::string_view json) {
    std::vector<Level> stack;
    int line = 1;
    bool expect_key = false;  // in an object, before the ':'
    auto value_starts = [&] {
        if (!stack.empty() && !stack.back().object) ++stack.back().index;
        // Paths are built per value: deep nesting would make that quadratic, and no path of interest is deep.
        if (stack.size() <= max_depth) lines_.emplace(path_of(stack), line);
    };
    for (std::size_t i = 0; i < json.size(); ++i) {
        char c = json[i];
        switch (c) {
        case '\n': ++line; break;
        case '{':
        case '[':
            if (!stack.empty()) value_starts();
            stack.push_back({c == '{', {}, -1});
            expect_key = c == '{';
            break;
        case '}':
        case ']':
            if (!stack.empty()) stack.pop_back();
            expect_key = false;
            break;
        case ',': expect_key = !stack.empty() && stack.back().object; break;
        case ':': expect_key = false; break;
        case '"': {
            std::size_t end = i + 1;
            std::string raw;
            while (end < json.size() && json[end] != '"') {
                if (json[end] == '\\' && end + 1 < json.size()) raw += json[end++];
                raw += json[end++];
            }
            if (expect_key && !stack.empty()) stack.back().key = raw;  // keys of interest have no escapes
            else if (!stack.empty()) value_starts();
            i = end;
            break;
        }
        default:
            // numbers, true, false, null: record at their first character
            if (!stack.empty() && !expect_key && c != ' ' && c != '\t' && c != '\r' &&
                (i == 0 || json[i - 1] == ':' || json[i - 1] == ' ' || json[i - 1] == '[' || json[i - 1] == '\n' ||
                 json[i - 1] == ',' || json[i - 1] == '\t'))
                value_starts();
            break;
        }
    }
}

int JsonLines::line(const std::string& path, int fallback) const {
    auto it = lines_.find(path);
    return it == lines_.end() ? fallback : it->second;
}

}  // namespace opfolg::detail
