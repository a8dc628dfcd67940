#include "app/ingest_pool.hpp"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace opfolg::app {

unsigned default_jobs() { return std::max(1u, std::thread::hardware_concurrency()); }

namespace {
struct Slot {
    bool ready = false;
    std::optional<tracker::PreparedDocument> document;
    std::exception_ptr error;
};
}  // namespace

void prepare_in_order(std::size_t count, unsigned workers, const std::function<PrepareFn()>& make_worker,
                      const std::function<void(std::size_t, tracker::PreparedDocument&&)>& write) {
    workers = static_cast<unsigned>(std::min<std::size_t>(workers, count));
    if (workers <= 1) {
        if (count == 0) return;
        PrepareFn prepare = make_worker();
        for (std::size_t i = 0; i < count; ++i) write(i, prepare(i));
        return;
    }
    const std::size_t window = 2 * static_cast<std::size_t>(workers);
    std::vector<Slot> slots(window);  // document i waits in slots[i % window]
    std::mutex mutex;
    std::condition_variable filled, freed;
    std::size_t next_claim = 0, next_write = 0;
    bool stop = false;

    auto work = [&] {
        PrepareFn prepare;
        std::exception_ptr setup_error;
        try {
            prepare = make_worker();
        } catch (...) {
            setup_error = std::current_exception();
        }
        for (;;) {
            std::size_t index;
            {
                std::unique_lock<std::mutex> lock(mutex);
                // Claim only within the window ahead of the writer: its slot is then free.
                freed.wait(lock, [&] { return stop || next_claim >= count || next_claim < next_write + window; });
                if (stop || next_claim >= count) return;
                index = next_claim++;
            }
            Slot result;
            try {
                if (setup_error) std::rethrow_exception(setup_error);
                result.document = prepare(index);
            } catch (...) {
                result.error = std::current_exception();
            }
            result.ready = true;
            {
                std::lock_guard<std::mutex> lock(mutex);
                slots[index % window] = std::move(result);
            }
            filled.notify_all();
        }
    };

    std::vector<std::thread> threads;
    struct Joiner {  // stops and joins the workers however this function is left
        std::mutex& mutex;
        bool& stop;
        std::condition_variable& freed;
        std::vector<std::thread>& threads;
        ~Joiner() {
            {
                std::lock_guard<std::mutex> lock(mutex);
                stop = true;
            }
            freed.notify_all();
            for (auto& t : threads) t.join();
        }
    } joiner{mutex, stop, freed, threads};
    for (unsigned w = 0; w < workers; ++w) threads.emplace_back(work);

    for (std::size_t i = 0; i < count; ++i) {
        Slot slot;
        {
            std::unique_lock<std::mutex> lock(mutex);
            filled.wait(lock, [&] { return slots[i % window].ready; });
            slot = std::move(slots[i % window]);
            slots[i % window] = Slot{};
            next_write = i + 1;
        }
        freed.notify_all();
        if (slot.error) std::rethrow_exception(slot.error);
        write(i, std::move(*slot.document));
    }
}

}  // namespace opfolg::app
