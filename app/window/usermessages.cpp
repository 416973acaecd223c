#include "window/usermessages.h"

#include <QMessageBox>
#include <QStatusBar>

namespace interleave {

UserMessages::UserMessages(QWidget* window, QStatusBar* bar, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_bar(bar)
{
}

void UserMessages::error(const QString& title, const QString& message)
{
    m_lastError = message;
    if (m_bar)
        m_bar->showMessage(title + ": " + message, 10000);
    if (m_window) {
        auto* box =
            new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, m_window);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setWindowModality(Qt::NonModal);
        box->show();
    }
    emit errorShown(title, message);
}

void UserMessages::notice(const QString& text, int milliseconds)
{
    if (m_bar)
        m_bar->showMessage(text, milliseconds);
}

} // namespace interleave
