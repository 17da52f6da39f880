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
</TS>
