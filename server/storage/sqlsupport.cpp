#include "sqlsupport.h"

#include "common/jsoncodec.h"

#include <QSqlDriver>
#include <QSqlField>

namespace betthat::server::sql {

namespace {

// SQLite result codes (the Qt driver reports them as numbers in QSqlError::nativeErrorCode()).
constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;
constexpr int kSqliteConstraint = 19;

// The primary SQLite result code of a Qt Sql error, -1 when it has none. SQLite's codes have at most four
// digits; five characters are PostgreSQL's SQLSTATE (itself often all digits: 23505).
int sqliteCode(const QSqlError &error)
{
    if (error.nativeErrorCode().size() >= 5)
        return -1;
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? code & 0xff : -1; // the primary code, whether or not extended codes are on
}

// The five-character SQLSTATE of a PostgreSQL error, empty for anything else.
QString sqlState(const QSqlError &error)
{
    const QString code = error.nativeErrorCode();
    return code.size() == 5 ? code : QString();
}

} // namespace


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

bool isPostgres(const QSqlDatabase &db)
{
    return db.driverName() == QLatin1String("QPSQL");
}

bool isTransient(const QSqlError &error)
{
    // Qt's SQLite driver reports any failed step as a ConnectionError: its result code alone decides.
    const int code = sqliteCode(error);
    if (code >= 0)
        return code == kSqliteBusy || code == kSqliteLocked;
    if (error.type() == QSqlError::ConnectionError)
        return true;
    const QString state = sqlState(error);
    if (state.isEmpty())
        return false;
    return state.startsWith(QLatin1String("08")) || state == QLatin1String("57P01")
        || state == QLatin1String("57P02") || state == QLatin1String("57P03") || state == QLatin1String("40001")
        || state == QLatin1String("40P01") || state == QLatin1String("57014") || state == QLatin1String("55P03");
}

bool isConstraintViolation(const QSqlError &error)
{
    if (sqliteCode(error) == kSqliteConstraint)
        return true;
    return sqlState(error).startsWith(QLatin1String("23"));
}

Error storageError(const QString &what, const QSqlError &error)
{
    if (isTransient(error))
        return makeError(ErrorCode::Unavailable,
            QStringLiteral("%1: the database is busy or unreachable; try again (%2)").arg(what, error.databaseText()));
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

namespace {

// PostgreSQL: the statement with every `?` outside a quoted literal replaced by the driver's own literal for
// its value. QPSQL's prepare() costs three round trips per statement (PREPARE, EXECUTE with the values
// formatted by this same formatValue(), DEALLOCATE); this is one. Inside commit() the counter row is held
// for those round trips, so they are the price of every event. nullopt when the counts do not match.
std::optional<QString> withLiterals(const QSqlDriver &driver, const QString &sql, const QVariantList &values)
{
    QString text;
    text.reserve(sql.size() + 24 * values.size());
    qsizetype next = 0;
    bool quoted = false;
    for (const QChar c : sql) {
        if (c == QLatin1Char('\''))
            quoted = !quoted;
        if (c != QLatin1Char('?') || quoted) {
            text += c;
            continue;
        }
        if (next >= values.size())
            return std::nullopt;
        const QVariant &value = values.at(next++);
        QSqlField field(QString(), value.metaType());
        field.setValue(value);
        text += driver.formatValue(field);
    }
    if (next != values.size())
        return std::nullopt;
    return text;
}

} // namespace

bool run(QSqlQuery &query, const QString &sql, const QVariantList &values)
{
    const QSqlDriver *driver = query.driver();
    if (driver && driver->dbmsType() == QSqlDriver::PostgreSQL) {
        QVariantList bound = values;
        for (QVariant &value : bound)
            if (value.typeId() == QMetaType::QString && value.toString().isNull())
                value = QString(QLatin1String(""));
        const auto text = withLiterals(*driver, sql, bound);
        if (!text) {
            qCWarning(lcStorage).noquote() << "statement and values do not match:" << sql.left(80);
            return false;
        }
        return query.exec(*text);
    }
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

std::optional<qint64> insertReturningId(QSqlQuery &query, const QString &sql, const QVariantList &values)
{
    const bool postgres = query.driver() && query.driver()->dbmsType() == QSqlDriver::PostgreSQL;
    if (!run(query, postgres ? sql + QStringLiteral(" RETURNING id") : sql, values))
        return std::nullopt;
    if (!postgres)
        return query.lastInsertId().toLongLong();
    if (!query.next())
        return std::nullopt;
    return query.value(0).toLongLong();
}

QString beginWriteStatement(const QSqlDatabase &db)
{
    return isPostgres(db) ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE");
}

QString compactJson(const QJsonObject &object)
{
    return QString::fromUtf8(json::toBytes(object));
}

} // namespace betthat::server::sqlite
