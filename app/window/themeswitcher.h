#pragma once

#include <QObject>
#include <QString>

namespace interleave {

struct Theme;

/// The look of the whole application: the theme every view draws with, and Qt's own widgets
/// (Fusion) in a palette that matches it. The user's choice is remembered; a theme given on the
/// command line is for this session only.
class ThemeSwitcher : public QObject {
    Q_OBJECT
public:
    enum class Remember { Yes, No };

    explicit ThemeSwitcher(QObject* parent = nullptr);

    const Theme& current() const { return *m_theme; }
    /// "light", "lecture" or "dark" (anything else is light).
    void apply(const QString& name, Remember remember = Remember::Yes);
    /// The theme the user chose last time.
    static QString remembered();

signals:
    /// current() is another theme now.
    void themeChanged();

private:
    const Theme* m_theme;
};

} // namespace interleave
