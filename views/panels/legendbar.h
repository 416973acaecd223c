#pragma once

#include "theme.h"

#include <QWidget>
#include <cstdint>
#include <utility>
#include <vector>

namespace interleave {

/// The colour key of the lane states and the marker glyphs, in one line.
class LegendBar : public QWidget {
    Q_OBJECT
public:
    explicit LegendBar(QWidget* parent = nullptr);
    void setTheme(const Theme& theme);
    /// An imported trace has named slices, not states: show these names and their colours
    /// instead (empty: back to the states).
    void setSliceNames(std::vector<std::pair<std::uint32_t, QString>> names);
    /// Where a traced program's GIL states come from ("GIL read from CPython"); empty: none.
    void setGilSource(const QString& note);
    QSize sizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    /// Lays the entries out in lines that fit `width`; paints them if a painter is given.
    int layOut(int width, QPainter* painter) const;

    const Theme* m_theme;
    std::vector<std::pair<std::uint32_t, QString>> m_sliceNames; ///< (name id, name)
    QString m_gilSource;
};

} // namespace interleave
