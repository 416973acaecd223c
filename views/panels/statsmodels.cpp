#include "panels/statsmodels.h"

#include "timeline/timecoordinates.h"

#include <QVariantList>
#include <algorithm>

namespace interleave {

namespace {

/// States shown as columns (starting and finished say nothing about the work).
constexpr LaneState kColumnStates[] = {
    LaneState::Running,   LaneState::Runnable, LaneState::LockWait, LaneState::GilWait,
    LaneState::QueueWait, LaneState::Sleeping, LaneState::Joining};
constexpr int kStateColumns = int(sizeof kColumnStates / sizeof kColumnStates[0]);

QString duration(std::uint64_t ns)
{
    return QString::fromStdString(formatPrecise(ns));
}

} // namespace

void WorkerStatsModel::setSummary(const TraceSummary& summary)
{
    beginResetModel();
    m_workers = summary.workers;
    endResetModel();
}

int WorkerStatsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_workers.size());
}

int WorkerStatsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : FirstState + kStateColumns + 1;
}

QVariant WorkerStatsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return "Worker";
    case Kind: return "Kind";
    case Pid: return "PID / TID";
    case Events: return "Events";
    case StartLatency: return "Start latency";
    case Profile: return "Where the time went";
    default: break;
    }
    if (section < FirstState + kStateColumns) {
        const std::string_view label = laneStateLabel(kColumnStates[section - FirstState]);
        return QString::fromUtf8(label.data(), qsizetype(label.size()));
    }
    return "Fate";
}

QVariant WorkerStatsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const WorkerSummary& w = m_workers[std::size_t(index.row())];
    const int column = index.column();
    if (role == StatesRole && column == Profile) {
        QVariantList states;
        for (LaneState state : kColumnStates)
            states << QVariant::fromValue<qulonglong>(w.stateNs[std::size_t(state)]);
        return states;
    }
    if (role == Qt::TextAlignmentRole && column >= Events && column != Profile)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::UserRole)
        return {};
    const bool raw = role == Qt::UserRole; // sortable numbers
    switch (column) {
    case Name: return QString::fromStdString(w.info.name);
    case Kind: return workerKindName(w.info.kind);
    case Pid:
        return w.info.kind == WorkerKind::Process
                   ? QString::number(w.info.pid)
                   : QString("%1 / %2").arg(w.info.pid).arg(w.info.tid);
    case Events:
        return raw ? QVariant::fromValue<qulonglong>(w.events)
                   : QVariant(QString::number(w.events));
    case StartLatency: {
        const std::uint64_t latency = w.info.startNs > w.info.spawnNs && w.info.spawnNs > 0
                                          ? w.info.startNs - w.info.spawnNs
                                          : 0;
        return raw ? QVariant::fromValue<qulonglong>(latency) : QVariant(duration(latency));
    }
    case Profile: return {};
    default: break;
    }
    if (column < FirstState + kStateColumns) {
        const std::uint64_t ns = w.stateNs[std::size_t(kColumnStates[column - FirstState])];
        return raw ? QVariant::fromValue<qulonglong>(ns)
                   : QVariant(ns ? duration(ns) : QString("–"));
    }
    return workerFateName(w.info.fate);
}

void LockStatsModel::setSummary(const TraceSummary& summary)
{
    beginResetModel();
    // The locks that made someone wait first: ten uncontended GILs say less than one real lock.
    m_locks = summary.locks;
    std::stable_sort(m_locks.begin(), m_locks.end(),
                     [](const LockSummary& a, const LockSummary& b) {
                         if (a.contended != b.contended)
                             return a.contended > b.contended;
                         return a.waitNsTotal > b.waitNsTotal;
                     });
    endResetModel();
}

int LockStatsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_locks.size());
}

int LockStatsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : 6;
}

QVariant LockStatsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    static const char* names[] = {"Lock",      "Kind",       "Acquisitions",
                                  "Contended", "Total wait", "Longest wait"};
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section < 6)
        return names[section];
    return {};
}

QVariant LockStatsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const LockSummary& l = m_locks[std::size_t(index.row())];
    if (role == Qt::TextAlignmentRole && index.column() >= 2)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case 0: return QString::fromStdString(l.name);
    case 1: return l.kind == ObjectKind::Gil ? "GIL" : "lock";
    case 2: return QString::number(l.acquisitions);
    case 3:
        return l.acquisitions
                   ? QString("%1 (%2 %)")
                         .arg(l.contended)
                         .arg(100.0 * double(l.contended) / double(l.acquisitions), 0, 'f', 0)
                   : QString("0");
    case 4: return duration(l.waitNsTotal);
    case 5: return duration(l.waitNsMax);
    default: return {};
    }
}

void QueueStatsModel::setSummary(const TraceSummary& summary)
{
    beginResetModel();
    m_queues = summary.queues;
    endResetModel();
}

int QueueStatsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_queues.size());
}

int QueueStatsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : 4;
}

QVariant QueueStatsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    static const char* names[] = {"Queue", "Puts", "Gets", "Deepest"};
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section < 4)
        return names[section];
    return {};
}

QVariant QueueStatsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const QueueSummary& q = m_queues[std::size_t(index.row())];
    if (role == Qt::TextAlignmentRole && index.column() >= 1)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case 0: return QString::fromStdString(q.name);
    case 1: return QString::number(q.puts);
    case 2: return QString::number(q.gets);
    case 3: return QString::number(q.maxDepth);
    default: return {};
    }
}

} // namespace interleave
