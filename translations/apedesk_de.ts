<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>apedesk::AgentService</name>
    <message>
        <source>Agent stopped.</source>
        <translation>Agent angehalten.</translation>
    </message>
</context>
<context>
    <name>apedesk::ChainService</name>
    <message>
        <source>Chain %1 at block %2</source>
        <translation>Chain %1 bei Block %2</translation>
    </message>
    <message>
        <source>Chain: not connected</source>
        <translation>Chain: nicht verbunden</translation>
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
        <source>No federated rounds run yet.</source>
        <translation>Noch keine föderierten Runden gelaufen.</translation>
    </message>
</context>
<context>
    <name>apedesk::JobQueueService</name>
    <message>
        <source>Job queue empty.</source>
        <translation>Auftragswarteschlange leer.</translation>
    </message>
</context>
<context>
    <name>apedesk::MarketService</name>
    <message>
        <source>No swap history collected yet.</source>
        <translation>Noch keine Swap-Historie gesammelt.</translation>
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
</context>
<context>
    <name>apedesk::eth</name>
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
</context>
<context>
    <name>apedesk::eth::Hash32</name>
    <message>
        <source>A hash is 32 bytes long.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>apedesk::eth::rlp</name>
    <message>
        <source>The RLP data is malformed.</source>
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
    <name>apedesk::ml</name>
    <message>
        <source>Matrix size must be between 8 and 8192.</source>
        <translation>Die Matrixgröße muss zwischen 8 und 8192 liegen.</translation>
    </message>
    <message>
        <source>The matrix library returned wrong results.</source>
        <translation>Die Matrixbibliothek hat falsche Ergebnisse geliefert.</translation>
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
</context>
<context>
    <name>apedesk::ui::DecisionLogPane</name>
    <message>
        <source>The trading agent and its decision log are not in this build yet.</source>
        <translation>Der Handelsagent und sein Entscheidungsprotokoll sind in diesem Build noch nicht enthalten.</translation>
    </message>
</context>
<context>
    <name>apedesk::ui::DistillationPane</name>
    <message>
        <source>The distillation job queue is not in this build yet.</source>
        <translation>Die Destillations-Auftragswarteschlange ist in diesem Build noch nicht enthalten.</translation>
    </message>
</context>
<context>
    <name>apedesk::ui::FederatedPane</name>
    <message>
        <source>Federated training rounds are not in this build yet.</source>
        <translation>Föderierte Trainingsrunden sind in diesem Build noch nicht enthalten.</translation>
    </message>
</context>
<context>
    <name>apedesk::ui::GanLabPane</name>
    <message>
        <source>GAN training, live curves and validation are not in this build yet. The training engine below is live.</source>
        <translation>GAN-Training, Live-Kurven und Validierung sind in diesem Build noch nicht enthalten. Die Trainings-Engine unten ist aktiv.</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>startet …</translation>
    </message>
    <message>
        <source>not measured</source>
        <translation>nicht gemessen</translation>
    </message>
    <message>
        <source>Engine:</source>
        <translation>Engine:</translation>
    </message>
    <message>
        <source>BLAS:</source>
        <translation>BLAS:</translation>
    </message>
    <message>
        <source>Throughput:</source>
        <translation>Durchsatz:</translation>
    </message>
    <message>
        <source>Measure throughput</source>
        <translation>Durchsatz messen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message numerus="yes">
        <source>libtorch %1 on %n thread(s)</source>
        <translation>
            <numerusform>libtorch %1 auf %n Thread</numerusform>
            <numerusform>libtorch %1 auf %n Threads</numerusform>
        </translation>
    </message>
    <message>
        <source>optimized (%1)</source>
        <translation>optimiert (%1)</translation>
    </message>
    <message>
        <source>reference BLAS, about 25× slower: install libopenblas0-pthread (%1)</source>
        <translation>Referenz-BLAS, etwa 25× langsamer: libopenblas0-pthread installieren (%1)</translation>
    </message>
    <message>
        <source>%1 GFLOP/s (%2×%2 float32)</source>
        <translation>%1 GFLOP/s (%2×%2 float32)</translation>
    </message>
    <message>
        <source>measuring…</source>
        <translation>misst …</translation>
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
        <source>Chain %1 · block %2</source>
        <translation>Chain %1 · Block %2</translation>
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
</context>
<context>
    <name>apedesk::ui::PoolChartsPane</name>
    <message>
        <source>Swap-history collection and live pool charts are not in this build yet.</source>
        <translation>Swap-Historie und Live-Pool-Charts sind in diesem Build noch nicht enthalten.</translation>
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
</context>
<context>
    <name>apedesk::ui::WalletPane</name>
    <message>
        <source>The offline sandbox chain, wallets and one-click paper swaps are not in this build yet.</source>
        <translation>Die Offline-Sandbox-Chain, Wallets und Papier-Swaps mit einem Klick sind in diesem Build noch nicht enthalten.</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>Modus:</translation>
    </message>
    <message>
        <source>Node:</source>
        <translation>Knoten:</translation>
    </message>
    <message>
        <source>Chain id:</source>
        <translation>Chain-ID:</translation>
    </message>
    <message>
        <source>Block:</source>
        <translation>Block:</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>nicht verbunden</translation>
    </message>
</context>
</TS>
