#include "document/tracefilejob.h"

#include <QEventLoop>
#include <QProgressDialog>
#include <QTimer>
#include <atomic>
#include <exception>
#include <thread>

namespace interleave {

TraceFileJob::TraceFileJob(QWidget* parent, QString label,
                           std::function<void(const Progress&)> work)
    : m_parent(parent)
    , m_label(std::move(label))
    , m_work(std::move(work))
{
}

TraceFileJob::Outcome TraceFileJob::run()
{
    std::atomic<double> fraction{0};
    std::atomic<bool> cancel{false};
    std::atomic<bool> finished{false};
    Outcome outcome = Outcome::Done;
    QString error;

    const Progress progress([&](double done) {
        fraction.store(done, std::memory_order_relaxed);
        return !cancel.load(std::memory_order_relaxed);
    });
    std::thread worker([&] {
        try {
            m_work(progress);
        } catch (const Cancelled&) {
            outcome = Outcome::Cancelled;
        } catch (const std::exception& e) {
            outcome = Outcome::Failed;
            error = QString::fromUtf8(e.what());
        } catch (...) {
            outcome = Outcome::Failed;
            error = "unexpected error";
        }
        finished.store(true, std::memory_order_release);
    });

    // The window keeps painting while the work goes on; the dialog shows after 400 ms.
    QProgressDialog dialog(m_label, "Cancel", 0, 1000, m_parent);
    dialog.setWindowTitle("Interleave");
    dialog.setWindowModality(Qt::WindowModal);
    dialog.setMinimumDuration(400);
    dialog.setAutoReset(false);
    dialog.setAutoClose(false);
    QObject::connect(&dialog, &QProgressDialog::canceled, [&] { cancel.store(true); });
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(30);
    QObject::connect(&poll, &QTimer::timeout, [&] {
        if (finished.load(std::memory_order_acquire)) {
            loop.quit();
            return;
        }
        if (dialog.wasCanceled())
            cancel.store(true);
        dialog.setValue(int(fraction.load(std::memory_order_relaxed) * 999));
    });
    poll.start();
    if (!finished.load(std::memory_order_acquire))
        loop.exec();
    poll.stop();
    worker.join();
    dialog.reset();
    m_error = error;
    return outcome;
}

} // namespace interleave
