// Documents are written in batches (one transaction each). A store error in the middle of a document must leave
// nothing of that document, and keep every document written before it in the batch.
#include "fixture_minutes.hpp"
#include "grammar/dates.hpp"
#include "tracker/committees.hpp"
#include "tracker/ingest.hpp"
#include "tracker/row_batch.hpp"
#include "tracker/stored_deadlines.hpp"
#include "tracker/sqlite.hpp"

#include <catch2/catch.hpp>

using namespace opfolg;
using namespace opfolg::tracker;

namespace {
std::string one(Store& store, const std::string& sql) {
    Statement s(store.handle(), sql);
    return s.step() ? s.text(0) : std::string();
}

std::string meeting(const std::string& dmy, const std::string& second_decision) {
    return fixture::minutes("Vejudvalget", dmy,
                            {{1, "Vejplan", "05.01.00-P20-1-24", "Godkendt"},
                             {2, "Cykelsti", "05.01.00-P20-2-24", second_decision},
                             {3, "Budget", "00.30.00-S00-1-24", "Udsættes"}});
}
}  // namespace

TEST_CASE("a store error mid-document keeps the batch's earlier documents and nothing of that one",
          "[tracker][ingest][batch]") {
    fixture::TempDir dir;
    Store store(dir.db());
    Committees committees(store);
    // A failure only the store can raise, after the document's meeting and first item are written.
    exec(store.handle(), "CREATE TRIGGER boom BEFORE INSERT ON decisions WHEN new.text LIKE '%BOOM%' "
                         "BEGIN SELECT RAISE(ABORT, 'boom'); END;");
    {
        Ingestor ingestor(store, committees);
        for (int k = 1; k <= 5; ++k)
            REQUIRE(ingestor.ingest_bytes(meeting(std::to_string(10 + k) + "-01-2024", "Godkendt"),
                                          std::to_string(k) + ".txt")
                        .status == IngestResult::Status::stored);
        CHECK_THROWS_AS(ingestor.ingest_bytes(meeting("20-01-2024", "BOOM"), "bad.txt"), StoreError);
    }  // the Ingestor commits its open batch on the way out, as the ingest command does after a store error
    CHECK(one(store, "SELECT COUNT(*) FROM documents") == "5");
    CHECK(one(store, "SELECT COUNT(*) FROM meetings") == "5");
    CHECK(one(store, "SELECT COUNT(*) FROM items") == "15");
    CHECK(one(store, "SELECT COUNT(*) FROM decisions") == "15");
    CHECK(one(store, "SELECT COUNT(*) FROM documents WHERE path LIKE '%bad.txt'") == "0");
    CHECK(one(store, "SELECT COUNT(*) FROM meetings WHERE date = '2024-01-20'") == "0");
    CHECK(one(store, "PRAGMA foreign_key_check") == "");
    CHECK(one(store, "PRAGMA integrity_check") == "ok");

    // The next run stores it once the cause is gone, and the batch's documents are not stored twice.
    exec(store.handle(), "DROP TRIGGER boom");
    Ingestor again(store, committees);
    CHECK(again.ingest_bytes(meeting("20-01-2024", "BOOM"), "bad.txt").status == IngestResult::Status::stored);
    CHECK(again.ingest_bytes(meeting("11-01-2024", "Godkendt"), "1-igen.txt").status ==
          IngestResult::Status::unchanged);
    again.flush_stamps();
    CHECK(one(store, "SELECT COUNT(*) FROM meetings") == "6");
    CHECK(one(store, "SELECT COUNT(*) FROM items") == "18");
}

