#include "databaselocation.h"

#include "server/storage/postgresrepository.h"
#include "server/storage/sqliterepository.h"

#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace betthat::server {

namespace {

bool isPostgresUrl(const QString &text)
{
    return text.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive)
        || text.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive);
}

Error badUrl(const QString &why)
{
    return makeError(ErrorCode::BadRequest, QStringLiteral("invalid PostgreSQL URL: %1").arg(why));
}

} // namespace

DatabaseLocation DatabaseLocation::sqliteFile(const QString &path)
{
    DatabaseLocation location;
    location.path = path;
    return location;
}

Result<DatabaseLocation> DatabaseLocation::parse(const QString &text)
{
    if (!isPostgresUrl(text))
        return sqliteFile(text);
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return badUrl(url.errorString());
    DatabaseLocation location;
    location.kind = Kind::Postgres;
    location.host = url.host(QUrl::FullyDecoded);
    location.port = url.port(0);
    location.user = url.userName(QUrl::FullyDecoded);
    location.password = url.password(QUrl::FullyDecoded);
    location.database = url.path(QUrl::FullyDecoded).mid(1); // the path without its leading '/'
    if (location.database.contains(QLatin1Char('/')))
        return badUrl(QStringLiteral("the path must be just the database name"));
    // Values travel inside libpq's connection string: nothing that could end one parameter and begin another.
    static const QRegularExpression key(QStringLiteral("^[a-z_]{1,40}$"));
    static const QRegularExpression value(QStringLiteral("^[A-Za-z0-9_.:/@+-]{0,200}$"));
    static const QRegularExpression identifier(QStringLiteral("^[a-z_][a-z0-9_]{0,62}$"));
    const auto items = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
    for (const auto &[name, v] : items) {
        if (!key.match(name).hasMatch() || !value.match(v).hasMatch())
            return badUrl(QStringLiteral("parameter \"%1\" is not allowed").arg(name.left(40)));
        if (name == QLatin1String("schema")) {
            if (!identifier.match(v).hasMatch())
                return badUrl(QStringLiteral("schema must be a lowercase identifier"));
            location.schema = v;
        } else if (name == QLatin1String("options")) {
            return badUrl(QStringLiteral("\"options\" is set by the server (statement_timeout, search_path)"));
        } else {
            location.options.append({name, v});
        }
    }
    return location;
}

QString DatabaseLocation::displayName() const
{
    if (!isPostgres())
        return path;
    QUrl url;
    url.setScheme(QStringLiteral("postgres"));
    url.setHost(host);
    if (port > 0)
        url.setPort(port);
    url.setUserName(user);
    url.setPath(QLatin1Char('/') + database);
    if (!schema.isEmpty())
        url.setQuery(QStringLiteral("schema=") + schema);
    return url.toString();
}

std::unique_ptr<Repository> makeRepository(const DatabaseLocation &location, const QString &purpose)
{
    const QString name = SqlRepository::uniqueConnectionName(purpose);
    if (location.isPostgres())
        return std::make_unique<PostgresRepository>(location, name);
    return std::make_unique<SqliteRepository>(location.path, name);
}

Result<std::unique_ptr<Repository>> openRepository(const DatabaseLocation &location, const QString &purpose)
{
    auto repository = makeRepository(location, purpose);
    if (const auto opened = repository->open(); !opened)
        return opened.error();
    return repository;
}

} // namespace betthat::server
