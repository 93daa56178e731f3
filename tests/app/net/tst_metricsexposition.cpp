// MetricsExposition: the strict parser of the server's Prometheus text — what it accepts, what it refuses
// (naming the line), its limits, and the histogram lookup the server panel's percentiles come from.
#include "app/net/metricsexposition.h"

#include <QTest>
#include <cmath>

using namespace betthat;
using namespace betthat::app;

class TestMetricsExposition : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_accepts_data();
    void parse_accepts();
    void parse_refusesMalformedLines_data();
    void parse_refusesMalformedLines();
    void parse_limits_data();
    void parse_limits();
    void sum_addsMatchingSeries();
    void histogram_data();
    void histogram();
};

void TestMetricsExposition::parse_accepts_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("labelName"); // empty: no labels
    QTest::addColumn<QString>("labelValue");
    QTest::addColumn<double>("expected");
    QTest::addColumn<int>("seriesCount");

    QTest::newRow("counter") << QByteArray("# HELP a_total Things.\n# TYPE a_total counter\na_total 3\n")
                             << "a_total" << "" << "" << 3.0 << 1;
    QTest::newRow("gauge with a label") << QByteArray("# TYPE g gauge\ng{transport=\"websocket\"} 2\n") << "g"
                                        << "transport" << "websocket" << 2.0 << 1;
    QTest::newRow("escapes in a label value") << QByteArray("g{path=\"a\\\"b\\\\c\\nd\"} 1\n") << "g" << "path"
                                              << "a\"b\\c\nd" << 1.0 << 1;
    QTest::newRow("trailing comma") << QByteArray("g{a=\"1\",} 4\n") << "g" << "a" << "1" << 4.0 << 1;
    QTest::newRow("blanks around labels") << QByteArray("g { a = \"1\" , b=\"2\" }\t5\n") << "g" << "a" << "1"
                                          << 5.0 << 1;
    QTest::newRow("timestamp") << QByteArray("g 7 1700000000000\n") << "g" << "" << "" << 7.0 << 1;
    QTest::newRow("exponent") << QByteArray("g 1.5e-3\n") << "g" << "" << "" << 0.0015 << 1;
    QTest::newRow("negative gauge") << QByteArray("# TYPE g gauge\ng -2.5\n") << "g" << "" << "" << -2.5 << 1;
    QTest::newRow("+Inf") << QByteArray("g +Inf\n") << "g" << "" << "" << qInf() << 1;
    QTest::newRow("no final newline") << QByteArray("a 1\nb 2") << "b" << "" << "" << 2.0 << 2;
    QTest::newRow("comments and blank lines") << QByteArray("# a comment\n\n   \na 1\n# another\n") << "a" << ""
                                              << "" << 1.0 << 1;
    QTest::newRow("colon in a name") << QByteArray("job:rate5m 0.5\n") << "job:rate5m" << "" << "" << 0.5 << 1;
    QTest::newRow("same name, other labels")
        << QByteArray("# TYPE e counter\ne{result=\"sent\"} 4\ne{result=\"failed\"} 1\n") << "e" << "result"
        << "failed" << 1.0 << 2;
}

void TestMetricsExposition::parse_accepts()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, name);
    QFETCH(QString, labelName);
    QFETCH(QString, labelValue);
    QFETCH(double, expected);
    QFETCH(int, seriesCount);
    const auto parsed = MetricsExposition::parse(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed ? QString() : parsed.error().message));
    QCOMPARE(parsed->series().size(), seriesCount);
    MetricsExposition::Labels labels;
    if (!labelName.isEmpty())
        labels.insert(labelName, labelValue);
    if (name == QLatin1String("g") && labelName == QLatin1String("a") && text.contains("b=\"2\""))
        labels.insert(QStringLiteral("b"), QStringLiteral("2"));
    const auto value = parsed->value(name, labels);
    QVERIFY(value.has_value());
    QCOMPARE(*value, expected);
}

