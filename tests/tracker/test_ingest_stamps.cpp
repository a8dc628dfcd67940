// Ingest split into prepare (store-free) and write, the (path, size, mtime) skip for unchanged files, and
// relink_if_changed: an unchanged store keeps links equal to what a full relink computes.
#include "fixture_minutes.hpp"
#include "tracker/committees.hpp"
#include "tracker/ingest.hpp"
#include "tracker/linker.hpp"
#include "tracker/schema.hpp"
#include "tracker/sqlite.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <thread>

using namespace opfolg;
using namespace opfolg::tracker;
namespace fs = std::filesystem;

namespace {
using Status = IngestResult::Status;

std::int64_t count(Store& s, const std::string& sql) {
    Statement q(s.handle(), sql);
    q.step();
    return q.integer(0);
}

// Sets a file's mtime well in the past (a stamp is recorded only for files not modified in the last seconds).
void set_mtime(const std::string& path, int seconds_ago) {
    fs::last_write_time(path, fs::file_time_type::clock::now() - std::chrono::seconds(seconds_ago));
}

std::string meeting(const std::string& dmy, const std::string& decision) {
    return fixture::minutes("Teknisk Udvalg", dmy,
                            {{1, "Cykelsti langs Åvej", "01.02.03-P20-1-24", decision, {}, {}},
                             {2, "Budget 2025 for vejområdet", "00.30.00-S00-2-24", "Godkendt", {}, {}}});
}

std::vector<std::vector<std::string>> links_table(Store& s) {
    std::vector<std::vector<std::string>> rows;
    Statement q(s.handle(), "SELECT later_item_id, earlier_item_id, reason, evidence, line FROM links "
                            "ORDER BY earlier_item_id, later_item_id, reason");
    while (q.step()) rows.push_back({q.text(0), q.text(1), q.text(2), q.text(3), q.text(4)});
    return rows;
}
}  // namespace

TEST_CASE("prepare needs no store, write stores what ingest_bytes stores", "[tracker][ingest]") {
    fixture::TempDir dir;
    const std::string text = meeting("10-01-2024", "Godkendt");
    auto prepared = prepare_bytes(text, "a.txt");
    CHECK_FALSE(prepared.rejected);
    CHECK_FALSE(prepared.known);
    CHECK(prepared.hash == sha256_hex(text));
    CHECK(prepared.minutes.items.size() == 2);

    auto bad = prepare_bytes(std::string("\x89PNG\r\n\x1a\n\0\0", 10), "b.txt");
    REQUIRE(bad.rejected);
    CHECK(bad.rejected->status == Status::rejected);

    Store store(dir.db());
    Committees committees(store);
    Ingestor ingestor(store, committees);
    auto stored = ingestor.write(std::move(prepared));
    CHECK(stored.status == Status::stored);
    CHECK(stored.items == 2);
    CHECK(ingestor.write(std::move(bad)).status == Status::rejected);
    // The same bytes prepared again before the first write was seen: write asks the store under the lock.
    auto again = ingestor.write(prepare_bytes(text, "copy.txt"));
    CHECK(again.status == Status::unchanged);
    CHECK(again.reason == "already stored (same content as a.txt)");
    CHECK(count(store, "SELECT COUNT(*) FROM documents") == 1);
}

TEST_CASE("a lookup that says 'known' skips parsing, a stale 'known' is parsed at write", "[tracker][ingest]") {
    fixture::TempDir dir;
    Store store(dir.db());
    Committees committees(store);
    Ingestor ingestor(store, committees);
    KnownLookup always;
    always.hash = [](const std::string&) { return true; };
    auto prepared = prepare_bytes(meeting("10-01-2024", "Godkendt"), "a.txt", always);
    CHECK(prepared.known);
    CHECK(prepared.minutes.items.empty());  // not parsed
    // Not actually stored: write parses the kept bytes and stores them.
    auto r = ingestor.write(std::move(prepared));
    CHECK(r.status == Status::stored);
    CHECK(r.items == 2);
}

