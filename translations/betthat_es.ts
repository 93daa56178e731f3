<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES" sourcelanguage="en">
<context>
    <name>BetFormatter</name>
    <message>
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <source>Settled</source>
        <translation>Liquidada</translation>
    </message>
    <message>
        <source>Voided</source>
        <translation>Anulada</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>Disputed</source>
        <translation>Reclamada</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>Ganada</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Perdida</translation>
    </message>
    <message>
        <source>Push</source>
        <translation>Push</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Anulada</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abierta</translation>
    </message>
    <message>
        <source>Upheld</source>
        <translation>Aceptada</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rechazada</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>ahora mismo</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>hace %n min</numerusform>
            <numerusform>hace %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>hace %n h</numerusform>
            <numerusform>hace %n h</numerusform>
        </translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>ayer</translation>
    </message>
    <message numerus="yes">
        <source>%n days ago</source>
        <translation>
            <numerusform>hace %n día</numerusform>
            <numerusform>hace %n días</numerusform>
        </translation>
    </message>
    <message>
        <source>Bet #%1</source>
        <translation>Apuesta #%1</translation>
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
        <translation>Ganada</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Perdida</translation>
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
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <source>Invalid request</source>
        <translation>Solicitud no válida</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Sin iniciar sesión</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>No permitido</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>No encontrado</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Conflicto</translation>
    </message>
    <message>
        <source>Insufficient funds</source>
        <translation>Saldo insuficiente</translation>
    </message>
    <message>
        <source>Too many requests</source>
        <translation>Demasiadas solicitudes</translation>
    </message>
    <message>
        <source>Request too large</source>
        <translation>Solicitud demasiado grande</translation>
    </message>
    <message>
        <source>Server unavailable</source>
        <translation>Servidor no disponible</translation>
    </message>
    <message>
        <source>Server error</source>
        <translation>Error del servidor</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>pendiente</translation>
    </message>
    <message>
        <source>won</source>
        <translation>ganada</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>perdida</translation>
    </message>
    <message>
        <source>push</source>
        <translation>push</translation>
    </message>
    <message>
        <source>void</source>
        <translation>anulada</translation>
    </message>
    <message>
        <source>provisional</source>
        <translation>provisional</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>confirmado</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 of the stake void and refunded</source>
        <translation>%1 de la apuesta anulada y devuelta</translation>
    </message>
    <message>
        <source>dead heat, %1 of the stake at full odds</source>
        <translation>empate, %1 de la apuesta a cuota completa</translation>
    </message>
    <message>
        <source>Rule 4: %1 % deducted from the winnings</source>
        <translation>Regla 4: %1 % descontado de las ganancias</translation>
    </message>