void TestMetricsExposition::parse_refusesMalformedLines_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("line");

    QTest::newRow("name starts with a digit") << QByteArray("ok 1\n1abc 1\n") << 2;
    QTest::newRow("no value") << QByteArray("a\n") << 1;
    QTest::newRow("value not a number") << QByteArray("a abc\n") << 1;
    QTest::newRow("hex value") << QByteArray("a 0x10\n") << 1;
    QTest::newRow("decimal comma") << QByteArray("a 1,5\n") << 1;
    QTest::newRow("text after the timestamp") << QByteArray("a 1 2 3\n") << 1;
    QTest::newRow("timestamp not an integer") << QByteArray("a 1 1.5\n") << 1;
    QTest::newRow("unterminated label value") << QByteArray("a{b=\"1} 1\n") << 1;
    QTest::newRow("unknown escape") << QByteArray("a{b=\"\\t\"} 1\n") << 1;
    QTest::newRow("unquoted label value") << QByteArray("a{b=1} 1\n") << 1;
    QTest::newRow("label without =") << QByteArray("a{b} 1\n") << 1;
    QTest::newRow("label repeated") << QByteArray("a{b=\"1\",b=\"2\"} 1\n") << 1;
    QTest::newRow("labels without a comma") << QByteArray("a{b=\"1\" c=\"2\"} 1\n") << 1;
    QTest::newRow("labels never closed") << QByteArray("a{b=\"1\"\n") << 1;
    QTest::newRow("series repeated") << QByteArray("a 1\nb 1\na 2\n") << 3;
    QTest::newRow("series repeated, labels reordered")
        << QByteArray("a{x=\"1\",y=\"2\"} 1\na{y=\"2\",x=\"1\"} 1\n") << 2;
    QTest::newRow("unknown type") << QByteArray("# TYPE a countr\na 1\n") << 1;
    QTest::newRow("type without a name") << QByteArray("# TYPE\n") << 1;
    QTest::newRow("second type") << QByteArray("# TYPE a counter\n# TYPE a gauge\n") << 2;
    QTest::newRow("type after samples") << QByteArray("a 1\n# TYPE a gauge\n") << 2;
    QTest::newRow("negative counter") << QByteArray("# TYPE a_total counter\na_total -1\n") << 2;
    QTest::newRow("NaN counter") << QByteArray("# TYPE a_total counter\na_total NaN\n") << 2;
    QTest::newRow("bucket without le") << QByteArray("# TYPE h histogram\nh_bucket 1\n") << 2;
    QTest::newRow("bucket with a word for le") << QByteArray("# TYPE h histogram\nh_bucket{le=\"many\"} 1\n")
                                               << 2;
    QTest::newRow("carriage return") << QByteArray("a 1\r\n") << 1;
    QTest::newRow("NUL byte") << QByteArray("a 1\nb\0 1\n", 9) << 2;
}

void TestMetricsExposition::parse_refusesMalformedLines()
{
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    const auto parsed = MetricsExposition::parse(text);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code, ErrorCode::Internal);
    QVERIFY2(parsed.error().message.startsWith(QStringLiteral("metrics line %1:").arg(line)),
        qPrintable(parsed.error().message));
}

void TestMetricsExposition::parse_limits_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("reason");

    MetricsExposition::Limits limits;
    QTest::newRow("too large") << QByteArray(limits.maxBytes + 1, 'a') << "larger than";
    QTest::newRow("line too long") << (QByteArray("a{b=\"") + QByteArray(limits.maxLineLength, 'x') + "\"} 1\n")
                                   << "longer than";
    QByteArray many;
    for (int i = 0; i <= limits.maxSeries; ++i)
        many += "s{i=\"" + QByteArray::number(i) + "\"} 1\n";
    QTest::newRow("too many series") << many << "more than";
    QByteArray labels = "a{";
    for (int i = 0; i <= limits.maxLabels; ++i)
        labels += "l" + QByteArray::number(i) + "=\"1\",";
    QTest::newRow("too many labels") << (labels + "} 1\n") << "more than";
}

void TestMetricsExposition::parse_limits()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, reason);
    const auto parsed = MetricsExposition::parse(text);
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.error().message.contains(reason), qPrintable(parsed.error().message));
}

void TestMetricsExposition::sum_addsMatchingSeries()
{
    const auto parsed = MetricsExposition::parse("# TYPE r counter\n"
                                                 "r{route=\"/a\",status=\"200\"} 10\n"
                                                 "r{route=\"/a\",status=\"500\"} 2\n"
                                                 "r{route=\"/b\",status=\"503\"} 3\n");
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->sum(QStringLiteral("r")), 15.0);
    const auto serverErrors = [](const MetricsExposition::Labels &l) {
        return l.value(QStringLiteral("status")).startsWith(QLatin1Char('5'));
    };
    QCOMPARE(parsed->sum(QStringLiteral("r"), serverErrors), 5.0);
    QVERIFY(!parsed->sum(QStringLiteral("missing")).has_value());
    QCOMPARE(parsed->type(QStringLiteral("r")), MetricsExposition::Type::Counter);
    QCOMPARE(parsed->type(QStringLiteral("missing")), MetricsExposition::Type::Untyped);
}

