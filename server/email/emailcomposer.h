#pragma once

// Turns an outbox row into an email from the templates under resources/email: text always, HTML escaped.

#include "common/error.h"
#include "server/email/emailmessage.h"
#include "server/storage/repository.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace betthat::server {

class EmailComposer
{
public:
    // templateDir holds <kind>.txt and <kind>.html; the default is the copy compiled into the server.
    explicit EmailComposer(QString templateDir = QStringLiteral(":/email"));

    // Fails for an unknown kind or a template that names a value the payload lacks: a bug, not a
    // delivery problem, so the outbox marks such a row failed at once.
    Result<EmailMessage> compose(const OutboxMessage &message) const;

    // The kinds there are templates for: bet_resolved, dispute_raised, dispute_raised_operator,
    // dispute_decided.
    static QStringList kinds();

    // Replaces each {{name}} with values[name]; in HTML every value is escaped (toHtmlEscaped).
    static Result<QString> render(
        const QString &templateText, const QHash<QString, QString> &values, bool html);

private:
    Result<QString> loadTemplate(const QString &fileName) const;

    QString m_dir;
    mutable QHash<QString, QString> m_cache; // templates are read once; the composer lives on one thread
};

} // namespace betthat::server
