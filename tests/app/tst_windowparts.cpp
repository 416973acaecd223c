// The smaller parts the window composes — settings, themes, the scenario on show, the status
// bar — each driven on its own.
#include "apptestsupport.h"
#include "charts/sweepchart.h"
#include "document/tracedocument.h"
#include "panels/aboutpage.h"
#include "panels/parameterform.h"
#include "panels/pythonview.h"
#include "panels/scenariobrowser.h"
#include "panels/sweeppanel.h"
#include "runcontroller.h"
#include "scenario/registry.h"
#include "theme.h"
#include "trace/synthetictrace.h"
#include "trace/tracestore.h"
#include "window/appsettings.h"
#include "window/runstatus.h"
#include "window/scenarioselection.h"
#include "window/themeswitcher.h"
#include "window/usermessages.h"

#include <QLabel>
#include <QSignalSpy>
#include <QStatusBar>
#include <QtTest>

using namespace interleave;

namespace {

/// A scenario selection over fresh widgets.
struct Selection {
    ScenarioBrowser browser;
    ParameterForm form;
    AboutPage about;
    PythonView python;
    SweepPanel sweep;
    RunController run;
    UserMessages messages{nullptr, nullptr};
    ScenarioSelection selection{{&browser, &form, &about, &python, &sweep}, &run, &messages};
};

QString value(const ParameterForm& form, const std::string& name)
{
    for (const auto& [key, text] : form.assignments()) {
        if (key == name)
            return QString::fromStdString(text);
    }
    return {};
}

} // namespace

class TestWindowParts : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid());
        test::isolateSettings(m_settings, "InterleavePartsTest");
    }

    void parametersRoundTripThroughTheSettings()
    {
        const Assignments assignments{{"workers", "3"}, {"time_scale", "0.5"}};
        QCOMPARE(AppSettings::joinAssignments(assignments), QString("workers=3;time_scale=0.5"));
        QCOMPARE(AppSettings::splitAssignments("workers=3;time_scale=0.5;broken;=x"), assignments);
        AppSettings::setParameters("pool-map", assignments);
        QCOMPARE(AppSettings::parameters("pool-map"), assignments);
        QVERIFY(AppSettings::parameters("never-set").empty());
    }

    void aThemeFromTheCommandLineIsNotRemembered()
    {
        ThemeSwitcher themes;
        QSignalSpy changed(&themes, &ThemeSwitcher::themeChanged);
        themes.apply("dark");
        QCOMPARE(themes.current().name, QString("dark"));
        QCOMPARE(ThemeSwitcher::remembered(), QString("dark"));
        themes.apply("lecture", ThemeSwitcher::Remember::No);
        QCOMPARE(themes.current().name, QString("lecture"));
        QCOMPARE(ThemeSwitcher::remembered(), QString("dark"));
        QCOMPARE(changed.count(), 2);
        themes.apply("light");
    }

    void theScenarioOnShowKeepsItsParameters()
    {
        {
            Selection s;
            QVERIFY(!s.selection.select("no-such-scenario"));
            QVERIFY(s.selection.select("pool-apply"));
            QCOMPARE(s.selection.currentId(), QString("pool-apply"));
            QVERIFY(s.about.toPlainText().contains("Pool.apply"));
            QVERIFY(!s.python.toPlainText().isEmpty());
            QVERIFY(s.selection.prompt().contains("press Run"));
            QVERIFY(s.form.setValue("tasks", "12"));
        }
        Selection again;
        QCOMPARE(AppSettings::lastScenario("x"), QString("pool-apply"));
        QVERIFY(again.selection.select("pool-apply"));
        QCOMPARE(value(again.form, "tasks"), QString("12"));

        // A trace of a scenario brings its scenario and its own parameters back.
        TraceStore trace;
        trace.run.scenario = "thread-race-counter";
        trace.run.parameters = {{"lock", "true"}};
        again.selection.showRunOf(trace);
        QCOMPARE(again.selection.currentId(), QString("thread-race-counter"));
        QCOMPARE(value(again.form, "lock"), QString("true"));
    }

    void theStatusBarSaysWhatIsOnShow()
    {
        QStatusBar bar;
        RunController run;
        TraceDocument document;
        RunStatus status(&bar, &run, &document);
        status.update();
        QLabel* state = bar.findChild<QLabel*>("runState");
        QVERIFY(state->text().contains("Ready"));
        SyntheticTraceSpec spec;
        spec.events = 3000;
        spec.lanes = 2;
        const auto trace = makeSyntheticTrace(spec);
        document.openFile(trace, "/tmp/s.itrace");
        QVERIFY(state->text().contains("Trace loaded"));
        bool events = false;
        for (QLabel* label : bar.findChildren<QLabel*>())
            events |= label->text() == QString("%L1 events").arg(trace->eventCount());
        QVERIFY(events);
    }

    void theSweepPanelForgetsAnotherScenariosResults()
    {
        SweepPanel panel;
        panel.setScenario(findScenario("thread-pool-io"), {});
        SweepResult result;
        result.scenario = "thread-pool-io";
        result.parameter = "pool_size";
        result.rows.resize(2);
        panel.showResult(result, QString());
        QVERIFY(!panel.findChild<SweepChart*>()->empty());
        panel.setScenario(findScenario("gil-cpu-threads"), {});
        QVERIFY(panel.result().rows.empty());
        QVERIFY(panel.findChild<SweepChart*>()->empty());
    }

    void sweepAxesTickAtRoundNumbers()
    {
        // 4077.9 ms on an axis reads as noise: ticks are 1, 2 or 5 x 10^k from 0 to the top.
        const std::vector<double> ticks = axisTicks(4077.9, 4);
        QCOMPARE(ticks.front(), 0.0);
        QVERIFY(ticks.back() >= 4077.9);
        const double step = ticks[1] - ticks[0];
        QVERIFY(step == 1000.0 || step == 2000.0 || step == 500.0);
        for (std::size_t i = 1; i < ticks.size(); ++i)
            QCOMPARE(ticks[i] - ticks[i - 1], step);
        QVERIFY(ticks.size() <= 6);
    }

private:
    QTemporaryDir m_settings;
};

QTEST_MAIN(TestWindowParts)
#include "tst_windowparts.moc"