void TestMetricsExposition::histogram_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("route"); // the label besides le; empty for none
    QTest::addColumn<QString>("problem"); // empty: valid
    QTest::addColumn<QList<double>>("bounds");
    QTest::addColumn<QList<double>>("counts");

    const QByteArray head = "# TYPE h histogram\n";
    QTest::newRow("plain") << (head
        + "h_bucket{le=\"0.005\"} 2\nh_bucket{le=\"0.01\"} 5\nh_bucket{le=\"+Inf\"} 6\nh_sum 0.1\nh_count 6\n")
                           << "" << "" << QList<double> { 0.005, 0.01, qInf() } << QList<double> { 2, 5, 6 };
    QTest::newRow("buckets out of order") << (head
        + "h_bucket{le=\"+Inf\"} 6\nh_bucket{le=\"0.01\"} 5\nh_bucket{le=\"0.005\"} 2\nh_sum 0.1\nh_count 6\n")
                                          << "" << "" << QList<double> { 0.005, 0.01, qInf() }
                                          << QList<double> { 2, 5, 6 };
    QTest::newRow("one route of several") << (head
        + "h_bucket{route=\"/a\",le=\"1\"} 1\nh_bucket{route=\"/a\",le=\"+Inf\"} 1\nh_sum{route=\"/a\"} 0.5\n"
          "h_count{route=\"/a\"} 1\nh_bucket{route=\"/b\",le=\"1\"} 7\nh_bucket{route=\"/b\",le=\"+Inf\"} 9\n"
          "h_sum{route=\"/b\"} 20\nh_count{route=\"/b\"} 9\n")
                                          << "/b" << "" << QList<double> { 1, qInf() } << QList<double> { 7, 9 };
    QTest::newRow("no buckets") << (head + "h_sum 0\nh_count 0\n") << "" << "no buckets" << QList<double> {}
                                << QList<double> {};
    QTest::newRow("no +Inf") << (head + "h_bucket{le=\"1\"} 1\nh_sum 0\nh_count 1\n") << "" << "+Inf"
                             << QList<double> {} << QList<double> {};
    QTest::newRow("counts fall") << (head + "h_bucket{le=\"1\"} 3\nh_bucket{le=\"+Inf\"} 2\nh_sum 0\nh_count 2\n")
                                 << "" << "fall" << QList<double> {} << QList<double> {};
    QTest::newRow("count differs") << (head + "h_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 0\nh_count 3\n")
                                   << "" << "_count differs" << QList<double> {} << QList<double> {};
    QTest::newRow("no count") << (head + "h_bucket{le=\"+Inf\"} 2\nh_sum 0\n") << "" << "no _count"
                              << QList<double> {} << QList<double> {};
    QTest::newRow("bound twice") << (head + "h_bucket{le=\"1\"} 1\nh_bucket{le=\"1.0\"} 1\nh_bucket{le=\"+Inf\"} 1\n"
                                            "h_sum 0\nh_count 1\n")
                                 << "" << "twice" << QList<double> {} << QList<double> {};
}

void TestMetricsExposition::histogram()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, route);
    QFETCH(QString, problem);
    QFETCH(QList<double>, bounds);
    QFETCH(QList<double>, counts);
    const auto parsed = MetricsExposition::parse(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed ? QString() : parsed.error().message));
    MetricsExposition::Labels labels;
    if (!route.isEmpty())
        labels.insert(QStringLiteral("route"), route);
    const auto histogram = parsed->histogram(QStringLiteral("h"), labels);
    if (!problem.isEmpty()) {
        QVERIFY(!histogram.ok());
        QVERIFY2(histogram.error().message.contains(problem), qPrintable(histogram.error().message));
        return;
    }
    QVERIFY2(histogram.ok(), qPrintable(histogram ? QString() : histogram.error().message));
    QCOMPARE(QList<double>(histogram->bounds.cbegin(), histogram->bounds.cend()), bounds);
    QCOMPARE(QList<double>(histogram->cumulative.cbegin(), histogram->cumulative.cend()), counts);
    QCOMPARE(histogram->count, counts.last());
}

QTEST_GUILESS_MAIN(TestMetricsExposition)
#include "tst_metricsexposition.moc"
