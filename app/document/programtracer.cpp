#include "document/programtracer.h"

#include "document/recentfiles.h"
#include "panels/aboutpage.h"
#include "panels/pythonview.h"
#include "python/pythonprogram.h"
#include "qstrings.h"
#include "runcontroller.h"
#include "window/usermessages.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>

namespace interleave {

namespace {

constexpr std::size_t kProgramsKept = 4;
const char* const kLastScript = "trace/lastScript";
const char* const kLastArguments = "trace/lastArguments";

/// The dialog of File > Trace Python Program…: a script (typed or browsed) and its arguments.
class TraceDialog : public QDialog {
public:
    explicit TraceDialog(QWidget* parent)
        : QDialog(parent)
        , m_script(new QLineEdit)
        , m_arguments(new QLineEdit)
    {
        setWindowTitle("Trace Python Program");
        auto* browse = new QPushButton("Browse…");
        browse->setAutoDefault(false); // Return traces, whichever field has the focus
        auto* scriptRow = new QHBoxLayout;
        scriptRow->addWidget(m_script, 1);
        scriptRow->addWidget(browse);
        m_script->setPlaceholderText("/path/to/your_program.py");
        m_script->setMinimumWidth(420);
        m_arguments->setPlaceholderText("arguments for the script, as on a command line");
        m_script->setText(QSettings().value(kLastScript).toString());
        m_arguments->setText(QSettings().value(kLastArguments).toString());

        auto* form = new QFormLayout;
        form->addRow("Script:", scriptRow);
        form->addRow("Arguments:", m_arguments);
        auto* note = new QLabel("Runs with python3 from PATH, in the script's folder. Its "
                                "threads, locks, queues and the interpreter's own GIL are "
                                "traced; Stop (Shift+F5) ends it and everything it started.");
        note->setWordWrap(true);
        auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
        buttons->button(QDialogButtonBox::Ok)->setText("Trace");
        buttons->button(QDialogButtonBox::Ok)->setDefault(true);
        auto* layout = new QVBoxLayout(this);
        layout->addLayout(form);
        layout->addWidget(note);
        layout->addWidget(buttons);
        setTabOrder(m_script, m_arguments);
        setTabOrder(m_arguments, browse);
        connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
        connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
        connect(browse, &QPushButton::clicked, this, [this] {
            const QString start = m_script->text().isEmpty()
                                      ? QSettings().value("files/lastDirectory").toString()
                                      : QFileInfo(m_script->text()).absolutePath();
            const QString path = QFileDialog::getOpenFileName(this, "Python script", start,
                                                              "Python scripts (*.py *.pyw)");
            if (!path.isEmpty())
                m_script->setText(path);
        });
    }

    QString script() const { return m_script->text().trimmed(); }
    QString arguments() const { return m_arguments->text(); }

private:
    QLineEdit* m_script;
    QLineEdit* m_arguments;
};

} // namespace

ProgramTracer::ProgramTracer(const Parts& parts, QWidget* dialogParent, QObject* parent)
    : QObject(parent)
    , m_parts(parts)
    , m_dialogParent(dialogParent)
{
}

ProgramTracer::~ProgramTracer() = default;

bool ProgramTracer::isScript(const QString& path)
{
    return path.endsWith(".py", Qt::CaseInsensitive) || path.endsWith(".pyw", Qt::CaseInsensitive);
}

bool ProgramTracer::retrace()
{
    return active() && trace(m_script, m_arguments);
}

void ProgramTracer::setCurrent(const QString& script, const QString& arguments)
{
    m_script = script;
    m_arguments = arguments;
}

void ProgramTracer::deactivate()
{
    m_script.clear();
    m_arguments.clear();
}

void ProgramTracer::prompt()
{
    TraceDialog dialog(m_dialogParent);
    if (dialog.exec() != QDialog::Accepted || dialog.script().isEmpty())
        return;
    QSettings().setValue(kLastScript, dialog.script());
    QSettings().setValue(kLastArguments, dialog.arguments());
    trace(dialog.script(), dialog.arguments());
}

bool ProgramTracer::trace(const QString& script, const QString& arguments)
{
    if (m_parts.run->running()) {
        m_parts.messages->error("Cannot trace", "Stop the run first: it is still recording.");
        return false;
    }
    try {
        PythonProgramSpec spec;
        spec.script = script.toStdString();
        for (const QString& word : QProcess::splitCommand(arguments))
            spec.arguments.push_back(word.toStdString());
        spec.workingDirectory = QFileInfo(script).absolutePath().toStdString();
        spec.stdinFromNull = true;
        spec.outputToNull = true;
        auto program = std::make_unique<PythonProgram>(spec);
        m_parts.run->start(*program, program->runParameters());
        m_parts.python->setSource(qs(program->info().pythonSource));
        m_parts.about->showScenario(program->info());
        m_programs.push_back(std::move(program));
        while (m_programs.size() > kProgramsKept)
            m_programs.pop_front();
    } catch (const std::exception& e) {
        m_parts.messages->error("Cannot trace " + QFileInfo(script).fileName(), e.what());
        return false;
    }
    const QString absolute = QFileInfo(script).absoluteFilePath();
    setCurrent(absolute, arguments);
    m_parts.recent->remember(absolute);
    QSettings().setValue("files/lastDirectory", QFileInfo(absolute).absolutePath());
    emit tracing(absolute);
    return true;
}

} // namespace interleave
