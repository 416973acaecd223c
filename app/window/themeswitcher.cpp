#include "window/themeswitcher.h"

#include "theme.h"

#include <QApplication>
#include <QPalette>
#include <QSettings>
#include <QStyle>

namespace interleave {

namespace {

const char* const kKey = "view/theme";

QPalette paletteFor(const Theme& theme)
{
    QPalette palette = QApplication::style()->standardPalette();
    if (theme.kind != Theme::Kind::Dark)
        return palette;
    palette.setColor(QPalette::Window, theme.headerBackground);
    palette.setColor(QPalette::WindowText, theme.text);
    palette.setColor(QPalette::Base, theme.background);
    palette.setColor(QPalette::AlternateBase, theme.laneAlternate);
    palette.setColor(QPalette::Text, theme.text);
    palette.setColor(QPalette::Button, theme.groupBackground);
    palette.setColor(QPalette::ButtonText, theme.text);
    palette.setColor(QPalette::Highlight, theme.selectionEdge);
    palette.setColor(QPalette::ToolTipBase, theme.groupBackground);
    palette.setColor(QPalette::ToolTipText, theme.text);
    palette.setColor(QPalette::PlaceholderText, theme.mutedText);
    palette.setColor(QPalette::Disabled, QPalette::Text, theme.mutedText);
    palette.setColor(QPalette::Disabled, QPalette::ButtonText, theme.mutedText);
    return palette;
}

} // namespace

ThemeSwitcher::ThemeSwitcher(QObject* parent)
    : QObject(parent)
    , m_theme(&Theme::light())
{
}

void ThemeSwitcher::apply(const QString& name, Remember remember)
{
    m_theme = &Theme::byName(name);
    QApplication::setPalette(paletteFor(*m_theme));
    if (remember == Remember::Yes)
        QSettings().setValue(kKey, m_theme->name);
    emit themeChanged();
}

QString ThemeSwitcher::remembered()
{
    return QSettings().value(kKey, "light").toString();
}

} // namespace interleave
