// Reading one value back from a test's store.
#pragma once

#include "tracker/sqlite.hpp"
#include "tracker/store.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace fixture {

// The first column of the query's first row; the query must return a row.
inline std::string one(opfolg::tracker::Store& store, const std::string& sql) {
    opfolg::tracker::Statement q(store.handle(), sql);
    REQUIRE(q.step());
    return q.text(0);
}

}  // namespace fixture
