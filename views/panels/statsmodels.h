#pragma once

#include "trace/summary.h"

#include <QAbstractTableModel>

namespace interleave {

/// Time in each state per worker, with a "profile" column drawn as a stacked bar.
class WorkerStatsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Kind, Pid, Events, StartLatency, Profile, FirstState };
    /// Raw values of the Profile column: the state times, for the stacked-bar delegate.
    static constexpr int StatesRole = Qt::UserRole + 1;

    using QAbstractTableModel::QAbstractTableModel;
    void setSummary(const TraceSummary& summary);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<WorkerSummary> m_workers;
};

/// Acquisitions, contention and waits per lock and per GIL.
class LockStatsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    using QAbstractTableModel::QAbstractTableModel;
    void setSummary(const TraceSummary& summary);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<LockSummary> m_locks;
};

/// Puts, gets and the deepest the queue got.
class QueueStatsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    using QAbstractTableModel::QAbstractTableModel;
    void setSummary(const TraceSummary& summary);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<QueueSummary> m_queues;
};

} // namespace interleave