TEST_CASE("an unchanged file is skipped by path, size and mtime without reading it", "[tracker][ingest][stamp]") {
    fixture::TempDir dir;
    Store store(dir.db());
    Committees committees(store);
    const std::string a = dir.file("a.txt", meeting("10-01-2024", "Godkendt"));
    set_mtime(a, 3600);
    {
        Ingestor ingestor(store, committees);
        CHECK(ingestor.ingest_file(a).status == Status::stored);
    }
    CHECK(count(store, "SELECT COUNT(*) FROM file_seen") == 1);

    SECTION("same stamp: not read (other bytes of the same size under the old mtime go unnoticed)") {
        const auto old_time = fs::last_write_time(a);
        const std::string same_size = meeting("10-01-2024", "Afvises.");  // "Godkendt", "Afvises.": 8 bytes
        REQUIRE(same_size.size() == fs::file_size(a));
        dir.file("a.txt", same_size);
        fs::last_write_time(a, old_time);
        Ingestor ingestor(store, committees);
        auto prepared = prepare_file(a, ingestor.lookup());
        CHECK(prepared.skipped_read);
        CHECK(ingestor.write(std::move(prepared)).status == Status::unchanged);
    }
    SECTION("same-size edit with a new mtime: read and replaced") {
        dir.file("a.txt", meeting("10-01-2024", "Afvises."));
        set_mtime(a, 1800);
        Ingestor ingestor(store, committees);
        auto r = ingestor.ingest_file(a);
        CHECK(r.status == Status::replaced);
        Statement d(store.handle(), "SELECT text FROM decisions d JOIN items i ON i.id = d.item_id WHERE i.number = 1");
        REQUIRE(d.step());
        CHECK(d.text(0).rfind("Afvises", 0) == 0);
        // The new stamp is recorded with the document: the next run skips it.
        auto next = prepare_file(a, ingestor.lookup());
        CHECK(next.skipped_read);
    }
    SECTION("touched (same content, new mtime): read, unchanged, and the new stamp recorded") {
        set_mtime(a, 1800);
        Ingestor ingestor(store, committees);
        auto prepared = prepare_file(a, ingestor.lookup());
        CHECK_FALSE(prepared.skipped_read);
        CHECK(prepared.known);
        CHECK(ingestor.write(std::move(prepared)).status == Status::unchanged);
        ingestor.flush_stamps();
        CHECK(prepare_file(a, ingestor.lookup()).skipped_read);
    }
    SECTION("the same content under a second path is unchanged, and both stamps are kept") {
        const std::string b = dir.file("b.txt", meeting("10-01-2024", "Godkendt"));
        set_mtime(b, 3600);
        Ingestor ingestor(store, committees);
        auto r = ingestor.ingest_file(b);
        CHECK(r.status == Status::unchanged);
        ingestor.flush_stamps();
        CHECK(count(store, "SELECT COUNT(*) FROM file_seen") == 2);
        CHECK(prepare_file(a, ingestor.lookup()).skipped_read);
        CHECK(prepare_file(b, ingestor.lookup()).skipped_read);
    }
    SECTION("a stamp whose document was replaced by another file still skips: the old version stays history") {
        const std::string b = dir.file("b.txt", meeting("10-01-2024", "Udsættes"));
        Ingestor ingestor(store, committees);
        CHECK(ingestor.ingest_file(b).status == Status::replaced);
        auto prepared = prepare_file(a, ingestor.lookup());
        CHECK(prepared.skipped_read);
        // Not a correction of its own correction: the two versions no longer replace each other on every run.
        auto again = ingestor.write(std::move(prepared));
        CHECK(again.status == Status::unchanged);
        CHECK(again.reason.find("since replaced by " + b) != std::string::npos);
    }
}

