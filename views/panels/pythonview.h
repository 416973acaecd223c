#pragma once

#include <QPlainTextEdit>

namespace interleave {

/// The scenario's equivalent Python program, highlighted, read-only.
class PythonView : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit PythonView(QWidget* parent = nullptr);
    void setSource(const QString& source);
};

} // namespace interleave
