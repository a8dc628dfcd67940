// A thin RAII layer over the SQLite C API: prepared statements with bind-by-position and typed columns,
// and a transaction guard that rolls back unless committed. Errors throw StoreError with SQLite's message.
#pragma once
#include "tracker/store.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace opfolg::tracker {

[[noreturn]] void throw_sqlite(sqlite3* db, const std::string& what);

void exec(sqlite3* db, const char* sql);

class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value ? 1 : 0)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    // The same without SQLite's copy of the text: it must stay alive and unchanged until the statement is reset,
    // so only for a chain that ends in run() within the same expression (temporaries live until its end). The
    // ingest's inserts bind 100 MB of item text and sentences this way.
    Statement& bind_view(int index, std::string_view value);
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind_null(int index);
    template <typename T>
    Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind_null(index);
    }

    bool step();   // true while a row is available
    void run();    // step to completion (for statements without rows), then reset
    void reset();

    std::int64_t integer(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    // The same without a copy: valid until the next step() or reset() (a report reads 100k rows into one flag).
    std::string_view view(int column) const;
    bool is_null(int column) const;

private:
    Statement& bind_text(int index, std::string_view value, sqlite3_destructor_type lifetime);
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN (IMMEDIATE) ... COMMIT, or, inside a transaction already open on the connection, a SAVEPOINT that
// commit() releases and the destructor rolls back: one document of an ingest batch is all or nothing either way.
class Transaction {
public:
    explicit Transaction(sqlite3* db, bool immediate = true);
    ~Transaction();
    void commit();

private:
    sqlite3* db_;
    bool nested_;
    bool done_ = false;
};

// Foreign-key enforcement off for the object's lifetime, back on after. The switch is a no-op inside a
// transaction, so make one before opening it (inside one, the keys simply stay checked).
class ForeignKeysOff {
public:
    explicit ForeignKeysOff(sqlite3* db);
    ~ForeignKeysOff();
    ForeignKeysOff(const ForeignKeysOff&) = delete;
    ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;

private:
    sqlite3* db_;
};

std::int64_t last_insert_id(sqlite3* db);

}  // namespace opfolg::tracker