TEST_CASE("stamp look-ups stand until anything is written, and a document known by them names what is stored",
          "[tracker][ingest][stamp]") {
    fixture::TempDir dir;
    Store store(dir.db());
    Committees committees(store);
    const std::string a = dir.file("a.txt", meeting("10-01-2024", "Godkendt"));
    const std::string copy = dir.file("copy.txt", meeting("10-01-2024", "Godkendt"));
    set_mtime(a, 3600);
    set_mtime(copy, 3600);
    {
        Ingestor ingestor(store, committees);
        CHECK(ingestor.ingest_file(a).status == Status::stored);
        CHECK(ingestor.ingest_file(copy).status == Status::unchanged);  // its stamp recorded with a.txt's hash
    }
    Ingestor ingestor(store, committees);
    CHECK_FALSE(ingestor.stamp_lookups_current());  // nothing looked up yet
    auto look_up = [&] {
        Transaction reading(store.handle(), /*immediate=*/false);
        auto match = ingestor.lookup().stamp(*file_stamp(copy));
        ingestor.stamp_lookups_done();
        reading.commit();
        return match;
    };
    auto match = look_up();
    REQUIRE(match);
    CHECK(match->stored_path == a);  // as the unchanged message names it
    CHECK(ingestor.stamp_lookups_current());
    auto trusted = known_by_stamp(copy, *file_stamp(copy), *match);
    trusted.stamp_current = true;
    auto r = ingestor.write(std::move(trusted));
    CHECK(r.status == Status::unchanged);
    CHECK(r.reason == "already stored (same content as " + a + ")");
    CHECK(ingestor.stamp_lookups_current());  // an unchanged document writes nothing

    SECTION("another connection's commit ends them") {
        Store other(dir.db());
        Committees other_committees(other);
        Ingestor writer(other, other_committees);
        CHECK(writer.ingest_bytes(meeting("11-02-2024", "Godkendt"), "b.txt").status == Status::stored);
        writer.flush_stamps();
        CHECK_FALSE(ingestor.stamp_lookups_current());
        look_up();
        CHECK(ingestor.stamp_lookups_current());
    }
    SECTION("so does this Ingestor's own write") {
        CHECK(ingestor.ingest_bytes(meeting("11-02-2024", "Godkendt"), "b.txt").status == Status::stored);
        CHECK_FALSE(ingestor.stamp_lookups_current());
    }
}

TEST_CASE("a file modified in the last seconds gets no stamp (its mtime may not move on the next edit)",
          "[tracker][ingest][stamp]") {
    fixture::TempDir dir;
    Store store(dir.db());
    Committees committees(store);
    const std::string a = dir.file("a.txt", meeting("10-01-2024", "Godkendt"));
    Ingestor ingestor(store, committees);
    CHECK(ingestor.ingest_file(a).status == Status::stored);
    CHECK(count(store, "SELECT COUNT(*) FROM file_seen") == 0);
    auto again = prepare_file(a, ingestor.lookup());
    CHECK_FALSE(again.skipped_read);
    CHECK(again.known);
}

