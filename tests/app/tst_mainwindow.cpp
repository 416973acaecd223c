#include "mainwindow.h"
#include "scenario/registry.h"

#include <QTextBrowser>
#include <QTreeWidget>
#include <QtTest>

using namespace interleave;

/// The window opens and lists the scenario catalogue.
class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void listsScenariosAndShowsTheirDetails()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* tree = window.findChild<QTreeWidget*>();
        QVERIFY(tree);
        int scenarios = 0;
        for (int g = 0; g < tree->topLevelItemCount(); ++g)
            scenarios += tree->topLevelItem(g)->childCount();
        QCOMPARE(scenarios, int(allScenarios().size()));
        auto* details = window.findChild<QTextBrowser*>();
        QVERIFY(details);
        QVERIFY(details->toPlainText().contains("What to look for"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
