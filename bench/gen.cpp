// opfolg-gen: a deterministic corpus of realistic minutes, with the flags opfolg must raise on it.
//
//   opfolg-gen --out DIR [--municipalities N] [--committees N] [--years N] [--first-year Y] [--seed S]
//
// Writes DIR/<municipality>/<committee>/<date>.txt|.md (plain and Markdown-like renderings, some plain files in
// Latin-1), DIR/committees.conf (every canonical name, so no name is fuzzy-matched to another municipality's),
// DIR/expected_flags.tsv (rule, committee, meeting date, item number, due; sorted) and DIR/as_of (the day the
// expectations hold for: one year after the last meeting, so every flag is overdue and every meeting stored).
//
// Items are drawn from a few kinds whose outcome the default rules decide without doubt: plain decisions (no
// flag), postponements resumed at the next meeting by Tidligere behandling (no flag) or not (flag, due the next
// meeting or 60 days after), new cases with a quarter deadline, resumed by a Sagens forløb entry (no flag) or
// not (flag, due the end of the quarter or 90 days after), promised status reports kept or missed, closed items.
// Every case has its own case number, so no two cases link by case number and title by accident.
// The random source is a fixed xorshift, not <random> distributions, so the corpus is the same everywhere.
#include <date/date.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <tuple>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using date::year_month_day;

