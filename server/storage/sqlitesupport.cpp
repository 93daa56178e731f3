#include "sqlitesupport.h"

#include "common/jsoncodec.h"

namespace betthat::server::sqlite {

QVariant msOrNull(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toMSecsSinceEpoch()) : QVariant();
}

qint64 msOrNow(const QDateTime &time)
{
    return time.isValid() ? time.toMSecsSinceEpoch() : QDateTime::currentMSecsSinceEpoch();
}

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

QDateTime fromMs(const QVariant &value)
{
    // Qt::UTC rather than QTimeZone::utc(): on 6.4 the latter yields timeSpec() == Qt::TimeZone, unlike
    // currentDateTimeUtc() and parseIsoUtc(); the same instant should look the same wherever it came from.
    return value.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

std::optional<qint64> parseId(const QString &id)
{
    bool ok = false;
    const qint64 value = id.toLongLong(&ok);
    if (!ok || value <= 0)
        return std::nullopt;
    return value;
}

QVariant idOrNull(const QString &id)
{
    const auto parsed = parseId(id);
    return parsed ? QVariant(*parsed) : QVariant();
}

int sqliteCode(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? code & 0xff : -1; // the primary code, whether or not extended codes are on
}

bool isBusy(const QSqlError &error)
{
    const int code = sqliteCode(error);
    return code == kSqliteBusy || code == kSqliteLocked;
}

Error storageError(const QString &what, const QSqlError &error)
{
    if (isBusy(error))
        return makeError(ErrorCode::Unavailable,
            QStringLiteral("%1: the database is busy; try again (%2)").arg(what, error.databaseText()));
    return makeError(ErrorCode::Internal, QStringLiteral("%1: %2").arg(what, error.text()));
}

Error notOpen()
{
    return makeError(ErrorCode::Unavailable, QStringLiteral("the database is not open"));
}

Error readError(const QString &what, const QSqlError &error)
{
    qCWarning(lcStorage).noquote() << what << "failed:" << error.text();
    return makeError(ErrorCode::Unavailable, QStringLiteral("cannot read %1: %2").arg(what, error.text()));
}

bool run(QSqlQuery &query, const QString &sql, const QVariantList &values)
{
    if (!query.prepare(sql))
        return false;
    for (const QVariant &value : values) {
        // Qt binds a null QString as SQL NULL; an empty text is '' here, NULL is only ever a deliberate
        // QVariant().
        if (value.typeId() == QMetaType::QString && value.toString().isNull())
            query.addBindValue(QString(QLatin1String("")));
        else
            query.addBindValue(value);
    }
    return query.exec();
}

bool run(QSqlQuery &query, const Statement &statement)
{
    return run(query, statement.sql, statement.values);
}

QStringList explain(const QSqlDatabase &db, const Statement &statement)
{
    QSqlQuery q(db);
    QStringList details;
    if (!run(q, QStringLiteral("EXPLAIN QUERY PLAN ") + statement.sql, statement.values)) {
        details << QStringLiteral("error: ") + q.lastError().text();
        return details;
    }
    while (q.next())
        details << q.value(3).toString(); // (id, parent, notused, detail)
    return details;
}


QString compactJson(const QJsonObject &object)
{
    return QString::fromUtf8(json::toBytes(object));
}

} // namespace betthat::server::sqlite
