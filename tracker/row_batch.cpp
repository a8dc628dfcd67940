#include "tracker/row_batch.hpp"

#include <cassert>

namespace opfolg::tracker {

static_assert(RowBatch::kMaxRows == std::size_t{1} << 5, "by_rows_ holds a statement for each power of two up to it");

RowBatch::RowBatch(sqlite3* db, std::string into, int columns, const char* insert)
    : db_(db), insert_(insert), into_(std::move(into)), columns_(columns) {
    assert(columns_ > 0);
}

RowBatch& RowBatch::add(std::int64_t value) {
    values_.emplace_back(value);
    return *this;
}

RowBatch& RowBatch::add_view(std::string_view value) {
    values_.emplace_back(value);
    return *this;
}

RowBatch& RowBatch::add_copy(std::string value) {
    owned_.push_back(std::move(value));
    values_.emplace_back(std::string_view(owned_.back()));
    return *this;
}

RowBatch& RowBatch::add_null() {
    values_.emplace_back(std::monostate{});
    return *this;
}

void RowBatch::discard() {
    values_.clear();
    owned_.clear();
}

Statement& RowBatch::statement(std::size_t rows) {
    std::size_t k = 0;
    while ((std::size_t{1} << k) < rows) ++k;
    assert((std::size_t{1} << k) == rows && k < by_rows_.size());
    auto& s = by_rows_[k];
    if (!s) {
        std::string row = "(";
        for (int c = 0; c < columns_; ++c) row += c == 0 ? "?" : ",?";
        row += ")";
        std::string sql = insert_ + " INTO " + into_ + " VALUES";
        for (std::size_t r = 0; r < rows; ++r) sql += (r == 0 ? "" : ",") + row;
        s = std::make_unique<Statement>(db_, sql);
    }
    return *s;
}

void RowBatch::insert(std::size_t first_row, std::size_t rows) {
    Statement& s = statement(rows);
    s.reset();  // a step that threw may have left it mid-way
    const std::size_t first = first_row * static_cast<std::size_t>(columns_);
    const std::size_t count = rows * static_cast<std::size_t>(columns_);
    for (std::size_t v = 0; v < count; ++v) {
        const int index = static_cast<int>(v + 1);
        const Value& value = values_[first + v];
        if (const auto* number = std::get_if<std::int64_t>(&value)) s.bind(index, *number);
        else if (const auto* text = std::get_if<std::string_view>(&value)) s.bind_view(index, *text);
        else s.bind_null(index);
    }
    s.run();
}

void RowBatch::flush() {
    assert(values_.size() % static_cast<std::size_t>(columns_) == 0 && "a row was left incomplete");
    struct Emptied {  // however flush() is left
        RowBatch& batch;
        ~Emptied() { batch.discard(); }
    } emptied{*this};
    const std::size_t total = rows();
    std::size_t done = 0;
    // Whole statements of kMaxRows, then the rest by powers of two: at most six statements to prepare per table.
    for (; total - done >= kMaxRows; done += kMaxRows) insert(done, kMaxRows);
    for (std::size_t rows = kMaxRows / 2; rows > 0; rows /= 2)
        if (total - done >= rows) {
            insert(done, rows);
            done += rows;
        }
}

}  // namespace opfolg::tracker