TEST_CASE("a meeting replaced in the middle of a batch takes all its rows with it, and keys are on after the batch",
          "[tracker][ingest][batch]") {
    fixture::TempDir dir;
    Store store(dir.db());
    Committees committees(store);
    {
        // One batch: new documents are written without foreign-key checks; the replacement needs them for
        // ON DELETE CASCADE, so the batch switches them on before it deletes the old meeting.
        Ingestor ingestor(store, committees);
        for (int k = 1; k <= 3; ++k)
            REQUIRE(ingestor.ingest_bytes(meeting(std::to_string(10 + k) + "-01-2024", "Godkendt"),
                                          std::to_string(k) + ".txt")
                        .status == IngestResult::Status::stored);
        CHECK(ingestor.ingest_bytes(meeting("12-01-2024", "Udsættes til næste møde"), "2-rettet.txt").status ==
              IngestResult::Status::replaced);
        for (int k = 4; k <= 5; ++k)
            REQUIRE(ingestor.ingest_bytes(meeting(std::to_string(10 + k) + "-01-2024", "Godkendt"),
                                          std::to_string(k) + ".txt")
                        .status == IngestResult::Status::stored);
    }
    {
        // A run of new documents only: what writes next on this connection (the relink, the flags) has its keys
        // checked again.
        Ingestor ingestor(store, committees);
        REQUIRE(ingestor.ingest_bytes(meeting("20-01-2024", "Godkendt"), "6.txt").status ==
                IngestResult::Status::stored);
        ingestor.flush_stamps();
        CHECK(one(store, "PRAGMA foreign_keys") == "1");
    }
    CHECK(one(store, "SELECT COUNT(*) FROM meetings") == "6");
    CHECK(one(store, "SELECT COUNT(*) FROM items") == "18");
    CHECK(one(store, "SELECT COUNT(*) FROM decisions WHERE text = 'Udsættes til næste møde'") == "1");
    // Nothing of the replaced meeting is left behind.
    CHECK(one(store, "SELECT COUNT(*) FROM items WHERE meeting_id NOT IN (SELECT id FROM meetings)") == "0");
    for (const char* child : {"decisions", "deadlines", "refs", "item_texts"})
        CHECK(one(store, std::string("SELECT COUNT(*) FROM ") + child +
                             " WHERE item_id NOT IN (SELECT id FROM items)") == "0");
    CHECK(one(store, "SELECT COUNT(*) FROM participants WHERE meeting_id NOT IN (SELECT id FROM meetings)") == "0");
    CHECK(one(store, "PRAGMA foreign_key_check") == "");
}

TEST_CASE("an item's time phrases are all stored, in text order, however many statements they take",
          "[tracker][ingest][deadlines]") {
    // A document's phrases go in up to RowBatch::kMaxRows rows a statement, the rest by powers of two: items with
    // 0, 1, a full statement, one row over it and 2.5 statements' worth, each phrase with its resolved dates, a
    // "til næste møde" among them.
    const std::vector<std::size_t> counts{0, 1, RowBatch::kMaxRows, RowBatch::kMaxRows + 1,
                                          2 * RowBatch::kMaxRows + RowBatch::kMaxRows / 2};
    const char* months[] = {"januar", "februar", "marts", "april", "maj", "juni",
                            "juli", "august", "september", "oktober", "november", "december"};
    std::vector<fixture::ItemSpec> items;
    std::vector<std::vector<std::string>> expected;
    for (std::size_t k = 0; k < counts.size(); ++k) {
        fixture::ItemSpec it{static_cast<int>(k + 1), "Sag " + std::to_string(k + 1), "", "Godkendt"};
        it.text.clear();
        std::vector<std::string> phrases;
        for (std::size_t n = 0; n < counts[k]; ++n) {
            const std::string phrase = n == 3 ? "til næste møde"
                                              : std::to_string(1 + n % 28) + ". " + months[(n + k) % 12] + " 2026";
            it.text += "Sagen behandles igen " + phrase + ". ";
            phrases.push_back(phrase);
        }
        if (it.text.empty()) it.text = "Ingen datoer her.";
        items.push_back(it);
        expected.push_back(phrases);
    }
    fixture::TempDir dir;
    Store store(dir.db());
    Committees committees(store);
    {
        Ingestor ingestor(store, committees);
        REQUIRE(ingestor.ingest_bytes(fixture::minutes("Vejudvalget", "10-01-2025", items), "mange.txt").status ==
                IngestResult::Status::stored);
    }
    for (std::size_t k = 0; k < counts.size(); ++k) {
        INFO("item " << k + 1 << " with " << counts[k] << " phrases");
        // Promises are rows; "til næste møde" is a plain phrase, packed beside the item's text (schema 13) and
        // merged back into its place among them.
        Statement item(store.handle(), "SELECT id FROM items WHERE number = ?");
        item.bind(1, static_cast<std::int64_t>(k + 1));
        REQUIRE(item.step());
        Statement rows(store.handle(), std::string("SELECT ") + kDeadlineColumns +
                                           " FROM deadlines WHERE item_id = ? ORDER BY id");
        rows.bind(1, item.integer(0));
        std::vector<Deadline> found;
        while (rows.step()) found.push_back(deadline_from_row(rows, 0));
        Statement packed(store.handle(), "SELECT time_phrases FROM item_texts WHERE item_id = ?");
        packed.bind(1, item.integer(0));
        REQUIRE(packed.step());
        found = merge_time_phrases(std::move(found), unpack_time_phrases(packed.view(0)));
        std::vector<std::string> stored;
        for (const Deadline& d : found) {
            stored.push_back(d.phrase.phrase);
            if (stored.back() == "til næste møde") CHECK(is_plain_time_phrase(d));
            else CHECK(dates::iso(d.phrase.first).rfind("2026-", 0) == 0);
        }
        CHECK(stored == expected[k]);
    }
}
