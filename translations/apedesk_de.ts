<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>apedesk</name>
    <message>
        <source>Could not use %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>creating its tables in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading its version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was written by a newer ApeDesk (schema %2 of %3); this version reads schema %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>writing its version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No file was given for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file %1 of %2 could not be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an ApeDesk database (or it is damaged).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>opening %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::AgentService</name>
    <message>
        <source>Agent stopped.</source>
        <translation>Agent angehalten.</translation>
    </message>
    <message>
        <source>The decision journal could not be opened: %1</source>
        <translation>Das Entscheidungsjournal konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>Trading agent</source>
        <translation>Handelsagent</translation>
    </message>
    <message>
        <source>The agent has no chain to trade on.</source>
        <translation>Der Agent hat keine Chain, auf der er handeln kann.</translation>
    </message>
    <message>
        <source>Connect to a chain with the ETH/USDC pool before starting the agent.</source>
        <translation>Verbinden Sie sich mit einer Chain mit dem ETH/USDC-Pool, bevor Sie den Agenten starten.</translation>
    </message>
    <message>
        <source>This chain is not a paper chain and live trading is off: the agent does not trade here.</source>
        <translation>Diese Chain ist keine Papier-Chain und Live-Handel ist aus: Der Agent handelt hier nicht.</translation>
    </message>
    <message>
        <source>Choose an account in the wallet pane first.</source>
        <translation>Wählen Sie zuerst ein Konto im Wallet-Bereich.</translation>
    </message>
    <message>
        <source>Asking %1 whether it answers…</source>
        <translation>Frage %1, ob er antwortet …</translation>
    </message>
    <message>
        <source>%1 did not answer (%2); the built-in policy decides.</source>
        <translation>%1 hat nicht geantwortet (%2); die eingebaute Strategie entscheidet.</translation>
    </message>
    <message>
        <source>The agent could not start: %1</source>
        <translation>Der Agent konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>Agent running.</source>
        <translation>Agent läuft.</translation>
    </message>
    <message>
        <source>Observing: cycle %1 (no trades).</source>
        <translation>Beobachtung: Zyklus %1 (keine Trades).</translation>
    </message>
    <message>
        <source>Deciding: cycle %1.</source>
        <translation>Entscheidung: Zyklus %1.</translation>
    </message>
    <message>
        <source>Waiting %1 s for the next decision.</source>
        <translation>Warte %1 s auf die nächste Entscheidung.</translation>
    </message>
    <message numerus="yes">
        <source>Agent stopped after %n decision(s).</source>
        <translation>
            <numerusform>Agent nach %n Entscheidung angehalten.</numerusform>
            <numerusform>Agent nach %n Entscheidungen angehalten.</numerusform>
        </translation>
    </message>
    <message>
        <source>The decision journal is not open.</source>
        <translation>Das Entscheidungsjournal ist nicht geöffnet.</translation>
    </message>
</context>
<context>
    <name>apedesk::ChainMode</name>
    <message>
        <source>Offline sandbox</source>
        <translation>Offline-Sandbox</translation>
    </message>
    <message>
        <source>Fork of BASE</source>
        <translation>Fork von BASE</translation>
    </message>
    <message>
        <source>External node</source>
        <translation>Externer Knoten</translation>
    </message>
</context>
<context>
    <name>apedesk::ChainService</name>
    <message>
        <source>Chain: not connected</source>
        <translation>Chain: nicht verbunden</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Connecting to the chain</source>
        <translation>Verbinde mit der Chain</translation>
    </message>
    <message>
        <source>Resetting the sandbox</source>
        <translation>Setze die Sandbox zurück</translation>
    </message>
    <message>
        <source>Disconnecting</source>
        <translation>Trenne die Verbindung</translation>
    </message>
    <message>
        <source>Funding %1</source>
        <translation>Lade %1 auf</translation>
    </message>
    <message>
        <source>Not connected to a chain.</source>
        <translation>Nicht mit einer Chain verbunden.</translation>
    </message>
    <message>
        <source>Swapping</source>
        <translation>Tausche</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Starte…</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Connected; no ETH/USDC pool known on this chain</source>
        <translation>Verbunden; auf dieser Chain ist kein ETH/USDC-Pool bekannt</translation>
    </message>
    <message>
        <source>%1: chain %2, block %3</source>
        <translation>%1: Chain %2, Block %3</translation>
    </message>
    <message>
        <source>Not connected to a chain with the ETH/USDC pool.</source>
        <translation>Nicht mit einer Chain mit dem ETH/USDC-Pool verbunden.</translation>
    </message>
    <message>
        <source>This node is not one ApeDesk may sign for. Paper trading signs only on the sandbox, a fork or a local node of chain 8453; turn on live trading in the settings to trade elsewhere.</source>
        <translation>Für diesen Knoten darf ApeDesk nicht signieren. Papierhandel signiert nur in der Sandbox, auf einem Fork oder einem lokalen Knoten der Chain 8453; schalte den Live-Handel in den Einstellungen ein, um anderswo zu handeln.</translation>
    </message>
</context>
<context>
    <name>apedesk::Error</name>
    <message>
        <source>Canceled.</source>
        <translation>Abgebrochen.</translation>
    </message>
</context>
<context>
    <name>apedesk::FederatedService</name>
    <message>
        <source>No federated run in progress.</source>
        <translation>Kein föderierter Lauf aktiv.</translation>
    </message>
    <message>
        <source>Federated training needs the model library, which this build lacks.</source>
        <translation>Föderiertes Training braucht die Modellbibliothek, die diesem Build fehlt.</translation>
    </message>
    <message>
        <source>A federated run is already in progress (run %1): stop it first.</source>
        <translation>Ein föderierter Lauf ist bereits aktiv (Lauf %1): zuerst anhalten.</translation>
    </message>
    <message>
        <source>The app is closing.</source>
        <translation>Die App wird beendet.</translation>
    </message>
    <message>
        <source>Building the venues&apos; data…</source>
        <translation>Die Daten der Handelsplätze werden aufgebaut…</translation>
    </message>
    <message>
        <source>Stopping after the venues&apos; current batch…</source>
        <translation>Anhalten nach dem aktuellen Batch der Handelsplätze…</translation>
    </message>
    <message>
        <source>The federated run could not open its database: %1</source>
        <translation>Der föderierte Lauf konnte seine Datenbank nicht öffnen: %1</translation>
    </message>
    <message>
        <source>The federated run was stopped before its first round.</source>
        <translation>Der föderierte Lauf wurde vor seiner ersten Runde angehalten.</translation>
    </message>
    <message>
        <source>The federated run could not start: %1</source>
        <translation>Der föderierte Lauf konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>Federated run %1: round %2 of %3 done.</source>
        <translation>Föderierter Lauf %1: Runde %2 von %3 fertig.</translation>
    </message>
    <message>
        <source>Federated run %1 ended: %2</source>
        <translation>Föderierter Lauf %1 beendet: %2</translation>
    </message>
    <message>
        <source>Federated run %1 was stopped.</source>
        <translation>Föderierter Lauf %1 wurde angehalten.</translation>
    </message>
    <message>
        <source>Federated run %1 failed: %2</source>
        <translation>Föderierter Lauf %1 fehlgeschlagen: %2</translation>
    </message>
    <message numerus="yes">
        <source>converged after %n round(s).</source>
        <translation>
            <numerusform>konvergiert nach %n Runde.</numerusform>
            <numerusform>konvergiert nach %n Runden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>all %n round(s) done.</source>
        <translation>
            <numerusform>die %n Runde ist fertig.</numerusform>
            <numerusform>alle %n Runden fertig.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop the federated run before rolling the model back.</source>
        <translation>Den föderierten Lauf anhalten, bevor das Modell zurückgesetzt wird.</translation>
    </message>
    <message>
        <source>Rolled back to version %1.</source>
        <translation>Auf Version %1 zurückgesetzt.</translation>
    </message>
</context>
<context>
    <name>apedesk::JobQueueService</name>
    <message>
        <source>Job queue empty.</source>
        <translation>Auftragswarteschlange leer.</translation>
    </message>
    <message>
        <source>The job queue is not open.</source>
        <translation>Die Auftragswarteschlange ist nicht geöffnet.</translation>
    </message>
    <message>
        <source>There is no job %1.</source>
        <translation>Es gibt keinen Auftrag %1.</translation>
    </message>
    <message numerus="yes">
        <source>Nothing waiting; %n job(s) finished.</source>
        <translation>
            <numerusform>Nichts wartet; %n Auftrag abgeschlossen.</numerusform>
            <numerusform>Nichts wartet; %n Aufträge abgeschlossen.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 running</source>
        <translation>%1 laufen</translation>
    </message>
    <message>
        <source>%1 queued</source>
        <translation>%1 in der Warteschlange</translation>
    </message>
    <message>
        <source>%1 paused</source>
        <translation>%1 pausiert</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1 fehlgeschlagen</translation>
    </message>
    <message>
        <source>not starting new jobs</source>
        <translation>keine neuen Aufträge werden gestartet</translation>
    </message>
