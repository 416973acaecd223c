#include "panels/pythonview.h"

#include <QRegularExpression>
#include <QSyntaxHighlighter>

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

} // namespace

PythonView::PythonView(QWidget* parent)
    : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setFont(QFont("DejaVu Sans Mono", 10));
    setLineWrapMode(QPlainTextEdit::NoWrap);
    new PythonHighlighter(document());
}

void PythonView::setSource(const QString& source)
{
    setPlainText(source);
}

} // namespace interleave
