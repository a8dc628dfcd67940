// One name table per enum class code (decision classes, section kinds, link reasons, flag status): the name is
// what users, outputs and the store see; these two look-ups are the only way between code and name.
#pragma once
#include <cassert>
#include <cstddef>
#include <string_view>

namespace opfolg::codes {

// A table row: `code` and `name` (a row may carry more, e.g. a description).
template <class Row, std::size_t N>
const Row& row_of(const Row (&table)[N], decltype(Row::code) code) {
    for (const auto& r : table)
        if (r.code == code) return r;
    assert(false && "every code has a row in its name table");
    return table[N - 1];
}

// The code a name stands for; false (out untouched) for an unknown name.
template <class Row, std::size_t N>
bool from_name(const Row (&table)[N], std::string_view name, decltype(Row::code)& out) {
    for (const auto& r : table)
        if (name == r.name) {
            out = r.code;
            return true;
        }
    return false;
}

}  // namespace opfolg::codes