namespace {

struct Rng {
    std::uint64_t s;
    explicit Rng(std::uint64_t seed) : s(seed * 0x9E3779B97F4A7C15ull + 0x1234567ull) { next(); }
    std::uint64_t next() {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        return s;
    }
    int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
    bool chance(int percent) { return below(100) < percent; }
    template <class T> const T& pick(const std::vector<T>& v) { return v[below(static_cast<int>(v.size()))]; }
};

const std::vector<std::string> kPrefix = {"Vest", "Nord", "Sønder", "Øster", "Hammer", "Skov", "Bjerg", "Fjord",
                                          "Lund", "Holm", "Ege", "Ås"};
const std::vector<std::string> kSuffix = {"by", "rup", "sted", "havn", "købing", "lev", "strup", "inge", "ø"};
const std::vector<std::string> kCommittees = {
    "Natur- og Fritidsudvalget",      "Teknik- og Miljøudvalget",  "Børne- og Ungeudvalget",
    "Social- og Sundhedsudvalget",    "Økonomiudvalget",           "Kultur- og Idrætsudvalget",
    "Erhvervs- og Beskæftigelsesudvalget", "Plan- og Boligudvalget", "Ældre- og Handicapudvalget",
    "Klima- og Energiudvalget",       "Skoleudvalget",             "Trafik- og Vejudvalget",
    "Landdistriktsudvalget",          "Integrationsudvalget",      "Folkeoplysningsudvalget",
    "Beredskabskommissionen",         "Digitaliseringsudvalget",   "Turismeudvalget",
    "Forebyggelsesudvalget",          "Arbejdsmarkedsudvalget"};
const std::vector<std::string> kWhat = {"Renovering af", "Strategi for", "Budgetopfølgning for", "Tilskud til",
                                        "Høring om", "Udbud af", "Helhedsplan for", "Evaluering af",
                                        "Anlægsbevilling til", "Retningslinjer for"};
const std::vector<std::string> kObject = {"legepladsen ved Åhuset", "cykel- og gangstier", "affaldssortering",
                                          "skolernes udearealer", "hundeskov ved Mosevej", "idrætshallen",
                                          "plejecentrets køkken", "havnebadet", "den kollektive trafik",
                                          "biblioteksfilialerne", "kunstgræsbanen", "ældreboligerne på Engvej",
                                          "klimatilpasning i bymidten", "fritidsområdet", "vandløbsvedligeholdelse"};
const std::vector<std::string> kFiller = {
    "Forvaltningen har indhentet to tilbud på opgaven.",
    "Tilbuddene ligger på 410.000 kr. og 525.000 kr., og forvaltningen anbefaler det billigste.",
    "Udgiften afholdes inden for den eksisterende ramme.",
    "Der er gennemført en høring blandt brugerne, og høringssvarene er vedlagt.",
    "Sagen har været drøftet med de berørte foreninger og grundejere.",
    "Projektet kræver en aftale med naboerne om adgang til arealet.",
    "Forslaget bygger på erfaringer fra nabokommunerne.",
    "Administrationen vurderer, at opgaven kan løses med de nuværende ressourcer.",
    "Borgerne har rejst ønsket gennem lokalrådet.",
    "Der er ingen konsekvenser for personalet."};
const std::vector<std::string> kPlain = {"Taget til efterretning.", "Godkendt.", "Indstillingen godkendt.",
                                         "Anbefales over for Økonomiudvalget."};
const char* kMonths[] = {"januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
                         "september", "oktober", "november", "december"};
const char* kWeekdays[] = {"Søndag", "Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag", "Lørdag"};

std::string two(unsigned v) {
    char b[8];
    std::snprintf(b, sizeof b, "%02u", v);
    return b;
}
int y(const year_month_day& d) { return static_cast<int>(d.year()); }
unsigned m(const year_month_day& d) { return static_cast<unsigned>(d.month()); }
unsigned dd(const year_month_day& d) { return static_cast<unsigned>(d.day()); }
std::string iso(const year_month_day& d) { return std::to_string(y(d)) + "-" + two(m(d)) + "-" + two(dd(d)); }
std::string dmy(const year_month_day& d) { return two(dd(d)) + "-" + two(m(d)) + "-" + std::to_string(y(d)); }
std::string long_date(const year_month_day& d) {
    return std::to_string(dd(d)) + ". " + kMonths[m(d) - 1] + " " + std::to_string(y(d));
}
year_month_day plus_days(const year_month_day& d, int n) {
    return year_month_day{date::sys_days{d} + date::days{n}};
}
year_month_day quarter_end(int year, int quarter) {
    return year_month_day{date::year{year} / date::month{static_cast<unsigned>(quarter * 3)} / date::last};
}

std::string latin1(const std::string& utf8) {
    std::string out;
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(utf8[i]);
        if (c == 0xC3 && i + 1 < utf8.size()) {
            out += static_cast<char>(static_cast<unsigned char>(utf8[++i]) + 0x40);
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

struct Flag {
    std::string rule, committee, meeting, due;
    int item;
    bool operator<(const Flag& o) const {
        return std::tie(rule, committee, meeting, item, due) < std::tie(o.rule, o.committee, o.meeting, o.item, o.due);
    }
};

// What an item says; rendered later in either form.
struct ItemText {
    std::string title, case_number, decision;
    bool closed = false;
    std::vector<std::string> preamble;   // Meddelelser
    std::string earlier;                 // Tidligere behandling line
    std::vector<std::string> body;       // Sagsfremstilling sentences
    std::vector<std::string> forloeb;    // Sagens forløb: head line, decision line
};

// A case carried to a later meeting of the same committee.
struct Pending {
    enum Kind { resume_reference, resume_history } kind;
    std::string title, case_number, decision;
    year_month_day meeting;
    int item = 0;
};

struct Committee {
    std::string name, dir;
    std::vector<year_month_day> meetings;
};

std::string render_plain(const std::string& committee, const year_month_day& d, const std::vector<ItemText>& items,
                         const std::string& place) {
    std::string s = "REFERAT " + committee + " d. " + dmy(d) + "\n\n";
    const unsigned wd = date::weekday{date::sys_days{d}}.c_encoding();
    s += "Mødedato " + std::string(kWeekdays[wd]) + " d. " + long_date(d) + " kl. 16:30\n\n";
    s += "Mødested " + place + "\n\n";
    s += "Mødedeltagere Hanne Ravn (A), Jens Østergaard (V), Åse Lind (F), Bo Kjær (Ø)\n\n";
    s += "Indholdsfortegnelse\n\n";
    for (std::size_t i = 0; i < items.size(); ++i)
        s += (items[i].closed ? "Lukket: LUKKET " : "") + items[i].title + ".....\t" + std::to_string(i + 2) + "\n";
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& it = items[i];
        s += "\nPunkt " + std::to_string(i + 1) + ": " + (it.closed ? "Lukket: LUKKET " : "") + it.title + "\n\n";
        s += it.case_number + "\n\n";
        for (std::size_t k = 0; k < it.preamble.size(); ++k) s += std::to_string(k + 1) + ". " + it.preamble[k] + "\n";
        if (!it.preamble.empty()) s += "\n";
        if (!it.earlier.empty()) s += "Tidligere behandling\n\n" + it.earlier + "\n\n";
        if (!it.body.empty()) {
            s += "Indhold\n\nSagsfremstilling\n\n";
            for (const auto& b : it.body) s += b + "\n";
            s += "\nBeslutningen træffes af\n\n" + committee + "\n\n";
            s += "Indstilling\n\nForvaltningen indstiller, at\n\n1. Sagen drøftes.\n\n";
        }
        s += "Beslutning\n\n" + it.decision + "\n";
        if (!it.forloeb.empty()) s += "\nSagens forløb\n\n" + it.forloeb[0] + "\n\n" + it.forloeb[1] + "\n";
    }
    return s;
}

std::string render_markdown(const std::string& committee, const year_month_day& d, const std::vector<ItemText>& items,
                            const std::string& place) {
    std::string s = "\n\n# REFERAT " + committee + " d. " + dmy(d) + "\n\n";
    const unsigned wd = date::weekday{date::sys_days{d}}.c_encoding();
    s += "<b>Mødedato</b>\t" + std::string(kWeekdays[wd]) + " d. " + long_date(d) + " kl. 16:30  \n";
    s += "<b>Mødested</b>\t" + place + "  \n";
    s += "<b>Mødedeltagere</b>\tHanne Ravn (A), Jens Østergaard (V), Åse Lind (F), Bo Kjær (Ø)\n\n";
    s += "## Indholdsfortegnelse\n\n";
    for (std::size_t i = 0; i < items.size(); ++i)
        s += (items[i].closed ? "Lukket: LUKKET " : "") + items[i].title + ".....\t" + std::to_string(i + 2) + "\n";
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& it = items[i];
        s += "\n# **Punkt " + std::to_string(i + 1) + ": " + (it.closed ? "Lukket: LUKKET " : "") + it.title + "**\n\n";
        s += it.case_number + "\n\n";
        for (std::size_t k = 0; k < it.preamble.size(); ++k) s += std::to_string(k + 1) + ". " + it.preamble[k] + "\n";
        if (!it.preamble.empty()) s += "\n";
        if (!it.earlier.empty()) s += "### Tidligere behandling\n\n" + it.earlier + "\n\n";
        if (!it.body.empty()) {
            s += "## **Sagsfremstilling**\n\n";
            for (const auto& b : it.body) s += b + " ";
            s += "\n\n";
        }
        s += "## **Beslutning**\n\n" + it.decision + "\n";
        if (!it.forloeb.empty()) s += "\n## **Sagens forløb**\n\n" + it.forloeb[0] + "\n\n" + it.forloeb[1] + "\n";
    }
    return s;
}

void usage() {
    std::cerr << "usage: opfolg-gen --out DIR [--municipalities N] [--committees N] [--years N] [--first-year Y] "
                 "[--seed S]\n";
    std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
    std::string out;
    int municipalities = 1, committees = 20, years = 1, first_year = 2015;
    std::uint64_t seed = 1;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (i + 1 >= argc) usage();
        std::string v = argv[++i];
        if (a == "--out") out = v;
        else if (a == "--municipalities") municipalities = std::atoi(v.c_str());
        else if (a == "--committees") committees = std::atoi(v.c_str());
        else if (a == "--years") years = std::atoi(v.c_str());
        else if (a == "--first-year") first_year = std::atoi(v.c_str());
        else if (a == "--seed") seed = std::strtoull(v.c_str(), nullptr, 10);
        else usage();
    }
    if (out.empty() || municipalities < 1 || committees < 1 || years < 1 ||
        municipalities > static_cast<int>(kPrefix.size() * kSuffix.size()) ||
        committees > static_cast<int>(kCommittees.size()))
        usage();

