// The German and Spanish translations: complete (every message finished, placeholders kept), compiled, and
// actually used by the widgets once installed.
#include "app/net/realtimeclient.h"
#include "app/widgets/connectionstatuswidget.h"

#include <QApplication>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace betthat::app;

class TestTranslations : public QObject
{
    Q_OBJECT

private:
    static QSet<QString> placeholders(const QString &text)
    {
        static const QRegularExpression pattern(QStringLiteral("%(\\d|n)"));
        QSet<QString> found;
        for (auto it = pattern.globalMatch(text); it.hasNext();)
            found.insert(it.next().captured(0));
        return found;
    }

private Q_SLOTS:
    void tsFile_isComplete_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("de") << QStringLiteral("de");
        QTest::newRow("es") << QStringLiteral("es");
    }

    void tsFile_isComplete()
    {
        QFETCH(QString, language);
        QFile file(qEnvironmentVariable("BETTHAT_SOURCE_DIR")
            + QStringLiteral("/translations/betthat_%1.ts").arg(language));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        QXmlStreamReader xml(&file);
        int messages = 0;
        QString source;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == QLatin1String("source")) {
                source = xml.readElementText();
            } else if (xml.name() == QLatin1String("translation")) {
                ++messages;
                const QString type = xml.attributes().value(QStringLiteral("type")).toString();
                QVERIFY2(type != QLatin1String("unfinished") && type != QLatin1String("obsolete")
                        && type != QLatin1String("vanished"),
                    qPrintable(QStringLiteral("%1: not finished: %2").arg(language, source)));
                // Numerus forms come concatenated: each must keep the placeholders, so the union must too.
                const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                QVERIFY2(!text.trimmed().isEmpty() || source.trimmed().isEmpty(),
                    qPrintable(QStringLiteral("%1: empty translation of: %2").arg(language, source)));
                QVERIFY2(placeholders(text) == placeholders(source),
                    qPrintable(QStringLiteral("%1: placeholders differ in: %2").arg(language, source)));
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(messages > 300);
    }

    void everyTrStringOfTheApp_isInTheTsFiles_data() { tsFile_isComplete_data(); }

    void everyTrStringOfTheApp_isInTheTsFiles()
    {
        // lupdate over the sources into a copy: anything it has to add is a string nobody translated.
        QFETCH(QString, language);
        const QString source = qEnvironmentVariable("BETTHAT_SOURCE_DIR");
        QTemporaryDir dir;
        const QString copy = dir.filePath(QStringLiteral("betthat_%1.ts").arg(language));
        QVERIFY(QFile::copy(source + QStringLiteral("/translations/betthat_%1.ts").arg(language), copy));
        QProcess lupdate;
        lupdate.setProcessChannelMode(QProcess::MergedChannels);
        lupdate.start(QStringLiteral(BETTHAT_LUPDATE),
                      {QStringLiteral("-silent"), QStringLiteral("-locations"), QStringLiteral("none"),
                       QStringLiteral("-extensions"), QStringLiteral("cpp,h"), source + QStringLiteral("/app"),
                       QStringLiteral("-ts"), copy});
        QVERIFY(lupdate.waitForFinished(60000));
        QCOMPARE(lupdate.exitCode(), 0);
        QFile file(copy);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&file);
        QStringList untranslated;
        QString current;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && xml.name() == QLatin1String("source"))
                current = xml.readElementText();
            else if (xml.isStartElement() && xml.name() == QLatin1String("translation")
                     && xml.attributes().value(QStringLiteral("type")) == QLatin1String("unfinished"))
                untranslated.append(current);
        }
        QVERIFY2(untranslated.isEmpty(),
                 qPrintable(QStringLiteral("%1: not translated (run `ninja betthat_lupdate`, then translate): %2")
                                .arg(language, untranslated.join(QStringLiteral(" | ")))));
    }

    void compiledGerman_isUsedByTheWidgets()
    {
        QTranslator german;
        QVERIFY(
            german.load(qEnvironmentVariable("BETTHAT_BINARY_DIR") + QStringLiteral("/app/betthat_de.qm")));
        QVERIFY(QCoreApplication::installTranslator(&german));
        ConnectionStatusWidget widget;
        widget.setStatus(RealTimeClient::State::AuthFailed);
        QCOMPARE(widget.text(), QStringLiteral("Anmeldung nötig"));
        widget.setStatus(RealTimeClient::State::Reconnecting, {}, 2000);
        QCOMPARE(widget.text(), QStringLiteral("Neue Verbindung in 2 s"));
        QCoreApplication::removeTranslator(&german);
    }

    void compiledSpanish_hasPluralForms()
    {
        QTranslator spanish;
        QVERIFY(
            spanish.load(qEnvironmentVariable("BETTHAT_BINARY_DIR") + QStringLiteral("/app/betthat_es.qm")));
        QCOMPARE(spanish.translate("betthat::app::ToastManager", "%n bets resolved", nullptr, 12),
            QStringLiteral("%n apuestas resueltas"));
        QCOMPARE(spanish.translate("betthat::app::ToastManager", "%n bets resolved", nullptr, 1),
            QStringLiteral("%n apuesta resuelta"));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
