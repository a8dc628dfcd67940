// Rows for one table, gathered and then inserted many to a statement: INSERT OR FAIL INTO t(...) VALUES (...), ...
//
// Every execution of an INSERT opens and closes a cursor on the table and on each of its indexes and starts and
// halts its program: most of the cost of a small row (a deadline's 12,200 instructions were 9,300 as part of a
// statement of eight). OR FAIL: a row that fails ends the statement without undoing the rows before it, so SQLite
// keeps no statement journal (a copy of every page the statement changes) unless foreign keys are checked; the
// caller's transaction is rolled back as a whole on any failure anyway.
#pragma once
#include "tracker/sqlite.hpp"

#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace opfolg::tracker {

class RowBatch {
public:
    // `into`: the table and its columns, "deadlines(item_id, phrase, line)"; `columns`: how many. `insert`: the
    // statement's verb; OR IGNORE and OR REPLACE keep SQLite from a statement journal as OR FAIL does.
    RowBatch(sqlite3* db, std::string into, int columns, const char* insert = "INSERT OR FAIL");

    // The values of the next row, column by column.
    RowBatch& add(std::int64_t value);
    RowBatch& add(int value) { return add(static_cast<std::int64_t>(value)); }
    RowBatch& add(bool value) { return add(static_cast<std::int64_t>(value ? 1 : 0)); }
    RowBatch& add_view(std::string_view value);  // the text must stay until flush()
    RowBatch& add_copy(std::string value);       // kept by the batch
    RowBatch& add_null();

    std::size_t rows() const { return values_.size() / static_cast<std::size_t>(columns_); }
    // Inserts every row added, in the order added. The batch is empty afterwards, also when it throws
    // (StoreError) part-way.
    void flush();
    void discard();

    static constexpr std::size_t kMaxRows = 32;  // rows in the largest statement

private:
    using Value = std::variant<std::monostate, std::int64_t, std::string_view>;
    Statement& statement(std::size_t rows);  // for 1, 2, 4 ... kMaxRows rows, prepared on first use
    void insert(std::size_t first_row, std::size_t rows);

    sqlite3* db_;
    std::string insert_, into_;
    int columns_;
    std::vector<Value> values_;
    std::deque<std::string> owned_;  // add_copy's texts: a deque, so the views into them stay valid
    std::array<std::unique_ptr<Statement>, 6> by_rows_;  // [k] inserts 2^k rows
};

}  // namespace opfolg::tracker
