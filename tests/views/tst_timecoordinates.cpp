#include "timeline/timecoordinates.h"

#include <QtTest>

using namespace interleave;

class TestTimeCoordinates : public QObject {
    Q_OBJECT
private slots:
    void roundTrip_data()
    {
        QTest::addColumn<qulonglong>("start");
        QTest::addColumn<qulonglong>("end");
        QTest::addColumn<double>("width");
        QTest::newRow("one second over 1000 px") << 0ull << 1'000'000'000ull << 1000.0;
        QTest::newRow("deep zoom late in a long trace")
            << 3'600'000'000'000ull << 3'600'000'001'000ull << 1600.0;
        QTest::newRow("CLOCK_MONOTONIC after months of uptime")
            << 15'000'000'000'000'000ull << 15'000'000'000'000'400ull << 800.0;
    }
    void roundTrip()
    {
        QFETCH(qulonglong, start);
        QFETCH(qulonglong, end);
        QFETCH(double, width);
        const Viewport v{start, end, 200.0, width};
        QCOMPARE(timeToX(start, v), 200.0);
        QCOMPARE(timeToX(end, v), 200.0 + width);
        for (double x : {200.0, 250.5, 200.0 + width / 2, 200.0 + width}) {
            const std::uint64_t t = xToTime(x, v);
            // Within one nanosecond whatever the magnitude of the times.
            QVERIFY(std::abs(timeToX(t, v) - x) <= width / double(end - start) + 1e-9);
        }
        // Times before the window map left of it, not to a wrapped-around huge value.
        if (start > 1000)
            QVERIFY(timeToX(start - 1000, v) < 200.0);
    }

    void ticksUseOneTwoFiveSteps_data()
    {
        QTest::addColumn<qulonglong>("window");
        QTest::addColumn<qulonglong>("step");
        QTest::newRow("1 s over 1000 px") << 1'000'000'000ull << 100'000'000ull;
        QTest::newRow("10 ms") << 10'000'000ull << 1'000'000ull;
        QTest::newRow("3 µs") << 3'000ull << 500ull;
        QTest::newRow("40 ns") << 40ull << 5ull;
        QTest::newRow("2 hours") << 7'200'000'000'000ull << 1'000'000'000'000ull;
    }
    void ticksUseOneTwoFiveSteps()
    {
        QFETCH(qulonglong, window);
        QFETCH(qulonglong, step);
        const Viewport v{1'000'000, 1'000'000 + window, 0, 1000};
        QCOMPARE(qulonglong(tickStep(v, 90)), step);
        const auto ticks = rulerTicks(v, 1'000'000, 90);
        QVERIFY(!ticks.empty());
        double previousMajor = -1e9;
        for (const Tick& tick : ticks) {
            QVERIFY(tick.x >= -1 && tick.x <= 1001);
            if (tick.major) {
                QVERIFY(!tick.label.empty());
                QVERIFY(tick.x - previousMajor >= 89.9); // labels never crowd
                previousMajor = tick.x;
                QCOMPARE((tick.t - 1'000'000) % step, 0ull); // aligned to the origin
            }
        }
    }

    void labelsReadNaturally_data()
    {
        QTest::addColumn<qlonglong>("ns");
        QTest::addColumn<qulonglong>("step");
        QTest::addColumn<QString>("label");
        QTest::newRow("zero in ms") << 0ll << 5'000'000ull << "0 ms";
        QTest::newRow("seconds") << 1'500'000'000ll << 500'000'000ull << "1.5 s";
        QTest::newRow("quarter seconds") << 1'250'000'000ll << 250'000'000ull << "1.25 s";
        QTest::newRow("milliseconds") << 250'000'000ll << 50'000'000ull << "250 ms";
        QTest::newRow("microseconds") << 12'500ll << 500ull << "12.5 µs";
        QTest::newRow("nanoseconds") << 800ll << 100ull << "800 ns";
    }
    void labelsReadNaturally()
    {
        QFETCH(qlonglong, ns);
        QFETCH(qulonglong, step);
        QFETCH(QString, label);
        QCOMPARE(QString::fromStdString(formatOffset(ns, step)), label);
    }

    void deepInALongTraceLabelsSayHowFarOn()
    {
        // 100 µs of view 1.17 s into the trace: one label says where, the others "+20 µs".
        const std::uint64_t origin = 5'000'000'000;
        const Viewport v{origin + 1'173'300'000, origin + 1'173'400'000, 0, 1000};
        std::vector<std::string> labels;
        for (const Tick& tick : rulerTicks(v, origin, 90)) {
            if (tick.major && tick.t >= v.start)
                labels.push_back(tick.label);
        }
        QVERIFY(labels.size() >= 3);
        QCOMPARE(QString::fromStdString(labels[0]), QString("1.17330 s"));
        QCOMPARE(QString::fromStdString(labels[1]), QString("+10 µs"));
        QCOMPARE(QString::fromStdString(labels[2]), QString("+20 µs"));
        // Near the start, labels stay plain.
        const Viewport near{origin, origin + 100'000, 0, 1000};
        for (const Tick& tick : rulerTicks(near, origin, 90))
            QVERIFY(tick.label.empty() || tick.label[0] != '+');
    }

    void preciseDurations()
    {
        QCOMPARE(QString::fromStdString(formatPrecise(12'345'678)), QString("12.35 ms"));
        QCOMPARE(QString::fromStdString(formatPrecise(999)), QString("999 ns"));
        QCOMPARE(QString::fromStdString(formatPrecise(2'000'000'000)), QString("2 s"));
    }
};

QTEST_APPLESS_MAIN(TestTimeCoordinates)
#include "tst_timecoordinates.moc"
