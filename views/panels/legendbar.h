#pragma once

#include "theme.h"

#include <QWidget>

namespace interleave {

/// The colour key of the lane states and the marker glyphs, in one line.
class LegendBar : public QWidget {
    Q_OBJECT
public:
    explicit LegendBar(QWidget* parent = nullptr);
    void setTheme(const Theme& theme);
    QSize sizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    /// Lays the entries out in lines that fit `width`; paints them if a painter is given.
    int layOut(int width, QPainter* painter) const;

    const Theme* m_theme;
};

} // namespace interleave
