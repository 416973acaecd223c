// Every toolbar icon stands out against the toolbar in every theme.
#include "icons.h"
#include "theme.h"

#include <QImage>
#include <QPixmap>
#include <QtTest>
#include <cmath>

using namespace interleave;

namespace {

double luminance(const QColor& c)
{
    auto channel = [](double v) {
        v /= 255.0;
        return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue());
}

/// WCAG contrast ratio, 1 (none) to 21 (black on white).
double contrast(const QColor& a, const QColor& b)
{
    const double x = luminance(a), y = luminance(b);
    return (std::max(x, y) + 0.05) / (std::min(x, y) + 0.05);
}

} // namespace

class TestIcons : public QObject {
    Q_OBJECT
private slots:
    void readableInEveryTheme()
    {
        for (const Theme* theme : {&Theme::light(), &Theme::lecture(), &Theme::dark()}) {
            const QColor background = toolbarBackground(*theme);
            for (IconKind kind : {IconKind::Run, IconKind::Stop, IconKind::Open, IconKind::Save,
                                  IconKind::Export, IconKind::Play, IconKind::Pause}) {
                const QImage image = themedIcon(kind, *theme).pixmap(24, 24).toImage();
                // The strongest-contrast part of the icon (its outline or its fill) must be
                // as far from the toolbar as WCAG asks of graphics (3:1).
                double best = 1;
                int opaque = 0;
                for (int y = 0; y < image.height(); ++y) {
                    for (int x = 0; x < image.width(); ++x) {
                        const QColor c = image.pixelColor(x, y);
                        if (c.alpha() < 200)
                            continue;
                        ++opaque;
                        best = std::max(best, contrast(c, background));
                    }
                }
                QVERIFY2(opaque > 20, qPrintable(theme->name));
                QVERIFY2(best >= 3.0, qPrintable(QString("%1 icon %2: contrast %3")
                                                     .arg(theme->name)
                                                     .arg(int(kind))
                                                     .arg(best)));
            }
        }
    }
};

QTEST_MAIN(TestIcons)
#include "tst_icons.moc"
