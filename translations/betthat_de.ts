<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>BetFormatter</name>
    <message>
        <source>Pending</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Settled</source>
        <translation>Abgerechnet</translation>
    </message>
    <message>
        <source>Voided</source>
        <translation>Annulliert</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <source>Disputed</source>
        <translation>Angefochten</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>Gewonnen</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Verloren</translation>
    </message>
    <message>
        <source>Push</source>
        <translation>Push</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Ungültig</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Upheld</source>
        <translation>Stattgegeben</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>vor %n Min.</numerusform>
            <numerusform>vor %n Min.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>vor %n Std.</numerusform>
            <numerusform>vor %n Std.</numerusform>
        </translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>gestern</translation>
    </message>
    <message numerus="yes">
        <source>%n days ago</source>
        <translation>
            <numerusform>vor %n Tag</numerusform>
            <numerusform>vor %n Tagen</numerusform>
        </translation>
    </message>
    <message>
        <source>Bet #%1</source>
        <translation>Wette #%1</translation>
    </message>
    <message>
        <source>%1 · %2: %3</source>
        <translation>%1 · %2: %3</translation>
    </message>
    <message>
        <source>±0</source>
        <translation>±0</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Win</source>
        <translation>Gewinn</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 T %2 h</translation>
    </message>
    <message>
        <source>Invalid request</source>
        <translation>Ungültige Anfrage</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>Nicht erlaubt</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Konflikt</translation>
    </message>
    <message>
        <source>Insufficient funds</source>
        <translation>Guthaben reicht nicht</translation>
    </message>
    <message>
        <source>Too many requests</source>
        <translation>Zu viele Anfragen</translation>
    </message>
    <message>
        <source>Request too large</source>
        <translation>Anfrage zu groß</translation>
    </message>
    <message>
        <source>Server unavailable</source>
        <translation>Server nicht erreichbar</translation>
    </message>
    <message>
        <source>Server error</source>
        <translation>Serverfehler</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>won</source>
        <translation>gewonnen</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>verloren</translation>
    </message>
    <message>
        <source>push</source>
        <translation>Push</translation>
    </message>
    <message>
        <source>void</source>
        <translation>annulliert</translation>
    </message>
    <message>
        <source>provisional</source>
        <translation>vorläufig</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>bestätigt</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 of the stake void and refunded</source>
        <translation>%1 des Einsatzes annulliert und erstattet</translation>
    </message>
    <message>
        <source>dead heat, %1 of the stake at full odds</source>
        <translation>totes Rennen, %1 des Einsatzes zur vollen Quote</translation>
    </message>
    <message>
        <source>Rule 4: %1 % deducted from the winnings</source>
        <translation>Regel 4: %1 % vom Gewinn abgezogen</translation>
    </message>