</context>
<context>
    <name>apedesk::MarketService</name>
    <message>
        <source>No swap history collected yet.</source>
        <translation>Noch keine Swap-Historie gesammelt.</translation>
    </message>
    <message>
        <source>Collecting swap history</source>
        <translation>Swap-Historie wird gesammelt</translation>
    </message>
    <message>
        <source>The swap database is not open.</source>
        <translation>Die Swap-Datenbank ist nicht geöffnet.</translation>
    </message>
    <message>
        <source>Give at least one RPC endpoint to collect from.</source>
        <translation>Geben Sie mindestens einen RPC-Endpunkt zum Sammeln an.</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Angehalten.</translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation>%1 wird importiert</translation>
    </message>
    <message>
        <source>%1 could not be read.</source>
        <translation>%1 konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Showing imported history; not following a chain.</source>
        <translation>Importierte Historie; keiner Chain wird gefolgt.</translation>
    </message>
    <message>
        <source>Exporting %1</source>
        <translation>%1 wird exportiert</translation>
    </message>
    <message>
        <source>There is no pool to export yet.</source>
        <translation>Es gibt noch keinen Pool zum Exportieren.</translation>
    </message>
    <message>
        <source>%1 could not be written.</source>
        <translation>%1 konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Showing stored history; not following a chain.</source>
        <translation>Gespeicherte Historie; keiner Chain wird gefolgt.</translation>
    </message>
    <message>
        <source>The chain is not connected.</source>
        <translation>Die Chain ist nicht verbunden.</translation>
    </message>
    <message>
        <source>Not following: the chain is not connected.</source>
        <translation>Kein Live-Verfolgen: Die Chain ist nicht verbunden.</translation>
    </message>
    <message>
        <source>The chain changed.</source>
        <translation>Die Chain hat gewechselt.</translation>
    </message>
    <message>
        <source>Following the pool live.</source>
        <translation>Der Pool wird live verfolgt.</translation>
    </message>
    <message>
        <source>Following the sandbox pool live.</source>
        <translation>Der Sandbox-Pool wird live verfolgt.</translation>
    </message>
    <message>
        <source>The sandbox market runs only on the app&apos;s sandbox.</source>
        <translation>Der Sandbox-Markt läuft nur in der Sandbox der App.</translation>
    </message>
    <message numerus="yes">
        <source>Pool live: %1 USDC, %n swap(s) in the window</source>
        <translation>
            <numerusform>Pool live: %1 USDC, %n Swap im Fenster</numerusform>
            <numerusform>Pool live: %1 USDC, %n Swaps im Fenster</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>apedesk::agent</name>
    <message>
        <source>The decision journal could not be used: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The decision journal is not open.</source>
        <translation type="unfinished">Das Entscheidungsjournal ist nicht geöffnet.</translation>
    </message>
    <message>
        <source>The decision journal holds a damaged row.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the amount “%1” is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the amount “%1” is ambiguous (a decimal comma?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the amount “%1” is negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the amount “%1” is zero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the share “%1” is more than 100%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the amount “%1” is absurdly large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the amount “%1” is in a token this pool does not trade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer recommends more than one action (%1); contradictory answers are not traded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, but %2: no trade.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer says both TRADE: YES and TRADE: NO; contradictory answers are not traded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TRADE: YES without a DIRECTION of ETH_TO_USDC or USDC_TO_ETH.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer gives both directions, ETH_TO_USDC and USDC_TO_ETH; contradictory answers are not traded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TRADE: YES without a PERCENTAGE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer gives more than one PERCENTAGE; contradictory answers are not traded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PERCENTAGE %1 is outside 1–100.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer ended inside its &lt;think&gt; block, before any recommendation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer holds only thinking, no recommendation after &lt;/think&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The RECOMMENDATION line holds no canary word or BUY/SELL/HOLD (cut off or unreadable): “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No canary word, TRADE fields or BUY/SELL/HOLD recommendation found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node sent an answer that is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>capped at the maximum trade of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>capped at the allowed share of the balance, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is below the minimum trade of %2: no trade.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ETH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 USDC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer could not be read, so it is an observation: no trade.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model said to hold: no trade.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer holds no action: no trade.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The balances are not known: no trade.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pool price is not known: no trade.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No ETH to sell above the %1 ETH gas reserve: no trade.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No USDC to spend: no trade.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ETH weight %1% against a target of %2%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restoring it needs %1 ETH, held to the rebalance maximum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restoring it needs %1 ETH, raised to the rebalance minimum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>limited by the balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, but the ETH above the gas reserve (%2) cannot pay for the rebalance minimum of %3: no trade.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, but the USDC balance (%2) cannot pay for the rebalance minimum of %3: no trade.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: sell %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: buy ETH with %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::agent::AgentLoop</name>
    <message>
        <source>Observation mode: the agent only watches.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::agent::AgentMemory</name>
    <message>
        <source>The saved agent memory was written by a newer ApeDesk and was not loaded.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::agent::BuiltinCall</name>
    <message>
        <source>The built-in policy was canceled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::agent::BuiltinPolicyBackend</name>
    <message>
        <source>There is no built-in policy named &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The built-in policy needs the market view, and this request has none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>built-in %1 policy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::agent::ChainServiceGateway</name>
    <message>
        <source>The agent stopped while its swap was in flight; the wallet pane shows how it ended.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::agent::DecisionJournal</name>
    <message>
        <source>saving a decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The decision journal has no decision %1 to update.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading decisions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading decisions due for marking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The journal could not be exported to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>saving the agent memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading the agent memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The saved agent memory is damaged and was not loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the decision journal</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::agent::DecisionRecord</name>
    <message>
        <source>Thinking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Observed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No trade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trading</source>
        <translation type="unfinished">Handel</translation>
    </message>
    <message>
        <source>Traded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reverted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::agent::HttpStreamCall</name>
    <message>
        <source>The request to %1 was canceled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer from %1 was cut off: the stream ended before the server said it was done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timed out after %1 seconds waiting for %2 to finish its answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timed out: %1 sent nothing for %2 seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API key was refused by %1 (HTTP %2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model &quot;%1&quot; not found at %2 (HTTP 404): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate limited by %1 (HTTP 429); wait a moment and try again: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error from %1 (HTTP %2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not connect to %1: the connection was refused. Is the server running?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not connect to %1: the host name was not found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reach %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::agent::OllamaBackend</name>
    <message>
        <source>the Ollama server at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Ollama server&apos;s model list has no &quot;models&quot; array.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No version in the answer from %1: is it an Ollama server?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::agent::OllamaChatCall</name>
    <message>
        <source>Malformed answer from %1: a line longer than %2 MiB, which is no Ollama answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Malformed answer from %1: a line that is not valid JSON: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error from %1 while it answered: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Malformed answer from %1: a line without the fields of a chat answer: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::agent::OpenAiBackend</name>
    <message>
        <source>the server at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s model list has no &quot;data&quot; array.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenAI-compatible server, models available: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::agent::OpenAiChatCall</name>
    <message>
        <source>Malformed answer from %1: an event longer than %2 MiB, which is no chat answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Malformed answer from %1: an event that is not valid JSON: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error from %1 while it answered: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Malformed answer from %1: an event without the fields of a chat answer: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Malformed answer from %1: a chunk whose content is not text: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::agent::Reader</name>
    <message>
        <source>The saved agent memory is damaged and was not loaded.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::chain::Artifacts</name>
    <message>
        <source>A Uniswap contract artifact is missing; reinstall the chain tools (tools/apedesk-dev.sh deps).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Uniswap contract artifact could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Uniswap contract artifact is not what ApeDesk expects.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Uniswap contract artifacts were not found; run tools/apedesk-dev.sh deps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Uniswap contract artifact is not valid JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Uniswap contract artifact has no bytecode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Uniswap contract artifact&apos;s bytecode is not hex (unlinked libraries?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Uniswap contract artifact has an empty bytecode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permit2&apos;s code was not found in its source file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permit2&apos;s code in its source file is not valid hex.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::chain::ChainSession</name>
    <message>
        <source>Unknown chain mode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local node crashed. Reset it to start again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local node stopped (exit code %1). Reset it to start again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no %1 contract at %2 on this chain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for anvil and the Uniswap contracts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the sandbox from its saved state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting a new sandbox chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the prepared sandbox for a fast start next time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fork mode needs the http(s) URL of a BASE node (your RPC endpoint).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for anvil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting a fork of BASE (this fetches state from your endpoint)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The forked chain has no Uniswap V4 PoolManager at BASE&apos;s address; is the endpoint a BASE mainnet node?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fork ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the http(s) URL of the node to connect to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox account %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ApeDesk has no key for %1 on this chain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Funding works only on the sandbox and on a fork the app started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The USDC balance could not be set on this chain.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::chain::NodeProcess</name>
    <message>
        <source>A node is already running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fork mode needs an http(s) endpoint of BASE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No free local port was found for the node.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local node did not become ready in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local node stopped while starting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>anvil could not be started.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::chain::SandboxCache</name>
    <message>
        <source>The node&apos;s state could not be decompressed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node&apos;s state is not the JSON anvil writes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox cannot be saved without the contracts&apos; fingerprint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox to save was made for another price.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox cache folder could not be created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox state could not be saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox cache could not be cleared.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::chain::SandboxDeployer</name>
    <message>
        <source>The node refused the transaction to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The transaction to %1 was not mined.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The transaction to %1 reverted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The transaction to %1 created a contract at an unexpected address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox price must be a positive decimal number such as 3000 or 2456.75.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox price is too close to the limits a pool allows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox price is outside what the sandbox pool can hold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting up the sandbox failed at &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the Uniswap contracts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no connection to the node.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Placing Permit2 at its canonical address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node did not accept anvil_setCode (is it anvil?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permit2&apos;s code did not arrive at its address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deploying the Uniswap V4 contracts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deploy %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no code after its deployment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the ETH/USDC pool at %1 USDC per ETH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>initialize the pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mint USDC for the liquidity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>approve USDC for the liquidity helper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add liquidity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new pool does not hold the requested price.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new pool does not hold the liquidity that was added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Funding the sandbox accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fund %1 with USDC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not get the intended balances.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox is ready</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::chain::SandboxDeployment</name>
    <message>
        <source>The saved sandbox description is damaged or from another version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no sandbox account %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::chain::SandboxRegistry</name>
    <message>
        <source>A sandbox record is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox node is not running, so it was not recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A sandbox record needs a port, a process and its command line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder for sandbox records could not be created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox record could not be written.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::chain::ToolLocator</name>
    <message>
        <source>anvil was not found. Run tools/apedesk-dev.sh deps, or put Foundry&apos;s anvil on the PATH.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::cli::Cli</name>
    <message>
        <source>Usage: apedesk-cli [--json] [--verbose] COMMAND [ARGS...]</source>
        <translation>Aufruf: apedesk-cli [--json] [--verbose] BEFEHL [ARGUMENTE...]</translation>
    </message>
    <message>
        <source>       apedesk-cli --help | --version | help COMMAND</source>
        <translation>        apedesk-cli --help | --version | help BEFEHL</translation>
    </message>
    <message>
        <source>ApeDesk&apos;s headless tools.</source>
        <translation>Die Kommandozeilenwerkzeuge von ApeDesk.</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>Optionen:</translation>
    </message>
    <message>
        <source>machine-readable output, one JSON object per line</source>
        <translation>maschinenlesbare Ausgabe, ein JSON-Objekt pro Zeile</translation>
    </message>
    <message>
        <source>debug logging on stderr and in the log file</source>
        <translation>Debug-Protokoll auf stderr und in der Protokolldatei</translation>
    </message>
    <message>
        <source>this text</source>
        <translation>dieser Text</translation>
    </message>
    <message>
        <source>print the version</source>
        <translation>Version ausgeben</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>Befehle:</translation>
    </message>
    <message>
        <source>Exit codes: 0 ok, 1 failure, 2 usage error.</source>
        <translation>Exit-Codes: 0 ok, 1 Fehler, 2 Aufruffehler.</translation>
    </message>
    <message>
        <source>versions, data folders and the training engine (libtorch, BLAS, threads)</source>
        <translation>Versionen, Datenordner und die Trainings-Engine (libtorch, BLAS, Threads)</translation>
    </message>
    <message>
        <source>no command given; see apedesk-cli --help</source>
        <translation>kein Befehl angegeben; siehe apedesk-cli --help</translation>
    </message>
    <message>
        <source>unknown option %1; see apedesk-cli --help</source>
        <translation>unbekannte Option %1; siehe apedesk-cli --help</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;; see apedesk-cli --help</source>
        <translation>unbekannter Befehl „%1“; siehe apedesk-cli --help</translation>
    </message>
    <message>
        <source>info: unknown argument %1</source>
        <translation>info: unbekanntes Argument %1</translation>
    </message>
    <message>
        <source>%1: missing the signature, like &quot;transfer(address,uint256)&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>abi decode: unknown option %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>abi decode: expected a signature and hex data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>abi decode: the signature has no input types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>abi decode: the signature has no output types; write f(inputs)(outputs) or pass --input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>abi decode: the data starts with the selector %1, not %2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>abi: expected encode or decode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>abi: unknown subcommand &quot;%1&quot;; expected encode or decode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keccak: expected one argument, text or 0x-prefixed hex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keystores and keys: new, import, list, address, sign (EIP-191, like cast wallet sign)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sign a transaction offline (the bytes cast mktx makes), or decode a raw one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ABI-encode arguments, or decode ABI data (like cast abi-encode / abi-decode)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>function calldata: selector and ABI-encoded arguments (like cast calldata)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keccak-256 of UTF-8 text or of 0x-prefixed hex bytes (like cast keccak)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tx sign needs %1 (nothing is looked up on a node)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give either --gas-price (legacy) or --max-fee and --priority-fee (EIP-1559)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an EIP-1559 transaction needs both --max-fee and --priority-fee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--chain-id must not be 0 (replay protection needs the chain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--data: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--to: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>without --to this creates a contract: give its code with --data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tx sign: unexpected argument %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: apedesk-cli tx decode RAW_HEX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the raw transaction is not hex: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tx needs a subcommand: sign or decode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown tx subcommand &quot;%1&quot;; see apedesk-cli help tx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give the keystore folder (--keystore DIR) and --password-file FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the password file is empty; a keystore needs a password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wallet new: unexpected argument %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wallet import: unexpected argument %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: apedesk-cli wallet list --keystore DIR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(address unknown until unlocked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wallet address: unexpected argument %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wallet sign takes exactly one MESSAGE (quote it if it has spaces)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the message starts with 0x but is not hex: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wallet needs a subcommand: new, import, list, address or sign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown wallet subcommand &quot;%1&quot;; see apedesk-cli wallet --help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs the name of an environment variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>environment variable %1 is empty or not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 takes no value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is given twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown option %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name the key with exactly one of --private-key-env, --mnemonic-env or --keystore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name the key with exactly one of --private-key-env or --mnemonic-env</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--index and --mnemonic-passphrase-env go with --mnemonic-env</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the private key in %1 is not valid: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--index is a number from 0 to 2147483647</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the recovery phrase in %1 is not valid: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--keystore needs --password-file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the password file %1 cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the password file %1 is larger than 64 KiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an amount (%2); write e.g. 1000, 0x3e8, 1.5gwei or 0.01ether</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>below one wei</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most %1 decimals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a fraction of a wei</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 takes a whole number (decimal or 0x-hex) below 2^64</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an offline chain 8453 with Uniswap V4 and an ETH/USDC pool: up, down, list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ETH and USDC balances of an account on a sandbox, fork or BASE node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>what a swap would give now: expected and minimum out, price impact, gas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>swap ETH and USDC through the Universal Router (paper on a local chain 8453)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>anvil could not be started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>anvil stopped while starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>anvil did not answer within %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sandbox up: unexpected argument %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--port must be between 1 and 65535</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a sandbox already runs on port %1 (stop it with: apedesk-cli sandbox down --port %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>port %1 is in use; choose another with --port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox ready at %1 (chain 8453, %2 in %3 ms).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from the saved state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deployed anew</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ETH/USDC pool %1 at %2 USDC per ETH.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts: anvil&apos;s ten default accounts, each with 100 ETH and 100,000 USDC; account 1 is %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>anvil runs on in the background (pid %1); stop it with: apedesk-cli sandbox down --port %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Ctrl+C to stop the sandbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sandbox&apos;s anvil stopped on its own: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox on port %1 stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sandbox down: unexpected argument %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sandbox is running on port %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sandbox started by apedesk-cli is running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sandboxes run on ports %1; choose one with --port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sandbox on port %1 belongs to a running ApeDesk; stop it there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox on port %1 had already stopped; its record is removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped the sandbox on port %1 (anvil pid %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sandbox is running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sandbox needs up, down or list; see apedesk-cli help sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sandbox: unknown subcommand %1 (up, down or list)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--rpc needs the http(s) URL of a node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no ETH/USDC pool is known on chain %1 at %2 (not a recorded sandbox, not BASE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no Uniswap V4 PoolManager at %1 on this node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--direction is eth-to-usdc or usdc-to-eth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--amount is required (in ETH or USDC, e.g. 0.1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--amount must be more than 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--slippage is a percentage from 0.01 to 50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--account needs an address: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a local chain 8453; add --live to trade there with real funds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--pool-manager and --pool-id go together</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--pool-manager needs an address: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--pool-id needs a 32-byte hex id: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no ETH/USDC pool is known on chain %1 (not a recorded sandbox, not BASE); name it with --pool-manager ADDR --pool-id ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>collect: %1/%2 blocks (%3 %), %4 new swaps, %5 blocks/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, ETA %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, via %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected argument %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--rpc URL is required (repeat it for fallback endpoints)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--rpc needs the http(s) URL of a node: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--from BLOCK is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--to must not be below --from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--db FILE is required (the swap database; created when missing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--rate is requests per second, more than 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped: blocks %1–%2 are %3/%4 collected, %5 new swaps stored; run the same command again to go on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>block %1 is not confirmed yet; collected up to block %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the pool&apos;s swap history: collect from nodes, import and export CSV, rolling metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sandbox market: other accounts trade toward a random-walk price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--window is a duration such as 600s, 10m, 1h or 1d (got &quot;%1&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--chain is a chain id such as 8453, or 8453-local for a node on this machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--db FILE is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no swap database at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--chain %1 --pool-id %2 (%3 swaps)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the database %1 holds no swaps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--pool-id is the pool&apos;s 32-byte id in hex: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no stored pool matches; the database holds: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the database holds several pools; choose one: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>import-csv needs one CSV file: data import-csv FILE --db FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be opened: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rows read: %2 new, %3 already stored, %4 duplicate rows dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>export takes no file argument; name the output with --out FILE.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--out FILE.csv is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 swaps written to %2 (processed CSV)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 swaps written to %2 (raw CSV)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>metrics takes no file argument; name the database with --db FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--at is a unix time in seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>data needs collect, import-csv, export or metrics; see apedesk-cli help data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>data: unknown subcommand %1 (collect, import-csv, export or metrics)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--rpc needs the http(s) URL of a sandbox (see: apedesk-cli sandbox up)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>market simulate trades only on a sandbox or a local anvil fork of BASE, never on a real network; %1 is not on this machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is neither a recorded sandbox nor a local fork of BASE (chain %2); start a sandbox with: apedesk-cli sandbox up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>swap %1/%2  %3 %4 -&gt; %5 %6  pool %7  target %8  %9</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  (noise)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>market simulate: unexpected argument %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--rpc is required: the URL of a sandbox (see: apedesk-cli sandbox up)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--swaps is required: how many swaps to make</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--swaps must be between 1 and 10000000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the pool stayed at the target for %1 steps in a row; give the market some drift, volatility or noise trades</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>market: name a subcommand: simulate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>market: unknown subcommand %1 (simulate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be a number from %2 to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be a whole number from %2 to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the environment variable %1 holds no API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose one of --observe-cycles, --observe-minutes and --observe-tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a local chain 8453; add --live to let the agent trade there with real funds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not answer (%2); the built-in policy decides.</source>
        <translation type="unfinished">%1 hat nicht geantwortet (%2); die eingebaute Strategie entscheidet.</translation>
    </message>
    <message numerus="yes">
        <source>stopped by a signal after %n decision(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>usage: apedesk-cli agent run --rpc URL --llm SPEC (--key-env VAR | --keystore FILE --password-file F) [options]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the trading agent: a model (or the built-in policy) decides, the agent trades and journals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the GAN lab: train a WGAN-GP on swap sequences, resume it, generate and validate synthetic data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: unexpected argument %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step %1  epoch %2  critic %3  generator %4  gp %5  wasserstein %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  validation generator %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  validation critic %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--preset is quick or full (got &quot;%1&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--preset quick|full is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name the training data with exactly one of --data FILE.csv or --db FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--chain and --pool-id choose a pool in a swap database (--db); a CSV holds one pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no swap CSV at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--run DIR is required: a new folder for the run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--run DIR is required: the folder of the run to continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no run folder at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--run DIR is required: the trained run to generate from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--out FILE.csv is required: where the synthetic sequences go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--sequences N is required: how many 24-step sequences to generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--real FILE.csv and --synthetic FILE.csv are both required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--report needs a file name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gan: name a subcommand: train, resume, generate or validate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gan: unknown subcommand %1 (train, resume, generate, validate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the DQN trader: train it on swaps, resume it, evaluate it against baselines, export its decisions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished">—</translation>
    </message>
    <message>
        <source>step %1  episodes %2  reward %3  mean reward %4  loss %5  mean Q %6  epsilon %7</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name the data with exactly one of --data FILE.csv or --db FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no CSV file at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--timesteps N is required: how many environment steps to train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--run DIR is required: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the folder of the run to continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 held-out decision steps: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>total return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharpe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max drawdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trades</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fees (USDC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DQN policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>buy and hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>random</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the trained run to evaluate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--run DIR is required: the trained run whose decisions to export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--out FILE.jsonl is required: where the dataset goes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the trained run whose decisions to export</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n examples from %1 episodes; labels are the policy&apos;s greedy actions:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>written: %1, %2, %3, %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rl: name a subcommand: train, resume, eval or export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rl: unknown subcommand %1 (train, resume, eval, export)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the distillation job queue: teacher answers, dataset, fine-tune, deploy, evaluate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--after takes job ids separated by commas, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jobs add teacher: the data file %1 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teacher %1: %2 samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jobs add: name a kind: teacher, prepare, finetune, deploy or evaluate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jobs add-pipeline needs one source: --data FILE.csv (teacher generation) or --dqn-dataset FILE (a DQN trader export)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The queue is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STATE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KIND</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PROGRESS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>COST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TITLE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jobs %1 takes one job id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>asked the process running it to stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>job %1 (%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>job %1: %2 %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jobs run: interrupted; running jobs were queued again, `jobs run` resumes them</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>jobs run: %n job(s) failed; see `jobs list`</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>jobs: name a subcommand: add, add-pipeline, list, run, cancel, retry, pause or resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jobs: unknown subcommand %1 (add, add-pipeline, list, run, cancel, retry, pause, resume)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>federated rounds: FRY-alpha weighted training of the hedge-ratio model across venues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>round %1: %2 — %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>round %1: global RMSE %2 · weights %3 · venue RMSE %4 · rejected: %5 · %6 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fed simulate needs --venues, e.g. --venues binance,okx,bybit (or sim-1, sim-2, …)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fed simulate needs the hedge-ratio model, which this build lacks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run %1 %2%3 · best global RMSE %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trained on %1 alone: venue RMSE %2 · pooled %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fed runs needs --db FILE: the database the runs were stored in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run %1 · %2 · %3 · %4 · best global RMSE %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fed: name a subcommand: simulate or runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fed: unknown subcommand %1 (simulate, runs)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::distill</name>
    <message>
        <source>Name the teacher folder or the DQN export file to prepare.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder %1 holds no teacher answers (teacher_data.jsonl); run the teacher job first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The input %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last line of %1 is incomplete (a write was cut off); it is skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1 of %2 is not a JSON object; it is skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1 of %2 is neither a teacher answer nor a DQN example; it is skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n more line(s) skipped.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the folder the prepared dataset goes to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Read %1: %n example(s) in %2 line(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Preparing example %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds no usable example (no line with a prompt and a readable answer).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 holds only %n usable example(s); the training, validation and test splits need at least 3.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Writing the splits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 examples: %2 train, %3 valid, %4 test; %5 duplicates removed, %6 cleaned, %7 defaulted to HOLD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dropped %1 answers with nothing readable and %2 lines without prompt or answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n example(s) prepared</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The test file %1 does not exist; prepare the dataset first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the test file %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test file %1 holds no example (chat lines with a user and an assistant message).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name at least one model to evaluate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Ollama address “%1” is no URL such as http://127.0.0.1:11434.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the answers to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Evaluating %1 on %n test example(s) from %2.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Ollama at %1 cannot be reached; the evaluation will try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be evaluated: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, example %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: example %2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 answered, %3 failed, canary share %4%, agreement %5%.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Evaluated %n model(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job queue database could not be used: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job queue database is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no job %1.</source>
        <translation type="unfinished">Es gibt keinen Auftrag %1.</translation>
    </message>
    <message>
        <source>The job queue database holds a damaged row.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teacher generation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset preparation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine-tune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fuse adapters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Convert to GGUF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register in Ollama</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pipeline name (name) &quot;%1&quot; must be a plain folder name: no slashes, not . or .., no leading or trailing spaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The command &quot;%1&quot; has a quote that is not closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The command is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The command &quot;%1&quot; uses the unknown placeholder %2; known ones are %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the folder the pipeline writes into (rootDir).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The DQN dataset (dqnDataset) %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the swap data for the teacher (dataPath) or a DQN dataset (dqnDataset).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The teacher&apos;s data file (dataPath) %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number of teacher samples (samples) must be at least 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The teacher endpoint (teacherEndpoint) &quot;%1&quot; is not an http(s) address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the teacher model (teacherModel).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The teacher&apos;s request rate (requestsPerMinute) must be above 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the base model to fine-tune (baseModel).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The fine-tune iterations (iters) must be at least 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation (evaluate) needs the model deployed (deploy).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The quantisation (quantization) &quot;%1&quot; is not a llama-quantize type such as q4_k_m.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The student&apos;s Ollama name (studentName) &quot;%1&quot; must be a name without spaces, such as trader-qwen:latest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Ollama address (ollamaUrl) &quot;%1&quot; is not an http(s) address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 command (commands.%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teacher answers: %1 samples from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prepare the dataset from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prepare the dataset from the teacher&apos;s answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fine-tune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine-tune %1 (%2 iters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fuse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>convert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>quantise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fuse the adapters into %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Convert to GGUF (f16)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantise to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register %1 with Ollama</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate %1 against %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1 of %2 is not a JSON object: the file is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot repair %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1 of %2: the %3 cell &quot;%4&quot; is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the data file %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a usable raw swap CSV: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No data file is set for the teacher job.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data file %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data file %1 is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has neither the columns price, volume, volatility and tick_change (a processed or synthetic CSV) nor the raw swap columns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data file %1 has no data rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>install mlx-lm (pip install mlx-lm) or change the fine-tune command in Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>install mlx-lm (pip install mlx-lm) or change the fuse command in Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>install Python 3 and llama.cpp, set the llama.cpp folder, or change the convert command in Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>install llama.cpp (llama-quantize) or change the quantise command in Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>install Ollama or change the register command in Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change the command in Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder %1 could not be created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Modelfile %1 could not be written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A %1 job is not run by an external tool.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Iter %1: train loss %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Iter %1: validation loss %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Iter %1: adapter weights saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test loss %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training (%1 iterations)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trainable parameters: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the base model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing on the held-out split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the GGUF file: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tensor %1 of %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantised size %1 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantising to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the fine-tuned adapter folder (adaptersDir).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the folder the deployed model goes into (outDir).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the base model the adapters were trained on (baseModel).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::distill::JobParams</name>
    <message>
        <source>The %1 job&apos;s &quot;%2&quot; must be %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The train and validation shares add up to more than the whole dataset.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::distill::JobQueue</name>
    <message>
        <source>There is no job %1.</source>
        <translation type="unfinished">Es gibt keinen Auftrag %1.</translation>
    </message>
    <message>
        <source>Attempt %1 of %2 started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This build has no runner for %1 jobs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job stopped with an internal error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempt %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 finished: done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canceled while it ran.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canceled while it ran (it ended with: %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused; it resumes from what it stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped because the queue shut down; queued again for the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ended: the job canceled itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed: %2; retrying in %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed: %2; no attempts left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job queue is not open.</source>
        <translation type="unfinished">Die Auftragswarteschlange ist nicht geöffnet.</translation>
    </message>
    <message>
        <source>Job %1 is %2; it cannot be %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interrupted: the app stopped while this job ran; canceled, as had been asked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interrupted: the app stopped while this job ran; paused, as had been asked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interrupted: the app stopped while this job ran; queued again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asked the process running it to stop (cancel).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asked the process running it to stop (pause).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 is being canceled; it cannot be paused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 keeps changing in another process; try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job queue cannot switch databases while jobs run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 is still stopping; resume it once it is paused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resumed: queued again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>canceled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canceled by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>retried</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Retry asked: queued again with %n attempt(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Job %1 is running; only a finished job can be removed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::distill::JobStore</name>
    <message>
        <source>starting a write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>saving a change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A job needs at least one attempt (max attempts is %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checking a dependency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job depends on job %1, which does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>adding a job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>adding a job&apos;s dependencies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dependencies by index are only allowed inside a pipeline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pipeline has no jobs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 of the pipeline depends on job %2; a job can only depend on an earlier one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading the queue order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading a job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading a job&apos;s dependencies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading dependencies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading the jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>saving job %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A job can only be claimed by a named queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting job %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>asking job %1 to stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading requests to stop jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>saving the usage of job %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>writing the log of job %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>writing the curves of job %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading the log of job %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading the curves of job %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>writing the queue order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 is %2; only a finished job can be removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading a job&apos;s dependents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 cannot be removed: job %2 depends on it and may still run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removing job %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading interrupted jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queueing interrupted jobs again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the job queue database</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::distill::JsonlAppender</name>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::distill::RunContext</name>
    <message>
        <source>The job&apos;s thread ended without an outcome.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::distill::TeacherRun</name>
    <message>
        <source>Cannot create the output folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resuming: %1 of %2 samples are finished; %3 to go.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The teacher job has no output folder (&quot;out&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The teacher job names no model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The teacher endpoint &quot;%1&quot; is not an http(s) URL such as https://openrouter.ai/api/v1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is damaged (sample %2 is not a scenario); remove the folder&apos;s files to start over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds the scenarios of another teacher run (data %2, seed %3, %4 samples); choose an empty output folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds no scenarios; remove it to start over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has only %2 rows, fewer than the %3 samples asked for: using them all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sampled %1 scenarios from %2 rows of %3 (seed %4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>teacher_data.jsonl ended in a torn line (the last run was stopped mid-write); it was cut and that sample will be asked again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds a line for a sample that is not among the scenarios; remove the folder&apos;s files to start over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The environment variable %1, which should hold the API key for %2, is not set or empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the key in the environment variable %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the key the keychain keeps for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Using the API key the keychain keeps for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No API key was sent: set the job&apos;s api_key_env to the environment variable that holds it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking %1 at %2 for %3 samples (at most %4 requests a minute).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the request failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample %1: %2 Giving up for now after %3 retries; the job will be retried later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample %1 still failed after %2 retries: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample %1: %2 The server asks for a %3 s pause; the job will be retried then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample %1: %2 Retrying in %3 s (retry %4 of %5%6).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, as the server&apos;s Retry-After asks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the model name and the endpoint URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server rejected the request itself; check the model and the job&apos;s parameters (temperature, max_tokens).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account behind the key has no credit left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking again would get the same answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no action after ####)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample %1 of %2: %3 (%4 drafts, %5 tokens, %6 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (retries: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %1 samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All %1 samples answered (%2 requests this run, %3 retries); wrote teacher_data.json and teacher_data_summary.csv.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::distill::TeacherScenario</name>
    <message>
        <source>A scenario has no number &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A scenario has no prompt.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::distill::ToolRun</name>
    <message>
        <source>Starting %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canceled: stopping %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not stop within %2 ms; killing it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 job has no command to run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not exist or cannot be run; %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not found on PATH; %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder %1 could not be created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not exist; %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The register job names no GGUF file for the Modelfile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model file %1 does not exist; run the quantise job first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1 (FROM %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be started; %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was ended by signal %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was ended by a signal (a crash, or the system ran out of memory).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 exited with code %2 after %3 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed with exit code %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed with exit code %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 finished but did not produce %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 finished</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::eth::Address</name>
    <message>
        <source>An address must start with 0x.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An address has 40 hex digits after 0x.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An address contains a character that is not a hex digit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address checksum (its mix of upper and lower case) is wrong; check for a typo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An address is 20 bytes long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A hash is 32 bytes long.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::eth::DerivationPath</name>
    <message>
        <source>A derivation path looks like m/44&apos;/60&apos;/0&apos;/0/0.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::eth::ExtendedKey</name>
    <message>
        <source>A BIP-32 seed is 16 to 64 bytes long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key derivation failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This seed gives no valid master key; use another phrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This derivation step gives no valid key (a 1 in 2^127 case); use another index.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::eth::Fees</name>
    <message>
        <source>%1 gwei</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node did not report a base fee.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network fees are %1 per gas right now, above your limit of %2; try again later or raise the limit in the settings.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::eth::Hex</name>
    <message>
        <source>Hex data must start with 0x.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hex data has an odd number of digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hex data contains a character that is not a hex digit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hex data has the wrong length.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::eth::JsonRpc</name>
    <message>
        <source>the node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to %1 broke before it answered; the request may or may not have reached it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be reached; check that the node is running and the address is right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered with HTTP status %2 instead of a JSON-RPC response.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contract call would fail: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contract call would fail (the node says: %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node refused the request: %1 (code %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 sent an answer that is not a valid JSON-RPC response.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request to the node could not be made: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::eth::Keychain</name>
    <message>
        <source>no keychain service is available; the password was not stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no keychain service is available; the password could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no keychain service is available; nothing was removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no password for this account is stored in the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the keychain refused access; the password was not stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the keychain refused access; the password could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the keychain refused access; nothing was removed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::eth::Keystore</name>
    <message>
        <source>The keystore file is not a valid version 3 keystore.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keystore could not be encrypted or decrypted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keystore&apos;s scrypt settings are outside what scrypt allows (n must be below 2^(16·r)).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keystore&apos;s scrypt settings need more memory than ApeDesk allows (2 GiB).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keystore uses a PBKDF2 variant other than HMAC-SHA256.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keystore uses a key derivation other than scrypt or PBKDF2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scrypt needs n a power of two, r and p positive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PBKDF2 needs a positive iteration count.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No private key is loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only version 3 keystore files are supported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keystore uses a cipher other than AES-128-CTR.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password is wrong for this keystore.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keystore&apos;s address does not match the key inside it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keystore folder could not be created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A keystore file of this name exists already; nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keystore file could not be written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keystore file could not be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keystore folder does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::eth::Mnemonic</name>
    <message>
        <source>The BIP-39 word list is missing from this build.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A recovery phrase has 12, 15, 18, 21 or 24 words.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery-phrase entropy is 16, 20, 24, 28 or 32 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Word %1 of the recovery phrase is not in the BIP-39 English word list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A recovery phrase has 12, 15, 18, 21 or 24 words; this one has %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recovery phrase&apos;s checksum does not match; a word is probably mistyped or out of order.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::eth::Numbers</name>
    <message>
        <source>A number is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A hex number has no digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A hex number contains a character that is not a hex digit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A number is too large for 256 bits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A number contains a character that is not a digit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A signed number is out of the int256 range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A JSON-RPC quantity must start with 0x.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A JSON-RPC quantity has leading zeros.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::eth::Rlp</name>
    <message>
        <source>The RLP data is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::eth::Signer</name>
    <message>
        <source>A signature is 65 bytes long (r, s and v).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signature&apos;s v byte must be 0, 1, 27 or 28.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A private key is 32 bytes long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The private key is out of range (zero or not below the curve order).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The public key could not be computed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A private key is 64 hex digits (32 bytes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The private key contains a character that is not a hex digit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a 32-byte digest can be signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No private key is loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signature or digest has the wrong size.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No signer can be recovered from this signature.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::eth::Transaction</name>
    <message>
        <source>The raw transaction is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An access-list storage key is 32 bytes long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A legacy transaction cannot carry an access list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The priority fee is above the maximum fee; no node would accept the transaction.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The transaction&apos;s signature does not recover a sender.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transactions of type %1 are not supported; only legacy and type 2 (EIP-1559).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::eth::TransactionSender</name>
    <message>
        <source>The node is on chain %1, not on chain %2 this transaction is for; nothing was signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key was given for signing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key does not belong to the account %1; nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another transaction from this account already used nonce %1; nothing was sent. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transaction %1 was sent, but the node stopped answering before it was confirmed. Whether it went through is not known yet; ApeDesk keeps checking by its hash and does not send it twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transaction %1 was sent, but the node could not be asked within %2 s whether it went through; check it later by its hash.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transaction %1 is not mined after %2 s; it may still be mined later.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::eth::TypedData</name>
    <message>
        <source>A typed-data integer written as a JSON number is not exact; write it as a string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A typed-data integer must be a number or a string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The typed data is not a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The typed data has no &quot;types&quot; object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The typed data declares a struct type with an invalid name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A typed-data struct type must be a list of fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A typed-data field needs a unique name and a type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The typed data&apos;s &quot;primaryType&quot; is missing or not one of its types.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The typed data needs a &quot;domain&quot; and a &quot;message&quot; object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The typed data&apos;s domain has a field EIP-712 does not define; declare EIP712Domain in &quot;types&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A typed-data array type is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The typed data uses a type that is neither a Solidity type nor one of its structs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The typed data has no struct type of this name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The typed data is nested too deeply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A typed-data value is missing one of its fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A typed-data value should be a list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A typed-data list has the wrong number of elements.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A typed-data value should be an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A typed-data string value should be a JSON string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A typed-data bytes value should be a hex string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A typed-data bool value should be true or false.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A typed-data address value is not a valid address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A typed-data fixed-size bytes value should be a hex string of exactly that many bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A typed-data integer is out of range for its type.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::eth::Units</name>
    <message>
        <source>The token&apos;s number of decimals is out of range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the amount without a sign.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the amount without blanks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the amount as plain digits, without an exponent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount has more than one decimal point.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount may contain only digits and one decimal point.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This token has no decimal places; enter a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many digits after the decimal point (this token allows %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount is too large: it does not fit in 256 bits of base units.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::eth::abi::Arguments</name>
    <message>
        <source>The number %1 is too large for 256 bits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number %1 has a negative exponent; only whole numbers are allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number %1 has %2 decimals; at most %3 are allowed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected text after a %1 value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A quoted string must end with the same quote and not contain it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A %1 value must be written in parentheses, like (1,2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A %1 value has more components than its type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A %1 value has fewer components than its type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A %1 value must be written in brackets, like [1,2].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected &quot;,&quot; or &quot;]&quot; in a %1 value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A %1 value needs %2 elements, not %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A quoted string has no closing quote.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a bool; write true or false.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected hex data, or 0x for no bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A %1 value takes exactly %2 bytes of hex; &quot;%3&quot; has %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected a %1 value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A %1 value cannot be negative: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not fit in %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::eth::abi::Codec</name>
    <message>
        <source>A value does not fit its ABI type %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ABI data is malformed or does not match its types.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ABI data refers to the same bytes too many times to decode safely.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected %1 ABI values, got %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The calldata does not start with the selector of %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::eth::abi::Event</name>
    <message>
        <source>The log does not have the topics of the event %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The log is not a %1 event.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data of a %1 event is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The indexed parameter %1 of a %2 event is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The log has no topics, so its event cannot be recognized.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The log&apos;s event is not in the loaded ABI.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::eth::abi::Json</name>
    <message>
        <source>The ABI JSON is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the ABI file %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ABI file %1 is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::eth::abi::Revert</name>
    <message>
        <source>The call reverted without a reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The call reverted with data that is not an error: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reverted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Panic %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The call reverted with an unknown custom error %1 (no loaded ABI has this selector); data %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The call reverted with %1, but its arguments do not decode; data %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an unknown panic code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a generic compiler-inserted panic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an assertion failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>arithmetic underflow or overflow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>division or modulo by zero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a value too large or negative converted to an enum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an incorrectly encoded storage byte array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pop() on an empty array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an array index out of bounds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too much memory allocated or an array too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a call to a zero-initialized internal function</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::eth::abi::Type</name>
    <message>
        <source>Unexpected text after an ABI type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An ABI type is nested too deeply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An ABI fixed-size array is too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An ABI array size must be a number in brackets, like uint256[3].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An ABI fixed-size array cannot have length zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected &quot;(&quot; in an ABI signature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An ABI tuple needs at least one component.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected &quot;,&quot; or &quot;)&quot; in an ABI signature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An ABI parameter has more than one name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An ABI tuple is too large.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An ABI integer type must have 8 to 256 bits in steps of 8, like uint256.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An ABI fixed bytes type must have 1 to 32 bytes, like bytes32.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected an ABI type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an ABI type this application supports.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An ABI signature starts with a name, like transfer(address,uint256).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected &quot;(&quot; after &quot;returns&quot; in an ABI signature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected text after an ABI signature.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::federated</name>
    <message>
        <source>its %1 is not a finite number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hedge RMSE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its hedge RMSE %1 is negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>slippage efficiency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>arbitrage ROI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FRY mint rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its FRY mint rate %1 is negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>regime confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The FRY-alpha settings need a positive ε, arbitrage ROI reference and circuit-breaker factor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The FRY-alpha bonuses and the mint-rate reference must be non-negative numbers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Venue %1 gets no weight: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No venue reported metrics for this round, so there is nothing to weigh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A venue without a name reported metrics.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Venue %1 reported metrics twice in one round.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No venue has a positive FRY-alpha weight this round (invalid metrics, or a regime confidence of 0 everywhere).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client sampling fraction must be greater than 0 and at most 1 (got %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A round needs at least one venue (the minimum was %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The venue list names a venue twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only %1 venues are available, fewer than the %2 a round needs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stored model parameters are damaged or not ApeDesk model parameters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tensor %1 of the model has no name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model holds tensor %1 twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tensor %1 has an impossible shape %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tensor %1 has %2 values but its shape %3 holds %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrong number of tensors: expected %1, got %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrong tensor at position %1: expected %2, got %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrong shape for tensor %1: expected %2, got %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrong value count for tensor %1: its shape %2 holds %3, got %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A weighted sum of models needs at least one model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A weighted sum got %1 models but %2 weights.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight %1 of a weighted sum is not a finite number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model registry could not be used: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model registry is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The global model is inconsistent, so no round can be aggregated on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The global model holds %1, so no round can be aggregated on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The noise σ must be zero or a positive number (got %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clipping norm must be a positive number (got %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The outlier norm multiplier must be a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a second update from the same venue in this round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its weight %1 is not a finite non-negative number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>norm %1 is %2× the round&apos;s median %3 (limit %4×)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No venue sent an update; the global model is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every update was rejected; the global model is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every accepted update has weight 0; the global model is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The aggregate overflowed (%1); the global model is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The global model could not be evaluated on %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The global model gave %1 predictions for the %2 held-out samples of %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The baselines need the venues&apos; data sets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local training failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The baseline trained on %1 alone failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The federated round history could not be used: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The federated round history is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no federated run %1 in the history (it may have been removed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Federated run %1 in the history is damaged (unknown state).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::federated::ConvergenceMonitor</name>
    <message>
        <source>Converged: the global loss improved by less than %1 % for %2 rounds in a row (best %3 in round %4).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::federated::DemoVenues</name>
    <message>
        <source>A simulated market: %1 % a day drift, %2 % daily volatility, %3 swaps a minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Venue %1 trades the real swaps: name the swap CSV (base_eth_usdc_swaps.csv).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no venue called “%1”: use binance, okx, bybit or sim-1, sim-2, …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name at least one venue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Venue %1 is listed twice.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::federated::FederatedCoordinator</name>
    <message>
        <source>Federated rounds need a model, and this build has no model library.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building the data failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The venue %1&apos;s data could not be prepared: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting from model version %1 needs the model registry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start from model version %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model version %1 is not a %2 model, so rounds cannot start from it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The coordinator has no venue data yet: prepare it before running rounds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round numbers start at 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round %1 could not be stored: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round %1: sampling venues.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round %1: %2 venues train locally.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local training did not run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local training failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 finished its local training.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It did not report within the round&apos;s deadline of %1 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It dropped out after %1 % of its local training (simulated disconnection).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its local training failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only %1 of the %2 sampled venues reported, and a round needs at least %3; the global model is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not aggregated: the round was skipped because too few venues reported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round %1: the venues trade and are weighed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its model could not predict its held-out hedge ratios: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its simulated trading failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No venue earned a FRY-alpha weight (%1); the global model is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No FRY-alpha weight: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its FRY-alpha weight is zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its metrics were not usable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No reporting venue could trade; the global model is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round %1 could not be aggregated: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round %1: evaluating the global model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1, round %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round %1&apos;s model could not be added to the registry: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round %1 done: global RMSE %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run could not be recorded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped after %1 of %2 rounds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped during round %1 of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 rounds completed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::federated::FederatedTypes</name>
    <message>
        <source>FRY-alpha breakdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A federated run needs at least one venue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every venue of a federated run needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Venue %1 is listed twice: venue names must be unique.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A federated run needs at least one round (rounds is %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The client sampling fraction must be above 0 and at most 1 (it is %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The minimum number of venues per round must be at least 1 (it is %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run asks for at least %1 venues per round but has only %2: lower the minimum or add venues.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local training needs at least one epoch (it is %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The learning rate must be a positive number (it is %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The learning-rate decay must be above 0 and at most 1 (it is %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The batch size must be at least 1 (it is %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The weight decay must be a non-negative number (it is %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The norm-outlier multiple must be a number (0 or less turns the test off).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clipping norm must be a non-negative number (0: no clipping; it is %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The differential-privacy noise must be a non-negative number (0: no noise; it is %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The FRY-alpha settings need a positive ε, arbitrage ROI reference and circuit-breaker factor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The FRY-alpha bonuses and the mint-rate reference must be non-negative numbers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The early-stopping improvement must be a non-negative number (it is %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Early stopping needs a patience of at least one round (it is %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dropout probability must be at least 0 and below 1 (it is %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The round deadline must be a non-negative number of seconds (0: none; it is %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number of venues training at once must be 0 (the machine&apos;s cores) or more (it is %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The starting model version must be 0 (fresh weights) or a registry version (it is %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>venue round record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>round record</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::federated::ModelRegistry</name>
    <message>
        <source>This model cannot be registered: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This model cannot be registered: it holds %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>storing a model version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading back version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pruning version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listing its versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model registry has no version %1 (it may have been pruned: only the last %2 are kept).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model version %1 in the registry is damaged and cannot be loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finding the current version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rollback to version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the model registry</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::federated::NonFiniteValue</name>
    <message>
        <source>%1 at tensor %2 index %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::federated::Regime</name>
    <message>
        <source>Crisis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volatile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trending bull</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trending bear</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::federated::RoundStore</name>
    <message>
        <source>the federated round history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting a run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>storing round %1 of run %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finishing run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>marking interrupted runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listing runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round %1 of federated run %2 in the history is damaged (unknown state).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round %1 of federated run %2 in the history is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finding the latest run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removing run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run was interrupted: its process stopped before it finished. Its completed rounds are kept.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::federated::StoredJson</name>
    <message>
        <source>The stored %1 is damaged: its field &quot;%2&quot; is missing or not valid.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::federated::VenueData</name>
    <message>
        <source>Cannot read the swap file %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The slice of %1 holds no swaps: choose rows or times inside the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These market settings cannot make a market: use a positive start price, liquidity, trade size and swap count, a non-negative volatility and rate, and a noise share between 0 and 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the synthetic data file %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a synthetic-sequence CSV: it needs the columns sequence_id, step, timestamp, price, amount0_eth, volume and liquidity_usage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1 of %2 has %3 cells; the header has %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1 of %2 is not a valid synthetic swap (numbers, and a positive price, expected).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds no synthetic sequences.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown venue data source.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The feature settings of venue %1 are not usable: windows of at least 2 swaps (the long one no shorter than the short one), a horizon of at least 1, a positive reference size and a held-out share between 0 and 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Venue %1 has a swap without a positive price (row %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Venue %1 has %2 swaps; these feature settings need at least %3 for one training and one held-out sample.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Real BASE ETH/USDC swaps 0–3999 (23 January – 4 February 2025): the decline and the 3 February crash.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Real BASE ETH/USDC swaps from row 4000 on (4–5 February 2025): the choppy range after the crash.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A simulated bull market: +10 % a day drift, 3 % daily volatility, one swap a minute.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::federated::VenueTrading</name>
    <message>
        <source>The trading window must hold at least one sample (it is %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hedged position must be a positive number of USDC, or 0 for the venue&apos;s reference size.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The arbitrage capital must be a positive number of USDC, or 0 for the hedged position&apos;s size.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The fair-value window must be at least one swap (it is %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The arbitrage entry threshold must be a non-negative multiple of the fee.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The circuit breaker&apos;s price move must be a positive fraction (0.05 = 5 %).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The circuit breaker&apos;s drawdown must be a positive fraction of the position (0.05 = 5 %).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The FRY minted per USDC must be a non-negative number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trading result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Venue %1 has no held-out samples to trade on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Venue %1 got %2 hedge ratios for its %3 held-out samples.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Venue %1 cannot trade: the model&apos;s hedge ratio for held-out sample %2 is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Venue %1 has no position size to hedge: set the trading position or the venue&apos;s reference size.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Venue %1&apos;s samples do not match its market series.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One swap moved the price by %1 % at %2 (the limit is %3 %).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hedged position fell %1 % of its size below its peak by %2 (the limit is %3 %).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::gui</name>
    <message>
        <source>ApeDesk, a desktop trading workstation for an AI agent on Uniswap V4.</source>
        <translation>ApeDesk, ein Desktop-Handelsarbeitsplatz für einen KI-Agenten auf Uniswap V4.</translation>
    </message>
    <message>
        <source>Log debug messages.</source>
        <translation>Debug-Meldungen protokollieren.</translation>
    </message>
    <message>
        <source>Use this language (e.g. de) instead of the setting.</source>
        <translation>Diese Sprache (z. B. de) statt der Einstellung verwenden.</translation>
    </message>
    <message>
        <source>Start with the default pane layout.</source>
        <translation>Mit der Standardanordnung der Bereiche starten.</translation>
    </message>
</context>
<context>
    <name>apedesk::market</name>
    <message>
        <source>a line is longer than %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1, column %2: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a hash has 64 hex digits, this has %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a hash contains a character that is not a hex digit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line 1: the header has %1 columns; a swap CSV has %2 (or %3 with log_index).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line 1: header column %1 is &quot;%2&quot;; a swap CSV has &quot;%3&quot; there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a block number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected True or False</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>out of the int128 range of a swap amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>larger than a uint160</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a pool&apos;s sqrt price is never 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>larger than a uint128</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a tick (a whole number from -887272 to 887272)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a fee (a whole number up to 16777215)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a unix time in seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a log index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CSV file could not be written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CSV file is not open for writing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CSV file is not open for reading.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CSV file could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CSV file is empty; a swap CSV starts with its header.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1 has %2 fields; the header has %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1 has the transaction and log index of line %2 but other values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CSV file could not be read (line %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node sent a Swap log without its block, transaction or position.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node sent a Swap log that does not decode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node sent logs of two different blocks %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node sent Swap logs that do not parse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node sent a log with a bad block timestamp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node sent two timestamps for block %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The swap database could not be used: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The swap database holds a damaged row.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::market::LiveMonitor</name>
    <message>
        <source>The node does not have its own newest block %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chain keeps reorganizing around block %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::market::MarketSimulator</name>
    <message>
        <source>The drift must be a number between −1000 and 1000 per day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The volatility must be between 0 and 100 per √day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The swap rate must be between 0 (as fast as possible) and 60,000 per minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The median trade must be between 0.0001 and 1,000 ETH.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The share of noise trades must be between 0 and 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number of swaps cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With no drift, no volatility and no noise trades nothing would ever trade.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The market simulator needs the http(s) URL of the node.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The market simulator trades only on a node on this machine (the sandbox or a fork), not on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node is on chain %1, not on chain %2 the simulator was set up for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The market simulator trades only on an anvil node (the sandbox or a fork); this node is %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no %1 contract at %2 on this node.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The traders&apos; USDC balance could not be set on this chain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node sent an answer that is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A trader&apos;s USDC approval was reverted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to the node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trading toward a target price that starts at the pool&apos;s %1 USDC per ETH.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The market simulator is not prepared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A swap failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pool sits at the target price.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pool has no liquidity at this price.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trader %1 has run out of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pool is close enough to the target.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation type="unfinished">Angehalten.</translation>
    </message>
    <message numerus="yes">
        <source>%n swap(s) made; target %1, pool %2 USDC per ETH.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The market simulator stopped because the node stopped answering: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The market simulator stopped because the node stopped answering.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The market simulator stopped after %1 failed swaps in a row. The last one: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::market::SimulatorRunner</name>
    <message>
        <source>Restarting with new settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %n swap(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Preparing the traders&apos; accounts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The market simulator could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Done: %n swap(s) made.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>apedesk::market::SwapCollector</name>
    <message>
        <source>No swap store to collect into.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give at least one RPC endpoint to collect from.</source>
        <translation type="unfinished">Geben Sie mindestens einen RPC-Endpunkt zum Sammeln an.</translation>
    </message>
    <message>
        <source>The batch size must be at least 1 block and the confirmation depth 0 or more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not the http(s) URL of a node.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block %1 is not confirmed yet: the node&apos;s newest block is %2 and %3 confirmations are asked for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The range ends (block %1) before it starts (block %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block %1 is not confirmed yet; collecting up to block %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocks %1–%2 are collected already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collecting blocks %1–%2 (%3 not collected yet).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: blocks %1–%2, %3 new swaps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node refuses to return the Swap logs of even a single block (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collected blocks up to %1 of %2: %3 new swaps so far.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chain keeps reorganizing blocks %1–%2; try again later or with more confirmations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node does not know transaction %1 of a Swap log.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::market::SwapStore</name>
    <message>
        <source>opening %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an ApeDesk swap database (or it is damaged).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading its version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was written by a newer ApeDesk (swap schema %2); this version reads schema %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>writing its version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading swaps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>counting swaps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listing pools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading blocks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dropping blocks after a chain reset</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::market::SwapStore::Impl</name>
    <message>
        <source>reading swaps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>replacing imported rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>storing swaps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading the collection checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>saving the collection checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>storing blocks</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::market::SwapStore::Impl::Transaction</name>
    <message>
        <source>saving</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ml</name>
    <message>
        <source>Matrix size must be between 8 and 8192.</source>
        <translation>Die Matrixgröße muss zwischen 8 und 8192 liegen.</translation>
    </message>
    <message>
        <source>The matrix library returned wrong results.</source>
        <translation>Die Matrixbibliothek hat falsche Ergebnisse geliefert.</translation>
    </message>
    <message>
        <source>The GAN normalisation file is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The GAN dataset options are out of range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too few swaps for one GAN window: %1 rows, a window needs %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too few swaps to split into training and validation windows: %1 rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the swap file %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The swap store %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number of sequences must be between 1 and 1,000,000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generation needs the dataset the run was trained on (its conditions and real rows).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The GAN run %1 has no checkpoint to generate from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The GAN run %1 does not generate swap sequences of the expected shape.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The checkpoint %1 is damaged or is not a GAN checkpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The generator failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The generator produced values that are not finite numbers (checkpoint %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no generated sequences to write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the synthetic data file %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Kolmogorov-Smirnov test needs two non-empty samples.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Kolmogorov-Smirnov test needs finite numbers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EXCELLENT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GOOD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAIR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>POOR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 data has no sequences.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 data has %2 features, expected %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 sequences have %2 steps; autocorrelation at lag %3 needs more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 data block does not match its shape.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 data contains a value that is not a finite number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation needs at least one feature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>real</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>synthetic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Real sequences have %1 steps but synthetic ones have %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GAN SYNTHETIC DATA VALIDATION REPORT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Real sequences: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synthetic sequences: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps per sequence: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OVERALL GRADE: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average KS statistic: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average autocorrelation difference: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FEATURE STATISTICS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KS statistic %1, p-value %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>real:      mean %1, std %2, median %3, min %4, max %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>synthetic: mean %1, std %2, median %3, min %4, max %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mean difference %1, std difference %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AUTOCORRELATION (lags 1-%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mean absolute difference %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>real:      %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>synthetic: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the validation report %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1 of the synthetic CSV: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The synthetic CSV is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected the columns sequence_id, step, timestamp and then the features.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 columns, expected %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sequence_id &quot;%1&quot; is not an integer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step &quot;%1&quot; is not a non-negative integer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot; is not a finite number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sequence %1 has step %2 twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The synthetic CSV has a header but no rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sequence %1 of the synthetic CSV has %2 steps, sequence %3 has %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sequence %1 of the synthetic CSV does not number its steps 0 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the synthetic CSV %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the checkpoint %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run names no training data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A swap store needs its chain and the pool&apos;s 32-byte id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown data kind &quot;%1&quot; (csv or store).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held-out %1 % of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The saved replay buffer is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The evaluation result is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export needs at least one episode, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each episode needs at least one step, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the output file of the distillation export (FILE.jsonl).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data has no step at which the trader can decide.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the distillation files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has a step without a positive price or with a value that is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is too short to trade on: a sequence needs at least %2 steps, the longest has %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The synthetic CSV %1 has no &quot;%2&quot; column.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1 of the synthetic CSV %2: timestamp &quot;%3&quot; is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The synthetic CSV %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 synthetic sequences of %2 steps from %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The swap history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the data file %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data file %1 is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 swaps from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 swaps of pool %2 on %3 from %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The training share must lie strictly between 0 and 1, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (training: sequences 1–%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (held out: sequences %2–%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (training: steps 1–%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (held out: steps %2–%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data is too short to split into a training and a held-out part of at least %1 steps each.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An observation needs the last %1 market steps, only %2 are known.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recent market window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trader run configuration has a field of the wrong type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The GAN run configuration has a field of the wrong type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These parameters are not a hedge-ratio model&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hedge-ratio model has a weight that is not a finite number: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample %1 has a feature that is not a finite number (%2 is %3); the model cannot be trained or evaluated on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample %1 has a target that is not a finite number (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The features must be rows of %1 values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hedge-ratio model has no tensor %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The venue %1&apos;s data set is inconsistent: %2 targets but %3 feature values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The venue %1 needs at least one train and one held-out sample to train the model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The venue %1&apos;s train data is not usable: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The venue %1&apos;s held-out data is not usable: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local training on %1 diverged: the loss became %2 in epoch %3, batch %4 of %5. Try a lower learning rate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>infinite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local training on %1 diverged: a weight became NaN or infinite in epoch %2. Try a lower learning rate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local training on %1 failed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ml::DqnConfig</name>
    <message>
        <source>The Q network needs at least one hidden layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each hidden layer must have between 1 and 4,096 units.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The replay buffer must hold between 1 and 10,000,000 transitions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The learning start must not be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The batch size must be between 1 and 65,536.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The discount γ must be between 0 and 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The target update interval must be at least one step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The training frequency must be at least one step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gradient steps per update must be between 1 and 1,000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exploration fraction must be between 0 and 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exploration rates ε must be between 0 and 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The learning rate must be a positive number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gradient clip must be a positive number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number of timesteps must be between 1 and 10^12.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ml::DqnPolicy</name>
    <message>
        <source>The trader run %1 has no trained network yet (no checkpoint).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The checkpoint %1 is damaged or is not a trader checkpoint.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ml::DqnPolicyBackend</name>
    <message>
        <source>The trained trader was canceled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trained trader in %1 cannot decide: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trained trader needs the market view, and this request has none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trained trader needs the pool&apos;s last %1 swaps and the metrics window holds %2; it decides once enough swaps have arrived (or with a longer metrics window).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trained trader cannot read the recent swaps: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trained trader %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ml::DqnTrainer</name>
    <message>
        <source>The run folder %1 is not a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run folder %1 is not empty; choose a new or empty folder (or resume that run).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the run folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no trader run in %1 (config.json is missing).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trader run configuration %1 is not valid JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trader run %1 has no checkpoint to resume from.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ml::DqnTrainer::Impl</name>
    <message>
        <source>The training share of the data must be between 0 and 1 (exclusive).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The logging and checkpoint intervals must be positive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trader training could not be set up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The training diverged; its state is not saved over the last good checkpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A network weight is not a finite number; the last good checkpoint is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the checkpoint %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A network weight is not a finite number; no final network is written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The checkpoint %1 is damaged or is not a trader checkpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data does not match the run: it was trained on %1 steps in %2 sequences, this data gives %3 steps in %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>infinite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the last good checkpoint at step %1 is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no checkpoint had been written yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The training diverged: the %1 became %2 at step %3; %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TD loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gradient norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Q network&apos;s weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1 of %2, %3 steps/s, about %4 s left; %5 episodes, ε %6.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1 of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The training diverged earlier; resume from the last good checkpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The training has already finished its %1 steps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped at step %1; the checkpoint is saved and the run can be resumed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped at step %1, but the checkpoint could not be saved: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The training failed at step %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trained %1 steps (%2 episodes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trained %1 steps.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ml::DqnTrainingConfig</name>
    <message>
        <source>The trader run configuration is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ml::ExportFiles</name>
    <message>
        <source>Cannot write the distillation file %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ml::GanConfig</name>
    <message>
        <source>The sequence length, feature count, condition size and latent size must be positive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hidden size must be at least 2 and a multiple of the number of attention heads.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The layer count, minibatch channels and power iterations must be positive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dropout rates must be at least 0 and below 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch size, critic steps and epochs must be positive, and patience not negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rates must be positive and Adam betas between 0 and 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss weights and noise levels must not be negative.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ml::GanNetworks</name>
    <message>
        <source>The GAN networks could not be built.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ml::GanNormalizer</name>
    <message>
        <source>Cannot write the GAN normalisation file %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the GAN normalisation file %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ml::GanTrainer</name>
    <message>
        <source>The run folder %1 is not a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run folder %1 is not empty; choose a new or empty folder (or resume that run).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the run folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no GAN run in %1 (config.json is missing).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The GAN run configuration %1 is not valid JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The GAN run %1 has no checkpoint to resume from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data does not match the run %1: its normalisation differs from the one the run was trained with.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ml::GanTrainer::Impl</name>
    <message>
        <source>The GAN configuration does not match the swap data&apos;s shape (24 steps of 10 features, 5 condition values).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The logging and checkpoint intervals must be positive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The GAN dataset needs at least one training and one validation window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The GAN training could not be set up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The training diverged; its state is not saved over the last good checkpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A network weight is not a finite number; the last good checkpoint is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the checkpoint %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the checkpoint %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The checkpoint %1 is damaged or is not a GAN checkpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data does not match the run: it was trained on %1 training and %2 validation windows, this data has %3 and %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>infinite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the last good checkpoint at step %1 is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no checkpoint had been written yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 became %2 at step %3; %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>critic loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gradient penalty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>critic gradient norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>generator loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>generator gradient norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch %1 of %2, step %3 of %4, %5 steps/s, about %6 s left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch %1 of %2, step %3 of %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The training diverged earlier; resume from the last good checkpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The training has already finished its %1 epochs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The training had already stopped early.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped at step %1; the checkpoint is saved and the run can be resumed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped at step %1, but the checkpoint could not be saved: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused at step %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validation generator loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validation critic loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished %1 epochs (%2 steps); best validation generator loss %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped early after epoch %1: the validation generator loss did not improve for %2 epochs (best %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The training failed at step %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trained %1 steps.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ml::GanTrainingConfig</name>
    <message>
        <source>The GAN run configuration is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ml::HedgeRatioModel</name>
    <message>
        <source>The hedge-ratio model could not be built.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hedge-ratio model could not predict.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The RMSE needs at least one sample and one target per row of %1 features.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hedge-ratio model could not be evaluated.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ml::LocalTrainingOptions</name>
    <message>
        <source>The local training needs between 1 and 10,000 epochs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The round number must not be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The learning rate must be a positive number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The learning-rate decay must be above 0 and at most 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The batch size must be between 1 and 65,536.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The weight decay must be zero or a positive number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number of threads must not be negative.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ml::TradingEnv</name>
    <message>
        <source>Step %1 cannot start an episode: it needs %2 steps before it in its sequence and one after it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The saved trading environment state is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ml::TradingEnvConfig</name>
    <message>
        <source>The trading environment settings are not valid.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ml::TrainingService</name>
    <message>
        <source>libtorch %1, %2 threads, %3 BLAS</source>
        <translation>libtorch %1, %2 Threads, %3 BLAS</translation>
    </message>
    <message>
        <source>optimized</source>
        <translation>optimiertes</translation>
    </message>
    <message>
        <source>reference (slow)</source>
        <translation>Referenz- (langsames)</translation>
    </message>
    <message>
        <source>Measuring matrix throughput</source>
        <translation>Matrixdurchsatz wird gemessen</translation>
    </message>
    <message>
        <source>Training a GAN in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resuming the GAN training in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A GAN training is already running in %1; stop it before starting another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the training data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished">Training</translation>
    </message>
    <message>
        <source>Saving a checkpoint and stopping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generating %1 synthetic sequences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate at least one sequence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validating %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training a DQN trader in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resuming the DQN trader&apos;s training in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A trader training is already running in %1; stop it before starting another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the GAN training to end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1 of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluating the trader in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting the trader&apos;s decisions from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export at least one episode of at least one step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the file to export into.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui</name>
    <message>
        <source>Could not write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no &quot;step&quot; column: it is not a GAN metrics file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1 of %2 has %3 cells; the header has %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1 of %2: &quot;%3&quot; is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no readable config.json.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>config.json in %1 is not a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no price column.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::AccountBox</name>
    <message>
        <source>The account that swaps and whose balances are shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox and fork only: add 100 ETH and 100,000 USDC to this account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wallets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a wallet, import a key or keystore file, or copy the address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create wallet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keystore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keystore file %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An account of the sandbox node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No accounts yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asked the node for 100 ETH and 100,000 USDC for %1; the balances follow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypting the new key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypting the imported key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the keystore file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1 in the keystore folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::AddPipelineDialog</name>
    <message>
        <source>Add a distillation pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teacher answers on swap data (CSV)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A DQN trader&apos;s exported dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a raw, processed or GAN synthetic swap CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILE.jsonl or FILE.chat.jsonl from Export dataset…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swap data for the teacher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A DQN export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSONL files (*.jsonl);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an OpenAI-compatible base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. OPENROUTER_API_KEY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name of the environment variable that holds the API key. The key itself is never stored; when this is empty the keychain entry the agent pane keeps for the endpoint is used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fine-tune</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a Hugging Face model id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Iterations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deploy &amp;&amp; evaluate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deploy to Ollama (fuse, convert, quantise, register)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate on the held-out split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: the student alone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ollama URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Student name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: distill-&lt;time&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder for the pipeline&apos;s files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pipeline name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the swap CSV the teacher answers on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the DQN export to train on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::AgentControlsBox</name>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the agent: it watches the first cycles set below, then trades.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Observe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the agent without trading: it asks the model and records the answers only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decisions by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ollama</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenAI-compatible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The built-in policy runs offline; Ollama and OpenAI-compatible servers (OpenRouter, llama.cpp, vLLM, LM Studio) answer with an LLM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backend:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the models the server offers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not needed for a local server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember in the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the key in the system keychain for this server&apos;s host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stateful prompt with memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The format the fine-tuned canary models were trained on, with the history of past decisions; the memory persists, so a restart continues.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <extracomment>Suffix of a duration in seconds</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time between the agent&apos;s decisions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> cycles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start: cycles to only watch before trading. Observe: cycles to watch, then stop (0: until stopped).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Observe first:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allocation and limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> % ETH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The share of the portfolio&apos;s value the rebalancer keeps in ETH.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>± </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How far the ETH share may drift from the target before the rebalancer trades, bypassing the model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rebalance at:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ETH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The most one trade may move, in ETH or its USDC equivalent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max trade:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"> Min.</translation>
    </message>
    <message>
        <source>Each trade&apos;s P&amp;L is marked to market this long after it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark P&amp;&amp;L after:</source>
        <extracomment>&quot;&amp;&amp;&quot; is one ampersand (a form label would take &quot;&amp;&quot; as a shortcut)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh lists the server&apos;s models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the built-in policies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the server&apos;s address, such as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a model: Refresh lists the ones the server offers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an account in the wallet pane first: the agent reads its balances and trades from it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent is not available in this build.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listing the built-in policies…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking %1 for its models…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not list the models: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tokens of context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server offers no models.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n models listed.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Not started: the account stays locked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting to observe…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping after the current step…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The running agent uses these values; changes apply at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None selected (wallet pane)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No chain in this build</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, password asked at start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
%2%3</source>
        <extracomment>An account&apos;s label, then on a second line its short address (and how it is unlocked)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API key for %1 came from the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API key was not saved in the keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API key could not be removed from the keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API key was removed from the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock account for the agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent signs its trades with %1 (%2). Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trained trader (DQN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A DQN trader from a training run decides offline from the pool&apos;s last swaps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The training run&apos;s folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A DQN training run with a checkpoint (the Trader training view or apedesk-cli rl train writes them under the runs folder).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick the training run&apos;s folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the trained trader&apos;s run folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run folder %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trained trader&apos;s run folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::AgentStatusStrip</name>
    <message>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the agent does now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backend / model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who decides: an LLM server&apos;s model or the built-in policy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decisions of this run so far.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Observing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cycles left that only watch the market and never trade.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stateful memory&apos;s estimated tokens as a share of the model&apos;s context; it is summarised at 90 %.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model P&amp;L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marked P&amp;L of this run&apos;s model trades against not trading, gas included.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rebalance P&amp;L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marked P&amp;L of this run&apos;s rebalancing trades, kept apart from the model&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trading</source>
        <translation type="unfinished">Handel</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n cycles left</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::AmountText</name>
    <message>
        <source>%1 → %2</source>
        <extracomment>A swap&apos;s direction, token in → token out</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::BalanceBox</name>
    <message>
        <source>Balances:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pool price:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— ETH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— USDC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ETH exactly, at block %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 USDC exactly, at block %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished">—</translation>
    </message>
    <message>
        <source>%1 USDC per ETH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 USDC per ETH at block %2 (tick %3)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::CanaryStatsModel</name>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 answers carried a canary word.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Of the canary answers: APE IN %1, APE OUT %2, APE NEUTRAL %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TRADE fields or BUY/SELL/HOLD instead of a canary word.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers with nothing readable: observations, never trades.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backend / model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With canary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unreadable</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::ChainStatusBox</name>
    <message>
        <source>A local chain with Uniswap V4, started and prepared by the app; paper only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A local copy of BASE, forked from your endpoint; paper only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A node you run or name; trades need live trading unless it is on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation type="unfinished">Modus:</translation>
    </message>
    <message>
        <source>https://… your BASE endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BASE endpoint:</source>
        <translation type="unfinished">BASE-Endpunkt:</translation>
    </message>
    <message>
        <source>latest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fork at block:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start or connect to the chosen chain; a node the app started before is stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the sandbox over from its freshly prepared state: balances and swaps go back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chain id:</source>
        <translation type="unfinished">Chain-ID:</translation>
    </message>
    <message>
        <source>Block:</source>
        <translation type="unfinished">Block:</translation>
    </message>
    <message>
        <source>Base fee:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RPC URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your BASE endpoint, an http(s) or ws(s) URL, to fork from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the node&apos;s URL, such as http://127.0.0.1:8545.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished">—</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Starte…</translation>
    </message>
    <message>
        <source>Connected to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 gwei</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 wei</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::ChartControls</name>
    <message>
        <source>1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last hour before the newest swap.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last day before the newest swap.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 w</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last week before the newest swap.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every stored swap of the pool.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Candles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The price as a line through every swap, or as OHLC candles per interval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The interval of candles and bars; Auto picks one that suits the range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charts as PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown candles as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time, open, high, low, close, volume and swaps per interval of the shown range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::CollectDialog</name>
    <message>
        <source>Collect swap history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reads the pool&apos;s Swap events block range by block range and stores them; a stopped collection resumes where it stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://… one endpoint per line; the next is used when one fails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RPC URLs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PoolManager:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pool id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From block:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>latest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty: up to the newest block that has enough confirmations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To block:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> blocks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocks per eth_getLogs request; split further when a provider refuses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocks behind the head that count as final.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmations:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> requests/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate limit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also fetch each transaction&apos;s sender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One more request per transaction: its sender and whether that is a contract.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not an http(s) or ws(s) URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter at least one RPC URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PoolManager address is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pool id must be 0x and 64 hex digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the first block to collect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last block comes before the first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::CreateWalletDialog</name>
    <message numerus="yes">
        <source>Use at least %n characters.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create wallet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new private key is made on this computer and saved encrypted under this password. Without the password the key cannot be used, and it cannot be recovered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::DecisionDetailView</name>
    <message>
        <source>None: nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent, waiting to be mined…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reverted on chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: the swap failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed after sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model&apos;s answer appears here as it streams.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system prompt: the stateful format sends the prompt alone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No prompt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read as:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reasoning:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trade:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transaction:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tx hash:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Effective price:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;L:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer time:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Market then:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a decision to see its prompt, the answer as it streams, and the trade.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cycle %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>observing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · </source>
        <extracomment>Separator between the parts of the decision header</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 USDC per ETH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, %1 % in %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>held %1 ETH and %2 USDC (%3 % ETH)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::DecisionFilterBar</name>
    <message>
        <source>Show the decisions of one backend and model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the decisions with one canary word, or those without one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No canary word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the decisions in one state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trades only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only decisions that sent a swap.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search answers, errors, tx hashes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::DecisionLogModel</name>
    <message>
        <source>Cycle %1 of run %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid %1, received %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>USDC per ETH the trade was filled at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>USDC per ETH the agent saw when it decided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trade against not trading, marked to market later, gas included.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marked to market at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backend / model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tx hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;L</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::DecisionLogPane</name>
    <message>
        <source>The trading agent is not available in this build: there are no decisions to show and the agent cannot start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decisions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canary statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow newest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select each new decision as it appears, while the newest one is selected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export JSONL…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the whole decision journal, prompts and answers included, as JSON Lines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How often each model answered with a canary word (APE IN, APE OUT, APE NEUTRAL), and which. Rebalances and failed calls are not answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the decision journal (%1); the statistics count the decisions shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n decisions</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n decisions</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The trading agent is not available in this build; there is no journal to export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the journal to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n decisions to %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Could not export the journal: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the decision journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::DecisionText</name>
    <message>
        <source>—</source>
        <extracomment>Shown where there is no value</extracomment>
        <translation type="unfinished">—</translation>
    </message>
    <message>
        <source>Ollama</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenAI-compatible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rebalancer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <extracomment>Backend and model of a decision, e.g. &quot;Ollama · qwen3:4b&quot;</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>canary word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TRADE fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BUY/SELL/HOLD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rebalance: sell ETH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rebalance: buy ETH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buy ETH (observed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buy ETH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sell ETH (observed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sell ETH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Observe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+%1 USD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>−%1 USD</source>
        <extracomment>A loss in US dollars; the minus sign is U+2212</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 USD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>due %1</source>
        <extracomment>The P&amp;L of a trade is marked at this time</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model: the allocation drifted past the threshold, so the rebalancer traded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the answer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing readable in the answer: an observation, no trade.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unreadable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>A parsed answer and the format it was written in, e.g. &quot;APE OUT 0.05 ETH (canary word)&quot;</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No trade: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No trade.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::DistillationPane</name>
    <message>
        <source>This build has no distillation job queue: nothing can be added or run here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No jobs: Add pipeline… queues a whole distillation chain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 running · %2 queued · %3 paused · %4 failed · %5 done — %6 tokens, %7</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Added pipeline %1 with %n job(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>apedesk::ui::EvaluationModel</name>
    <message>
        <source>Examples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canary words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agrees with teacher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>APE IN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>APE OUT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>APE NEUTRAL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No canary action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished">—</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers that name an action in canary words (APE IN / APE OUT / APE NEUTRAL).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers whose action matches the teacher&apos;s label on the held-out split.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers without a canary action.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (#%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate job %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate job %1 of pipeline %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::EvaluationPage</name>
    <message>
        <source>No evaluation has finished yet: a pipeline&apos;s last job probes the registered student (and the model it is compared with) on the held-out split.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 from %2, on the held-out split; the best canary share and agreement are bold.</source>
        <extracomment>%1: &quot;3 models&quot;, %2: &quot;2 evaluate jobs&quot;</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n model(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n evaluate job(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>apedesk::ui::FederatedPane</name>
    <message>
        <source>This build has no federated service: runs cannot be started or shown here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rounds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Totals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Starting a run of %n round(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Rollback waits until the run ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rolling back to v%1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Run %1 started: %n venue(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Run %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Run %1 %2 after %n round(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Run %1 %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>v%1 is now the current model: a copy of v%2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::FederatedRunControls</name>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a federated run with the settings of the Setup tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop after the venues&apos; current batch; the rounds so far are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No run in progress.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the venues&apos; data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping after the current batch…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::FederatedRunPicker</name>
    <message>
        <source>Run:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No runs yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs kept in the app&apos;s database; choose one to see its rounds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>converged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>#%1 · %2 · %n venue(s) · %3 rounds · %4</source>
        <extracomment>run number, start time, venues, planned rounds, state</extracomment>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>apedesk::ui::FederatedSettingsBox</name>
    <message>
        <source>Simulated markets (sim-1, sim-2, …) offered after the three demo venues; they need no files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the real swaps binance and okx trade (base_eth_usdc_swaps.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of the venues sampled to train in each round (at least the minimum).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A round with fewer reporting venues is skipped, with the reason in the round table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local training epochs of each venue per round.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Differential privacy: σ of the Gaussian noise added to the aggregated update.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each venue&apos;s update is scaled down to at most this norm before aggregation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adam&apos;s L2 penalty in local training.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop early on convergence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the run when the global loss stops improving for a few rounds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Privacy and seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DP noise, update clipping, weight decay, seed and early stopping.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Venues:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swap CSV:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulated venues:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rounds:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sampling fraction:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Min venues:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DP noise σ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clip norm:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight decay:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Needs the swap CSV.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swap CSV for the real-swap venues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check at least one venue to train.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 trade the real swaps: choose the swap CSV (base_eth_usdc_swaps.csv) with Browse…, or uncheck them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The swap CSV %1 does not exist: choose base_eth_usdc_swaps.csv with Browse…, or uncheck %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Min venues is %1 but only %n venue(s) are checked: every round would be skipped.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>apedesk::ui::FederatedTotalsBox</name>
    <message>
        <source>Totals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FRY minted:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slippage harvested:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arbitrage profit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Circuit-breaker activations:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected updates:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dropouts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rounds:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FRY minted by the venues&apos; simulated trading: per USDC of slippage harvested and of arbitrage profit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price impact of other traders&apos; swaps the agent&apos;s hedge rebalancing traded against, in USDC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Net arbitrage profit toward each venue&apos;s fair price, after fees, in USDC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Venue-rounds in which a venue&apos;s circuit breaker tripped (its weight counts 0.6×).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updates the robust aggregation refused (NaN or infinite values, wrong shapes, norms far above the median).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sampled venues that did not report in their round.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rounds completed, and skipped for too few venues.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 USDC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 completed, %2 skipped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::FederatedVersionsBox</name>
    <message>
        <source>Roll back to this version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each completed round stores a global version here (the last 10 and each regime&apos;s best are kept).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rollback waits until the run ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an older version to make it the current model again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the current model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adds a copy of v%1 as the newest version; the history is kept.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::GanCurvesView</name>
    <message>
        <source>Losses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The losses appear here while a run trains, or open a past run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Critic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation G</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation critic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient penalty and Wasserstein estimate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient penalty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wasserstein estimate</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::GanEngineBox</name>
    <message>
        <source>Engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting…</source>
        <translation type="unfinished">startet …</translation>
    </message>
    <message>
        <source>no training engine in this build</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not measured</source>
        <translation type="unfinished">nicht gemessen</translation>
    </message>
    <message>
        <source>Engine:</source>
        <translation type="unfinished">Engine:</translation>
    </message>
    <message>
        <source>BLAS:</source>
        <translation type="unfinished">BLAS:</translation>
    </message>
    <message>
        <source>Throughput:</source>
        <translation type="unfinished">Durchsatz:</translation>
    </message>
    <message>
        <source>Measure throughput</source>
        <translation type="unfinished">Durchsatz messen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished">Abbrechen</translation>
    </message>
    <message numerus="yes">
        <source>libtorch %1 on %n thread(s)</source>
        <translation type="unfinished">
            <numerusform>libtorch %1 auf %n Thread</numerusform>
            <numerusform>libtorch %1 auf %n Threads</numerusform>
        </translation>
    </message>
    <message>
        <source>optimized (%1)</source>
        <translation type="unfinished">optimiert (%1)</translation>
    </message>
    <message>
        <source>reference BLAS, about 25× slower: install libopenblas0-pthread (%1)</source>
        <translation type="unfinished">Referenz-BLAS, etwa 25× langsamer: libopenblas0-pthread installieren (%1)</translation>
    </message>
    <message>
        <source>%1 GFLOP/s (%2×%2 float32)</source>
        <translation type="unfinished">%1 GFLOP/s (%2×%2 float32)</translation>
    </message>
    <message>
        <source>measuring…</source>
        <translation type="unfinished">misst …</translation>
    </message>
</context>
<context>
    <name>apedesk::ui::GanGenerateDialog</name>
    <message>
        <source>Generate synthetic sequences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draws sequences from the run&apos;s best checkpoint, with market conditions sampled from its training data, and writes them in the tutorial&apos;s synthetic CSV columns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> sequences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output CSV:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synthetic CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the CSV file to write.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::GanLabPane</name>
    <message>
        <source>This build has no training engine: past runs can be opened and compared, but nothing can be trained, generated or validated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished">Training</translation>
    </message>
    <message>
        <source>Samples &amp;&amp; validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Opened %1: %n logged steps.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Generating %n sequences…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Validating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Finished after %n steps.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped early after %n steps: the validation loss stopped improving.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %n steps; continue it from the Runs tab.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Diverged after %n steps.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Generated %n sequences into %1; reading samples…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The run&apos;s config is not known; open the run from the Runs tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n synthetic sequences in %1. Validate compares them with %2.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Validated; the report is in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No run on screen: start one, or open a past run from the Runs tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Ended after %n steps: the run could not write its files.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>apedesk::ui::GanMetricsModel</name>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Critic loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generator loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient penalty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wasserstein estimate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation G loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation critic loss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::GanRunsModel</name>
    <message>
        <source>full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>quick</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>swap store (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last logged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>G loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best val. G</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::GanRunsPage</name>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the run&apos;s curves and use it for generation and validation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train on from the run&apos;s last checkpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select two runs to overlay their generator losses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generator loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select two runs and press Compare.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No GAN runs in %1 yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generator loss: %1 and %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::GanSamplePlot</name>
    <message>
        <source>Price: real windows and synthetic sequences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>USDC per ETH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate sequences to compare them with real windows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Real windows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synthetic</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::GanSetupBox</name>
    <message>
        <source>New run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the tutorial&apos;s raw swap CSV (e.g. base_eth_usdc_swaps.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quick (small networks)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train on the newest swaps only (a contiguous slice: time order is kept). 0: all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newest swaps:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder for the run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run folder %1 is not empty: choose a new one, or continue that run from the Runs tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder for the run</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::GanTrainingControls</name>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train a new run with the data and settings above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a checkpoint and end the run; it can be continued later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch %1 of %2 · step %3 of %4 · %5 steps/s · %6 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished">—</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::GanValidationModel</name>
    <message>
        <source>|real − synthetic| / |real|</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean absolute difference of the autocorrelation at lags 1–10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two-sample Kolmogorov-Smirnov statistic, real against synthetic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean absolute difference of the autocorrelation at lags 1–10, real against synthetic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grade of the autocorrelation difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p-value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean diff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Std diff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ACF diff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ACF grade</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::GanValidationPage</name>
    <message>
        <source>Generate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw synthetic sequences from the run on screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare the generated file with the run&apos;s real data: KS test, statistics, autocorrelation and grades.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overall:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Autocorrelation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 real and %2 synthetic sequences · average KS %3 · average autocorrelation diff %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished">—</translation>
    </message>
    <message>
        <source>No validation yet: generate sequences, then validate them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::ImportWalletDialog</name>
    <message>
        <source>Import wallet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keystore file (Web3 Secret Storage, as geth, cast and MetaMask write)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>64 hexadecimal digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keystore file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keystore files (*.json UTC--*);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File&apos;s password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the private key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the keystore file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the file&apos;s password.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::JobDetailsTabs</name>
    <message>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a job to see its log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a fine-tune job to see its loss curves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No log lines yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No loss reported yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only fine-tune jobs draw loss curves.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::JobInfoView</name>
    <message>
        <source>Select a job to see its parameters and result.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished">—</translation>
    </message>
    <message>
        <source>Job %1: %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State: %1, attempt %2 of %3, on the %4 slots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pipeline: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs after: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added %1, started %2, finished %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::JobLogView</name>
    <message>
        <source>Select a job to see its log.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::JobLossChart</name>
    <message>
        <source>Fine-tune loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iteration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a fine-tune job to see its loss curves.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::JobQueueToolBar</name>
    <message>
        <source>Add pipeline…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the whole chain (teacher → dataset → fine-tune → deploy → evaluate) from a few choices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold the selected job; a running one stops and later resumes from what it stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue the paused job again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished">Abbrechen</translation>
    </message>
    <message>
        <source>Stop the selected job for good (a running tool is stopped).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue the failed or canceled job again with fresh attempts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the selected job earlier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the selected job later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the finished job with its log and curves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start no new jobs; running ones go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start runnable jobs in queue order again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::JobTableModel</name>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>$%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 prompt + %2 completion tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, runs after job %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt and completion tokens of the paid requests, over all attempts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the teacher&apos;s requests cost, in US dollars, over all attempts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs started, of the most a transient failure may take.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ETA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::KeystoreFiles</name>
    <message>
        <source>This account is in your keystore folder already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is not a private key: enter 64 hexadecimal digits, with or without 0x.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keystore file could not be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keystore folder could not be created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A keystore file of this name exists already; nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keystore file could not be written.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::MainWindow</name>
    <message>
        <source>ApeDesk</source>
        <translation>ApeDesk</translation>
    </message>
    <message>
        <source>Wallet &amp; chain</source>
        <translation>Wallet &amp; Chain</translation>
    </message>
    <message>
        <source>Pool charts</source>
        <translation>Pool-Charts</translation>
    </message>
    <message>
        <source>Agent decision log</source>
        <translation>Entscheidungsprotokoll des Agenten</translation>
    </message>
    <message>
        <source>GAN lab</source>
        <translation>GAN-Labor</translation>
    </message>
    <message>
        <source>Distillation jobs</source>
        <translation>Destillationsaufträge</translation>
    </message>
    <message>
        <source>Federated rounds</source>
        <translation>Föderierte Runden</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Restore default layout</source>
        <translation>Standardanordnung &amp;wiederherstellen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About ApeDesk</source>
        <translation>Ü&amp;ber ApeDesk</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Chain: not connected</source>
        <translation>Chain: nicht verbunden</translation>
    </message>
    <message>
        <source>About ApeDesk</source>
        <translation>Über ApeDesk</translation>
    </message>
    <message>
        <source>&lt;h3&gt;ApeDesk %1&lt;/h3&gt;&lt;p&gt;A desktop trading workstation for an AI agent on Uniswap V4 (ETH/USDC on BASE): paper swaps on a local chain, pool charts, the agent&apos;s decision log, GAN and DQN training, distillation jobs and federated rounds.&lt;/p&gt;&lt;p&gt;Paper trading by default. Nothing here is financial advice.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;ApeDesk %1&lt;/h3&gt;&lt;p&gt;Ein Desktop-Handelsarbeitsplatz für einen KI-Agenten auf Uniswap V4 (ETH/USDC auf BASE): Papier-Swaps auf einer lokalen Chain, Pool-Charts, das Entscheidungsprotokoll des Agenten, GAN- und DQN-Training, Destillationsaufträge und föderierte Runden.&lt;/p&gt;&lt;p&gt;Standardmäßig wird nur auf Papier gehandelt. Nichts hier ist eine Finanzberatung.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1 · chain %2 · block %3</source>
        <translation>%1 · Chain %2 · Block %3</translation>
    </message>
    <message>
        <source>Chain: %1</source>
        <translation>Chain: %1</translation>
    </message>
    <message>
        <source>Trader training</source>
        <translation>Trader-Training</translation>
    </message>
</context>
<context>
    <name>apedesk::ui::MetricsStrip</name>
    <message>
        <source>Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metrics cover the swaps of this many minutes before the newest block.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>USDC per ETH after the newest swap.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price change from the window&apos;s first swap to its last.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume ETH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sum of the ETH amounts swapped in the window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume USDC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sum of the USDC amounts swapped in the window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swaps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swaps in the window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volatility</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standard deviation of the log returns between consecutive swaps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished">—</translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1%2 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::NodeLogDialog</name>
    <message>
        <source>Node log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chain service is not available in this build.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No output yet: the app has not started a node, or it printed nothing.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::PoolChartsPane</name>
    <message>
        <source>Charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swaps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No live swaps of the followed pool yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The newest %n swaps of the followed pool, newest first.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Loading swap history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the swap history: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No swaps yet — connect a chain or import a CSV.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no chart to export yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shown range has no candles to export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n candles</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Wrote the %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export charts as PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export shown candles as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::PoolDataPage</name>
    <message>
        <source>Market simulator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox market</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other sandbox accounts trade toward a randomly moving target price, so the sandbox pool has a live market. Only on the app&apos;s sandbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swap history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collect history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the pool&apos;s past Swap events from one or more RPC endpoints.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swaps in the raw CSV columns (block_number, transaction_hash, pool_id, …).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished">Abbrechen</translation>
    </message>
    <message>
        <source>Stop the collection; the next one resumes where this one stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export raw CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The followed pool&apos;s stored swaps in the raw CSV columns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export processed CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The raw columns plus price, amounts, volume and the derived features.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No chain connected: the charts show stored or imported swaps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Following pool %1 on chain %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only on the app&apos;s sandbox: connect the sandbox in the Wallet pane.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other sandbox accounts trade toward a randomly moving target price, so the sandbox pool has a live market.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running: %1 swaps, target %2 USDC per ETH, pool %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation type="unfinished">Angehalten.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 blocks · %3 new swaps · %4 blocks/s · %5 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the collection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collected blocks %1 to %2: %3 new swaps of %4 seen, in %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collection stopped after %1 new swaps; the next one resumes there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation type="unfinished">%1… wird importiert</translation>
    </message>
    <message>
        <source>Imported %1 swaps, %2 of them new.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1 swaps to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import swaps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export processed CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export raw CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::RecentSwapsModel</name>
    <message>
        <source>Sell ETH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buy ETH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The swapper paid ETH into the pool and received USDC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The swapper paid USDC into the pool and received ETH.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ETH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>USDC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tx hash</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::RegimeDistributionBox</name>
    <message>
        <source>Regimes (venue-rounds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The regime each venue traded in, per round, is counted here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 %)</source>
        <extracomment>venue-rounds in a regime, and their share of all venue-rounds</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::RoundTableModel</name>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rejected: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 dropped out: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Converged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>v%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Global MSE %1; learning rate %2; DP noise σ %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Venues whose update was aggregated, of the venues sampled for the round.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean FRY-alpha score of the aggregated venues before normalising (1/(RMSE + ε) × the trading factors): higher is a better round.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new global model&apos;s hedge-ratio RMSE over every venue&apos;s held-out data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updates the robust aggregation rejected (NaN, wrong shape, norm far above the median).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model registry&apos;s version stored for the round.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Venues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Global RMSE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::ServiceStatusLabel</name>
    <message>
        <source>Service not available in this build.</source>
        <translation>Dienst in diesem Build nicht verfügbar.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Startet …</translation>
    </message>
</context>
<context>
    <name>apedesk::ui::SettingsDialog</name>
    <message>
        <source>ApeDesk settings</source>
        <translation>ApeDesk-Einstellungen</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <source>A new language applies the next time ApeDesk starts.</source>
        <translation>Eine neue Sprache gilt ab dem nächsten Start von ApeDesk.</translation>
    </message>
    <message>
        <source>Chain</source>
        <translation>Chain</translation>
    </message>
    <message>
        <source>Sandbox (offline, local chain)</source>
        <translation>Sandbox (offline, lokale Chain)</translation>
    </message>
    <message>
        <source>Fork of BASE (needs your RPC endpoint)</source>
        <translation>Fork von BASE (braucht Ihren RPC-Endpunkt)</translation>
    </message>
    <message>
        <source>External node</source>
        <translation>Externer Knoten</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>Modus:</translation>
    </message>
    <message>
        <source> USDC per ETH</source>
        <translation> USDC pro ETH</translation>
    </message>
    <message>
        <source>Sandbox start price:</source>
        <translation>Startpreis der Sandbox:</translation>
    </message>
    <message>
        <source>https://your-base-endpoint</source>
        <translation>https://ihr-base-endpunkt</translation>
    </message>
    <message>
        <source>BASE endpoint:</source>
        <translation>BASE-Endpunkt:</translation>
    </message>
    <message>
        <source>External node URL:</source>
        <translation>URL des externen Knotens:</translation>
    </message>
    <message>
        <source>Trading</source>
        <translation>Handel</translation>
    </message>
    <message>
        <source>Default slippage:</source>
        <translation>Standard-Slippage:</translation>
    </message>
    <message>
        <source>Allow live trading (every trade asks for confirmation)</source>
        <translation>Echten Handel erlauben (jeder Trade fragt nach Bestätigung)</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>All cores (%1)</source>
        <translation>Alle Kerne (%1)</translation>
    </message>
    <message>
        <source>libtorch threads:</source>
        <translation>libtorch-Threads:</translation>
    </message>
    <message>
        <source>Market data</source>
        <translation>Marktdaten</translation>
    </message>
    <message>
        <source>Run the sandbox market (other sandbox accounts trade)</source>
        <translation>Sandbox-Markt betreiben (andere Sandbox-Konten handeln)</translation>
    </message>
    <message>
        <source> swaps per minute</source>
        <translation> Swaps pro Minute</translation>
    </message>
    <message>
        <source>Sandbox market rate:</source>
        <translation>Rate des Sandbox-Markts:</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>Pool metrics window:</source>
        <translation>Fenster der Pool-Kennzahlen:</translation>
    </message>
    <message>
        <source>Distillation tools</source>
        <translation>Destillationswerkzeuge</translation>
    </message>
    <message>
        <source>Fine-tune:</source>
        <translation>Feinabstimmung:</translation>
    </message>
    <message>
        <source>Fuse:</source>
        <translation>Zusammenführen:</translation>
    </message>
    <message>
        <source>Convert to GGUF:</source>
        <translation>Nach GGUF umwandeln:</translation>
    </message>
    <message>
        <source>Quantise:</source>
        <translation>Quantisieren:</translation>
    </message>
    <message>
        <source>Register:</source>
        <translation>Registrieren:</translation>
    </message>
    <message>
        <source>llama.cpp folder:</source>
        <translation>llama.cpp-Ordner:</translation>
    </message>
    <message>
        <source>Empty: %1. Placeholders: {config} {model} {data} {adapters} {fused} {gguf_f16} {gguf} {quant} {modelfile} {name} {llama_cpp}</source>
        <translation>Leer: %1. Platzhalter: {config} {model} {data} {adapters} {fused} {gguf_f16} {gguf} {quant} {modelfile} {name} {llama_cpp}</translation>
    </message>
</context>
<context>
    <name>apedesk::ui::SwapDataChooser</name>
    <message>
        <source>CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swap store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not available here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no pool followed: connect a chain first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the followed pool: %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No pool is followed: connect a chain, or train on a CSV file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The swap store %1 does not exist yet: collect or import swaps first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the swap CSV to train on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swap CSV to train on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::SwapForm</name>
    <message>
        <source>Checking the order…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quoting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approving USDC…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent, waiting to be mined…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The whole balance; of ETH, 0.01 ETH stays back for gas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swap:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> %</source>
        <extracomment>Suffix of the slippage spin box</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How far below the quote the output may fall before the swap reverts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slippage:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Impact:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gas:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the amount of %1 to swap.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an amount above zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an account first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount is more than this account&apos;s balance of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished">—</translation>
    </message>
    <message>
        <source>…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to a chain to get a quote.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exactly %1 %2 at %3 USDC per ETH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The swap reverts rather than give less than this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 gas units at the current maximum fee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The balance of this account is not known yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swap %1 for %2 on %3 (chain %4, %5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the quoted amount of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At least %1 (slippage %2 %), price impact %3 %, gas about %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live trading is on and this is not the app&apos;s own sandbox: the transaction spends real funds and cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swapped %1 for %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The swap did not go through.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The swap reverted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chain service is not available in this build.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A swap is running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to a chain first (Chain tab).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This node cannot sign: ApeDesk signs only on chain 8453, on a node it started or at a loopback address, unless live trading is turned on in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swap at the quote shown, within the slippage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password of %1 (%2):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm live trade</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::SwapHistoryBox</name>
    <message>
        <source>Copy hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected swap&apos;s transaction hash.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No swaps in this session yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::SwapHistoryModel</name>
    <message>
        <source>—</source>
        <translation type="unfinished">—</translation>
    </message>
    <message>
        <source>%1 USDC per ETH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gas fee: %1 ETH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tx hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reverted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::TraderCurvesView</name>
    <message>
        <source>Episode reward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No finished episode yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Episode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean of 20</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No loss yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Huber loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exploration ε</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No steps yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ε</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::TraderEvaluationModel</name>
    <message>
        <source>DQN policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buy and hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Final equity − 1 over the held-out range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean ÷ standard deviation of the step returns × √steps (not annualised).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The largest fall from a peak of the equity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position changes (buys and sells).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fees paid, in USDC, summed over the held-out sequences.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharpe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max drawdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trades</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fees (USDC)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::TraderEvaluationPage</name>
    <message>
        <source>Evaluate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trade the held-out range with the policy, buy-and-hold and a random policy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Equity on the held-out range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>equity (start = 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate the run to compare it with buy-and-hold and random trading.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 held-out decision steps · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No evaluation yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::TraderExportBox</name>
    <message>
        <source>Distillation dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export dataset…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write prompt/completion pairs whose labels are the policy&apos;s own greedy decisions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Episodes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps each:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the trader&apos;s decisions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n examples from %1 episodes in %2</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2): %3 · %4 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No export yet: the dataset&apos;s labels are the policy&apos;s own decisions, so train a run first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::TraderSetupBox</name>
    <message>
        <source>New run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a swap CSV or a GAN synthetic CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment steps to train. ε falls from 1.0 to 0.1 over the first 20 %.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timesteps:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder for the run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run folder %1 is not empty: choose a new one, or open that run and continue it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder for the run</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::TraderTrainingControls</name>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train a new run with the data and settings above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a checkpoint and end the run; Continue trains it on later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train the run on screen on from its last checkpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open run…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show a past run&apos;s curves, to continue, evaluate or export it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1 of %2 · %3 steps/s · %4 left</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::TraderTrainingPane</name>
    <message>
        <source>This build has no training engine: past runs can be opened, but nothing can be trained, evaluated or exported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished">Training</translation>
    </message>
    <message>
        <source>Evaluation &amp;&amp; export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a trader run</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Opened %1: %n logged steps.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Evaluating on the held-out range…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exporting %n episodes of the policy&apos;s decisions…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Run %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Finished after %n steps.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %n steps; Continue trains it on.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Diverged after %n steps.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Ended after %n steps: the run could not write its files.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The evaluation holds no policy figures.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluated; the figures and curves are also in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n examples.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No run on screen: start one, or open a past run.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::VenueRmseChart</name>
    <message>
        <source>Hedge-ratio RMSE of the global model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RMSE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The global model&apos;s RMSE, overall and on each venue, appears here round by round.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Global</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::VenueWeightChart</name>
    <message>
        <source>FRY-alpha weight per venue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each round&apos;s venue weights appear here as the round finishes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, round %2: weight %3</source>
        <extracomment>venue, round number, weight</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::VersionTableModel</name>
    <message>
        <source>v%1 (current)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>v%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rollback to v%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aggregated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 parameters, %2 bytes stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Global RMSE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regimes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::ui::WalletPane</name>
    <message>
        <source>Swap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chain</source>
        <translation type="unfinished">Chain</translation>
    </message>
</context>
<context>
    <name>apedesk::ui::charts::SwapChartStack</name>
    <message>
        <source>No swaps yet — connect a chain or import a CSV.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>buys ETH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sells ETH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>5 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>15 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 d</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Price, USDC per ETH · %1 candles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price, USDC per ETH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>million USDC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>thousand USDC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>USDC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume per %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swaps per %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swaps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open %1 · High %2 · Low %3 · Close %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price: no swap before this time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price: %1 USDC per ETH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume: %1 USDC · %2 ETH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buys %1 USDC · sells %2 USDC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swaps: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No swaps in this interval</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::uniswap::Permit2</name>
    <message>
        <source>The token contract returned nothing; is there a token at this address?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token contract returned an amount that is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permit2 returned nothing; is Permit2 deployed on this chain?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permit2 returned an allowance that is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::uniswap::PoolCodec</name>
    <message>
        <source>%1 returned nothing; is the contract deployed at this address?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 returned an answer that is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pool is not initialised: it has no price yet, or it does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::uniswap::PoolKey</name>
    <message>
        <source>A pool needs two different currencies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pool fee or tick spacing is out of range.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::uniswap::SwapErrors</name>
    <message>
        <source>The swap reverted without giving a reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token could not be moved into the swap: the balance, or the token&apos;s allowance to Permit2, is too low.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The swap reverted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price moved beyond your %1% slippage: would receive %2 %3, minimum %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price moved beyond your %1% slippage: the swap would cost more than the maximum you set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price moved beyond the price limit set for hop %1 of the route.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The swap&apos;s deadline passed before it was mined.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Permit2 allowance for the Universal Router has expired or was never given; approve the router in Permit2 again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Permit2 allowance for the Universal Router is smaller than the amount; approve the router in Permit2 again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pool is not initialised: it has no price yet, or it does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pool does not have enough liquidity for this amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The swap&apos;s price limit is outside what the pool allows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The swap did not settle: the router could not pay the pool in full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The router did not hold enough ETH for the swap; the value sent with it was too small.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The router did not hold enough of the token for the swap.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PoolManager at this address is a copy of the real contract and refuses to run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount to swap must be more than zero.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::uniswap::SwapEvent</name>
    <message>
        <source>The pool&apos;s Swap event is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::uniswap::SwapExecutor</name>
    <message>
        <source>The pool cannot quote this amount; it may be more than its liquidity can fill.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pool would give nothing for this amount; try a larger one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an amount to swap.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node sent an answer that is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The swap was sent, but the node stopped answering before it was mined, so whether it went through is not known.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The approval transaction was reverted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowing Permit2 to move your USDC (once)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowing the Universal Router to spend USDC through Permit2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking balances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The smallest swap is 0.000001 ETH.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The smallest swap is 0.01 USDC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enough ETH: you have %1 ETH; this swap needs %2 ETH plus up to %3 ETH for gas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enough USDC: you have %1 USDC; this swap needs %2 USDC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enough ETH for gas: you have %1 ETH and need up to %2 ETH.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Getting a quote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The swap was reverted on chain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The transaction succeeded but the pool reported no swap.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mined in block %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::uniswap::SwapMath</name>
    <message>
        <source>Slippage must be between 0.01% and 50%.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The quote is zero; there is no minimum to protect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount is too small for this slippage.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::uniswap::TickMath</name>
    <message>
        <source>The tick is outside the range Uniswap allows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The price is outside the range Uniswap allows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A price must be a positive decimal number such as 3000 or 2456.75.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A price must be greater than zero.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::uniswap::UniversalRouter</name>
    <message>
        <source>The swap could not be encoded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount to swap must be more than zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A swap needs a minimum amount out above zero; ApeDesk never swaps without one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The swap amount is too large for the router (over 2^128 - 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A swap needs a deadline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Universal Router 2.0 has no Across spoke pool parameter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The router parameters could not be encoded.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
