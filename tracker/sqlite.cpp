#include "tracker/sqlite.hpp"

namespace opfolg::tracker {

void throw_sqlite(sqlite3* db, const std::string& what) {
    throw StoreError(what + ": " + (db ? sqlite3_errmsg(db) : "no database"));
}

void exec(sqlite3* db, const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
        std::string message = error ? error : "unknown error";
        sqlite3_free(error);
        throw StoreError(message);
    }
}

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK)
        throw_sqlite(db, "prepare");
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, std::int64_t value) {
    if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) throw_sqlite(db_, "bind");
    return *this;
}
Statement& Statement::bind(int index, double value) {
    if (sqlite3_bind_double(stmt_, index, value) != SQLITE_OK) throw_sqlite(db_, "bind");
    return *this;
}
Statement& Statement::bind_text(int index, std::string_view value, sqlite3_destructor_type lifetime) {
    if (sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), lifetime) != SQLITE_OK)
        throw_sqlite(db_, "bind");
    return *this;
}
Statement& Statement::bind(int index, std::string_view value) { return bind_text(index, value, SQLITE_TRANSIENT); }
Statement& Statement::bind_view(int index, std::string_view value) { return bind_text(index, value, SQLITE_STATIC); }
Statement& Statement::bind_null(int index) {
    if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) throw_sqlite(db_, "bind");
    return *this;
}

bool Statement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw_sqlite(db_, "step");
}

void Statement::run() {
    while (step()) {
    }
    reset();
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }
double Statement::real(int column) const { return sqlite3_column_double(stmt_, column); }
std::string Statement::text(int column) const { return std::string(view(column)); }
std::string_view Statement::view(int column) const {
    const unsigned char* t = sqlite3_column_text(stmt_, column);
    return t ? std::string_view(reinterpret_cast<const char*>(t), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
             : std::string_view();
}
bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

Transaction::Transaction(sqlite3* db, bool immediate) : db_(db), nested_(sqlite3_get_autocommit(db) == 0) {
    exec(db, nested_ ? "SAVEPOINT opfolg_tx" : immediate ? "BEGIN IMMEDIATE" : "BEGIN");
}
Transaction::~Transaction() {
    if (done_) return;
    // A failed statement may have ended the outer transaction already (SQLITE_FULL, IOERR): then these fail too.
    if (nested_) sqlite3_exec(db_, "ROLLBACK TO opfolg_tx; RELEASE opfolg_tx", nullptr, nullptr, nullptr);
    else sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}
void Transaction::commit() {
    exec(db_, nested_ ? "RELEASE opfolg_tx" : "COMMIT");
    done_ = true;
}

ForeignKeysOff::ForeignKeysOff(sqlite3* db) : db_(db) { exec(db, "PRAGMA foreign_keys = OFF"); }
ForeignKeysOff::~ForeignKeysOff() { sqlite3_exec(db_, "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr); }

std::int64_t last_insert_id(sqlite3* db) { return sqlite3_last_insert_rowid(db); }

}  // namespace opfolg::tracker