</context>
<context>
    <name>StartupOptions</name>
    <message>
        <source>Bet That: watch your bets resolve in real time. Without options the app starts its bundled local server (first start: demo data) or connects to the server chosen in Settings.</source>
        <translation>Bet That: Sieh zu, wie deine Wetten in Echtzeit entschieden werden. Ohne Optionen startet die App ihren eingebauten lokalen Server (beim ersten Start mit Demodaten) oder verbindet sich mit dem in den Einstellungen gewählten Server.</translation>
    </message>
    <message>
        <source>Connect to the Bet That server at &lt;url&gt; (e.g. https://bets.example.com).</source>
        <translation>Mit dem Bet-That-Server unter &lt;url&gt; verbinden (z. B. https://bets.example.com).</translation>
    </message>
    <message>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <source>The API token to sign in with (remote server).</source>
        <translation>Das API-Token für die Anmeldung (entfernter Server).</translation>
    </message>
    <message>
        <source>token</source>
        <translation>token</translation>
    </message>
    <message>
        <source>Use the bundled local server (the default on first start).</source>
        <translation>Den eingebauten lokalen Server verwenden (Standard beim ersten Start).</translation>
    </message>
    <message>
        <source>Run only the server, without a window (same options as betthat-server).</source>
        <translation>Nur den Server ohne Fenster ausführen (dieselben Optionen wie betthat-server).</translation>
    </message>
    <message>
        <source>User interface language: en, de or es.</source>
        <translation>Sprache der Oberfläche: en, de oder es.</translation>
    </message>
    <message>
        <source>language</source>
        <translation>sprache</translation>
    </message>
    <message>
        <source>Port of the bundled local server on 127.0.0.1.</source>
        <translation>Port des eingebauten lokalen Servers auf 127.0.0.1.</translation>
    </message>
    <message>
        <source>port</source>
        <translation>port</translation>
    </message>
    <message>
        <source>Directory of the bundled server&apos;s database and token.</source>
        <translation>Verzeichnis für Datenbank und Token des eingebauten Servers.</translation>
    </message>
    <message>
        <source>path</source>
        <translation>pfad</translation>
    </message>
    <message>
        <source>unexpected argument: %1</source>
        <translation>unerwartetes Argument: %1</translation>
    </message>
    <message>
        <source>--local and --server exclude each other</source>
        <translation>--local und --server schließen einander aus</translation>
    </message>
    <message>
        <source>--server needs an http:// or https:// URL, got &quot;%1&quot;</source>
        <translation>--server braucht eine http://- oder https://-URL, erhalten: „%1“</translation>
    </message>
    <message>
        <source>--lang must be one of en, de, es; got &quot;%1&quot;</source>
        <translation>--lang muss en, de oder es sein; erhalten: „%1“</translation>
    </message>
    <message>
        <source>--port must be a number from 1 to 65535, got &quot;%1&quot;</source>
        <translation>--port muss eine Zahl von 1 bis 65535 sein, erhalten: „%1“</translation>
    </message>
    <message>
        <source>DEBUG, INFO, WARNING or ERROR: what the app logs on stderr (default: $LOG_LEVEL, else INFO).</source>
        <translation>DEBUG, INFO, WARNING oder ERROR: was die App auf stderr protokolliert (Standard: $LOG_LEVEL, sonst INFO).</translation>
    </message>
    <message>
        <source>level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>--log-level must be DEBUG, INFO, WARNING or ERROR, got &quot;%1&quot;</source>
        <translation>--log-level muss DEBUG, INFO, WARNING oder ERROR sein, erhalten: „%1“</translation>
    </message>
    <message>
        <source>LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, got &quot;%1&quot;</source>
        <translation>LOG_LEVEL muss DEBUG, INFO, WARNING oder ERROR sein, erhalten: „%1“</translation>
    </message>
</context>
<context>
    <name>betthat::app::AccountHeader</name>
    <message>
        <source>Balance</source>
        <translation>Guthaben</translation>
    </message>
    <message>
        <source>Place bet…</source>
        <translation>Wette platzieren…</translation>
    </message>
    <message>
        <source>Place a new bet (Ctrl+N)</source>
        <translation>Eine neue Wette platzieren (Strg+N)</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>bettor</source>
        <translation>Wettende(r)</translation>
    </message>
    <message>
        <source>All bets</source>
        <translation>Alle Wetten</translation>
    </message>
    <message>
        <source>Signed in as %1 (%2)</source>
        <translation>Angemeldet als %1 (%2)</translation>
    </message>
    <message>
        <source>Viewing %1&apos;s bets · %2</source>
        <translation>Wetten von %1 · %2</translation>
    </message>
    <message>
        <source>local server</source>
        <translation>lokaler Server</translation>
    </message>
    <message>
        <source>Balance %1</source>
        <translation>Guthaben %1</translation>
    </message>
</context>
<context>
    <name>betthat::app::AdminQueueSync</name>
    <message>
        <source>only operators can use the admin window</source>
        <translation>nur Operatoren können das Verwaltungsfenster verwenden</translation>
    </message>
</context>
<context>
    <name>betthat::app::AdminWindow</name>
    <message>
        <source>Bet That — Operator</source>
        <translation>Bet That — Operator</translation>
    </message>
    <message>
        <source>&amp;Pending</source>
        <translation>&amp;Offen</translation>
    </message>
    <message>
        <source>&amp;Disputes</source>
        <translation>&amp;Anfechtungen</translation>
    </message>
    <message>
        <source>Loaded at %1</source>
        <translation>Geladen um %1</translation>
    </message>
    <message>
        <source>Only operators can use the admin window.</source>
        <translation>Nur Operatoren können das Verwaltungsfenster verwenden.</translation>
    </message>
    <message>
        <source>Could not load the queue: %1</source>
        <translation>Die Warteschlange konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>&amp;Resolve…</source>
        <translation>&amp;Entscheiden…</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>Resolve the selected bet</source>
        <translation>Die ausgewählte Wette entscheiden</translation>
    </message>
    <message>
        <source>&amp;Bulk resolve…</source>
        <translation>&amp;Sammelentscheidung…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <source>Resolve every selected bet with one result</source>
        <translation>Alle ausgewählten Wetten mit einem Ergebnis entscheiden</translation>
    </message>
    <message>
        <source>Review &amp;dispute…</source>
        <translation>Anfechtung p&amp;rüfen…</translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <source>&amp;Audit trail</source>
        <translation>&amp;Prüfprotokoll</translation>
    </message>
    <message>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Aktionen</translation>
    </message>
    <message>
        <source>&amp;Bets</source>
        <translation>&amp;Wetten</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message>
        <source>&amp;Event:</source>
        <translation>&amp;Ereignis:</translation>
    </message>
    <message>
        <source>&amp;Market:</source>
        <translation>&amp;Markt:</translation>
    </message>
    <message>
        <source>B&amp;ettor:</source>
        <translation>We&amp;ttende(r):</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Filter zurücksetzen</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>&amp;Bulk resolve (%1)…</source>
        <translation>&amp;Sammelentscheidung (%1)…</translation>
    </message>
    <message>
        <source>All events</source>
        <translation>Alle Ereignisse</translation>
    </message>
    <message>
        <source>All markets</source>
        <translation>Alle Märkte</translation>
    </message>
    <message>
        <source>All bettors</source>
        <translation>Alle Wettenden</translation>
    </message>
    <message>
        <source>Pending bets: %1</source>
        <translation>Offene Wetten: %1</translation>
    </message>
    <message>
        <source>Shown: %1 of %2 pending bets</source>
        <translation>Angezeigt: %1 von %2 offenen Wetten</translation>
    </message>
    <message>
        <source>&amp;Pending (%1)</source>
        <translation>&amp;Offen (%1)</translation>
    </message>
    <message>
        <source>&amp;Disputes (%1)</source>
        <translation>&amp;Anfechtungen (%1)</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <source>Live (polling)</source>
        <translation>Live (Abfrage)</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Verbinde neu…</translation>
    </message>
    <message>
        <source>Offline: the queue may be out of date</source>
        <translation>Offline: die Warteschlange ist eventuell veraltet</translation>
    </message>
    <message>
        <source>Signed out: sign in again</source>
        <translation>Abgemeldet: bitte erneut anmelden</translation>
    </message>
    <message>
        <source>Live updates off</source>
        <translation>Live-Aktualisierung aus</translation>
    </message>
    <message>
        <source>&amp;Webhooks</source>
        <translation>&amp;Webhooks</translation>
    </message>
    <message>
        <source>Settle &amp;market…</source>
        <translation>&amp;Markt abrechnen…</translation>
    </message>
    <message>
        <source>Ctrl+M</source>
        <translation>Ctrl+M</translation>
    </message>
    <message>
        <source>Settle the market of the selected bet: an outcome per selection, dead heats, Rule 4</source>
        <translation>Den Markt der gewählten Wette abrechnen: ein Ausgang je Auswahl, tote Rennen, Regel 4</translation>
    </message>
    <message>
        <source>Re-&amp;settle…</source>
        <translation>&amp;Neu abrechnen…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Give a settled or voided bet a different outcome</source>
        <translation>Einer abgerechneten oder annullierten Wette einen anderen Ausgang geben</translation>
    </message>
    <message>
        <source>Roll back to &amp;pending…</source>
        <translation>Auf &amp;offen zurücksetzen…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <source>Undo the settlement of a bet: it becomes pending again</source>
        <translation>Die Abrechnung einer Wette rückgängig machen: sie ist wieder offen</translation>
    </message>
    <message>
        <source>Select a pending bet of the market, or choose its event and market filters.</source>
        <translation>Wähle eine offene Wette des Marktes oder setze die Filter Ereignis und Markt.</translation>
    </message>
    <message>
        <source>Roll back to pending</source>
        <translation>Auf offen zurücksetzen</translation>
    </message>
    <message>
        <source>Re-settle</source>
        <translation>Neu abrechnen</translation>
    </message>
    <message>
        <source>Bet ID:</source>
        <translation>Wett-ID:</translation>
    </message>
    <message>
        <source>Loading bet %1…</source>
        <translation>Wette %1 wird geladen…</translation>
    </message>
    <message>
        <source>Bet %1: %2</source>
        <translation>Wette %1: %2</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>&amp;Server</translation>
    </message>
</context>
<context>
    <name>betthat::app::AppLauncher</name>
    <message>
        <source>Port %1 is in use</source>
        <translation>Port %1 ist belegt</translation>
    </message>
    <message>
        <source>The bundled server cannot start on port %1.</source>
        <translation>Der eingebaute Server kann nicht auf Port %1 starten.</translation>
    </message>
    <message>
        <source>Port %1 is free. Use it (and remember it)?</source>
        <translation>Port %1 ist frei. Diesen verwenden (und merken)?</translation>
    </message>
    <message>
        <source>No free port was found nearby.</source>
        <translation>In der Nähe wurde kein freier Port gefunden.</translation>
    </message>
    <message>
        <source>Use port %1</source>
        <translation>Port %1 verwenden</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>The bundled server could not start: %1</source>
        <translation>Der eingebaute Server konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>Bet That</source>
        <translation>Bet That</translation>
    </message>
    <message>
        <source>The bundled server could not start:
%1</source>
        <translation>Der eingebaute Server konnte nicht starten:
%1</translation>
    </message>
    <message>
        <source>No server configured.</source>
        <translation>Kein Server eingerichtet.</translation>
    </message>
</context>
<context>
    <name>betthat::app::AuditTrailDialog</name>
    <message>
        <source>Audit trail of bet %1</source>
        <translation>Prüfprotokoll der Wette %1</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Bet %1 by %2: %3 · %4: %5 — %6, stake %7 at %8, now %9</source>
        <translation>Wette %1 von %2: %3 · %4: %5 — %6, Einsatz %7 zu %8, jetzt %9</translation>
    </message>
    <message>
        <source>Events: %1, oldest first.</source>
        <translation>Ereignisse: %1, älteste zuerst.</translation>
    </message>
</context>
<context>
    <name>betthat::app::AuditTrailModel</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Seq</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Payout</source>
        <translation>Auszahlung</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Placed</source>
        <translation>Platziert</translation>
    </message>
    <message>
        <source>Disputed</source>
        <translation>Angefochten</translation>
    </message>
    <message>
        <source>Dispute upheld</source>
        <translation>Anfechtung stattgegeben</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Entschieden</translation>
    </message>
    <message>
        <source>Dispute rejected</source>
        <translation>Anfechtung abgelehnt</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
</context>
<context>
    <name>betthat::app::BetActionDialog</name>
    <message>
        <source>The server could not be reached: %1. Try again; the request will not be applied twice.</source>
        <translation>Der Server war nicht erreichbar: %1. Versuche es erneut; die Anfrage wird nicht doppelt ausgeführt.</translation>
    </message>
    <message>
        <source>This bet changed meanwhile: %1</source>
        <translation>Diese Wette wurde inzwischen geändert: %1</translation>
    </message>
    <message>
        <source>Not allowed: %1</source>
        <translation>Nicht erlaubt: %1</translation>
    </message>
    <message>
        <source>The server refused the sign-in: %1</source>
        <translation>Der Server hat die Anmeldung abgelehnt: %1</translation>
    </message>
</context>
<context>
    <name>betthat::app::BetCardDelegate</name>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Dispute</source>
        <translation>Anfechten</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Entscheiden</translation>
    </message>
    <message>
        <source>Review dispute</source>
        <translation>Anfechtung prüfen</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Stake %1 · Odds %2</source>
        <translation>Einsatz %1 · Quote %2</translation>
    </message>
    <message>
        <source>Potential return %1</source>
        <translation>Möglicher Gewinn %1</translation>
    </message>
    <message>
        <source>Payout %1</source>
        <translation>Auszahlung %1</translation>
    </message>
    <message>
        <source>Dispute (%1): %2</source>
        <translation>Anfechtung (%1): %2</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Aktualisiert %1</translation>
    </message>
</context>
<context>
    <name>betthat::app::BetDetailsDialog</name>
    <message>
        <source>Resolved</source>
        <translation>Entschieden</translation>
    </message>
    <message>
        <source>Disputed</source>
        <translation>Angefochten</translation>
    </message>
    <message>
        <source>Placed</source>
        <translation>Platziert</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>Dispute</source>
        <translation>Anfechtung</translation>
    </message>
    <message>
        <source>Bet #%1</source>
        <translation>Wette #%1</translation>
    </message>
    <message>
        <source>Loading bet #%1…</source>
        <translation>Lade Wette #%1…</translation>
    </message>
    <message>
        <source>Bet ID:</source>
        <translation>Wett-ID:</translation>
    </message>
    <message>
        <source>Bettor:</source>
        <translation>Wettende(r):</translation>
    </message>
    <message>
        <source>Event:</source>
        <translation>Ereignis:</translation>
    </message>
    <message>
        <source>Market:</source>
        <translation>Markt:</translation>
    </message>
    <message>
        <source>Selection:</source>
        <translation>Auswahl:</translation>
    </message>
    <message>
        <source>Odds:</source>
        <translation>Quote:</translation>
    </message>
    <message>
        <source>Stake:</source>
        <translation>Einsatz:</translation>
    </message>
    <message>
        <source>Potential return:</source>
        <translation>Möglicher Gewinn:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Result:</source>
        <translation>Ergebnis:</translation>
    </message>
    <message>
        <source>Payout:</source>
        <translation>Auszahlung:</translation>
    </message>
    <message>
        <source>Resolution notes:</source>
        <translation>Notizen zur Entscheidung:</translation>
    </message>
    <message>
        <source>Resolved via:</source>
        <translation>Entschieden über:</translation>
    </message>
    <message>
        <source>Resolved by:</source>
        <translation>Entschieden von:</translation>
    </message>
    <message>
        <source>Resolved at:</source>
        <translation>Entschieden am:</translation>
    </message>
    <message>
        <source>Placed at:</source>
        <translation>Platziert am:</translation>
    </message>
    <message>
        <source>Last update:</source>
        <translation>Letzte Änderung:</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Version:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Begründung:</translation>
    </message>
    <message>
        <source>Raised at:</source>
        <translation>Eingereicht am:</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Stand:</translation>
    </message>
    <message>
        <source>Decision notes:</source>
        <translation>Notizen zur Entscheidung:</translation>
    </message>
    <message>
        <source>Decided by:</source>
        <translation>Entschieden von:</translation>
    </message>
    <message>
        <source>Decided at:</source>
        <translation>Entschieden am:</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Seq</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Event timeline</source>
        <translation>Verlauf der Ereignisse</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Could not load everything: %1</source>
        <translation>Nicht alles konnte geladen werden: %1</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Certainty:</source>
        <translation>Verbindlichkeit:</translation>
    </message>
    <message>
        <source>Settlement terms:</source>
        <translation>Abrechnungsbedingungen:</translation>
    </message>
    <message>
        <source>none (stake × odds)</source>
        <translation>keine (Einsatz × Quote)</translation>
    </message>
</context>
<context>
    <name>betthat::app::BetList</name>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Settled</source>
        <translation>Abgerechnet</translation>
    </message>
    <message>
        <source>Voided</source>
        <translation>Annulliert</translation>
    </message>
    <message>
        <source>Disputed</source>
        <translation>Angefochten</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <source>&amp;Result:</source>
        <translation>&amp;Ergebnis:</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Beliebig</translation>
    </message>
    <message>
        <source>Not resolved</source>
        <translation>Nicht entschieden</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>Gewonnen</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Verloren</translation>
    </message>
    <message>
        <source>Push</source>
        <translation>Push</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Ungültig</translation>
    </message>
    <message>
        <source>Search event, market or selection</source>
        <translation>Ereignis, Markt oder Auswahl suchen</translation>
    </message>
    <message>
        <source>Search bets</source>
        <translation>Wetten suchen</translation>
    </message>
    <message>
        <source>Bets</source>
        <translation>Wetten</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Reload the bets from the server (F5)</source>
        <translation>Wetten neu vom Server laden (F5)</translation>
    </message>
    <message>
        <source>No bets to show.</source>
        <translation>Keine Wetten vorhanden.</translation>
    </message>
    <message>
        <source>Could not load the bets: %1</source>
        <translation>Die Wetten konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Bets: %1</source>
        <translation>Wetten: %1</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>No bet matches the filters.</source>
        <translation>Keine Wette passt zu den Filtern.</translation>
    </message>
</context>
<context>
    <name>betthat::app::ConnectionStatusWidget</name>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Not connected to a server.</source>
        <translation>Mit keinem Server verbunden.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>Opening the real-time connection.</source>
        <translation>Die Echtzeitverbindung wird aufgebaut.</translation>
    </message>
    <message>
        <source>Live (WebSocket)</source>
        <translation>Live (WebSocket)</translation>
    </message>
    <message>
        <source>Changes arrive the moment they happen.</source>
        <translation>Änderungen kommen in dem Moment an, in dem sie passieren.</translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting in %n s</source>
        <translation>
            <numerusform>Neue Verbindung in %n s</numerusform>
            <numerusform>Neue Verbindung in %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Verbinde neu…</translation>
    </message>
    <message>
        <source>The real-time connection was lost. Nothing is missed: changes made meanwhile arrive when it is back.</source>
        <translation>Die Echtzeitverbindung ist unterbrochen. Nichts geht verloren: Änderungen aus der Zwischenzeit kommen an, sobald sie wieder steht.</translation>
    </message>
    <message numerus="yes">
        <source>Polling every %n s</source>
        <translation>
            <numerusform>Abfrage alle %n s</numerusform>
            <numerusform>Abfrage alle %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>Polling</source>
        <translation>Abfrage</translation>
    </message>
    <message>
        <source>WebSockets are unavailable, so the app asks the server for changes regularly. It switches back to live updates as soon as it can.</source>
        <translation>WebSockets sind nicht verfügbar, daher fragt die App regelmäßig beim Server nach Änderungen. Sobald es geht, wechselt sie zurück zu Live-Aktualisierungen.</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>The server cannot be reached. The app keeps trying.</source>
        <translation>Der Server ist nicht erreichbar. Die App versucht es weiter.</translation>
    </message>
    <message>
        <source>Sign-in needed</source>
        <translation>Anmeldung nötig</translation>
    </message>
    <message>
        <source>The server refused the token. Click to open the settings and sign in again.</source>
        <translation>Der Server hat das Token abgelehnt. Klicke, um die Einstellungen zu öffnen und dich neu anzumelden.</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>Letzter Fehler: %1</translation>
    </message>
    <message>
        <source>Click to retry now.</source>
        <translation>Klicken, um es sofort erneut zu versuchen.</translation>
    </message>
    <message>
        <source>Connection: %1</source>
        <translation>Verbindung: %1</translation>
    </message>
</context>
<context>
    <name>betthat::app::CorrectionDialog</name>
    <message>
        <source>%1, payout %2</source>
        <translation>%1, Auszahlung %2</translation>
    </message>
    <message>
        <source>Re-settle bet %1</source>
        <translation>Wette %1 neu abrechnen</translation>
    </message>
    <message>
        <source>Roll back bet %1 to pending</source>
        <translation>Wette %1 auf offen zurücksetzen</translation>
    </message>
    <message>
        <source>Bet %1 by %2: %3 · %4: %5, stake %6 at %7</source>
        <translation>Wette %1 von %2: %3 · %4: %5, Einsatz %6 zu %7</translation>
    </message>
    <message>
        <source>Now: %1</source>
        <translation>Jetzt: %1</translation>
    </message>
    <message>
        <source>Choose the new result…</source>
        <translation>Neues Ergebnis wählen…</translation>
    </message>
    <message>
        <source>New &amp;result:</source>
        <translation>Neues &amp;Ergebnis:</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>&amp;Void factor:</source>
        <translation>&amp;Annullierungsfaktor:</translation>
    </message>
    <message>
        <source>&amp;Dead-heat factor:</source>
        <translation>Faktor für &amp;totes Rennen:</translation>
    </message>
    <message>
        <source> p in the pound</source>
        <translation> p je Pfund</translation>
    </message>
    <message>
        <source>Rule &amp;4 deduction:</source>
        <translation>Abzug nach Regel &amp;4:</translation>
    </message>
    <message>
        <source>Why the settlement is corrected, for the bettor (required)</source>
        <translation>Warum die Abrechnung korrigiert wird, für den Wettenden (Pflicht)</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Notizen:</translation>
    </message>
    <message>
        <source>Re-&amp;settle</source>
        <translation>&amp;Neu abrechnen</translation>
    </message>
    <message>
        <source>Roll &amp;back</source>
        <translation>&amp;Zurücksetzen</translation>
    </message>
    <message>
        <source>A factor is a decimal between 0 and 1, e.g. 0.5.</source>
        <translation>Ein Faktor ist eine Dezimalzahl zwischen 0 und 1, z. B. 0.5.</translation>
    </message>
    <message>
        <source>Choose the new result.</source>
        <translation>Wähle das neue Ergebnis.</translation>
    </message>
    <message>
        <source>That is the bet&apos;s current outcome: choose a different result or terms.</source>
        <translation>Das ist der aktuelle Ausgang der Wette: wähle ein anderes Ergebnis oder andere Bedingungen.</translation>
    </message>
    <message>
        <source>Notes are required: tell the bettor why the settlement changes.</source>
        <translation>Notizen sind Pflicht: sag dem Wettenden, warum sich die Abrechnung ändert.</translation>
    </message>
    <message>
        <source>Ledger: no payout to reverse; the bet is pending again.</source>
        <translation>Buchungen: keine Auszahlung zu stornieren; die Wette ist wieder offen.</translation>
    </message>
    <message>
        <source>Ledger: %1 reversed for %2; the bet is pending again.</source>
        <translation>Buchungen: %1 storniert für %2; die Wette ist wieder offen.</translation>
    </message>
    <message>
        <source>Ledger: %1 booked, net %2 for %3.</source>
        <translation>Buchungen: %1 gebucht, netto %2 für %3.</translation>
    </message>
    <message>
        <source>Ledger: %1 reversed, %2 booked, net %3 for %4.</source>
        <translation>Buchungen: %1 storniert, %2 gebucht, netto %3 für %4.</translation>
    </message>
    <message>
        <source>Ledger: %1 reversed, then the new payout is booked.</source>
        <translation>Buchungen: %1 storniert, dann wird die neue Auszahlung gebucht.</translation>
    </message>
    <message>
        <source>Retry sends the same request again; the bet cannot be corrected twice.</source>
        <translation>Wiederholen sendet dieselbe Anfrage erneut; die Wette kann nicht zweimal korrigiert werden.</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Wiederholen</translation>
    </message>
</context>
<context>
    <name>betthat::app::CredentialStore</name>
    <message>
        <source>cannot create %1: %2</source>
        <translation>%1 kann nicht angelegt werden: %2</translation>
    </message>
    <message>
        <source>cannot restrict the permissions of %1</source>
        <translation>die Rechte von %1 können nicht eingeschränkt werden</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
</context>
<context>
    <name>betthat::app::DesktopNotifier</name>
    <message>
        <source>Bet That</source>
        <translation>Bet That</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
</context>
<context>
    <name>betthat::app::DisputeReviewDialog</name>
    <message>
        <source>Review dispute on bet %1</source>
        <translation>Anfechtung der Wette %1 prüfen</translation>
    </message>
    <message>
        <source>Bet:</source>
        <translation>Wette:</translation>
    </message>
    <message>
        <source>%1 by %2: %3 · %4: %5</source>
        <translation>%1 von %2: %3 · %4: %5</translation>
    </message>
    <message>
        <source>Stake:</source>
        <translation>Einsatz:</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 zu %2</translation>
    </message>
    <message>
        <source>Current result:</source>
        <translation>Aktuelles Ergebnis:</translation>
    </message>
    <message>
        <source>%1, paid %2</source>
        <translation>%1, ausgezahlt %2</translation>
    </message>
    <message>
        <source>Resolution notes:</source>
        <translation>Notizen zur Entscheidung:</translation>
    </message>
    <message>
        <source>Bettor&apos;s reason:</source>
        <translation>Begründung der wettenden Person:</translation>
    </message>
    <message>
        <source>Raised:</source>
        <translation>Eingereicht:</translation>
    </message>
    <message>
        <source>%1 ago (%2)</source>
        <translation>vor %1 (%2)</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <source>&amp;Uphold: re-settle with a new result</source>
        <translation>&amp;Stattgeben: mit neuem Ergebnis neu abrechnen</translation>
    </message>
    <message>
        <source>Re&amp;ject: the current result stands</source>
        <translation>&amp;Ablehnen: das aktuelle Ergebnis bleibt</translation>
    </message>
    <message>
        <source>Choose the new result…</source>
        <translation>Neues Ergebnis wählen…</translation>
    </message>
    <message>
        <source>New &amp;result:</source>
        <translation>Neues &amp;Ergebnis:</translation>
    </message>
    <message>
        <source>Why, for the bettor and the audit trail (required)</source>
        <translation>Warum, für die wettende Person und das Prüfprotokoll (Pflicht)</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Notizen:</translation>
    </message>
    <message>
        <source>&amp;Decide</source>
        <translation>&amp;Entscheiden</translation>
    </message>
    <message>
        <source>New payout %1; the ledger books %2.</source>
        <translation>Neue Auszahlung %1; im Kontobuch wird %2 gebucht.</translation>
    </message>
    <message>
        <source>No money moves; the bettor is told the result stands.</source>
        <translation>Es fließt kein Geld; die wettende Person erfährt, dass das Ergebnis bleibt.</translation>
    </message>
    <message>
        <source>Choose to uphold or reject the dispute.</source>
        <translation>Wähle, ob der Anfechtung stattgegeben oder ob sie abgelehnt wird.</translation>
    </message>
    <message>
        <source>Choose the new result.</source>
        <translation>Wähle das neue Ergebnis.</translation>
    </message>
    <message>
        <source>Notes are required for a dispute decision.</source>
        <translation>Für eine Entscheidung über eine Anfechtung sind Notizen nötig.</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <source>Not decided: someone else changed bet %1 first (conflict). Server: %2</source>
        <translation>Nicht entschieden: jemand anderes hat die Wette %1 zuerst geändert (Konflikt). Server: %2</translation>
    </message>
    <message>
        <source>Retry sends the same decision again; it cannot be applied twice.</source>
        <translation>„Wiederholen“ sendet dieselbe Entscheidung erneut; sie kann nicht doppelt wirken.</translation>
    </message>
</context>
<context>
    <name>betthat::app::DisputesModel</name>
    <message>
        <source>Bet</source>
        <translation>Wette</translation>
    </message>
    <message>
        <source>Bettor</source>
        <translation>Wettende(r)</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>Auswahl</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Payout</source>
        <translation>Auszahlung</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Alter</translation>
    </message>
    <message>
        <source>Raised %1</source>
        <translation>Eingereicht %1</translation>
    </message>
</context>
<context>
    <name>betthat::app::LocalServerHost</name>
    <message>
        <source>Port %1 on 127.0.0.1 is already in use (another Bet That or another program is listening there).</source>
        <translation>Port %1 auf 127.0.0.1 ist bereits belegt (dort lauscht ein anderes Bet That oder ein anderes Programm).</translation>
    </message>
</context>
<context>
    <name>betthat::app::MainWindow</name>
    <message>
        <source>About Bet That</source>
        <translation>Über Bet That</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Bet That %1&lt;/h3&gt;&lt;p&gt;Watch your bets resolve in real time.&lt;/p&gt;&lt;p&gt;Server: %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Bet That %1&lt;/h3&gt;&lt;p&gt;Sieh zu, wie deine Wetten in Echtzeit entschieden werden.&lt;/p&gt;&lt;p&gt;Server: %2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Admin</source>
        <translation>&amp;Verwaltung</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>View &amp;as…</source>
        <translation>A&amp;nsehen als…</translation>
    </message>
    <message>
        <source>&amp;Place bet…</source>
        <translation>Wette &amp;platzieren…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Show &amp;filters</source>
        <translation>&amp;Filter anzeigen</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen…</translation>
    </message>
    <message>
        <source>&amp;Recent resolutions</source>
        <translation>&amp;Letzte Entscheidungen</translation>
    </message>
    <message>
        <source>Admin &amp;window…</source>
        <translation>Verwaltungs&amp;fenster…</translation>
    </message>
    <message>
        <source>Resolve bets and decide disputes (operators)</source>
        <translation>Wetten entscheiden und über Anfechtungen befinden (Operatoren)</translation>
    </message>
    <message>
        <source>&amp;About Bet That</source>
        <translation>Ü&amp;ber Bet That</translation>
    </message>
    <message>
        <source>No bets yet.</source>
        <translation>Noch keine Wetten.</translation>
    </message>
    <message>
        <source>Bet That</source>
        <translation>Bet That</translation>
    </message>
    <message>
        <source>local server %1</source>
        <translation>lokaler Server %1</translation>
    </message>
    <message>
        <source>Everyone (all bets)</source>
        <translation>Alle (alle Wetten)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>can act</source>
        <translation>kann handeln</translation>
    </message>
    <message>
        <source>Bets loaded: %1</source>
        <translation>Wetten geladen: %1</translation>
    </message>
    <message>
        <source>Could not load the bets: %1</source>
        <translation>Die Wetten konnten nicht geladen werden: %1</translation>
    </message>
</context>
<context>
    <name>betthat::app::PendingBetsModel</name>
    <message>
        <source>Bet</source>
        <translation>Wette</translation>
    </message>
    <message>
        <source>Bettor</source>
        <translation>Wettende(r)</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>Markt</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>Auswahl</translation>
    </message>
    <message>
        <source>Stake</source>
        <translation>Einsatz</translation>
    </message>
    <message>
        <source>Odds</source>
        <translation>Quote</translation>
    </message>
    <message>
        <source>Potential return</source>
        <translation>Möglicher Gewinn</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartet seit</translation>
    </message>
    <message>
        <source>Placed %1</source>
        <translation>Platziert %1</translation>
    </message>
</context>
<context>
    <name>betthat::app::PlaceBetDialog</name>
    <message>
        <source>Place bet</source>
        <translation>Wette platzieren</translation>
    </message>
    <message>
        <source>Place a bet</source>
        <translation>Eine Wette platzieren</translation>
    </message>
    <message>
        <source>e.g. Arsenal v Chelsea</source>
        <translation>z. B. Arsenal – Chelsea</translation>
    </message>
    <message>
        <source>e.g. Match winner</source>
        <translation>z. B. Spielsieger</translation>
    </message>
    <message>
        <source>e.g. Arsenal</source>
        <translation>z. B. Arsenal</translation>
    </message>
    <message>
        <source>decimal, e.g. 2.10</source>
        <translation>dezimal, z. B. 2,10</translation>
    </message>
    <message>
        <source>&amp;Event:</source>
        <translation>&amp;Ereignis:</translation>
    </message>
    <message>
        <source>&amp;Market:</source>
        <translation>&amp;Markt:</translation>
    </message>
    <message>
        <source>&amp;Selection:</source>
        <translation>&amp;Auswahl:</translation>
    </message>
    <message>
        <source>&amp;Odds:</source>
        <translation>&amp;Quote:</translation>
    </message>
    <message>
        <source>S&amp;take:</source>
        <translation>Ein&amp;satz:</translation>
    </message>
    <message>
        <source>Potential return:</source>
        <translation>Möglicher Gewinn:</translation>
    </message>
    <message>
        <source>Balance:</source>
        <translation>Guthaben:</translation>
    </message>
    <message>
        <source>Enter the event.</source>
        <translation>Gib das Ereignis ein.</translation>
    </message>
    <message>
        <source>Enter the market.</source>
        <translation>Gib den Markt ein.</translation>
    </message>
    <message>
        <source>Enter your selection.</source>
        <translation>Gib deine Auswahl ein.</translation>
    </message>
    <message>
        <source>Enter decimal odds above 1, e.g. 2.10 (%1).</source>
        <translation>Gib eine Dezimalquote über 1 ein, z. B. 2,10 (%1).</translation>
    </message>
    <message>
        <source>The stake is more than your balance of %1.</source>
        <translation>Der Einsatz ist höher als dein Guthaben von %1.</translation>
    </message>
    <message>
        <source>Not enough money for this stake: %1</source>
        <translation>Nicht genug Guthaben für diesen Einsatz: %1</translation>
    </message>
</context>
<context>
    <name>betthat::app::RaiseDisputeDialog</name>
    <message>
        <source>Submit dispute</source>
        <translation>Anfechtung einreichen</translation>
    </message>
    <message>
        <source>Dispute bet #%1</source>
        <translation>Wette #%1 anfechten</translation>
    </message>
    <message>
        <source>%1
Result: %2, payout %3</source>
        <translation>%1
Ergebnis: %2, Auszahlung %3</translation>
    </message>
    <message>
        <source>Why is this result wrong? An operator reviews every dispute.</source>
        <translation>Warum ist dieses Ergebnis falsch? Jede Anfechtung wird von einem Operator geprüft.</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Begründung:</translation>
    </message>
    <message>
        <source>Give a reason for the dispute.</source>
        <translation>Gib eine Begründung für die Anfechtung an.</translation>
    </message>
    <message>
        <source>The reason is too long (at most 2000 characters).</source>
        <translation>Die Begründung ist zu lang (höchstens 2000 Zeichen).</translation>
    </message>
</context>
<context>
    <name>betthat::app::RealTimeClient</name>
    <message>
        <source>no answer from the server within %1 ms</source>
        <translation>keine Antwort vom Server innerhalb von %1 ms</translation>
    </message>
    <message>
        <source>connection closed</source>
        <translation>Verbindung geschlossen</translation>
    </message>
    <message>
        <source>the server refused the credentials (%1)</source>
        <translation>der Server hat die Zugangsdaten abgelehnt (%1)</translation>
    </message>
    <message>
        <source>the server refused the WebSocket upgrade (HTTP %1)</source>
        <translation>der Server hat den WebSocket-Wechsel abgelehnt (HTTP %1)</translation>
    </message>
    <message>
        <source>connection closed by the server (%1%2)</source>
        <translation>Verbindung vom Server geschlossen (%1%2)</translation>
    </message>
    <message>
        <source>the server stopped answering (nothing for %1 ms)</source>
        <translation>der Server antwortet nicht mehr (seit %1 ms nichts)</translation>
    </message>
    <message>
        <source>polling failed: %1</source>
        <translation>Abfrage fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>betthat::app::RecentResolutionsDock</name>
    <message>
        <source>Recent resolutions</source>
        <translation>Letzte Entscheidungen</translation>
    </message>
    <message>
        <source>The last resolutions, newest first. Click one to open the bet.</source>
        <translation>Die letzten Entscheidungen, neueste zuerst. Ein Klick öffnet die Wette.</translation>
    </message>
</context>
<context>
    <name>betthat::app::RecentResolutionsModel</name>
    <message>
        <source>%1 — won %2</source>
        <translation>%1 — %2 gewonnen</translation>
    </message>
    <message>
        <source>%1 — lost</source>
        <translation>%1 — verloren</translation>
    </message>
    <message>
        <source>%1 — push, %2 back</source>
        <translation>%1 — Push, %2 zurück</translation>
    </message>
    <message>
        <source>%1 — void, %2 refunded</source>
        <translation>%1 — ungültig, %2 erstattet</translation>
    </message>
    <message>
        <source>Correction: %1</source>
        <translation>Korrektur: %1</translation>
    </message>
    <message>
        <source>%1 (provisional)</source>
        <translation>%1 (vorläufig)</translation>
    </message>
</context>
<context>
    <name>betthat::app::ResolveDialog</name>
    <message>
        <source>Resolve bet %1</source>
        <translation>Wette %1 entscheiden</translation>
    </message>
    <message>
        <source>Resolve bets (%1)</source>
        <translation>Wetten entscheiden (%1)</translation>
    </message>
    <message>
        <source>Bet %1 by %2: %3 · %4: %5</source>
        <translation>Wette %1 von %2: %3 · %4: %5</translation>
    </message>
    <message>
        <source>Selected bets: %1. Each gets the same result and notes.</source>
        <translation>Ausgewählte Wetten: %1. Alle bekommen dasselbe Ergebnis und dieselben Notizen.</translation>
    </message>
    <message>
        <source>Choose a result…</source>
        <translation>Ergebnis wählen…</translation>
    </message>
    <message>
        <source>&amp;Result:</source>
        <translation>&amp;Ergebnis:</translation>
    </message>
    <message>
        <source>What happened, for the bettor (e.g. the final score)</source>
        <translation>Was passiert ist, für die wettende Person (z. B. der Endstand)</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Notizen:</translation>
    </message>
    <message>
        <source>Bet</source>
        <translation>Wette</translation>
    </message>
    <message>
        <source>Bettor</source>
        <translation>Wettende(r)</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>Auswahl</translation>
    </message>
    <message>
        <source>Stake</source>
        <translation>Einsatz</translation>
    </message>
    <message>
        <source>Odds</source>
        <translation>Quote</translation>
    </message>
    <message>
        <source>Payout</source>
        <translation>Auszahlung</translation>
    </message>
    <message>
        <source>%1 · %2: %3</source>
        <translation>%1 · %2: %3</translation>
    </message>
    <message>
        <source>&amp;Resolve</source>
        <translation>&amp;Entscheiden</translation>
    </message>
    <message>
        <source>&amp;Continue…</source>
        <translation>&amp;Weiter…</translation>
    </message>
    <message>
        <source>Each bet is resolved on its own and gets its own event. A bet that someone else resolved in the meantime is reported and does not stop the others.</source>
        <translation>Jede Wette wird einzeln entschieden und bekommt ihr eigenes Ereignis. Eine Wette, die inzwischen jemand anderes entschieden hat, wird gemeldet und hält die anderen nicht auf.</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Zurück</translation>
    </message>
    <message>
        <source>Resolve all (%1)</source>
        <translation>Alle entscheiden (%1)</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ausgang</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Total payout: %1 (bets: %2)</source>
        <translation>Auszahlung gesamt: %1 (Wetten: %2)</translation>
    </message>
    <message>
        <source>Choose a result to see the payouts.</source>
        <translation>Wähle ein Ergebnis, um die Auszahlungen zu sehen.</translation>
    </message>
    <message>
        <source>Notes are required to void a bet: tell the bettor why.</source>
        <translation>Um eine Wette für ungültig zu erklären, sind Notizen nötig: sag der wettenden Person, warum.</translation>
    </message>
    <message>
        <source>Optional; the bettor sees them.</source>
        <translation>Freiwillig; die wettende Person sieht sie.</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Choose a result first.</source>
        <translation>Wähle zuerst ein Ergebnis.</translation>
    </message>
    <message>
        <source>Notes are required to void a bet.</source>
        <translation>Um eine Wette für ungültig zu erklären, sind Notizen nötig.</translation>
    </message>
    <message>
        <source>Resolve the selected bets as %1?</source>
        <translation>Die ausgewählten Wetten als %1 entscheiden?</translation>
    </message>
    <message>
        <source>Bets: %1</source>
        <translation>Wetten: %1</translation>
    </message>
    <message>
        <source>Total payout: %1</source>
        <translation>Auszahlung gesamt: %1</translation>
    </message>
    <message>
        <source>Notes: %1</source>
        <translation>Notizen: %1</translation>
    </message>
    <message>
        <source>Not resolved: someone else changed bet %1 first (conflict). The queue shows its current state. Server: %2</source>
        <translation>Nicht entschieden: jemand anderes hat die Wette %1 zuerst geändert (Konflikt). Die Warteschlange zeigt ihren aktuellen Stand. Server: %2</translation>
    </message>
    <message>
        <source>%1
Retry sends the same request again; the bet cannot be resolved twice.</source>
        <translation>%1
„Wiederholen“ sendet dieselbe Anfrage erneut; die Wette kann nicht doppelt entschieden werden.</translation>
    </message>
    <message>
        <source>Retry sends the same request again; no bet can be resolved twice.</source>
        <translation>„Wiederholen“ sendet dieselbe Anfrage erneut; keine Wette kann doppelt entschieden werden.</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Entschieden</translation>
    </message>
    <message>
        <source>%1, payout %2</source>
        <translation>%1, Auszahlung %2</translation>
    </message>
    <message>
        <source>Conflict: already changed by someone else</source>
        <translation>Konflikt: bereits von jemand anderem geändert</translation>
    </message>
    <message>
        <source>Resolved: %1.</source>
        <translation>Entschieden: %1.</translation>
    </message>
    <message>
        <source>Resolved: %1. Not resolved: %2 (listed first).</source>
        <translation>Entschieden: %1. Nicht entschieden: %2 (oben aufgeführt).</translation>
    </message>
    <message>
        <source>Resolving…</source>
        <translation>Wird entschieden…</translation>
    </message>
</context>
<context>
    <name>betthat::app::ServerPanel</name>
    <message>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <source>Deliveries/s</source>
        <translation>Zustellungen/s</translation>
    </message>
    <message>
        <source>Delivery p99</source>
        <translation>Zustellung p99</translation>
    </message>
    <message>
        <source>Email queue</source>
        <translation>E-Mail-Warteschlange</translation>
    </message>
    <message>
        <source>Email failures</source>
        <translation>E-Mail-Fehler</translation>
    </message>
    <message>
        <source>HTTP 5xx errors</source>
        <translation>HTTP-5xx-Fehler</translation>
    </message>
    <message>
        <source>Database errors</source>
        <translation>Datenbankfehler</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>Deliveries per second</source>
        <translation>Zustellungen pro Sekunde</translation>
    </message>
    <message>
        <source>events/s</source>
        <translation>Ereignisse/s</translation>
    </message>
    <message>
        <source>Commit → delivery latency</source>
        <translation>Latenz Commit → Zustellung</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <source>p99</source>
        <translation>p99</translation>
    </message>
    <message>
        <source>Failures and errors: the last %1 minutes</source>
        <translation>Fehler: die letzten %1 Minuten</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Waiting for the server&apos;s metrics…</source>
        <translation>Warte auf die Metriken des Servers…</translation>
    </message>
    <message>
        <source>Delivery healthy</source>
        <translation>Zustellung in Ordnung</translation>
    </message>
    <message>
        <source>Delivery slow: p99 %1 ms</source>
        <translation>Zustellung langsam: p99 %1 ms</translation>
    </message>
    <message>
        <source>Server unreachable</source>
        <translation>Server nicht erreichbar</translation>
    </message>
    <message>
        <source>Only operators can see the server&apos;s metrics</source>
        <translation>Nur Operatoren sehen die Metriken des Servers</translation>
    </message>
    <message>
        <source>The server&apos;s metrics could not be read</source>
        <translation>Die Metriken des Servers konnten nicht gelesen werden</translation>
    </message>
    <message>
        <source>Last sample at %1</source>
        <translation>Letzte Messung um %1</translation>
    </message>
</context>
<context>
    <name>betthat::app::Session</name>
    <message>
        <source>Sign-in needed</source>
        <translation>Anmeldung nötig</translation>
    </message>
    <message>
        <source>The server refused the token: %1. Open the settings to sign in again.</source>
        <translation>Der Server hat das Token abgelehnt: %1. Öffne die Einstellungen, um dich neu anzumelden.</translation>
    </message>
    <message>
        <source>Connection restored</source>
        <translation>Verbindung wiederhergestellt</translation>
    </message>
    <message>
        <source>Live updates again. Changes made meanwhile have arrived.</source>
        <translation>Wieder live. Änderungen aus der Zwischenzeit sind angekommen.</translation>
    </message>
    <message>
        <source>Connection lost</source>
        <translation>Verbindung unterbrochen</translation>
    </message>
    <message>
        <source>Reconnecting… Nothing is missed: changes arrive when the connection is back.</source>
        <translation>Verbinde neu… Nichts geht verloren: Änderungen kommen an, sobald die Verbindung wieder steht.</translation>
    </message>
    <message>
        <source>Live updates unavailable</source>
        <translation>Live-Aktualisierung nicht verfügbar</translation>
    </message>
    <message numerus="yes">
        <source>Checking for changes every %n s until the WebSocket connection is back.</source>
        <translation>
            <numerusform>Prüfe alle %n s auf Änderungen, bis die WebSocket-Verbindung wieder steht.</numerusform>
            <numerusform>Prüfe alle %n s auf Änderungen, bis die WebSocket-Verbindung wieder steht.</numerusform>
        </translation>
    </message>
    <message>
        <source>The server refused the token: %1</source>
        <translation>Der Server hat das Token abgelehnt: %1</translation>
    </message>
</context>
<context>
    <name>betthat::app::SettingsDialog</name>
    <message>
        <source>&amp;Bundled local server on this computer</source>
        <translation>&amp;Eingebauter lokaler Server auf diesem Computer</translation>
    </message>
    <message>
        <source>&amp;Remote server</source>
        <translation>Ent&amp;fernter Server</translation>
    </message>
    <message>
        <source>Also show &amp;desktop notifications while the window is in the background</source>
        <translation>Auch &amp;Desktop-Benachrichtigungen zeigen, während das Fenster im Hintergrund ist</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>API token</source>
        <translation>API-Token</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemvorgabe</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>&amp;Port on 127.0.0.1:</source>
        <translation>&amp;Port auf 127.0.0.1:</translation>
    </message>
    <message>
        <source>Server &amp;URL:</source>
        <translation>Server-&amp;URL:</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <source>WebSocket:</source>
        <translation>WebSocket:</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung prüfe&amp;n</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Benachrichtigungen</translation>
    </message>
    <message>
        <source>Toasts stay for:</source>
        <translation>Hinweise bleiben:</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <source>Poll every (without WebSocket):</source>
        <translation>Abfrage alle (ohne WebSocket):</translation>
    </message>
    <message>
        <source>&amp;Language (after a restart):</source>
        <translation>&amp;Sprache (nach einem Neustart):</translation>
    </message>
    <message>
        <source>The token is kept in the desktop keychain, or in a file only you can read when there is none.</source>
        <translation>Das Token wird im Schlüsselbund der Arbeitsumgebung gespeichert, ohne einen solchen in einer Datei, die nur du lesen kannst.</translation>
    </message>
    <message>
        <source>The token is kept in a file only you can read.</source>
        <translation>Das Token wird in einer Datei gespeichert, die nur du lesen kannst.</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address, starting with http:// or https://.</source>
        <translation>Gib die Adresse des Servers ein, beginnend mit http:// oder https://.</translation>
    </message>
    <message>
        <source>Enter your API token.</source>
        <translation>Gib dein API-Token ein.</translation>
    </message>
    <message>
        <source>The local server is started by the app.</source>
        <translation>Den lokalen Server startet die App selbst.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>Signed in as %1 (%2).</source>
        <translation>Angemeldet als %1 (%2).</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Could not store the token: %1</source>
        <translation>Das Token konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <source>Notify me about</source>
        <translation>Benachrichtigen bei</translation>
    </message>
    <message>
        <source>Toasts</source>
        <translation>Einblendungen</translation>
    </message>
    <message>
        <source>Desktop</source>
        <translation>Desktop</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Ergebnissen</translation>
    </message>
    <message>
        <source>Disputes</source>
        <translation>Einsprüchen</translation>
    </message>
    <message>
        <source>Other changes</source>
        <translation>Anderen Änderungen</translation>
    </message>
    <message>
        <source>Quiet hours</source>
        <translation>Ruhezeiten</translation>
    </message>
    <message>
        <source>No desktop notifications or emails during quiet hours</source>
        <translation>Keine Desktop-Benachrichtigungen oder E-Mails während der Ruhezeiten</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <source>&amp;Until:</source>
        <translation>&amp;Bis:</translation>
    </message>
    <message>
        <source>Time &amp;zone:</source>
        <translation>&amp;Zeitzone:</translation>
    </message>
    <message>
        <source>Emails are sent when the quiet hours end. Toasts in the window are not affected.</source>
        <translation>E-Mails werden am Ende der Ruhezeiten gesendet. Einblendungen im Fenster sind nicht betroffen.</translation>
    </message>
    <message>
        <source>Sign in to change which notifications you get.</source>
        <translation>Melden Sie sich an, um festzulegen, welche Benachrichtigungen Sie erhalten.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Could not load your notification preferences: %1</source>
        <translation>Ihre Benachrichtigungseinstellungen konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Stored with your account on the server.</source>
        <translation>Mit Ihrem Konto auf dem Server gespeichert.</translation>
    </message>
    <message>
        <source>Quiet hours need different start and end times.</source>
        <translation>Ruhezeiten brauchen unterschiedliche Anfangs- und Endzeiten.</translation>
    </message>
    <message>
        <source>Unknown time zone &quot;%1&quot;.</source>
        <translation>Unbekannte Zeitzone „%1“.</translation>
    </message>
    <message>
        <source>Could not save your notification preferences: %1</source>
        <translation>Ihre Benachrichtigungseinstellungen konnten nicht gespeichert werden: %1</translation>
    </message>
</context>
<context>
    <name>betthat::app::SettleMarketDialog</name>
    <message>
        <source>Settle market</source>
        <translation>Markt abrechnen</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>Auswahl</translation>
    </message>
    <message>
        <source>Bets to settle</source>
        <translation>Abzurechnende Wetten</translation>
    </message>
    <message>
        <source>Pending stake</source>
        <translation>Offener Einsatz</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ausgang</translation>
    </message>
    <message>
        <source>Void factor</source>
        <translation>Annullierungsfaktor</translation>
    </message>
    <message>
        <source>Dead heat</source>
        <translation>Totes Rennen</translation>
    </message>
    <message>
        <source> p in the pound</source>
        <translation> p je Pfund</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Rule 4: deducted from the winnings of every winning selection</source>
        <translation>Regel 4: wird vom Gewinn jeder siegreichen Auswahl abgezogen</translation>
    </message>
    <message>
        <source>Rule &amp;4 deduction:</source>
        <translation>Abzug nach Regel &amp;4:</translation>
    </message>
    <message>
        <source>Confirmed (final, opens the dispute window)</source>
        <translation>Bestätigt (endgültig, öffnet die Einspruchsfrist)</translation>
    </message>
    <message>
        <source>Provisional (pays out, may still change)</source>
        <translation>Vorläufig (zahlt aus, kann sich noch ändern)</translation>
    </message>
    <message>
        <source>&amp;Certainty:</source>
        <translation>&amp;Verbindlichkeit:</translation>
    </message>
    <message>
        <source>Selections without an outcome &amp;lose</source>
        <translation>Auswahlen ohne Ausgang &amp;verlieren</translation>
    </message>
    <message>
        <source>What happened, for the bettors (required when a selection is void)</source>
        <translation>Was passiert ist, für die Wettenden (Pflicht, wenn eine Auswahl annulliert wird)</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Notizen:</translation>
    </message>
    <message>
        <source>Bet</source>
        <translation>Wette</translation>
    </message>
    <message>
        <source>Bettor</source>
        <translation>Wettende(r)</translation>
    </message>
    <message>
        <source>Stake</source>
        <translation>Einsatz</translation>
    </message>
    <message>
        <source>Odds</source>
        <translation>Quote</translation>
    </message>
    <message>
        <source>Payout</source>
        <translation>Auszahlung</translation>
    </message>
    <message>
        <source>&amp;Continue…</source>
        <translation>&amp;Weiter…</translation>
    </message>
    <message>
        <source>Each bet is settled on its own and gets its own event. A bet that someone else changed in the meantime is reported and does not stop the others.</source>
        <translation>Jede Wette wird einzeln abgerechnet und bekommt ihr eigenes Ereignis. Eine Wette, die zwischenzeitlich jemand anderes geändert hat, wird gemeldet und hält die anderen nicht auf.</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Zurück</translation>
    </message>
    <message>
        <source>Settle</source>
        <translation>Abrechnen</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Loading the market…</source>
        <translation>Markt wird geladen…</translation>
    </message>
    <message>
        <source>%1 (+%2 provisional)</source>
        <translation>%1 (+%2 vorläufig)</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Share of the stake that is void and refunded, e.g. 0.5 (win, loss or push)</source>
        <translation>Anteil des Einsatzes, der annulliert und erstattet wird, z. B. 0.5 (Sieg, Niederlage oder Push)</translation>
    </message>
    <message>
        <source>Share of the stake that wins at full odds in a dead heat, e.g. 0.5 (win only)</source>
        <translation>Anteil des Einsatzes, der bei totem Rennen zur vollen Quote gewinnt, z. B. 0.5 (nur Sieg)</translation>
    </message>
    <message>
        <source>%1 (provisional: %2)</source>
        <translation>%1 (vorläufig: %2)</translation>
    </message>
    <message>
        <source>The market could not be loaded: %1</source>
        <translation>Der Markt konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>This market has no bets.</source>
        <translation>Dieser Markt hat keine Wetten.</translation>
    </message>
    <message>
        <source>%1: a factor is a decimal between 0 and 1, e.g. 0.5.</source>
        <translation>%1: ein Faktor ist eine Dezimalzahl zwischen 0 und 1, z. B. 0.5.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Choose an outcome for: %1 (or let selections without one lose).</source>
        <translation>Wähle einen Ausgang für: %1 (oder lass Auswahlen ohne Ausgang verlieren).</translation>
    </message>
    <message>
        <source>Choose at least one outcome.</source>
        <translation>Wähle mindestens einen Ausgang.</translation>
    </message>
    <message>
        <source>Notes are required to void a selection: tell the bettors why.</source>
        <translation>Notizen sind Pflicht, um eine Auswahl zu annullieren: sag den Wettenden, warum.</translation>
    </message>
    <message>
        <source>Total payout: %1 (bets: %2)</source>
        <translation>Auszahlung gesamt: %1 (Wetten: %2)</translation>
    </message>
    <message>
        <source>Settle %1 · %2 provisionally?</source>
        <translation>%1 · %2 vorläufig abrechnen?</translation>
    </message>
    <message>
        <source>Settle %1 · %2?</source>
        <translation>%1 · %2 abrechnen?</translation>
    </message>
    <message>
        <source>Bets: %1</source>
        <translation>Wetten: %1</translation>
    </message>
    <message>
        <source>Total payout: %1</source>
        <translation>Auszahlung gesamt: %1</translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation>%1: %2 (%3)</translation>
    </message>
    <message>
        <source>Every other selection: Loss</source>
        <translation>Jede andere Auswahl: Niederlage</translation>
    </message>
    <message>
        <source>Notes: %1</source>
        <translation>Notizen: %1</translation>
    </message>
    <message numerus="yes">
        <source>Settle %n bet(s)</source>
        <translation>
            <numerusform>%n Wette abrechnen</numerusform>
            <numerusform>%n Wetten abrechnen</numerusform>
        </translation>
    </message>
    <message>
        <source>Settling…</source>
        <translation>Wird abgerechnet…</translation>
    </message>
    <message>
        <source>Retry sends the same request again; no bet can be settled twice.</source>
        <translation>Wiederholen sendet dieselbe Anfrage erneut; keine Wette kann zweimal abgerechnet werden.</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Failed: changed by someone else</source>
        <translation>Fehlgeschlagen: von jemand anderem geändert</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Settled</source>
        <translation>Abgerechnet</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>Re-settled</source>
        <translation>Neu abgerechnet</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Unverändert</translation>
    </message>
    <message>
        <source>%1, payout %2</source>
        <translation>%1, Auszahlung %2</translation>
    </message>
    <message>
        <source>%1 (provisional)</source>
        <translation>%1 (vorläufig)</translation>
    </message>
    <message>
        <source>Settled: %1 · Confirmed: %2 · Re-settled: %3 · Unchanged: %4 · Failed: %5</source>
        <translation>Abgerechnet: %1 · Bestätigt: %2 · Neu abgerechnet: %3 · Unverändert: %4 · Fehlgeschlagen: %5</translation>
    </message>
</context>
<context>
    <name>betthat::app::Toast</name>
    <message>
        <source>Notification: %1</source>
        <translation>Benachrichtigung: %1</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Close notification</source>
        <translation>Benachrichtigung schließen</translation>
    </message>
</context>
<context>
    <name>betthat::app::ToastManager</name>
    <message>
        <source>View bet</source>
        <translation>Wette ansehen</translation>
    </message>
    <message>
        <source>Review dispute</source>
        <translation>Anfechtung prüfen</translation>
    </message>
    <message>
        <source>A bettor</source>
        <translation>Jemand</translation>
    </message>
    <message>
        <source>You won %1</source>
        <translation>Du hast %1 gewonnen</translation>
    </message>
    <message>
        <source>%1 won %2</source>
        <translation>%1 hat %2 gewonnen</translation>
    </message>
    <message>
        <source>Bet lost</source>
        <translation>Wette verloren</translation>
    </message>
    <message>
        <source>%1 lost a bet</source>
        <translation>%1 hat eine Wette verloren</translation>
    </message>
    <message>
        <source>Push: %1 stake returned</source>
        <translation>Push: %1 Einsatz zurück</translation>
    </message>
    <message>
        <source>Bet voided: %1 refunded</source>
        <translation>Wette ungültig: %1 erstattet</translation>
    </message>
    <message>
        <source>Re-settled after the dispute</source>
        <translation>Nach der Anfechtung neu abgerechnet</translation>
    </message>
    <message>
        <source>Dispute submitted</source>
        <translation>Anfechtung eingereicht</translation>
    </message>
    <message>
        <source>%1 disputed a bet</source>
        <translation>%1 hat eine Wette angefochten</translation>
    </message>
    <message>
        <source>Bet placed</source>
        <translation>Wette platziert</translation>
    </message>
    <message>
        <source>%1 placed a bet</source>
        <translation>%1 hat eine Wette platziert</translation>
    </message>
    <message>
        <source>Dispute rejected</source>
        <translation>Anfechtung abgelehnt</translation>
    </message>
    <message>
        <source>Bet cancelled</source>
        <translation>Wette storniert</translation>
    </message>
    <message>
        <source>Bet updated</source>
        <translation>Wette geändert</translation>
    </message>
    <message numerus="yes">
        <source>%n bets resolved</source>
        <translation>
            <numerusform>%n Wette entschieden</numerusform>
            <numerusform>%n Wetten entschieden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bet updates</source>
        <translation>
            <numerusform>%n Änderung an Wetten</numerusform>
            <numerusform>%n Änderungen an Wetten</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 won</source>
        <translation>%1 gewonnen</translation>
    </message>
    <message>
        <source>%1 lost</source>
        <translation>%1 verloren</translation>
    </message>
    <message>
        <source>%1 push</source>
        <translation>%1 Push</translation>
    </message>
    <message>
        <source>%1 void</source>
        <translation>%1 ungültig</translation>
    </message>
    <message>
        <source>%1 disputed</source>
        <translation>%1 angefochten</translation>
    </message>
    <message>
        <source>%1 updated</source>
        <translation>%1 geändert</translation>
    </message>
    <message>
        <source>bet %1</source>
        <translation>Wette %1</translation>
    </message>
    <message>
        <source>Correction: your bet on %1 was re-settled from %2 to %3</source>
        <translation>Korrektur: deine Wette auf %1 wurde von %2 auf %3 neu abgerechnet</translation>
    </message>
    <message>
        <source>Correction: your bet on %1 was re-settled (%2, %3)</source>
        <translation>Korrektur: deine Wette auf %1 wurde neu abgerechnet (%2, %3)</translation>
    </message>
    <message>
        <source>Correction: %1&apos;s bet on %2 was re-settled from %3 to %4</source>
        <translation>Korrektur: die Wette von %1 auf %2 wurde von %3 auf %4 neu abgerechnet</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Provisional result: won %1</source>
        <translation>Vorläufiges Ergebnis: %1 gewonnen</translation>
    </message>
    <message>
        <source>Provisional result: lost</source>
        <translation>Vorläufiges Ergebnis: verloren</translation>
    </message>
    <message>
        <source>Provisional result: push, %1 returned</source>
        <translation>Vorläufiges Ergebnis: Push, %1 zurück</translation>
    </message>
    <message>
        <source>Provisional result: void, %1 refunded</source>
        <translation>Vorläufiges Ergebnis: annulliert, %1 erstattet</translation>
    </message>
    <message>
        <source>Bettor: %1</source>
        <translation>Wettende(r): %1</translation>
    </message>
    <message>
        <source>It may still change; you will be told when it is confirmed.</source>
        <translation>Es kann sich noch ändern; du erfährst, wenn es bestätigt ist.</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Rolled back to pending</source>
        <translation>Auf offen zurückgesetzt</translation>
    </message>
    <message>
        <source>Rolled back to pending: %1</source>
        <translation>Auf offen zurückgesetzt: %1</translation>
    </message>
    <message>
        <source>Result confirmed: won %1</source>
        <translation>Ergebnis bestätigt: %1 gewonnen</translation>
    </message>
    <message>
        <source>Result confirmed: %1</source>
        <translation>Ergebnis bestätigt: %1</translation>
    </message>
    <message>
        <source>%1 corrected</source>
        <translation>%1 korrigiert</translation>
    </message>
</context>
<context>
    <name>betthat::app::WebhookListModel</name>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>Disabled after failures</source>
        <translation>Nach Fehlern deaktiviert</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>Keine Antwort</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Last status</source>
        <translation>Letzter Status</translation>
    </message>
    <message>
        <source>Failures in a row</source>
        <translation>Fehler in Folge</translation>
    </message>
</context>
<context>
    <name>betthat::app::WebhooksPanel</name>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Event seq</source>
        <translation>Ereignis-Seq</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Recent deliveries of the selected webhook:</source>
        <translation>Letzte Zustellungen des gewählten Webhooks:</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>https://example.com/hooks/betthat</source>
        <translation>https://example.com/hooks/betthat</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>Aktivieren</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>Deaktivieren</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>after seq </source>
        <translation>nach Seq </translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>Erneut senden</translation>
    </message>
    <message>
        <source>Webhook %1 added. Its signing secret (shown only now): %2</source>
        <translation>Webhook %1 hinzugefügt. Sein Signaturschlüssel (nur jetzt sichtbar): %2</translation>
    </message>
    <message>
        <source>Webhook %1 replays the events after seq %2.</source>
        <translation>Webhook %1 sendet die Ereignisse nach Seq %2 erneut.</translation>
    </message>
    <message>
        <source>Webhooks: %1</source>
        <translation>Webhooks: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n webhook(s) were disabled after repeated failed deliveries. Fix the receiver, then enable them: they resume where they stopped.</source>
        <translation>
            <numerusform>%n Webhook wurde nach wiederholten Fehlzustellungen deaktiviert. Beheben Sie den Empfänger und aktivieren Sie ihn: Er macht dort weiter, wo er aufgehört hat.</numerusform>
            <numerusform>%n Webhooks wurden nach wiederholten Fehlzustellungen deaktiviert. Beheben Sie den Empfänger und aktivieren Sie sie: Sie machen dort weiter, wo sie aufgehört haben.</numerusform>
        </translation>
    </message>
</context>
</TS>