    Rng rng(seed);
    std::set<Flag> flags;
    std::ofstream conf_out;
    fs::create_directories(out);
    std::ofstream conf(fs::path(out) / "committees.conf");
    conf << "# Generated by opfolg-gen: every canonical committee name of the corpus.\n";
    long case_counter = 0, documents = 0;
    year_month_day last_meeting = year_month_day{date::year{first_year} / 1 / 1};

    for (int mu = 0; mu < municipalities; ++mu) {
        const std::string muni = kPrefix[mu % kPrefix.size()] + kSuffix[mu / kPrefix.size()];
        for (int c = 0; c < committees; ++c) {
            Committee com;
            // Committee names carry the municipality: one store may hold many municipalities.
            com.name = municipalities == 1 ? kCommittees[c] : kCommittees[c] + " i " + muni;
            com.dir = muni + "/" + std::to_string(c + 1);
            conf << com.name << "\n";
            // Every third committee was renamed halfway: its older minutes (and the references to them) carry
            // the former name, which committees.conf lists as an alias; flags carry the canonical name.
            const bool renamed = years > 1 && c % 3 == 1;
            const int renamed_in = first_year + years / 2;
            const std::string former = "Tidligere " + com.name;
            if (renamed) conf << "    " << former << "\n";
            auto name_at = [&](const year_month_day& when) {
                return renamed && y(when) < renamed_in ? former : com.name;
            };
            // 11 meetings a year (no meeting in July), on the committee's weekday of the first or second week.
            for (int yr = first_year; yr < first_year + years; ++yr)
                for (unsigned mo = 1; mo <= 12; ++mo) {
                    if (mo == 7) continue;
                    auto wd = date::weekday{1 + static_cast<unsigned>(c % 4)};
                    com.meetings.push_back(year_month_day{date::year{yr} / date::month{mo} /
                                                          date::weekday_indexed{wd, 1 + static_cast<unsigned>(c % 2)}});
                }
            fs::create_directories(fs::path(out) / com.dir);
            std::vector<Pending> carried;
            const std::string place = "Mødelokale " + std::to_string(1 + c % 5) + ", " + muni + " Rådhus";
            for (std::size_t mi = 0; mi < com.meetings.size(); ++mi) {
                const year_month_day d = com.meetings[mi];
                last_meeting = std::max(last_meeting, d);
                const bool has_next = mi + 1 < com.meetings.size();
                std::vector<ItemText> items;
                std::vector<Pending> next_carried;
                std::vector<std::size_t> postponed_again;  // carried items that may be postponed once more
                std::set<std::string> new_case_texts;
                auto new_case_number = [&] {
                    const long n = ++case_counter;
                    return two(n / 1000000 % 100) + "." + two(n / 10000 % 100) + "." + two(n / 100 % 100) + "-P" +
                           two(n % 100) + "-" + std::to_string(1 + mu % 9) + "-" + two(y(d) % 100);
                };
                auto flag = [&](const char* rule, int item, const year_month_day& due) {
                    flags.insert({rule, com.name, iso(d), iso(due), item});
                };
                // Punkt 1: the standing item, one case number per committee and year at every meeting (real minutes
                // do this: Greve's "Godkendelse af dagsorden"); the linker must chain them, not pair them all.
                {
                    ItemText it;
                    it.title = "Godkendelse af dagsorden";
                    it.case_number = "00.01.00-A00-" + std::to_string(1 + c) + "-" + two(y(d) % 100);
                    it.body = {"Dagsordenen blev gennemgået."};
                    it.decision = "Godkendt.";
                    items.push_back(it);
                }
                // Then Meddelelser, most meetings.
                if (rng.chance(70)) {
                    ItemText it;
                    it.title = "Meddelelser";
                    it.case_number = new_case_number();
                    it.preamble = {"Formanden orienterede om besøget på genbrugspladsen.",
                                   "Forvaltningen orienterede om " + rng.pick(kObject) + "."};
                    it.decision = "Taget til efterretning";
                    items.push_back(it);
                }
                // Cases carried over from the previous meeting.
                for (const auto& p : carried) {
                    ItemText it;
                    it.title = p.title;
                    it.case_number = p.case_number;
                    it.body = {rng.pick(kFiller)};
                    if (p.kind == Pending::resume_reference)
                        it.earlier = name_at(p.meeting) + " den " + long_date(p.meeting) + " Punkt " + std::to_string(p.item);
                    else
                        it.forloeb = {dmy(p.meeting) + " " + name_at(p.meeting), p.decision};
                    it.decision = rng.pick(kPlain);
                    // A postponement chain: postponed again, and again, before it is decided (or forgotten).
                    // Decided after the fresh titles are known (see below).
                    if (rng.chance(30)) postponed_again.push_back(items.size());
                    items.push_back(it);
                }
                // Titles within a meeting share neither their first nor their last words: opfolg links a Sagens
                // forløb entry to every item of the named meeting with a similar title (tracker/linker.cpp).
                const int fresh = 3 + rng.below(5);
                const int what0 = rng.below(static_cast<int>(kWhat.size()));
                const int object0 = rng.below(static_cast<int>(kObject.size()));
                for (int k = 0; k < fresh; ++k) {
                    ItemText it;
                    it.title = kWhat[(what0 + k) % kWhat.size()] + " " + kObject[(object0 + k) % kObject.size()];
                    it.case_number = new_case_number();
                    it.body = {rng.pick(kFiller), rng.pick(kFiller)};
                    const int number = static_cast<int>(items.size()) + 1;
                    const int kind = rng.below(100);
                    if (kind < 50) {
                        it.decision = rng.pick(kPlain);
                    } else if (kind < 65) {  // postponed
                        it.decision = rng.chance(50) ? "Udsættes." : "Udsættes til næste møde.";
                        if (has_next && rng.chance(60)) {
                            next_carried.push_back({Pending::resume_reference, it.title, it.case_number, it.decision, d,
                                                    number});
                        } else {
                            flag("postponed-not-resumed", number, has_next ? com.meetings[mi + 1] : plus_days(d, 60));
                        }
                    } else if (kind < 78) {  // new case, with or without a quarter
                        const int q = (static_cast<int>(m(d)) - 1) / 3 + 1 + 1 + rng.below(2);
                        const int qy = y(d) + (q - 1) / 4, qq = (q - 1) % 4 + 1;
                        const bool dated = rng.chance(70);
                        it.decision = dated ? "Ny sag forelægges i " + std::to_string(qq) + ". kvartal " +
                                                  std::to_string(qy) + "."
                                            : "Ny sag forelægges.";
                        // opfolg also links a Sagens forløb entry by equal decision text: keep them unique here.
                        if (!new_case_texts.insert(it.decision).second) {
                            it.decision = rng.pick(kPlain);
                        } else if (has_next && rng.chance(50)) {
                            next_carried.push_back({Pending::resume_history, it.title, it.case_number, it.decision, d,
                                                    number});
                        } else {
                            flag("new-case-not-presented", number, dated ? quarter_end(qy, qq) : plus_days(d, 90));
                        }
                    } else if (kind < 90) {  // a promised status report
                        const int q = (static_cast<int>(m(d)) - 1) / 3 + 1 + 1 + rng.below(2);
                        const int qy = y(d) + (q - 1) / 4, qq = (q - 1) % 4 + 1;
                        it.body.push_back("Der gives en status til udvalget i " + std::to_string(qq) + ". kvartal " +
                                          std::to_string(qy) + ".");
                        it.decision = "Taget til efterretning.";
                        if (has_next && rng.chance(50)) {
                            next_carried.push_back({Pending::resume_reference, it.title, it.case_number, it.decision, d,
                                                    number});
                        } else {
                            flag("promised-followup-missing", number, quarter_end(qy, qq));
                        }
                    } else {  // closed item
                        it.closed = true;
                        it.body.clear();
                        it.decision = rng.chance(40) ? "Udsættes" : "Godkendt.";
                        if (it.decision == "Udsættes")
                            flag("postponed-not-resumed", number, has_next ? com.meetings[mi + 1] : plus_days(d, 60));
                    }
                    items.push_back(it);
                }
                // A carried item is postponed again only when no other title of the meeting shares its first or
                // last word: a Sagens forløb entry naming this meeting links every similar title (see above).
                auto first_word = [](const std::string& t) { return t.substr(0, t.find(' ')); };
                auto last_word = [](const std::string& t) { return t.substr(t.rfind(' ') + 1); };
                for (std::size_t index : postponed_again) {
                    ItemText& it = items[index];
                    bool alone = true;
                    for (std::size_t o = 0; o < items.size(); ++o)
                        if (o != index && (first_word(items[o].title) == first_word(it.title) ||
                                           last_word(items[o].title) == last_word(it.title)))
                            alone = false;
                    if (!alone) continue;
                    it.decision = "Udsættes igen.";
                    const int number = static_cast<int>(index) + 1;
                    if (has_next && rng.chance(70))
                        next_carried.push_back({Pending::resume_reference, it.title, it.case_number, it.decision, d,
                                                number});
                    else
                        flag("postponed-not-resumed", number, has_next ? com.meetings[mi + 1] : plus_days(d, 60));
                }
                carried = std::move(next_carried);

                const bool markdown = rng.chance(40);
                std::string text = markdown ? render_markdown(name_at(d), d, items, place)
                                            : render_plain(name_at(d), d, items, place);
                if (!markdown && rng.chance(15)) text = latin1(text);
                std::ofstream f(fs::path(out) / com.dir / (iso(d) + (markdown ? ".md" : ".txt")), std::ios::binary);
                f << text;
                ++documents;
            }
        }
    }
    std::ofstream tsv(fs::path(out) / "expected_flags.tsv");
    tsv << "rule\tcommittee\tmeeting_date\titem_number\tdue\n";
    for (const auto& f : flags)
        tsv << f.rule << '\t' << f.committee << '\t' << f.meeting << '\t' << f.item << '\t' << f.due << '\n';
    const year_month_day as_of = plus_days(last_meeting, 365);
    std::ofstream(fs::path(out) / "as_of") << iso(as_of) << "\n";
    std::cout << documents << " documents, " << flags.size() << " expected flags, as of " << iso(as_of) << "\n";
    return 0;
}
