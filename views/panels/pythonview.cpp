#include "panels/pythonview.h"

#include <QPainter>
#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextBlock>

namespace interleave {

namespace {

/// Keywords, built-ins, strings, numbers and comments: enough to read a lesson at a glance.
class PythonHighlighter : public QSyntaxHighlighter {
public:
    explicit PythonHighlighter(QTextDocument* document)
        : QSyntaxHighlighter(document)
    {
        QTextCharFormat keyword;
        keyword.setForeground(QColor(0x00, 0x5C, 0xC5));
        keyword.setFontWeight(QFont::Bold);
        QTextCharFormat builtin;
        builtin.setForeground(QColor(0x6A, 0x3D, 0x9A));
        QTextCharFormat number;
        number.setForeground(QColor(0xB3, 0x58, 0x00));
        QTextCharFormat string;
        string.setForeground(QColor(0x1B, 0x78, 0x37));
        QTextCharFormat comment;
        comment.setForeground(QColor(0x70, 0x70, 0x70));
        comment.setFontItalic(true);
        m_rules = {
            {QRegularExpression("\\b(import|from|as|def|class|return|for|in|while|if|elif|else|"
                                "with|break|continue|pass|True|False|None|and|or|not|is|global|"
                                "lambda|try|except|finally|raise)\\b"),
             keyword},
            {QRegularExpression("\\b(print|range|len|super|self|int|str|list)\\b"), builtin},
            {QRegularExpression("\\b[0-9][0-9_]*(\\.[0-9]+)?\\b"), number},
            {QRegularExpression("'[^']*'|\"[^\"]*\""), string},
            {QRegularExpression("#[^\\n]*"), comment},
        };
    }

protected:
    void highlightBlock(const QString& text) override
    {
        for (const auto& [pattern, format] : m_rules) {
            auto matches = pattern.globalMatch(text);
            while (matches.hasNext()) {
                const auto match = matches.next();
                setFormat(int(match.capturedStart()), int(match.capturedLength()), format);
            }
        }
    }

private:
    std::vector<std::pair<QRegularExpression, QTextCharFormat>> m_rules;
};

/// The strip left of the text that shows line numbers; PythonView paints it.
class Gutter : public QWidget {
public:
    explicit Gutter(PythonView* view)
        : QWidget(view)
        , m_view(view)
    {
    }
    QSize sizeHint() const override { return QSize(m_view->gutterWidth(), 0); }

protected:
    void paintEvent(QPaintEvent* event) override { m_view->paintGutter(event); }

private:
    PythonView* m_view;
};

} // namespace

PythonView::PythonView(QWidget* parent)
    : QPlainTextEdit(parent)
    , m_gutter(new Gutter(this))
{
    setReadOnly(true);
    setFont(QFont("DejaVu Sans Mono", 10));
    setLineWrapMode(QPlainTextEdit::NoWrap);
    new PythonHighlighter(document());
    connect(this, &QPlainTextEdit::blockCountChanged, this,
            [this] { setViewportMargins(gutterWidth(), 0, 0, 0); });
    connect(this, &QPlainTextEdit::updateRequest, this, &PythonView::updateGutter);
    setViewportMargins(gutterWidth(), 0, 0, 0);
}

void PythonView::setSource(const QString& source)
{
    setPlainText(source);
}

int PythonView::gutterWidth() const
{
    const int digits = int(QString::number(std::max(1, blockCount())).size());
    return 12 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * std::max(2, digits);
}

void PythonView::resizeEvent(QResizeEvent* event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect area = contentsRect();
    m_gutter->setGeometry(QRect(area.left(), area.top(), gutterWidth(), area.height()));
}

void PythonView::updateGutter(const QRect& rect, int dy)
{
    if (dy != 0)
        m_gutter->scroll(0, dy);
    else
        m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
}

void PythonView::paintGutter(QPaintEvent* event)
{
    QPainter painter(m_gutter);
    const QPalette& colours = palette();
    painter.fillRect(event->rect(), colours.color(QPalette::AlternateBase));
    painter.setPen(colours.color(QPalette::PlaceholderText));
    painter.setFont(font());
    QTextBlock block = firstVisibleBlock();
    int top = int(blockBoundingGeometry(block).translated(contentOffset()).top());
    const int lineHeight = fontMetrics().height();
    while (block.isValid() && top <= event->rect().bottom()) {
        if (block.isVisible())
            painter.drawText(0, top, m_gutter->width() - 6, lineHeight, Qt::AlignRight,
                             QString::number(block.blockNumber() + 1));
        top += int(blockBoundingRect(block).height());
        block = block.next();
    }
}

} // namespace interleave