</context>
<context>
    <name>StartupOptions</name>
    <message>
        <source>Bet That: watch your bets resolve in real time. Without options the app starts its bundled local server (first start: demo data) or connects to the server chosen in Settings.</source>
        <translation>Bet That: mira cómo se resuelven tus apuestas en tiempo real. Sin opciones, la aplicación inicia su servidor local integrado (en el primer inicio, con datos de demostración) o se conecta al servidor elegido en Ajustes.</translation>
    </message>
    <message>
        <source>Connect to the Bet That server at &lt;url&gt; (e.g. https://bets.example.com).</source>
        <translation>Conectarse al servidor de Bet That en &lt;url&gt; (p. ej. https://bets.example.com).</translation>
    </message>
    <message>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <source>The API token to sign in with (remote server).</source>
        <translation>El token de API para iniciar sesión (servidor remoto).</translation>
    </message>
    <message>
        <source>token</source>
        <translation>token</translation>
    </message>
    <message>
        <source>Use the bundled local server (the default on first start).</source>
        <translation>Usar el servidor local integrado (lo predeterminado en el primer inicio).</translation>
    </message>
    <message>
        <source>Run only the server, without a window (same options as betthat-server).</source>
        <translation>Ejecutar solo el servidor, sin ventana (las mismas opciones que betthat-server).</translation>
    </message>
    <message>
        <source>User interface language: en, de or es.</source>
        <translation>Idioma de la interfaz: en, de o es.</translation>
    </message>
    <message>
        <source>language</source>
        <translation>idioma</translation>
    </message>
    <message>
        <source>Port of the bundled local server on 127.0.0.1.</source>
        <translation>Puerto del servidor local integrado en 127.0.0.1.</translation>
    </message>
    <message>
        <source>port</source>
        <translation>puerto</translation>
    </message>
    <message>
        <source>Directory of the bundled server&apos;s database and token.</source>
        <translation>Directorio de la base de datos y el token del servidor integrado.</translation>
    </message>
    <message>
        <source>path</source>
        <translation>ruta</translation>
    </message>
    <message>
        <source>unexpected argument: %1</source>
        <translation>argumento inesperado: %1</translation>
    </message>
    <message>
        <source>--local and --server exclude each other</source>
        <translation>--local y --server se excluyen mutuamente</translation>
    </message>
    <message>
        <source>--server needs an http:// or https:// URL, got &quot;%1&quot;</source>
        <translation>--server necesita una URL http:// o https://; se recibió «%1»</translation>
    </message>
    <message>
        <source>--lang must be one of en, de, es; got &quot;%1&quot;</source>
        <translation>--lang debe ser en, de o es; se recibió «%1»</translation>
    </message>
    <message>
        <source>--port must be a number from 1 to 65535, got &quot;%1&quot;</source>
        <translation>--port debe ser un número de 1 a 65535; se recibió «%1»</translation>
    </message>
    <message>
        <source>DEBUG, INFO, WARNING or ERROR: what the app logs on stderr (default: $LOG_LEVEL, else INFO).</source>
        <translation>DEBUG, INFO, WARNING o ERROR: lo que la aplicación registra en stderr (por defecto: $LOG_LEVEL, si no INFO).</translation>
    </message>
    <message>
        <source>level</source>
        <translation>nivel</translation>
    </message>
    <message>
        <source>--log-level must be DEBUG, INFO, WARNING or ERROR, got &quot;%1&quot;</source>
        <translation>--log-level debe ser DEBUG, INFO, WARNING o ERROR; se recibió «%1»</translation>
    </message>
    <message>
        <source>LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, got &quot;%1&quot;</source>
        <translation>LOG_LEVEL debe ser DEBUG, INFO, WARNING o ERROR; se recibió «%1»</translation>
    </message>
</context>
<context>
    <name>betthat::app::AccountHeader</name>
    <message>
        <source>Balance</source>
        <translation>Saldo</translation>
    </message>
    <message>
        <source>Place bet…</source>
        <translation>Apostar…</translation>
    </message>
    <message>
        <source>Place a new bet (Ctrl+N)</source>
        <translation>Hacer una nueva apuesta (Ctrl+N)</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>operador</translation>
    </message>
    <message>
        <source>bettor</source>
        <translation>apostante</translation>
    </message>
    <message>
        <source>All bets</source>
        <translation>Todas las apuestas</translation>
    </message>
    <message>
        <source>Signed in as %1 (%2)</source>
        <translation>Sesión iniciada como %1 (%2)</translation>
    </message>
    <message>
        <source>Viewing %1&apos;s bets · %2</source>
        <translation>Apuestas de %1 · %2</translation>
    </message>
    <message>
        <source>local server</source>
        <translation>servidor local</translation>
    </message>
    <message>
        <source>Balance %1</source>
        <translation>Saldo %1</translation>
    </message>
</context>
<context>
    <name>betthat::app::AdminQueueSync</name>
    <message>
        <source>only operators can use the admin window</source>
        <translation>solo los operadores pueden usar la ventana de administración</translation>
    </message>
</context>
<context>
    <name>betthat::app::AdminWindow</name>
    <message>
        <source>Bet That — Operator</source>
        <translation>Bet That — Operador</translation>
    </message>
    <message>
        <source>&amp;Pending</source>
        <translation>&amp;Pendientes</translation>
    </message>
    <message>
        <source>&amp;Disputes</source>
        <translation>Reclamacio&amp;nes</translation>
    </message>
    <message>
        <source>Loaded at %1</source>
        <translation>Cargado a las %1</translation>
    </message>
    <message>
        <source>Only operators can use the admin window.</source>
        <translation>Solo los operadores pueden usar la ventana de administración.</translation>
    </message>
    <message>
        <source>Could not load the queue: %1</source>
        <translation>No se pudo cargar la cola: %1</translation>
    </message>
    <message>
        <source>&amp;Resolve…</source>
        <translation>&amp;Resolver…</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>Resolve the selected bet</source>
        <translation>Resolver la apuesta seleccionada</translation>
    </message>
    <message>
        <source>&amp;Bulk resolve…</source>
        <translation>Resolver en &amp;bloque…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <source>Resolve every selected bet with one result</source>
        <translation>Resolver todas las apuestas seleccionadas con un mismo resultado</translation>
    </message>
    <message>
        <source>Review &amp;dispute…</source>
        <translation>Re&amp;visar reclamación…</translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <source>&amp;Audit trail</source>
        <translation>&amp;Historial de auditoría</translation>
    </message>
    <message>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>Actuali&amp;zar</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Acciones</translation>
    </message>
    <message>
        <source>&amp;Bets</source>
        <translation>&amp;Apuestas</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Cerrar</translation>
    </message>
    <message>
        <source>&amp;Event:</source>
        <translation>&amp;Evento:</translation>
    </message>
    <message>
        <source>&amp;Market:</source>
        <translation>&amp;Mercado:</translation>
    </message>
    <message>
        <source>B&amp;ettor:</source>
        <translation>Apos&amp;tante:</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Quitar filtros</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>&amp;Bulk resolve (%1)…</source>
        <translation>Resolver en &amp;bloque (%1)…</translation>
    </message>
    <message>
        <source>All events</source>
        <translation>Todos los eventos</translation>
    </message>
    <message>
        <source>All markets</source>
        <translation>Todos los mercados</translation>
    </message>
    <message>
        <source>All bettors</source>
        <translation>Todos los apostantes</translation>
    </message>
    <message>
        <source>Pending bets: %1</source>
        <translation>Apuestas pendientes: %1</translation>
    </message>
    <message>
        <source>Shown: %1 of %2 pending bets</source>
        <translation>Mostradas: %1 de %2 apuestas pendientes</translation>
    </message>
    <message>
        <source>&amp;Pending (%1)</source>
        <translation>&amp;Pendientes (%1)</translation>
    </message>
    <message>
        <source>&amp;Disputes (%1)</source>
        <translation>Reclamacio&amp;nes (%1)</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>En directo</translation>
    </message>
    <message>
        <source>Live (polling)</source>
        <translation>En directo (consulta periódica)</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Reconectando…</translation>
    </message>
    <message>
        <source>Offline: the queue may be out of date</source>
        <translation>Sin conexión: la cola puede estar desactualizada</translation>
    </message>
    <message>
        <source>Signed out: sign in again</source>
        <translation>Sesión cerrada: vuelve a iniciar sesión</translation>
    </message>
    <message>
        <source>Live updates off</source>
        <translation>Actualizaciones en directo desactivadas</translation>
    </message>
    <message>
        <source>&amp;Webhooks</source>
        <translation>&amp;Webhooks</translation>
    </message>
    <message>
        <source>Settle &amp;market…</source>
        <translation>Liquidar &amp;mercado…</translation>
    </message>
    <message>
        <source>Ctrl+M</source>
        <translation>Ctrl+M</translation>
    </message>
    <message>
        <source>Settle the market of the selected bet: an outcome per selection, dead heats, Rule 4</source>
        <translation>Liquidar el mercado de la apuesta seleccionada: un resultado por selección, empates, Regla 4</translation>
    </message>
    <message>
        <source>Re-&amp;settle…</source>
        <translation>Re&amp;liquidar…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Give a settled or voided bet a different outcome</source>
        <translation>Dar otro resultado a una apuesta liquidada o anulada</translation>
    </message>
    <message>
        <source>Roll back to &amp;pending…</source>
        <translation>Devolver a &amp;pendiente…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <source>Undo the settlement of a bet: it becomes pending again</source>
        <translation>Deshacer la liquidación de una apuesta: vuelve a estar pendiente</translation>
    </message>
    <message>
        <source>Select a pending bet of the market, or choose its event and market filters.</source>
        <translation>Selecciona una apuesta pendiente del mercado o elige sus filtros de evento y mercado.</translation>
    </message>
    <message>
        <source>Roll back to pending</source>
        <translation>Devolver a pendiente</translation>
    </message>
    <message>
        <source>Re-settle</source>
        <translation>Reliquidar</translation>
    </message>
    <message>
        <source>Bet ID:</source>
        <translation>ID de apuesta:</translation>
    </message>
    <message>
        <source>Loading bet %1…</source>
        <translation>Cargando la apuesta %1…</translation>
    </message>
    <message>
        <source>Bet %1: %2</source>
        <translation>Apuesta %1: %2</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>&amp;Servidor</translation>
    </message>
</context>
<context>
    <name>betthat::app::AppLauncher</name>
    <message>
        <source>Port %1 is in use</source>
        <translation>El puerto %1 está en uso</translation>
    </message>
    <message>
        <source>The bundled server cannot start on port %1.</source>
        <translation>El servidor integrado no puede iniciarse en el puerto %1.</translation>
    </message>
    <message>
        <source>Port %1 is free. Use it (and remember it)?</source>
        <translation>El puerto %1 está libre. ¿Usarlo (y recordarlo)?</translation>
    </message>
    <message>
        <source>No free port was found nearby.</source>
        <translation>No se encontró ningún puerto libre cercano.</translation>
    </message>
    <message>
        <source>Use port %1</source>
        <translation>Usar el puerto %1</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>The bundled server could not start: %1</source>
        <translation>No se pudo iniciar el servidor integrado: %1</translation>
    </message>
    <message>
        <source>Bet That</source>
        <translation>Bet That</translation>
    </message>
    <message>
        <source>The bundled server could not start:
%1</source>
        <translation>No se pudo iniciar el servidor integrado:
%1</translation>
    </message>
    <message>
        <source>No server configured.</source>
        <translation>No hay ningún servidor configurado.</translation>
    </message>
</context>
<context>
    <name>betthat::app::AuditTrailDialog</name>
    <message>
        <source>Audit trail of bet %1</source>
        <translation>Historial de auditoría de la apuesta %1</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>Bet %1 by %2: %3 · %4: %5 — %6, stake %7 at %8, now %9</source>
        <translation>Apuesta %1 de %2: %3 · %4: %5 — %6, importe %7 a %8, ahora %9</translation>
    </message>
    <message>
        <source>Events: %1, oldest first.</source>
        <translation>Eventos: %1, los más antiguos primero.</translation>
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
        <translation>N.º</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Payout</source>
        <translation>Pago</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Placed</source>
        <translation>Realizada</translation>
    </message>
    <message>
        <source>Disputed</source>
        <translation>Reclamada</translation>
    </message>
    <message>
        <source>Dispute upheld</source>
        <translation>Reclamación aceptada</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resuelta</translation>
    </message>
    <message>
        <source>Dispute rejected</source>
        <translation>Reclamación rechazada</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Actualizada</translation>
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
        <translation>No se pudo contactar con el servidor: %1. Inténtalo de nuevo; la solicitud no se aplicará dos veces.</translation>
    </message>
    <message>
        <source>This bet changed meanwhile: %1</source>
        <translation>Esta apuesta cambió mientras tanto: %1</translation>
    </message>
    <message>
        <source>Not allowed: %1</source>
        <translation>No permitido: %1</translation>
    </message>
    <message>
        <source>The server refused the sign-in: %1</source>
        <translation>El servidor rechazó el inicio de sesión: %1</translation>
    </message>
</context>
<context>
    <name>betthat::app::BetCardDelegate</name>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>Dispute</source>
        <translation>Reclamar</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Resolver</translation>
    </message>
    <message>
        <source>Review dispute</source>
        <translation>Revisar reclamación</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Stake %1 · Odds %2</source>
        <translation>Importe %1 · Cuota %2</translation>
    </message>
    <message>
        <source>Potential return %1</source>
        <translation>Ganancia posible %1</translation>
    </message>
    <message>
        <source>Payout %1</source>
        <translation>Pago %1</translation>
    </message>
    <message>
        <source>Dispute (%1): %2</source>
        <translation>Reclamación (%1): %2</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Actualizada %1</translation>
    </message>
</context>
<context>
    <name>betthat::app::BetDetailsDialog</name>
    <message>
        <source>Resolved</source>
        <translation>Resuelta</translation>
    </message>
    <message>
        <source>Disputed</source>
        <translation>Reclamada</translation>
    </message>
    <message>
        <source>Placed</source>
        <translation>Realizada</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Actualizada</translation>
    </message>
    <message>
        <source>Dispute</source>
        <translation>Reclamación</translation>
    </message>
    <message>
        <source>Bet #%1</source>
        <translation>Apuesta #%1</translation>
    </message>
    <message>
        <source>Loading bet #%1…</source>
        <translation>Cargando la apuesta #%1…</translation>
    </message>
    <message>
        <source>Bet ID:</source>
        <translation>ID de apuesta:</translation>
    </message>
    <message>
        <source>Bettor:</source>
        <translation>Apostante:</translation>
    </message>
    <message>
        <source>Event:</source>
        <translation>Evento:</translation>
    </message>
    <message>
        <source>Market:</source>
        <translation>Mercado:</translation>
    </message>
    <message>
        <source>Selection:</source>
        <translation>Selección:</translation>
    </message>
    <message>
        <source>Odds:</source>
        <translation>Cuota:</translation>
    </message>
    <message>
        <source>Stake:</source>
        <translation>Importe:</translation>
    </message>
    <message>
        <source>Potential return:</source>
        <translation>Ganancia posible:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Estado:</translation>
    </message>
    <message>
        <source>Result:</source>
        <translation>Resultado:</translation>
    </message>
    <message>
        <source>Payout:</source>
        <translation>Pago:</translation>
    </message>
    <message>
        <source>Resolution notes:</source>
        <translation>Notas de la resolución:</translation>
    </message>
    <message>
        <source>Resolved via:</source>
        <translation>Resuelta mediante:</translation>
    </message>
    <message>
        <source>Resolved by:</source>
        <translation>Resuelta por:</translation>
    </message>
    <message>
        <source>Resolved at:</source>
        <translation>Resuelta el:</translation>
    </message>
    <message>
        <source>Placed at:</source>
        <translation>Realizada el:</translation>
    </message>
    <message>
        <source>Last update:</source>
        <translation>Última actualización:</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Versión:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Motivo:</translation>
    </message>
    <message>
        <source>Raised at:</source>
        <translation>Presentada el:</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Estado:</translation>
    </message>
    <message>
        <source>Decision notes:</source>
        <translation>Notas de la decisión:</translation>
    </message>
    <message>
        <source>Decided by:</source>
        <translation>Decidida por:</translation>
    </message>
    <message>
        <source>Decided at:</source>
        <translation>Decidida el:</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Por</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Seq</source>
        <translation>N.º</translation>
    </message>
    <message>
        <source>Event timeline</source>
        <translation>Cronología de eventos</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Cronología</translation>
    </message>
    <message>
        <source>Could not load everything: %1</source>
        <translation>No se pudo cargar todo: %1</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Certainty:</source>
        <translation>Certeza:</translation>
    </message>
    <message>
        <source>Settlement terms:</source>
        <translation>Condiciones de liquidación:</translation>
    </message>
    <message>
        <source>none (stake × odds)</source>
        <translation>ninguna (apuesta × cuota)</translation>
    </message>
</context>
<context>
    <name>betthat::app::BetList</name>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Estado:</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todas</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <source>Settled</source>
        <translation>Liquidada</translation>
    </message>
    <message>
        <source>Voided</source>
        <translation>Anulada</translation>
    </message>
    <message>
        <source>Disputed</source>
        <translation>Reclamada</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>&amp;Result:</source>
        <translation>&amp;Resultado:</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Cualquiera</translation>
    </message>
    <message>
        <source>Not resolved</source>
        <translation>Sin resolver</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>Ganada</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Perdida</translation>
    </message>
    <message>
        <source>Push</source>
        <translation>Push</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Anulada</translation>
    </message>
    <message>
        <source>Search event, market or selection</source>
        <translation>Buscar evento, mercado o selección</translation>
    </message>
    <message>
        <source>Search bets</source>
        <translation>Buscar apuestas</translation>
    </message>
    <message>
        <source>Bets</source>
        <translation>Apuestas</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <source>Reload the bets from the server (F5)</source>
        <translation>Volver a cargar las apuestas del servidor (F5)</translation>
    </message>
    <message>
        <source>No bets to show.</source>
        <translation>No hay apuestas que mostrar.</translation>
    </message>
    <message>
        <source>Could not load the bets: %1</source>
        <translation>No se pudieron cargar las apuestas: %1</translation>
    </message>
    <message>
        <source>Bets: %1</source>
        <translation>Apuestas: %1</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>No bet matches the filters.</source>
        <translation>Ninguna apuesta coincide con los filtros.</translation>
    </message>
</context>
<context>
    <name>betthat::app::ConnectionStatusWidget</name>
    <message>
        <source>Not connected</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <source>Not connected to a server.</source>
        <translation>No conectado a ningún servidor.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Opening the real-time connection.</source>
        <translation>Abriendo la conexión en tiempo real.</translation>
    </message>
    <message>
        <source>Live (WebSocket)</source>
        <translation>En directo (WebSocket)</translation>
    </message>
    <message>
        <source>Changes arrive the moment they happen.</source>
        <translation>Los cambios llegan en el momento en que ocurren.</translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting in %n s</source>
        <translation>
            <numerusform>Reconectando en %n s</numerusform>
            <numerusform>Reconectando en %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Reconectando…</translation>
    </message>
    <message>
        <source>The real-time connection was lost. Nothing is missed: changes made meanwhile arrive when it is back.</source>
        <translation>Se perdió la conexión en tiempo real. No se pierde nada: los cambios hechos mientras tanto llegan cuando vuelva.</translation>
    </message>
    <message numerus="yes">
        <source>Polling every %n s</source>
        <translation>
            <numerusform>Consultando cada %n s</numerusform>
            <numerusform>Consultando cada %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>Polling</source>
        <translation>Consulta periódica</translation>
    </message>
    <message>
        <source>WebSockets are unavailable, so the app asks the server for changes regularly. It switches back to live updates as soon as it can.</source>
        <translation>Los WebSockets no están disponibles, así que la aplicación consulta al servidor con regularidad. Vuelve a las actualizaciones en directo en cuanto puede.</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <source>The server cannot be reached. The app keeps trying.</source>
        <translation>No se puede contactar con el servidor. La aplicación sigue intentándolo.</translation>
    </message>
    <message>
        <source>Sign-in needed</source>
        <translation>Hay que iniciar sesión</translation>
    </message>
    <message>
        <source>The server refused the token. Click to open the settings and sign in again.</source>
        <translation>El servidor rechazó el token. Haz clic para abrir los ajustes e iniciar sesión de nuevo.</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>Último error: %1</translation>
    </message>
    <message>
        <source>Click to retry now.</source>
        <translation>Haz clic para reintentar ahora.</translation>
    </message>
    <message>
        <source>Connection: %1</source>
        <translation>Conexión: %1</translation>
    </message>
</context>
<context>
    <name>betthat::app::CorrectionDialog</name>
    <message>
        <source>%1, payout %2</source>
        <translation>%1, pago %2</translation>
    </message>
    <message>
        <source>Re-settle bet %1</source>
        <translation>Reliquidar la apuesta %1</translation>
    </message>
    <message>
        <source>Roll back bet %1 to pending</source>
        <translation>Devolver la apuesta %1 a pendiente</translation>
    </message>
    <message>
        <source>Bet %1 by %2: %3 · %4: %5, stake %6 at %7</source>
        <translation>Apuesta %1 de %2: %3 · %4: %5, importe %6 a %7</translation>
    </message>
    <message>
        <source>Now: %1</source>
        <translation>Ahora: %1</translation>
    </message>
    <message>
        <source>Choose the new result…</source>
        <translation>Elige el nuevo resultado…</translation>
    </message>
    <message>
        <source>New &amp;result:</source>
        <translation>Nuevo &amp;resultado:</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>&amp;Void factor:</source>
        <translation>Factor de &amp;anulación:</translation>
    </message>
    <message>
        <source>&amp;Dead-heat factor:</source>
        <translation>Factor de &amp;empate:</translation>
    </message>
    <message>
        <source> p in the pound</source>
        <translation> p por libra</translation>
    </message>
    <message>
        <source>Rule &amp;4 deduction:</source>
        <translation>Deducción de la Regla &amp;4:</translation>
    </message>
    <message>
        <source>Why the settlement is corrected, for the bettor (required)</source>
        <translation>Por qué se corrige la liquidación, para el apostante (obligatorio)</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Notas:</translation>
    </message>
    <message>
        <source>Re-&amp;settle</source>
        <translation>Re&amp;liquidar</translation>
    </message>
    <message>
        <source>Roll &amp;back</source>
        <translation>&amp;Revertir</translation>
    </message>
    <message>
        <source>A factor is a decimal between 0 and 1, e.g. 0.5.</source>
        <translation>Un factor es un decimal entre 0 y 1, p. ej. 0.5.</translation>
    </message>
    <message>
        <source>Choose the new result.</source>
        <translation>Elige el nuevo resultado.</translation>
    </message>
    <message>
        <source>That is the bet&apos;s current outcome: choose a different result or terms.</source>
        <translation>Ese es el resultado actual de la apuesta: elige otro resultado u otras condiciones.</translation>
    </message>
    <message>
        <source>Notes are required: tell the bettor why the settlement changes.</source>
        <translation>Las notas son obligatorias: explica al apostante por qué cambia la liquidación.</translation>
    </message>
    <message>
        <source>Ledger: no payout to reverse; the bet is pending again.</source>
        <translation>Libro: ningún pago que revertir; la apuesta vuelve a estar pendiente.</translation>
    </message>
    <message>
        <source>Ledger: %1 reversed for %2; the bet is pending again.</source>
        <translation>Libro: %1 revertido para %2; la apuesta vuelve a estar pendiente.</translation>
    </message>
    <message>
        <source>Ledger: %1 booked, net %2 for %3.</source>
        <translation>Libro: %1 abonado, neto %2 para %3.</translation>
    </message>
    <message>
        <source>Ledger: %1 reversed, %2 booked, net %3 for %4.</source>
        <translation>Libro: %1 revertido, %2 abonado, neto %3 para %4.</translation>
    </message>
    <message>
        <source>Ledger: %1 reversed, then the new payout is booked.</source>
        <translation>Libro: %1 revertido, luego se abona el nuevo pago.</translation>
    </message>
    <message>
        <source>Retry sends the same request again; the bet cannot be corrected twice.</source>
        <translation>Reintentar envía la misma solicitud; la apuesta no puede corregirse dos veces.</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Reintentar</translation>
    </message>
</context>
<context>
    <name>betthat::app::CredentialStore</name>
    <message>
        <source>cannot create %1: %2</source>
        <translation>no se puede crear %1: %2</translation>
    </message>
    <message>
        <source>cannot restrict the permissions of %1</source>
        <translation>no se pueden restringir los permisos de %1</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>no se puede escribir %1</translation>
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
        <translation>Mostrar</translation>
    </message>
</context>
<context>
    <name>betthat::app::DisputeReviewDialog</name>
    <message>
        <source>Review dispute on bet %1</source>
        <translation>Revisar la reclamación de la apuesta %1</translation>
    </message>
    <message>
        <source>Bet:</source>
        <translation>Apuesta:</translation>
    </message>
    <message>
        <source>%1 by %2: %3 · %4: %5</source>
        <translation>%1 de %2: %3 · %4: %5</translation>
    </message>
    <message>
        <source>Stake:</source>
        <translation>Importe:</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 a %2</translation>
    </message>
    <message>
        <source>Current result:</source>
        <translation>Resultado actual:</translation>
    </message>
    <message>
        <source>%1, paid %2</source>
        <translation>%1, pagado %2</translation>
    </message>
    <message>
        <source>Resolution notes:</source>
        <translation>Notas de la resolución:</translation>
    </message>
    <message>
        <source>Bettor&apos;s reason:</source>
        <translation>Motivo del apostante:</translation>
    </message>
    <message>
        <source>Raised:</source>
        <translation>Presentada:</translation>
    </message>
    <message>
        <source>%1 ago (%2)</source>
        <translation>hace %1 (%2)</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decisión</translation>
    </message>
    <message>
        <source>&amp;Uphold: re-settle with a new result</source>
        <translation>&amp;Aceptar: liquidar de nuevo con otro resultado</translation>
    </message>
    <message>
        <source>Re&amp;ject: the current result stands</source>
        <translation>Re&amp;chazar: se mantiene el resultado actual</translation>
    </message>
    <message>
        <source>Choose the new result…</source>
        <translation>Elige el nuevo resultado…</translation>
    </message>
    <message>
        <source>New &amp;result:</source>
        <translation>Nuevo &amp;resultado:</translation>
    </message>
    <message>
        <source>Why, for the bettor and the audit trail (required)</source>
        <translation>Por qué, para el apostante y el historial de auditoría (obligatorio)</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Notas:</translation>
    </message>
    <message>
        <source>&amp;Decide</source>
        <translation>&amp;Decidir</translation>
    </message>
    <message>
        <source>New payout %1; the ledger books %2.</source>
        <translation>Nuevo pago %1; el libro contable registra %2.</translation>
    </message>
    <message>
        <source>No money moves; the bettor is told the result stands.</source>
        <translation>No se mueve dinero; se informa al apostante de que el resultado se mantiene.</translation>
    </message>
    <message>
        <source>Choose to uphold or reject the dispute.</source>
        <translation>Elige si aceptas o rechazas la reclamación.</translation>
    </message>
    <message>
        <source>Choose the new result.</source>
        <translation>Elige el nuevo resultado.</translation>
    </message>
    <message>
        <source>Notes are required for a dispute decision.</source>
        <translation>Las notas son obligatorias para decidir una reclamación.</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Reintentar</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <source>Not decided: someone else changed bet %1 first (conflict). Server: %2</source>
        <translation>Sin decidir: otra persona cambió antes la apuesta %1 (conflicto). Servidor: %2</translation>
    </message>
    <message>
        <source>Retry sends the same decision again; it cannot be applied twice.</source>
        <translation>«Reintentar» envía la misma decisión otra vez; no puede aplicarse dos veces.</translation>
    </message>
</context>
<context>
    <name>betthat::app::DisputesModel</name>
    <message>
        <source>Bet</source>
        <translation>Apuesta</translation>
    </message>
    <message>
        <source>Bettor</source>
        <translation>Apostante</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>Selección</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Payout</source>
        <translation>Pago</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Antigüedad</translation>
    </message>
    <message>
        <source>Raised %1</source>
        <translation>Presentada %1</translation>
    </message>
</context>
<context>
    <name>betthat::app::LocalServerHost</name>
    <message>
        <source>Port %1 on 127.0.0.1 is already in use (another Bet That or another program is listening there).</source>
        <translation>El puerto %1 en 127.0.0.1 ya está en uso (otro Bet That u otro programa escucha en él).</translation>
    </message>
</context>
<context>
    <name>betthat::app::MainWindow</name>
    <message>
        <source>About Bet That</source>
        <translation>Acerca de Bet That</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Bet That %1&lt;/h3&gt;&lt;p&gt;Watch your bets resolve in real time.&lt;/p&gt;&lt;p&gt;Server: %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Bet That %1&lt;/h3&gt;&lt;p&gt;Mira cómo se resuelven tus apuestas en tiempo real.&lt;/p&gt;&lt;p&gt;Servidor: %2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Admin</source>
        <translation>A&amp;dministración</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>View &amp;as…</source>
        <translation>Ver &amp;como…</translation>
    </message>
    <message>
        <source>&amp;Place bet…</source>
        <translation>&amp;Apostar…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>Aj&amp;ustes…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>Show &amp;filters</source>
        <translation>Mostrar &amp;filtros</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Buscar…</translation>
    </message>
    <message>
        <source>&amp;Recent resolutions</source>
        <translation>&amp;Resoluciones recientes</translation>
    </message>
    <message>
        <source>Admin &amp;window…</source>
        <translation>&amp;Ventana de administración…</translation>
    </message>
    <message>
        <source>Resolve bets and decide disputes (operators)</source>
        <translation>Resolver apuestas y decidir reclamaciones (operadores)</translation>
    </message>
    <message>
        <source>&amp;About Bet That</source>
        <translation>A&amp;cerca de Bet That</translation>
    </message>
    <message>
        <source>No bets yet.</source>
        <translation>Todavía no hay apuestas.</translation>
    </message>
    <message>
        <source>Bet That</source>
        <translation>Bet That</translation>
    </message>
    <message>
        <source>local server %1</source>
        <translation>servidor local %1</translation>
    </message>
    <message>
        <source>Everyone (all bets)</source>
        <translation>Todos (todas las apuestas)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>can act</source>
        <translation>puede actuar</translation>
    </message>
    <message>
        <source>Bets loaded: %1</source>
        <translation>Apuestas cargadas: %1</translation>
    </message>
    <message>
        <source>Could not load the bets: %1</source>
        <translation>No se pudieron cargar las apuestas: %1</translation>
    </message>
</context>
<context>
    <name>betthat::app::PendingBetsModel</name>
    <message>
        <source>Bet</source>
        <translation>Apuesta</translation>
    </message>
    <message>
        <source>Bettor</source>
        <translation>Apostante</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>Mercado</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>Selección</translation>
    </message>
    <message>
        <source>Stake</source>
        <translation>Importe</translation>
    </message>
    <message>
        <source>Odds</source>
        <translation>Cuota</translation>
    </message>
    <message>
        <source>Potential return</source>
        <translation>Ganancia posible</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En espera</translation>
    </message>
    <message>
        <source>Placed %1</source>
        <translation>Realizada %1</translation>
    </message>
</context>
<context>
    <name>betthat::app::PlaceBetDialog</name>
    <message>
        <source>Place bet</source>
        <translation>Apostar</translation>
    </message>
    <message>
        <source>Place a bet</source>
        <translation>Hacer una apuesta</translation>
    </message>
    <message>
        <source>e.g. Arsenal v Chelsea</source>
        <translation>p. ej. Arsenal - Chelsea</translation>
    </message>
    <message>
        <source>e.g. Match winner</source>
        <translation>p. ej. Ganador del partido</translation>
    </message>
    <message>
        <source>e.g. Arsenal</source>
        <translation>p. ej. Arsenal</translation>
    </message>
    <message>
        <source>decimal, e.g. 2.10</source>
        <translation>decimal, p. ej. 2,10</translation>
    </message>
    <message>
        <source>&amp;Event:</source>
        <translation>&amp;Evento:</translation>
    </message>
    <message>
        <source>&amp;Market:</source>
        <translation>&amp;Mercado:</translation>
    </message>
    <message>
        <source>&amp;Selection:</source>
        <translation>&amp;Selección:</translation>
    </message>
    <message>
        <source>&amp;Odds:</source>
        <translation>&amp;Cuota:</translation>
    </message>
    <message>
        <source>S&amp;take:</source>
        <translation>&amp;Importe:</translation>
    </message>
    <message>
        <source>Potential return:</source>
        <translation>Ganancia posible:</translation>
    </message>
    <message>
        <source>Balance:</source>
        <translation>Saldo:</translation>
    </message>
    <message>
        <source>Enter the event.</source>
        <translation>Introduce el evento.</translation>
    </message>
    <message>
        <source>Enter the market.</source>
        <translation>Introduce el mercado.</translation>
    </message>
    <message>
        <source>Enter your selection.</source>
        <translation>Introduce tu selección.</translation>
    </message>
    <message>
        <source>Enter decimal odds above 1, e.g. 2.10 (%1).</source>
        <translation>Introduce una cuota decimal mayor que 1, p. ej. 2,10 (%1).</translation>
    </message>
    <message>
        <source>The stake is more than your balance of %1.</source>
        <translation>El importe supera tu saldo de %1.</translation>
    </message>
    <message>
        <source>Not enough money for this stake: %1</source>
        <translation>No hay saldo suficiente para este importe: %1</translation>
    </message>
</context>
<context>
    <name>betthat::app::RaiseDisputeDialog</name>
    <message>
        <source>Submit dispute</source>
        <translation>Enviar reclamación</translation>
    </message>
    <message>
        <source>Dispute bet #%1</source>
        <translation>Reclamar la apuesta #%1</translation>
    </message>
    <message>
        <source>%1
Result: %2, payout %3</source>
        <translation>%1
Resultado: %2, pago %3</translation>
    </message>
    <message>
        <source>Why is this result wrong? An operator reviews every dispute.</source>
        <translation>¿Por qué es incorrecto este resultado? Un operador revisa cada reclamación.</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Motivo:</translation>
    </message>
    <message>
        <source>Give a reason for the dispute.</source>
        <translation>Indica un motivo para la reclamación.</translation>
    </message>
    <message>
        <source>The reason is too long (at most 2000 characters).</source>
        <translation>El motivo es demasiado largo (como máximo 2000 caracteres).</translation>
    </message>
</context>
<context>
    <name>betthat::app::RealTimeClient</name>
    <message>
        <source>no answer from the server within %1 ms</source>
        <translation>sin respuesta del servidor en %1 ms</translation>
    </message>
    <message>
        <source>connection closed</source>
        <translation>conexión cerrada</translation>
    </message>
    <message>
        <source>the server refused the credentials (%1)</source>
        <translation>el servidor rechazó las credenciales (%1)</translation>
    </message>
    <message>
        <source>the server refused the WebSocket upgrade (HTTP %1)</source>
        <translation>el servidor rechazó el cambio a WebSocket (HTTP %1)</translation>
    </message>
    <message>
        <source>connection closed by the server (%1%2)</source>
        <translation>conexión cerrada por el servidor (%1%2)</translation>
    </message>
    <message>
        <source>the server stopped answering (nothing for %1 ms)</source>
        <translation>el servidor dejó de responder (nada en %1 ms)</translation>
    </message>
    <message>
        <source>polling failed: %1</source>
        <translation>la consulta falló: %1</translation>
    </message>
</context>
<context>
    <name>betthat::app::RecentResolutionsDock</name>
    <message>
        <source>Recent resolutions</source>
        <translation>Resoluciones recientes</translation>
    </message>
    <message>
        <source>The last resolutions, newest first. Click one to open the bet.</source>
        <translation>Las últimas resoluciones, las más nuevas primero. Haz clic en una para abrir la apuesta.</translation>
    </message>
</context>
<context>
    <name>betthat::app::RecentResolutionsModel</name>
    <message>
        <source>%1 — won %2</source>
        <translation>%1 — ganó %2</translation>
    </message>
    <message>
        <source>%1 — lost</source>
        <translation>%1 — perdida</translation>
    </message>
    <message>
        <source>%1 — push, %2 back</source>
        <translation>%1 — push, %2 devueltos</translation>
    </message>
    <message>
        <source>%1 — void, %2 refunded</source>
        <translation>%1 — anulada, %2 reembolsados</translation>
    </message>
    <message>
        <source>Correction: %1</source>
        <translation>Corrección: %1</translation>
    </message>
    <message>
        <source>%1 (provisional)</source>
        <translation>%1 (provisional)</translation>
    </message>
</context>
<context>
    <name>betthat::app::ResolveDialog</name>
    <message>
        <source>Resolve bet %1</source>
        <translation>Resolver la apuesta %1</translation>
    </message>
    <message>
        <source>Resolve bets (%1)</source>
        <translation>Resolver apuestas (%1)</translation>
    </message>
    <message>
        <source>Bet %1 by %2: %3 · %4: %5</source>
        <translation>Apuesta %1 de %2: %3 · %4: %5</translation>
    </message>
    <message>
        <source>Selected bets: %1. Each gets the same result and notes.</source>
        <translation>Apuestas seleccionadas: %1. Todas reciben el mismo resultado y las mismas notas.</translation>
    </message>
    <message>
        <source>Choose a result…</source>
        <translation>Elige un resultado…</translation>
    </message>
    <message>
        <source>&amp;Result:</source>
        <translation>&amp;Resultado:</translation>
    </message>
    <message>
        <source>What happened, for the bettor (e.g. the final score)</source>
        <translation>Qué pasó, para el apostante (p. ej. el resultado final)</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Notas:</translation>
    </message>
    <message>
        <source>Bet</source>
        <translation>Apuesta</translation>
    </message>
    <message>
        <source>Bettor</source>
        <translation>Apostante</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>Selección</translation>
    </message>
    <message>
        <source>Stake</source>
        <translation>Importe</translation>
    </message>
    <message>
        <source>Odds</source>
        <translation>Cuota</translation>
    </message>
    <message>
        <source>Payout</source>
        <translation>Pago</translation>
    </message>
    <message>
        <source>%1 · %2: %3</source>
        <translation>%1 · %2: %3</translation>
    </message>
    <message>
        <source>&amp;Resolve</source>
        <translation>&amp;Resolver</translation>
    </message>
    <message>
        <source>&amp;Continue…</source>
        <translation>&amp;Continuar…</translation>
    </message>
    <message>
        <source>Each bet is resolved on its own and gets its own event. A bet that someone else resolved in the meantime is reported and does not stop the others.</source>
        <translation>Cada apuesta se resuelve por separado y recibe su propio evento. Una apuesta que otra persona haya resuelto mientras tanto se indica y no detiene las demás.</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Atrás</translation>
    </message>
    <message>
        <source>Resolve all (%1)</source>
        <translation>Resolver todas (%1)</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Total payout: %1 (bets: %2)</source>
        <translation>Pago total: %1 (apuestas: %2)</translation>
    </message>
    <message>
        <source>Choose a result to see the payouts.</source>
        <translation>Elige un resultado para ver los pagos.</translation>
    </message>
    <message>
        <source>Notes are required to void a bet: tell the bettor why.</source>
        <translation>Para anular una apuesta las notas son obligatorias: explica al apostante el motivo.</translation>
    </message>
    <message>
        <source>Optional; the bettor sees them.</source>
        <translation>Opcional; el apostante las ve.</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Reintentar</translation>
    </message>
    <message>
        <source>Choose a result first.</source>
        <translation>Elige primero un resultado.</translation>
    </message>
    <message>
        <source>Notes are required to void a bet.</source>
        <translation>Para anular una apuesta las notas son obligatorias.</translation>
    </message>
    <message>
        <source>Resolve the selected bets as %1?</source>
        <translation>¿Resolver las apuestas seleccionadas como %1?</translation>
    </message>
    <message>
        <source>Bets: %1</source>
        <translation>Apuestas: %1</translation>
    </message>
    <message>
        <source>Total payout: %1</source>
        <translation>Pago total: %1</translation>
    </message>
    <message>
        <source>Notes: %1</source>
        <translation>Notas: %1</translation>
    </message>
    <message>
        <source>Not resolved: someone else changed bet %1 first (conflict). The queue shows its current state. Server: %2</source>
        <translation>Sin resolver: otra persona cambió antes la apuesta %1 (conflicto). La cola muestra su estado actual. Servidor: %2</translation>
    </message>
    <message>
        <source>%1
Retry sends the same request again; the bet cannot be resolved twice.</source>
        <translation>%1
«Reintentar» envía la misma solicitud otra vez; la apuesta no puede resolverse dos veces.</translation>
    </message>
    <message>
        <source>Retry sends the same request again; no bet can be resolved twice.</source>
        <translation>«Reintentar» envía la misma solicitud otra vez; ninguna apuesta puede resolverse dos veces.</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resuelta</translation>
    </message>
    <message>
        <source>%1, payout %2</source>
        <translation>%1, pago %2</translation>
    </message>
    <message>
        <source>Conflict: already changed by someone else</source>
        <translation>Conflicto: otra persona ya la cambió</translation>
    </message>
    <message>
        <source>Resolved: %1.</source>
        <translation>Resueltas: %1.</translation>
    </message>
    <message>
        <source>Resolved: %1. Not resolved: %2 (listed first).</source>
        <translation>Resueltas: %1. Sin resolver: %2 (aparecen primero).</translation>
    </message>
    <message>
        <source>Resolving…</source>
        <translation>Resolviendo…</translation>
    </message>
</context>
<context>
    <name>betthat::app::ServerPanel</name>
    <message>
        <source>Connections</source>
        <translation>Conexiones</translation>
    </message>
    <message>
        <source>Deliveries/s</source>
        <translation>Entregas/s</translation>
    </message>
    <message>
        <source>Delivery p99</source>
        <translation>Entrega p99</translation>
    </message>
    <message>
        <source>Email queue</source>
        <translation>Cola de correo</translation>
    </message>
    <message>
        <source>Email failures</source>
        <translation>Fallos de correo</translation>
    </message>
    <message>
        <source>HTTP 5xx errors</source>
        <translation>Errores HTTP 5xx</translation>
    </message>
    <message>
        <source>Database errors</source>
        <translation>Errores de base de datos</translation>
    </message>
    <message>
        <source>open</source>
        <translation>abiertas</translation>
    </message>
    <message>
        <source>Deliveries per second</source>
        <translation>Entregas por segundo</translation>
    </message>
    <message>
        <source>events/s</source>
        <translation>eventos/s</translation>
    </message>
    <message>
        <source>Commit → delivery latency</source>
        <translation>Latencia commit → entrega</translation>
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
        <translation>Fallos y errores: los últimos %1 minutos</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Waiting for the server&apos;s metrics…</source>
        <translation>Esperando las métricas del servidor…</translation>
    </message>
    <message>
        <source>Delivery healthy</source>
        <translation>Entrega correcta</translation>
    </message>
    <message>
        <source>Delivery slow: p99 %1 ms</source>
        <translation>Entrega lenta: p99 %1 ms</translation>
    </message>
    <message>
        <source>Server unreachable</source>
        <translation>Servidor inaccesible</translation>
    </message>
    <message>
        <source>Only operators can see the server&apos;s metrics</source>
        <translation>Solo los operadores pueden ver las métricas del servidor</translation>
    </message>
    <message>
        <source>The server&apos;s metrics could not be read</source>
        <translation>No se pudieron leer las métricas del servidor</translation>
    </message>
    <message>
        <source>Last sample at %1</source>
        <translation>Última muestra a las %1</translation>
    </message>
</context>
<context>
    <name>betthat::app::Session</name>
    <message>
        <source>Sign-in needed</source>
        <translation>Hay que iniciar sesión</translation>
    </message>
    <message>
        <source>The server refused the token: %1. Open the settings to sign in again.</source>
        <translation>El servidor rechazó el token: %1. Abre los ajustes para iniciar sesión de nuevo.</translation>
    </message>
    <message>
        <source>Connection restored</source>
        <translation>Conexión restablecida</translation>
    </message>
    <message>
        <source>Live updates again. Changes made meanwhile have arrived.</source>
        <translation>De nuevo en directo. Los cambios hechos mientras tanto ya han llegado.</translation>
    </message>
    <message>
        <source>Connection lost</source>
        <translation>Conexión perdida</translation>
    </message>
    <message>
        <source>Reconnecting… Nothing is missed: changes arrive when the connection is back.</source>
        <translation>Reconectando… No se pierde nada: los cambios llegan cuando vuelva la conexión.</translation>
    </message>
    <message>
        <source>Live updates unavailable</source>
        <translation>Actualizaciones en directo no disponibles</translation>
    </message>
    <message numerus="yes">
        <source>Checking for changes every %n s until the WebSocket connection is back.</source>
        <translation>
            <numerusform>Buscando cambios cada %n s hasta que vuelva la conexión WebSocket.</numerusform>
            <numerusform>Buscando cambios cada %n s hasta que vuelva la conexión WebSocket.</numerusform>
        </translation>
    </message>
    <message>
        <source>The server refused the token: %1</source>
        <translation>El servidor rechazó el token: %1</translation>
    </message>
</context>
<context>
    <name>betthat::app::SettingsDialog</name>
    <message>
        <source>&amp;Bundled local server on this computer</source>
        <translation>&amp;Servidor local integrado en este equipo</translation>
    </message>
    <message>
        <source>&amp;Remote server</source>
        <translation>Servidor &amp;remoto</translation>
    </message>
    <message>
        <source>Also show &amp;desktop notifications while the window is in the background</source>
        <translation>Mostrar también notificaciones de &amp;escritorio cuando la ventana está en segundo plano</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>API token</source>
        <translation>Token de API</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Predeterminado del sistema</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <source>&amp;Port on 127.0.0.1:</source>
        <translation>&amp;Puerto en 127.0.0.1:</translation>
    </message>
    <message>
        <source>Server &amp;URL:</source>
        <translation>&amp;URL del servidor:</translation>
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
        <translation>Pro&amp;bar la conexión</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notificaciones</translation>
    </message>
    <message>
        <source>Toasts stay for:</source>
        <translation>Los avisos duran:</translation>
    </message>
    <message>
        <source>General</source>
        <translation>General</translation>
    </message>
    <message>
        <source>Poll every (without WebSocket):</source>
        <translation>Consultar cada (sin WebSocket):</translation>
    </message>
    <message>
        <source>&amp;Language (after a restart):</source>
        <translation>&amp;Idioma (tras reiniciar):</translation>
    </message>
    <message>
        <source>The token is kept in the desktop keychain, or in a file only you can read when there is none.</source>
        <translation>El token se guarda en el llavero del escritorio o, si no hay, en un archivo que solo tú puedes leer.</translation>
    </message>
    <message>
        <source>The token is kept in a file only you can read.</source>
        <translation>El token se guarda en un archivo que solo tú puedes leer.</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address, starting with http:// or https://.</source>
        <translation>Introduce la dirección del servidor, empezando por http:// o https://.</translation>
    </message>
    <message>
        <source>Enter your API token.</source>
        <translation>Introduce tu token de API.</translation>
    </message>
    <message>
        <source>The local server is started by the app.</source>
        <translation>La aplicación inicia el servidor local por sí misma.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Signed in as %1 (%2).</source>
        <translation>Sesión iniciada como %1 (%2).</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Falló: %1</translation>
    </message>
    <message>
        <source>Could not store the token: %1</source>
        <translation>No se pudo guardar el token: %1</translation>
    </message>
    <message>
        <source>App</source>
        <translation>Aplicación</translation>
    </message>
    <message>
        <source>Notify me about</source>
        <translation>Avisarme de</translation>
    </message>
    <message>
        <source>Toasts</source>
        <translation>Avisos</translation>
    </message>
    <message>
        <source>Desktop</source>
        <translation>Escritorio</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Resultados</translation>
    </message>
    <message>
        <source>Disputes</source>
        <translation>Reclamaciones</translation>
    </message>
    <message>
        <source>Other changes</source>
        <translation>Otros cambios</translation>
    </message>
    <message>
        <source>Quiet hours</source>
        <translation>Horas de silencio</translation>
    </message>
    <message>
        <source>No desktop notifications or emails during quiet hours</source>
        <translation>Sin notificaciones de escritorio ni correos durante las horas de silencio</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Desde:</translation>
    </message>
    <message>
        <source>&amp;Until:</source>
        <translation>&amp;Hasta:</translation>
    </message>
    <message>
        <source>Time &amp;zone:</source>
        <translation>&amp;Zona horaria:</translation>
    </message>
    <message>
        <source>Emails are sent when the quiet hours end. Toasts in the window are not affected.</source>
        <translation>Los correos se envían al terminar las horas de silencio. Los avisos en la ventana no se ven afectados.</translation>
    </message>
    <message>
        <source>Sign in to change which notifications you get.</source>
        <translation>Inicie sesión para elegir qué notificaciones recibe.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>Could not load your notification preferences: %1</source>
        <translation>No se pudieron cargar sus preferencias de notificación: %1</translation>
    </message>
    <message>
        <source>Stored with your account on the server.</source>
        <translation>Guardadas con su cuenta en el servidor.</translation>
    </message>
    <message>
        <source>Quiet hours need different start and end times.</source>
        <translation>Las horas de silencio necesitan horas de inicio y fin distintas.</translation>
    </message>
    <message>
        <source>Unknown time zone &quot;%1&quot;.</source>
        <translation>Zona horaria desconocida «%1».</translation>
    </message>
    <message>
        <source>Could not save your notification preferences: %1</source>
        <translation>No se pudieron guardar sus preferencias de notificación: %1</translation>
    </message>
</context>
<context>
    <name>betthat::app::SettleMarketDialog</name>
    <message>
        <source>Settle market</source>
        <translation>Liquidar mercado</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>Selección</translation>
    </message>
    <message>
        <source>Bets to settle</source>
        <translation>Apuestas por liquidar</translation>
    </message>
    <message>
        <source>Pending stake</source>
        <translation>Importe pendiente</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Void factor</source>
        <translation>Factor de anulación</translation>
    </message>
    <message>
        <source>Dead heat</source>
        <translation>Empate</translation>
    </message>
    <message>
        <source> p in the pound</source>
        <translation> p por libra</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>Rule 4: deducted from the winnings of every winning selection</source>
        <translation>Regla 4: se descuenta de las ganancias de cada selección ganadora</translation>
    </message>
    <message>
        <source>Rule &amp;4 deduction:</source>
        <translation>Deducción de la Regla &amp;4:</translation>
    </message>
    <message>
        <source>Confirmed (final, opens the dispute window)</source>
        <translation>Confirmado (definitivo, abre el plazo de reclamación)</translation>
    </message>
    <message>
        <source>Provisional (pays out, may still change)</source>
        <translation>Provisional (paga, aún puede cambiar)</translation>
    </message>
    <message>
        <source>&amp;Certainty:</source>
        <translation>&amp;Certeza:</translation>
    </message>
    <message>
        <source>Selections without an outcome &amp;lose</source>
        <translation>Las selecciones sin resultado &amp;pierden</translation>
    </message>
    <message>
        <source>What happened, for the bettors (required when a selection is void)</source>
        <translation>Qué pasó, para los apostantes (obligatorio si una selección se anula)</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Notas:</translation>
    </message>
    <message>
        <source>Bet</source>
        <translation>Apuesta</translation>
    </message>
    <message>
        <source>Bettor</source>
        <translation>Apostante</translation>
    </message>
    <message>
        <source>Stake</source>
        <translation>Importe</translation>
    </message>
    <message>
        <source>Odds</source>
        <translation>Cuota</translation>
    </message>
    <message>
        <source>Payout</source>
        <translation>Pago</translation>
    </message>
    <message>
        <source>&amp;Continue…</source>
        <translation>&amp;Continuar…</translation>
    </message>
    <message>
        <source>Each bet is settled on its own and gets its own event. A bet that someone else changed in the meantime is reported and does not stop the others.</source>
        <translation>Cada apuesta se liquida por separado y tiene su propio evento. Una apuesta que otra persona cambió mientras tanto se informa y no detiene a las demás.</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Atrás</translation>
    </message>
    <message>
        <source>Settle</source>
        <translation>Liquidar</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>Loading the market…</source>
        <translation>Cargando el mercado…</translation>
    </message>
    <message>
        <source>%1 (+%2 provisional)</source>
        <translation>%1 (+%2 provisionales)</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Share of the stake that is void and refunded, e.g. 0.5 (win, loss or push)</source>
        <translation>Parte de la apuesta anulada y devuelta, p. ej. 0.5 (victoria, derrota o push)</translation>
    </message>
    <message>
        <source>Share of the stake that wins at full odds in a dead heat, e.g. 0.5 (win only)</source>
        <translation>Parte de la apuesta que gana a cuota completa en un empate, p. ej. 0.5 (solo victoria)</translation>
    </message>
    <message>
        <source>%1 (provisional: %2)</source>
        <translation>%1 (provisional: %2)</translation>
    </message>
    <message>
        <source>The market could not be loaded: %1</source>
        <translation>No se pudo cargar el mercado: %1</translation>
    </message>
    <message>
        <source>This market has no bets.</source>
        <translation>Este mercado no tiene apuestas.</translation>
    </message>
    <message>
        <source>%1: a factor is a decimal between 0 and 1, e.g. 0.5.</source>
        <translation>%1: un factor es un decimal entre 0 y 1, p. ej. 0.5.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Choose an outcome for: %1 (or let selections without one lose).</source>
        <translation>Elige un resultado para: %1 (o deja que pierdan las selecciones sin resultado).</translation>
    </message>
    <message>
        <source>Choose at least one outcome.</source>
        <translation>Elige al menos un resultado.</translation>
    </message>
    <message>
        <source>Notes are required to void a selection: tell the bettors why.</source>
        <translation>Las notas son obligatorias para anular una selección: explica a los apostantes por qué.</translation>
    </message>
    <message>
        <source>Total payout: %1 (bets: %2)</source>
        <translation>Pago total: %1 (apuestas: %2)</translation>
    </message>
    <message>
        <source>Settle %1 · %2 provisionally?</source>
        <translation>¿Liquidar %1 · %2 de forma provisional?</translation>
    </message>
    <message>
        <source>Settle %1 · %2?</source>
        <translation>¿Liquidar %1 · %2?</translation>
    </message>
    <message>
        <source>Bets: %1</source>
        <translation>Apuestas: %1</translation>
    </message>
    <message>
        <source>Total payout: %1</source>
        <translation>Pago total: %1</translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation>%1: %2 (%3)</translation>
    </message>
    <message>
        <source>Every other selection: Loss</source>
        <translation>Cualquier otra selección: Derrota</translation>
    </message>
    <message>
        <source>Notes: %1</source>
        <translation>Notas: %1</translation>
    </message>
    <message numerus="yes">
        <source>Settle %n bet(s)</source>
        <translation>
            <numerusform>Liquidar %n apuesta</numerusform>
            <numerusform>Liquidar %n apuestas</numerusform>
        </translation>
    </message>
    <message>
        <source>Settling…</source>
        <translation>Liquidando…</translation>
    </message>
    <message>
        <source>Retry sends the same request again; no bet can be settled twice.</source>
        <translation>Reintentar envía la misma solicitud; ninguna apuesta puede liquidarse dos veces.</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Reintentar</translation>
    </message>
    <message>
        <source>Failed: changed by someone else</source>
        <translation>Fallida: cambiada por otra persona</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fallida: %1</translation>
    </message>
    <message>
        <source>Settled</source>
        <translation>Liquidada</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Confirmada</translation>
    </message>
    <message>
        <source>Re-settled</source>
        <translation>Reliquidada</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Sin cambios</translation>
    </message>
    <message>
        <source>%1, payout %2</source>
        <translation>%1, pago %2</translation>
    </message>
    <message>
        <source>%1 (provisional)</source>
        <translation>%1 (provisional)</translation>
    </message>
    <message>
        <source>Settled: %1 · Confirmed: %2 · Re-settled: %3 · Unchanged: %4 · Failed: %5</source>
        <translation>Liquidadas: %1 · Confirmadas: %2 · Reliquidadas: %3 · Sin cambios: %4 · Fallidas: %5</translation>
    </message>
</context>
<context>
    <name>betthat::app::Toast</name>
    <message>
        <source>Notification: %1</source>
        <translation>Notificación: %1</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Close notification</source>
        <translation>Cerrar notificación</translation>
    </message>
</context>
<context>
    <name>betthat::app::ToastManager</name>
    <message>
        <source>View bet</source>
        <translation>Ver apuesta</translation>
    </message>
    <message>
        <source>Review dispute</source>
        <translation>Revisar reclamación</translation>
    </message>
    <message>
        <source>A bettor</source>
        <translation>Un apostante</translation>
    </message>
    <message>
        <source>You won %1</source>
        <translation>Has ganado %1</translation>
    </message>
    <message>
        <source>%1 won %2</source>
        <translation>%1 ganó %2</translation>
    </message>
    <message>
        <source>Bet lost</source>
        <translation>Apuesta perdida</translation>
    </message>
    <message>
        <source>%1 lost a bet</source>
        <translation>%1 perdió una apuesta</translation>
    </message>
    <message>
        <source>Push: %1 stake returned</source>
        <translation>Push: se devuelven %1 de importe</translation>
    </message>
    <message>
        <source>Bet voided: %1 refunded</source>
        <translation>Apuesta anulada: %1 reembolsados</translation>
    </message>
    <message>
        <source>Re-settled after the dispute</source>
        <translation>Liquidada de nuevo tras la reclamación</translation>
    </message>
    <message>
        <source>Dispute submitted</source>
        <translation>Reclamación enviada</translation>
    </message>
    <message>
        <source>%1 disputed a bet</source>
        <translation>%1 reclamó una apuesta</translation>
    </message>
    <message>
        <source>Bet placed</source>
        <translation>Apuesta realizada</translation>
    </message>
    <message>
        <source>%1 placed a bet</source>
        <translation>%1 hizo una apuesta</translation>
    </message>
    <message>
        <source>Dispute rejected</source>
        <translation>Reclamación rechazada</translation>
    </message>
    <message>
        <source>Bet cancelled</source>
        <translation>Apuesta cancelada</translation>
    </message>
    <message>
        <source>Bet updated</source>
        <translation>Apuesta actualizada</translation>
    </message>
    <message numerus="yes">
        <source>%n bets resolved</source>
        <translation>
            <numerusform>%n apuesta resuelta</numerusform>
            <numerusform>%n apuestas resueltas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bet updates</source>
        <translation>
            <numerusform>%n cambio en apuestas</numerusform>
            <numerusform>%n cambios en apuestas</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 won</source>
        <translation>%1 ganadas</translation>
    </message>
    <message>
        <source>%1 lost</source>
        <translation>%1 perdidas</translation>
    </message>
    <message>
        <source>%1 push</source>
        <translation>%1 push</translation>
    </message>
    <message>
        <source>%1 void</source>
        <translation>%1 anuladas</translation>
    </message>
    <message>
        <source>%1 disputed</source>
        <translation>%1 reclamadas</translation>
    </message>
    <message>
        <source>%1 updated</source>
        <translation>%1 actualizadas</translation>
    </message>
    <message>
        <source>bet %1</source>
        <translation>apuesta %1</translation>
    </message>
    <message>
        <source>Correction: your bet on %1 was re-settled from %2 to %3</source>
        <translation>Corrección: tu apuesta a %1 se reliquidó de %2 a %3</translation>
    </message>
    <message>
        <source>Correction: your bet on %1 was re-settled (%2, %3)</source>
        <translation>Corrección: tu apuesta a %1 se reliquidó (%2, %3)</translation>
    </message>
    <message>
        <source>Correction: %1&apos;s bet on %2 was re-settled from %3 to %4</source>
        <translation>Corrección: la apuesta de %1 a %2 se reliquidó de %3 a %4</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Provisional result: won %1</source>
        <translation>Resultado provisional: ganaste %1</translation>
    </message>
    <message>
        <source>Provisional result: lost</source>
        <translation>Resultado provisional: perdida</translation>
    </message>
    <message>
        <source>Provisional result: push, %1 returned</source>
        <translation>Resultado provisional: push, %1 devuelto</translation>
    </message>
    <message>
        <source>Provisional result: void, %1 refunded</source>
        <translation>Resultado provisional: anulada, %1 reembolsado</translation>
    </message>
    <message>
        <source>Bettor: %1</source>
        <translation>Apostante: %1</translation>
    </message>
    <message>
        <source>It may still change; you will be told when it is confirmed.</source>
        <translation>Aún puede cambiar; se te avisará cuando se confirme.</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Rolled back to pending</source>
        <translation>Devuelta a pendiente</translation>
    </message>
    <message>
        <source>Rolled back to pending: %1</source>
        <translation>Devuelta a pendiente: %1</translation>
    </message>
    <message>
        <source>Result confirmed: won %1</source>
        <translation>Resultado confirmado: ganaste %1</translation>
    </message>
    <message>
        <source>Result confirmed: %1</source>
        <translation>Resultado confirmado: %1</translation>
    </message>
    <message>
        <source>%1 corrected</source>
        <translation>%1 corregidas</translation>
    </message>
</context>
<context>
    <name>betthat::app::WebhookListModel</name>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Disabled after failures</source>
        <translation>Desactivado tras fallos</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>Sin respuesta</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Activo</translation>
    </message>
    <message>
        <source>Last status</source>
        <translation>Último estado</translation>
    </message>
    <message>
        <source>Failures in a row</source>
        <translation>Fallos seguidos</translation>
    </message>
</context>
<context>
    <name>betthat::app::WebhooksPanel</name>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Event seq</source>
        <translation>Seq del evento</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latencia</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Recent deliveries of the selected webhook:</source>
        <translation>Entregas recientes del webhook seleccionado:</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>sin respuesta</translation>
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
        <translation>Añadir</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>Activar</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>Desactivar</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>after seq </source>
        <translation>tras seq </translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>Reenviar</translation>
    </message>
    <message>
        <source>Webhook %1 added. Its signing secret (shown only now): %2</source>
        <translation>Webhook %1 añadido. Su secreto de firma (solo se muestra ahora): %2</translation>
    </message>
    <message>
        <source>Webhook %1 replays the events after seq %2.</source>
        <translation>El webhook %1 reenvía los eventos tras la seq %2.</translation>
    </message>
    <message>
        <source>Webhooks: %1</source>
        <translation>Webhooks: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n webhook(s) were disabled after repeated failed deliveries. Fix the receiver, then enable them: they resume where they stopped.</source>
        <translation>
            <numerusform>%n webhook se desactivó tras entregas fallidas repetidas. Arregle el receptor y actívelo: continuará donde se detuvo.</numerusform>
            <numerusform>%n webhooks se desactivaron tras entregas fallidas repetidas. Arregle el receptor y actívelos: continuarán donde se detuvieron.</numerusform>
        </translation>
    </message>
</context>
</TS>