TEST_CASE("relink_if_changed keeps links equal to a full relink", "[tracker][linker]") {
    fixture::TempDir dir;
    Store store(dir.db());
    Committees committees(store);
    auto ingest = [&](const std::string& name, const std::string& text) {
        Ingestor ingestor(store, committees);
        return ingestor.ingest_bytes(text, name).status;
    };
    fixture::ItemSpec later{3, "Cykelsti langs Åvej, anlæg", "01.02.03-P20-1-24", "Godkendt",
                            {"Teknisk Udvalg den 10. januar 2024 Punkt 1"}, {"10-01-2024 Teknisk Udvalg"}};
    REQUIRE(ingest("a.txt", meeting("10-01-2024", "Udsættes")) == Status::stored);
    REQUIRE(ingest("b.txt", fixture::minutes("Teknisk Udvalg", "14-02-2024", {later})) == Status::stored);

    Relinked relinked = Relinked::no;
    auto first = relink_if_changed(store, default_title_threshold, &relinked);
    CHECK(relinked == Relinked::all);  // a new store: nothing relinked yet
    CHECK(first.by_reference == 1);
    CHECK(first.by_history >= 1);
    CHECK(first.by_case_number == 1);
    const auto table = links_table(store);

    // Nothing changed: no relink, same counts, same table; and a full relink gives the same again.
    auto second = relink_if_changed(store, default_title_threshold, &relinked);
    CHECK(relinked == Relinked::no);
    CHECK(std::tie(second.by_reference, second.by_history, second.by_case_number) ==
          std::tie(first.by_reference, first.by_history, first.by_case_number));
    auto full = relink(store);
    CHECK(std::tie(full.by_reference, full.by_history, full.by_case_number) ==
          std::tie(first.by_reference, first.by_history, first.by_case_number));
    CHECK(links_table(store) == table);

    // An unchanged re-ingest leaves the links current.
    REQUIRE(ingest("a-copy.txt", meeting("10-01-2024", "Udsættes")) == Status::unchanged);
    relink_if_changed(store, default_title_threshold, &relinked);
    CHECK(relinked == Relinked::no);

    // Another threshold relinks.
    auto strict = relink_if_changed(store, 0.99, &relinked);
    CHECK(relinked == Relinked::all);
    CHECK(strict.by_case_number == 0);

    // A replacement relinks around the new meeting.
    relink_if_changed(store, default_title_threshold, &relinked);
    REQUIRE(ingest("a2.txt", meeting("10-01-2024", "Godkendt")) == Status::replaced);
    auto after = relink_if_changed(store, default_title_threshold, &relinked);
    CHECK(relinked == Relinked::new_meetings);  // a replacement: links around the new meeting only
    CHECK(after.by_reference == 1);

    // A committee rename merging ids (committees.conf) updates refs and meetings: everything is relinked.
    relink_if_changed(store, default_title_threshold, &relinked);
    exec(store.handle(), "UPDATE refs SET committee_id = committee_id");
    relink_if_changed(store, default_title_threshold, &relinked);
    CHECK(relinked == Relinked::all);
}

TEST_CASE("a schema-1 store gains file_seen and link_state, and its links are recomputed once",
          "[tracker][linker][store]") {
    fixture::TempDir dir;
    {
        Store store(dir.db());
        Committees committees(store);
        REQUIRE(Ingestor(store, committees).ingest_bytes(meeting("10-01-2024", "Godkendt"), "a.txt").status ==
                Status::stored);
        relink(store);
        // Back to schema 1: what migration 2 added is removed (triggers first), and a stale link is left.
        exec(store.handle(), fixture::undo_schema_14_sql);
        exec(store.handle(), fixture::undo_schema_12_sql);
        exec(store.handle(), fixture::undo_schema_11_sql);
        exec(store.handle(), fixture::undo_schema_10_sql);
        std::string drop;
        {
            Statement triggers(store.handle(), "SELECT name FROM sqlite_master WHERE type = 'trigger' AND "
                                               "(name LIKE 'links_dirty_%' OR name LIKE 'relink_pending_%') AND "
                                               "name <> 'relink_pending_case_delete'");
            while (triggers.step()) drop += "DROP TRIGGER " + triggers.text(0) + ";";
        }
        CHECK(drop.size() > 100);
        // Schema 4's external-content index goes back to an index with its own copy.
        exec(store.handle(), fixture::undo_schema_9_sql);
        exec(store.handle(), fixture::undo_schema_8_sql);
        exec(store.handle(), fixture::undo_schema_7_sql);
        exec(store.handle(), fixture::undo_schema_6_sql);
        exec(store.handle(), fixture::undo_schema_5_sql);
        exec(store.handle(), fixture::undo_schema_4_sql);
        exec(store.handle(), (drop + "DROP TABLE file_seen; DROP TABLE link_state; DROP TABLE relink_pending; PRAGMA user_version = 1;").c_str());
    }
    Store store(dir.db());
    CHECK(store.schema_version() == latest_schema_version());
    // Links written before link_state existed are not trusted: the first run relinks, the next does not.
    Relinked relinked = Relinked::no;
    relink_if_changed(store, default_title_threshold, &relinked);
    CHECK(relinked == Relinked::all);
    relink_if_changed(store, default_title_threshold, &relinked);
    CHECK(relinked == Relinked::no);
}
