<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AccountsMessages</name>
    <message>
        <source>No keyring is available: secrets are not saved. Install/unlock your system keyring (GNOME Keyring, KWallet, macOS Keychain, Windows Credential Manager).</source>
        <translation>Kein Schlüsselbund verfügbar: Geheimnisse werden nicht gespeichert. Installieren oder entsperren Sie den Schlüsselbund Ihres Systems (GNOME Keyring, KWallet, macOS-Schlüsselbund, Windows-Anmeldeinformationsverwaltung).</translation>
    </message>
    <message>
        <source>Nothing was saved: without a keyring the credentials cannot be kept.</source>
        <translation>Nichts wurde gespeichert: Ohne Schlüsselbund können die Zugangsdaten nicht aufbewahrt werden.</translation>
    </message>
    <message>
        <source>The keyring refused access. Unlock it (or allow Actionbench) and try again.</source>
        <translation>Der Schlüsselbund hat den Zugriff verweigert. Entsperren Sie ihn (oder erlauben Sie Actionbench den Zugriff) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>A secret is missing from the keyring. Enter the credentials again.</source>
        <translation>Im Schlüsselbund fehlt ein Geheimnis. Geben Sie die Zugangsdaten erneut ein.</translation>
    </message>
    <message>
        <source>The keyring failed.</source>
        <translation>Der Schlüsselbund ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>The keyring failed: %1</source>
        <translation>Der Schlüsselbund ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The JWT cannot be signed: the key id, issuer, subject and organisation claim are all needed.</source>
        <translation>Das JWT kann nicht signiert werden: Schlüssel-ID, Aussteller, Subjekt und Organisations-Claim werden alle benötigt.</translation>
    </message>
    <message>
        <source>The JWT lifetime must be between 1 second and 5 minutes.</source>
        <translation>Die Gültigkeitsdauer des JWT muss zwischen 1 Sekunde und 5 Minuten liegen.</translation>
    </message>
    <message>
        <source>That is not a private key that can be read. Use an unencrypted PEM key (&quot;-----BEGIN PRIVATE KEY-----&quot;).</source>
        <translation>Das ist kein lesbarer privater Schlüssel. Verwenden Sie einen unverschlüsselten PEM-Schlüssel („-----BEGIN PRIVATE KEY-----“).</translation>
    </message>
    <message>
        <source>The key does not fit the algorithm: RS256 needs an RSA key, ES256 an EC key on P-256.</source>
        <translation>Der Schlüssel passt nicht zum Algorithmus: RS256 benötigt einen RSA-Schlüssel, ES256 einen EC-Schlüssel auf P-256.</translation>
    </message>
    <message>
        <source>The JWT could not be signed.</source>
        <translation>Das JWT konnte nicht signiert werden.</translation>
    </message>
    <message>
        <source>The JWT could not be signed: %1</source>
        <translation>Das JWT konnte nicht signiert werden: %1</translation>
    </message>
    <message>
        <source>Choose how to sign in and fill in the fields first.</source>
        <translation>Wählen Sie zuerst die Anmeldemethode und füllen Sie die Felder aus.</translation>
    </message>
    <message>
        <source>The stored credentials are missing or were refused. Enter them again and sign in.</source>
        <translation>Die gespeicherten Zugangsdaten fehlen oder wurden abgelehnt. Geben Sie sie erneut ein und melden Sie sich an.</translation>
    </message>
    <message>
        <source>Browser sign-in was cancelled.</source>
        <translation>Die Anmeldung im Browser wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Browser sign-in failed: %1</source>
        <translation>Die Anmeldung im Browser ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The token endpoint failed: %1</source>
        <translation>Der Token-Endpunkt ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The token endpoint could not be reached. Check the token URL and the network.</source>
        <translation>Der Token-Endpunkt ist nicht erreichbar. Prüfen Sie die Token-URL und das Netzwerk.</translation>
    </message>
    <message>
        <source>The token endpoint refused the client id or client secret.</source>
        <translation>Der Token-Endpunkt hat die Client-ID oder das Client-Secret abgelehnt.</translation>
    </message>
    <message>
        <source>There is no token endpoint at that URL (404). Check the token URL.</source>
        <translation>Unter dieser URL gibt es keinen Token-Endpunkt (404). Prüfen Sie die Token-URL.</translation>
    </message>
    <message>
        <source>The token endpoint refused the JWT: %1. Check the key id, issuer, organisation claim and that the public key is registered with Zapier.</source>
        <translation>Der Token-Endpunkt hat das JWT abgelehnt: %1. Prüfen Sie Schlüssel-ID, Aussteller und Organisations-Claim und ob der öffentliche Schlüssel bei Zapier registriert ist.</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>kein Grund angegeben</translation>
    </message>
    <message>
        <source>The token endpoint refused the scopes: %1</source>
        <translation>Der Token-Endpunkt hat die Scopes abgelehnt: %1</translation>
    </message>
    <message>
        <source>The token endpoint refused the sign-in (%1).</source>
        <translation>Der Token-Endpunkt hat die Anmeldung abgelehnt (%1).</translation>
    </message>
    <message>
        <source>The token endpoint refused the sign-in: %1</source>
        <translation>Der Token-Endpunkt hat die Anmeldung abgelehnt: %1</translation>
    </message>
    <message>
        <source>Signed in.</source>
        <translation>Angemeldet.</translation>
    </message>
    <message numerus="yes">
        <source>Signed in — token valid for %n min</source>
        <translation>
            <numerusform>Angemeldet — Token noch %n min gültig</numerusform>
            <numerusform>Angemeldet — Token noch %n min gültig</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Signed in — token valid for %n h</source>
        <translation>
            <numerusform>Angemeldet — Token noch %n h gültig</numerusform>
            <numerusform>Angemeldet — Token noch %n h gültig</numerusform>
        </translation>
    </message>
    <message>
        <source>Paste an access token</source>
        <translation>Zugriffstoken einfügen</translation>
    </message>
    <message>
        <source>White Label token exchange</source>
        <translation>White-Label-Tokenaustausch</translation>
    </message>
    <message>
        <source>OAuth sign-in (PKCE)</source>
        <translation>OAuth-Anmeldung (PKCE)</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <source>Not signed in.</source>
        <translation>Nicht angemeldet.</translation>
    </message>
    <message>
        <source>a pasted access token</source>
        <translation>einem eingefügten Zugriffstoken</translation>
    </message>
    <message>
        <source>White Label exchange, JWT signed here</source>
        <translation>White-Label-Austausch, JWT hier signiert</translation>
    </message>
    <message>
        <source>White Label exchange, pasted JWT</source>
        <translation>White-Label-Austausch, eingefügtes JWT</translation>
    </message>
    <message>
        <source>OAuth in the browser</source>
        <translation>OAuth im Browser</translation>
    </message>
    <message>
        <source>Signed in with %1; the token is valid until %2.</source>
        <translation>Angemeldet mit %1; das Token ist bis %2 gültig.</translation>
    </message>
    <message>
        <source>Signed in with %1.</source>
        <translation>Angemeldet mit %1.</translation>
    </message>
    <message>
        <source>The app has switched to another environment. Close this window and open Accounts again.</source>
        <translation>Die App hat zu einer anderen Umgebung gewechselt. Schließen Sie dieses Fenster und öffnen Sie die Konten erneut.</translation>
    </message>
    <message>
        <source>Stored in the keychain; leave empty to keep it</source>
        <translation>Im Schlüsselbund gespeichert; leer lassen, um den Wert zu behalten</translation>
    </message>
    <message>
        <source>%1 is required.</source>
        <translation>%1 ist erforderlich.</translation>
    </message>
    <message>
        <source>This is not a JWT: expected three parts separated by dots.</source>
        <translation>Dies ist kein JWT: Erwartet werden drei durch Punkte getrennte Teile.</translation>
    </message>
    <message>
        <source>Choose a key file or paste the PEM private key.</source>
        <translation>Wählen Sie eine Schlüsseldatei oder fügen Sie den privaten PEM-Schlüssel ein.</translation>
    </message>
    <message>
        <source>This is not a PEM private key (&quot;-----BEGIN PRIVATE KEY-----&quot;).</source>
        <translation>Dies ist kein privater PEM-Schlüssel („-----BEGIN PRIVATE KEY-----“).</translation>
    </message>
    <message>
        <source>Enter a full http(s) URL, or leave empty for the default.</source>
        <translation>Geben Sie eine vollständige http(s)-URL ein oder lassen Sie das Feld für den Standardwert leer.</translation>
    </message>
    <message>
        <source>Enter at least one scope.</source>
        <translation>Geben Sie mindestens einen Scope ein.</translation>
    </message>
    <message>
        <source>The server refused this access token (401). Check that it is a token for this environment and that it has not expired or been revoked. Nothing was saved.</source>
        <translation>Der Server hat dieses Zugriffstoken abgelehnt (401). Prüfen Sie, ob es ein Token für diese Umgebung ist und ob es abgelaufen oder widerrufen ist. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The server refused this access token (401: %1). Check that it is a token for this environment and that it has not expired or been revoked. Nothing was saved.</source>
        <translation>Der Server hat dieses Zugriffstoken abgelehnt (401: %1). Prüfen Sie, ob es ein Token für diese Umgebung ist und ob es abgelaufen oder widerrufen ist. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The server could not be reached to try this access token (%1). Check the server and the network. Nothing was saved.</source>
        <extracomment>%1 says why, e.g. &quot;Connection refused&quot;.</extracomment>
        <translation>Der Server war nicht erreichbar, um dieses Zugriffstoken zu prüfen (%1). Prüfen Sie den Server und das Netzwerk. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>Not signed in. The sandbox has a token of its own, so it works without signing in.</source>
        <translation>Nicht angemeldet. Die Sandbox hat ein eigenes Token und funktioniert daher auch ohne Anmeldung.</translation>
    </message>
    <message>
        <source>Not signed in. Requests use the token typed when this server was chosen, kept in memory only; sign in here to keep one.</source>
        <translation>Nicht angemeldet. Anfragen verwenden das Token, das bei der Auswahl dieses Servers eingegeben wurde und nur im Arbeitsspeicher liegt; melden Sie sich hier an, um eines dauerhaft zu behalten.</translation>
    </message>
</context>
<context>
    <name>CatalogMessages</name>
    <message>
        <source>The server could not be reached</source>
        <translation>Der Server ist nicht erreichbar</translation>
    </message>
    <message>
        <source>The server took too long to answer</source>
        <translation>Der Server hat zu lange nicht geantwortet</translation>
    </message>
    <message>
        <source>Too many requests; try again in 1 second</source>
        <translation>Zu viele Anfragen; versuchen Sie es in 1 Sekunde erneut</translation>
    </message>
    <message>
        <source>Too many requests; try again in %1 seconds</source>
        <translation>Zu viele Anfragen; versuchen Sie es in %1 Sekunden erneut</translation>
    </message>
    <message>
        <source>Too many requests; try again shortly</source>
        <translation>Zu viele Anfragen; versuchen Sie es gleich erneut</translation>
    </message>
    <message>
        <source>The access token was refused (check the environment&apos;s credentials)</source>
        <translation>Das Zugriffstoken wurde abgelehnt (prüfen Sie die Zugangsdaten der Umgebung)</translation>
    </message>
    <message>
        <source>This account is not allowed to do that</source>
        <translation>Dieses Konto darf das nicht</translation>
    </message>
    <message>
        <source>Not found on the server</source>
        <translation>Auf dem Server nicht gefunden</translation>
    </message>
    <message>
        <source>The server rejected the request</source>
        <translation>Der Server hat die Anfrage abgelehnt</translation>
    </message>
    <message>
        <source>The server reported a conflict</source>
        <translation>Der Server hat einen Konflikt gemeldet</translation>
    </message>
    <message>
        <source>The account has run out of tasks</source>
        <translation>Das Konto hat keine Tasks mehr</translation>
    </message>
    <message>
        <source>The server had an internal error</source>
        <translation>Der Server hatte einen internen Fehler</translation>
    </message>
    <message>
        <source>The server is temporarily unavailable</source>
        <translation>Der Server ist vorübergehend nicht verfügbar</translation>
    </message>
    <message>
        <source>The server&apos;s answer was not understood</source>
        <translation>Die Antwort des Servers war unverständlich</translation>
    </message>
    <message>
        <source>The server&apos;s answer was too large</source>
        <translation>Die Antwort des Servers war zu groß</translation>
    </message>
    <message>
        <source>The request was cancelled</source>
        <translation>Die Anfrage wurde abgebrochen</translation>
    </message>
    <message>
        <source>The request may or may not have been applied</source>
        <translation>Die Anfrage wurde möglicherweise angewendet, möglicherweise aber auch nicht</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Etwas ist schiefgegangen</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
    <message>
        <source>Could not load apps</source>
        <translation>Apps konnten nicht geladen werden</translation>
    </message>
    <message>
        <source>Could not load actions</source>
        <translation>Aktionen konnten nicht geladen werden</translation>
    </message>
    <message>
        <source>Could not load connections</source>
        <translation>Verbindungen konnten nicht geladen werden</translation>
    </message>
    <message>
        <source>Could not load stored actions</source>
        <translation>Gespeicherte Aktionen konnten nicht geladen werden</translation>
    </message>
    <message>
        <source>Could not save the stored action</source>
        <translation>Die gespeicherte Aktion konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Could not delete the stored action</source>
        <translation>Die gespeicherte Aktion konnte nicht gelöscht werden</translation>
    </message>
</context>
<context>
    <name>ConnectMessages</name>
    <message>
        <source>Zapier did not accept the connect token (each one opens Connect once).</source>
        <translation>Zapier hat das Connect-Token nicht akzeptiert (jedes öffnet Connect nur einmal).</translation>
    </message>
    <message>
        <source>The connect token expired before the Connect page opened.</source>
        <translation>Das Connect-Token ist abgelaufen, bevor sich die Connect-Seite geöffnet hat.</translation>
    </message>
    <message>
        <source>Zapier does not recognise this app for connecting accounts.</source>
        <translation>Zapier erkennt diese App für das Verbinden von Konten nicht.</translation>
    </message>
    <message>
        <source>Zapier has no user or account provisioned for these credentials.</source>
        <translation>Zapier hat für diese Zugangsdaten keinen Benutzer und kein Konto eingerichtet.</translation>
    </message>
    <message>
        <source>Zapier could not start the Connect session: the token could not be validated.</source>
        <translation>Zapier konnte die Connect-Sitzung nicht starten: Das Token konnte nicht validiert werden.</translation>
    </message>
    <message>
        <source>Zapier had an unexpected error.</source>
        <translation>Bei Zapier ist ein unerwarteter Fehler aufgetreten.</translation>
    </message>
    <message>
        <source>Signing in to the app failed, or access was denied.</source>
        <translation>Die Anmeldung bei der App ist fehlgeschlagen oder der Zugriff wurde verweigert.</translation>
    </message>
    <message>
        <source>Signing in to the app failed: %1.</source>
        <translation>Die Anmeldung bei der App ist fehlgeschlagen: %1.</translation>
    </message>
    <message>
        <source>Zapier found the request malformed or incomplete (%1).</source>
        <translation>Zapier hat die Anfrage als fehlerhaft oder unvollständig eingestuft (%1).</translation>
    </message>
    <message>
        <source>Zapier denied access (%1).</source>
        <translation>Zapier hat den Zugriff verweigert (%1).</translation>
    </message>
    <message>
        <source>Zapier had an internal error (%1).</source>
        <translation>Bei Zapier ist ein interner Fehler aufgetreten (%1).</translation>
    </message>
    <message>
        <source>Zapier reported an error this version does not know: %1.</source>
        <translation>Zapier hat einen Fehler gemeldet, den diese Version nicht kennt: %1.</translation>
    </message>
    <message>
        <source>Try again: every attempt gets a new token.</source>
        <translation>Versuchen Sie es erneut: Jeder Versuch erhält ein neues Token.</translation>
    </message>
    <message>
        <source>Check the app&apos;s id against Zapier&apos;s apps list, or choose the app again in the catalog.</source>
        <translation>Gleichen Sie die ID der App mit der App-Liste von Zapier ab oder wählen Sie die App im Katalog erneut.</translation>
    </message>
    <message>
        <source>Start the connection again from the beginning.</source>
        <translation>Beginnen Sie die Verbindung noch einmal von vorn.</translation>
    </message>
    <message>
        <source>Try again.</source>
        <translation>Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Try again; if it keeps happening, contact Zapier support.</source>
        <translation>Versuchen Sie es erneut; wenn das Problem bleibt, wenden Sie sich an den Zapier-Support.</translation>
    </message>
    <message>
        <source>%1 could not be connected. %2 %3</source>
        <translation>%1 konnte nicht verbunden werden. %2 %3</translation>
    </message>
    <message>
        <source>this environment has no account credentials that can make a connect token (a White Label client id and secret).</source>
        <translation>Diese Umgebung hat keine Kontozugangsdaten, mit denen sich ein Connect-Token erstellen lässt (eine White-Label-Client-ID und ein Secret).</translation>
    </message>
    <message>
        <source>the stored sign-in was refused. Sign in again in the account settings.</source>
        <translation>Die gespeicherte Anmeldung wurde abgelehnt. Melden Sie sich in den Kontoeinstellungen erneut an.</translation>
    </message>
    <message>
        <source>no keychain is available to read the stored credentials.</source>
        <translation>Es ist kein Schlüsselbund verfügbar, um die gespeicherten Zugangsdaten zu lesen.</translation>
    </message>
    <message>
        <source>the keychain refused to give the stored credentials.</source>
        <translation>Der Schlüsselbund hat die gespeicherten Zugangsdaten nicht herausgegeben.</translation>
    </message>
    <message>
        <source>the partner token could not be signed with the stored key.</source>
        <translation>Das Partner-Token konnte mit dem gespeicherten Schlüssel nicht signiert werden.</translation>
    </message>
    <message>
        <source>the token endpoint refused: %1.</source>
        <translation>Der Token-Endpunkt hat abgelehnt: %1.</translation>
    </message>
    <message>
        <source>signing in through the browser failed or was cancelled.</source>
        <translation>Die Anmeldung über den Browser ist fehlgeschlagen oder wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Cannot connect a %1 account: %2</source>
        <translation>Ein Konto bei %1 kann nicht verbunden werden: %2</translation>
    </message>
    <message>
        <source>Connecting accounts needs account credentials for this environment.</source>
        <translation>Zum Verbinden von Konten werden Kontozugangsdaten für diese Umgebung benötigt.</translation>
    </message>
    <message>
        <source>The Connect window for %1 closed: its connect token lasts six minutes. Try again to get a new one.</source>
        <translation>Das Connect-Fenster für %1 wurde geschlossen: Sein Connect-Token gilt sechs Minuten. Versuchen Sie es erneut, um ein neues zu erhalten.</translation>
    </message>
    <message>
        <source>Preparing to connect %1…</source>
        <translation>Verbindung mit %1 wird vorbereitet…</translation>
    </message>
    <message>
        <source>Finish connecting %1 in the Connect window.</source>
        <translation>Schließen Sie die Verbindung mit %1 im Connect-Fenster ab.</translation>
    </message>
    <message>
        <source>Looking for the new connection…</source>
        <translation>Neue Verbindung wird gesucht…</translation>
    </message>
    <message>
        <source>Connected %1.</source>
        <translation>%1 verbunden.</translation>
    </message>
    <message>
        <source>Reconnected %1: it can run actions again.</source>
        <translation>%1 erneut verbunden: Die Verbindung kann wieder Aktionen ausführen.</translation>
    </message>
    <message>
        <source>The Connect window closed; no %1 account was connected.</source>
        <translation>Das Connect-Fenster wurde geschlossen; es wurde kein Konto bei %1 verbunden.</translation>
    </message>
    <message>
        <source>the server refused the access token. Sign in again in the account settings.</source>
        <translation>Der Server hat das Zugriffstoken abgelehnt. Melden Sie sich in den Kontoeinstellungen erneut an.</translation>
    </message>
</context>
<context>
    <name>FormMessages</name>
    <message>
        <source>This field is required</source>
        <translation>Dieses Feld ist erforderlich</translation>
    </message>
    <message>
        <source>Enter a number, like 12.5</source>
        <translation>Geben Sie eine Zahl ein, z. B. 12,5</translation>
    </message>
    <message>
        <source>Enter a whole number, like 42</source>
        <translation>Geben Sie eine ganze Zahl ein, z. B. 42</translation>
    </message>
    <message>
        <source>Choose Yes or No</source>
        <translation>Wählen Sie Ja oder Nein</translation>
    </message>
    <message>
        <source>Enter a list: one item per row</source>
        <translation>Geben Sie eine Liste ein: ein Element pro Zeile</translation>
    </message>
    <message>
        <source>Enter key/value pairs, each with a key</source>
        <translation>Geben Sie Schlüssel-Wert-Paare ein, jedes mit einem Schlüssel</translation>
    </message>
    <message>
        <source>This value is not valid</source>
        <translation>Dieser Wert ist ungültig</translation>
    </message>
    <message>
        <source>Could not reach the server.</source>
        <translation>Der Server ist nicht erreichbar.</translation>
    </message>
    <message>
        <source>The server took too long to answer.</source>
        <translation>Der Server hat zu lange nicht geantwortet.</translation>
    </message>
    <message numerus="yes">
        <source>Too many requests: try again in %n second(s).</source>
        <translation>
            <numerusform>Zu viele Anfragen: Versuchen Sie es in %n Sekunde erneut.</numerusform>
            <numerusform>Zu viele Anfragen: Versuchen Sie es in %n Sekunden erneut.</numerusform>
        </translation>
    </message>
    <message>
        <source>Too many requests: try again in a moment.</source>
        <translation>Zu viele Anfragen: Versuchen Sie es gleich erneut.</translation>
    </message>
    <message>
        <source>The API token was refused.</source>
        <translation>Das API-Token wurde abgelehnt.</translation>
    </message>
    <message>
        <source>This account may not do that.</source>
        <translation>Dieses Konto darf das nicht.</translation>
    </message>
    <message>
        <source>The action was not found; its id may have expired.</source>
        <translation>Die Aktion wurde nicht gefunden; ihre ID ist möglicherweise abgelaufen.</translation>
    </message>
    <message>
        <source>The server refused the request.</source>
        <translation>Der Server hat die Anfrage abgelehnt.</translation>
    </message>
    <message>
        <source>The server reported a conflict.</source>
        <translation>Der Server hat einen Konflikt gemeldet.</translation>
    </message>
    <message>
        <source>The account has no tasks left.</source>
        <translation>Das Konto hat keine Tasks mehr.</translation>
    </message>
    <message>
        <source>The server had an internal error.</source>
        <translation>Der Server hatte einen internen Fehler.</translation>
    </message>
    <message>
        <source>The server is unavailable right now.</source>
        <translation>Der Server ist derzeit nicht verfügbar.</translation>
    </message>
    <message>
        <source>The server&apos;s answer could not be read.</source>
        <translation>Die Antwort des Servers konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The server&apos;s answer was too large.</source>
        <translation>Die Antwort des Servers war zu groß.</translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation>Die Anfrage wurde abgebrochen.</translation>
    </message>
    <message>
        <source>It is not known whether the request was applied.</source>
        <translation>Es ist nicht bekannt, ob die Anfrage angewendet wurde.</translation>
    </message>
    <message>
        <source>Something went wrong.</source>
        <translation>Etwas ist schiefgegangen.</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <extracomment>%1 says what failed (&quot;Could not load the choices.&quot;), %2 why, in a sentence.
----------
%1 is &quot;Form cleared.&quot; (or &quot;Form filled in from the run.&quot;), %2 what the form&apos;s refetch added or removed.</extracomment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <extracomment>As &quot;%1 %2&quot;, with %3 the server&apos;s own explanation, untranslated.</extracomment>
        <translation>%1 %2 (%3)</translation>
    </message>
    <message>
        <source>Could not load the form&apos;s fields.</source>
        <translation>Die Felder des Formulars konnten nicht geladen werden.</translation>
    </message>
    <message>
        <source>Could not load the choices.</source>
        <translation>Die Auswahl konnte nicht geladen werden.</translation>
    </message>
    <message>
        <source>Could not load the outputs.</source>
        <translation>Die Ausgaben konnten nicht geladen werden.</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <extracomment>The last two of a list of field titles.</extracomment>
        <translation>%1 und %2</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Choose %1 first</source>
        <extracomment>Why a field is disabled; %1 names the fields it depends on.</extracomment>
        <translation>Wählen Sie zuerst %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <extracomment>%1 lists the first field titles; %n counts the ones left out.</extracomment>
        <translation>
            <numerusform>%1 und %n weiteres</numerusform>
            <numerusform>%1 und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>Added: %1</source>
        <translation>Hinzugefügt: %1</translation>
    </message>
    <message>
        <source>Removed: %1</source>
        <translation>Entfernt: %1</translation>
    </message>
    <message>
        <source> · </source>
        <extracomment>Between &quot;Added: …&quot; and &quot;Removed: …&quot; in the note about changed fields.</extracomment>
        <translation> · </translation>
    </message>
    <message>
        <source>Form cleared.</source>
        <extracomment>The note after Action › Clear form, beside its Undo button.</extracomment>
        <translation>Formular geleert.</translation>
    </message>
    <message>
        <source>Form filled in from the run.</source>
        <extracomment>The note after Restore into form put a past run&apos;s values in place of the form&apos;s own, beside its Undo button.</extracomment>
        <translation>Formular aus der Ausführung ausgefüllt.</translation>
    </message>
</context>
<context>
    <name>WindowMessages</name>
    <message>
        <source>That run cannot be restored: it has no action to fill.</source>
        <translation>Diese Ausführung kann nicht wiederhergestellt werden: Sie hat keine Aktion zum Ausfüllen.</translation>
    </message>
    <message>
        <source>That run is of a stored action, whose inputs are kept by Zapier: repeat it with Re-run, or from Stored actions.</source>
        <translation>Dieser Lauf gehört zu einer gespeicherten Aktion, deren Eingaben Zapier aufbewahrt: Wiederholen Sie ihn mit „Erneut ausführen“ oder unter „Gespeicherte Aktionen“.</translation>
    </message>
    <message>
        <source>That run was made on %1: switch to it to restore the run, its ids mean nothing on this server.</source>
        <extracomment>%1 is the environment the run was made on (&quot;sandbox&quot; or a server&apos;s URL).</extracomment>
        <translation>Dieser Lauf wurde auf %1 ausgeführt: Wechseln Sie dorthin, um ihn wiederherzustellen; seine IDs bedeuten auf diesem Server nichts.</translation>
    </message>
    <message>
        <source>That run was made on %1: switch to it to re-run the run, its ids mean nothing on this server.</source>
        <extracomment>%1 is the environment the run was made on (&quot;sandbox&quot; or a server&apos;s URL).</extracomment>
        <translation>Dieser Lauf wurde auf %1 ausgeführt: Wechseln Sie dorthin, um ihn erneut auszuführen; seine IDs bedeuten auf diesem Server nichts.</translation>
    </message>
</context>
<context>
    <name>ab::connect::PkceFlow</name>
    <message>
        <source>could not listen on a loopback port for the redirect</source>
        <translation>kein Loopback-Port für die Weiterleitung verfügbar</translation>
    </message>
</context>
<context>
    <name>ab::core::ApiError</name>
    <message>
        <source>Malformed response</source>
        <translation>Fehlerhafte Antwort</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>Zeitüberschreitung</translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation>Ergebnis unbekannt</translation>
    </message>
    <message>
        <source>interrupted before the run was sent</source>
        <translation>unterbrochen, bevor die Ausführung gesendet wurde</translation>
    </message>
    <message>
        <source>interrupted while the run was being sent</source>
        <translation>unterbrochen, während die Ausführung gesendet wurde</translation>
    </message>
</context>
<context>
    <name>ab::models::ActionListModel</name>
    <message>
        <source>Write</source>
        <translation>Schreiben</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Search or write</source>
        <translation>Suchen oder schreiben</translation>
    </message>
    <message>
        <source>Search and write</source>
        <translation>Suchen und schreiben</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Lesen</translation>
    </message>
    <message>
        <source>Read (bulk)</source>
        <translation>Lesen (Massenabruf)</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstige</translation>
    </message>
</context>
<context>
    <name>ab::models::ConnectionListModel</name>
    <message>
        <source>%1
This connection has expired: reconnect it before running.</source>
        <translation>%1
Diese Verbindung ist abgelaufen: Verbinden Sie sie vor dem Ausführen erneut.</translation>
    </message>
</context>
<context>
    <name>ab::models::HistoryModel</name>
    <message>
        <source>Preparing</source>
        <translation>Vorbereitung</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>Erfolg</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation>Ergebnis unbekannt</translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation>Zeitüberschreitung</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>No connection</source>
        <translation>Keine Verbindung</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 — run %2</source>
        <translation>%1 — Ausführung %2</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
</context>
<context>
    <name>ab::models::JsonTreeModel</name>
    <message>
        <source>object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <source>array</source>
        <translation>Array</translation>
    </message>
    <message>
        <source>string</source>
        <translation>String</translation>
    </message>
    <message>
        <source>number</source>
        <translation>Zahl</translation>
    </message>
    <message>
        <source>boolean</source>
        <translation>Boolean</translation>
    </message>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>1 key</source>
        <translation>1 Schlüssel</translation>
    </message>
    <message>
        <source>%1 keys</source>
        <translation>%1 Schlüssel</translation>
    </message>
    <message>
        <source>1 item</source>
        <translation>1 Element</translation>
    </message>
    <message>
        <source>%1 items</source>
        <translation>%1 Elemente</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
</context>
<context>
    <name>ab::models::RequestLogModel</name>
    <message>
        <source>No response</source>
        <translation>Keine Antwort</translation>
    </message>
    <message>
        <source>%1 (attempt %2)</source>
        <translation>%1 (Versuch %2)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
</context>
<context>
    <name>ab::models::StoredActionsModel</name>
    <message>
        <source>[1 item]</source>
        <translation>[1 Element]</translation>
    </message>
    <message>
        <source>[%1 items]</source>
        <translation>[%1 Elemente]</translation>
    </message>
    <message>
        <source>{1 key}</source>
        <translation>{1 Schlüssel}</translation>
    </message>
    <message>
        <source>{%1 keys}</source>
        <translation>{%1 Schlüssel}</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>%1 is the action&apos;s title (or key), %2 its type (&quot;write&quot;).</extracomment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>no connection</source>
        <translation>keine Verbindung</translation>
    </message>
    <message>
        <source>connection %1</source>
        <translation>Verbindung %1</translation>
    </message>
    <message>
        <source>no inputs</source>
        <translation>keine Eingaben</translation>
    </message>
    <message>
        <source>Stored action %1
App: %2
Action: %3
Type: %4
Connection: %5
Inputs: %6</source>
        <translation>Gespeicherte Aktion %1
App: %2
Aktion: %3
Typ: %4
Verbindung: %5
Eingaben: %6</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>a name, then the key the API knows it by</comment>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>ab::runs::RunEvent</name>
    <message>
        <source>fetching a fresh action id</source>
        <translation>aktuelle Aktions-ID wird abgerufen</translation>
    </message>
    <message>
        <source>could not fetch a fresh action id</source>
        <translation>aktuelle Aktions-ID konnte nicht abgerufen werden</translation>
    </message>
    <message>
        <source>the app no longer offers this action</source>
        <translation>die App bietet diese Aktion nicht mehr an</translation>
    </message>
    <message>
        <source>not sent: the history could not be written</source>
        <translation>nicht gesendet: der Verlauf konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <source>no answer to the POST: the run may have been applied, so it is not sent again</source>
        <translation>keine Antwort auf den POST: die Ausführung wurde vielleicht übernommen und wird daher nicht erneut gesendet</translation>
    </message>
    <message>
        <source>Zapier refused the run</source>
        <translation>Zapier hat die Ausführung abgelehnt</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>beendet</translation>
    </message>
    <message>
        <source>polling resumed after a restart</source>
        <translation>Abfragen nach einem Neustart fortgesetzt</translation>
    </message>
    <message>
        <source>interrupted before sending</source>
        <translation>vor dem Senden unterbrochen</translation>
    </message>
    <message>
        <source>interrupted while sending: the run may have been applied, so it is not sent again</source>
        <translation>beim Senden unterbrochen: die Ausführung wurde vielleicht übernommen und wird daher nicht erneut gesendet</translation>
    </message>
    <message>
        <source>polling resumed</source>
        <translation>Abfragen fortgesetzt</translation>
    </message>
    <message>
        <source>polling stopped by the user; the run may still complete</source>
        <translation>Abfragen vom Benutzer beendet; die Ausführung kann trotzdem noch abschließen</translation>
    </message>
    <message>
        <source>cancelled before sending</source>
        <translation>vor dem Senden abgebrochen</translation>
    </message>
    <message>
        <source>sending with idempotency id %1</source>
        <translation>wird mit Idempotenz-ID %1 gesendet</translation>
    </message>
    <message>
        <source>sending with action id %1</source>
        <translation>wird mit Aktions-ID %1 gesendet</translation>
    </message>
    <message>
        <source>attempt %1 failed (%2); re-sending with the same idempotency id</source>
        <translation>Versuch %1 fehlgeschlagen (%2); wird mit derselben Idempotenz-ID erneut gesendet</translation>
    </message>
    <message>
        <source>gave up after %1 attempt(s) with idempotency id %2</source>
        <translation>nach %1 Versuch(en) mit Idempotenz-ID %2 aufgegeben</translation>
    </message>
    <message>
        <source>accepted as run %1</source>
        <translation>als Ausführung %1 angenommen</translation>
    </message>
    <message>
        <source>poll failed (%1 in a row): %2</source>
        <translation>Abfrage fehlgeschlagen (%1 in Folge): %2</translation>
    </message>
    <message>
        <source>polling gave up: %1</source>
        <translation>Abfragen aufgegeben: %1</translation>
    </message>
    <message>
        <source>still pending after %1 s; resume to poll again</source>
        <translation>nach %1 s noch ausstehend; fortsetzen, um erneut abzufragen</translation>
    </message>
    <message>
        <source>finished with %1 error(s)</source>
        <translation>mit %1 Fehler(n) beendet</translation>
    </message>
    <message>
        <source>throttled (%1); wait %2 s before running again; not re-run automatically</source>
        <translation>gedrosselt (%1); %2 s warten, bevor erneut ausgeführt wird; keine automatische Wiederholung</translation>
    </message>
    <message>
        <source>throttled (%1); not re-run automatically</source>
        <translation>gedrosselt (%1); keine automatische Wiederholung</translation>
    </message>
</context>
<context>
    <name>ab::ui::AboutDialog</name>
    <message>
        <source>About Actionbench</source>
        <translation>Über Actionbench</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Actionbench %1&lt;/h2&gt;&lt;p&gt;A workbench for Zapier&apos;s embedded Action Runs: browse the catalog, fill an action&apos;s dynamic form, run it and keep every run.&lt;/p&gt;&lt;p&gt;Licensed under the GNU General Public License, version 3 or later. &lt;a href=&quot;https://www.gnu.org/licenses/gpl-3.0.html&quot;&gt;Read the license&lt;/a&gt;.&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;</source>
        <extracomment>%1 is the version, %2 and %3 Qt versions. Keep the HTML tags and the link.</extracomment>
        <translation>&lt;h2&gt;Actionbench %1&lt;/h2&gt;&lt;p&gt;Eine Werkbank für die eingebetteten Action Runs von Zapier: Durchsuchen Sie den Katalog, füllen Sie das dynamische Formular einer Aktion aus, führen Sie sie aus und bewahren Sie jede Ausführung auf.&lt;/p&gt;&lt;p&gt;Lizenziert unter der GNU General Public License, Version 3 oder später. &lt;a href=&quot;https://www.gnu.org/licenses/gpl-3.0.html&quot;&gt;Lizenz lesen&lt;/a&gt;.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2, läuft unter Qt %3.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Actionbench %1. GNU General Public License, version 3 or later. Built with Qt %2, running on Qt %3.</source>
        <translation>Actionbench %1. GNU General Public License, Version 3 oder später. Erstellt mit Qt %2, läuft unter Qt %3.</translation>
    </message>
</context>
<context>
    <name>ab::ui::AccountsDialog</name>
    <message>
        <source>Copy &amp;link</source>
        <translation>&amp;Link kopieren</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <source>Sign out and &amp;remove</source>
        <translation>Abmelden und ent&amp;fernen</translation>
    </message>
    <message>
        <source>&amp;Keep</source>
        <translation>Beha&amp;lten</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Anmelden</translation>
    </message>
    <message>
        <source>Sign &amp;out…</source>
        <translation>A&amp;bmelden…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Konten</translation>
    </message>
    <message>
        <source>Accounts for %1</source>
        <translation>Konten für %1</translation>
    </message>
    <message>
        <source>Sign-in state</source>
        <translation>Anmeldezustand</translation>
    </message>
    <message>
        <source>Keyring warning</source>
        <translation>Schlüsselbund-Warnung</translation>
    </message>
    <message>
        <source>Waiting for the browser… Finish signing in there.</source>
        <translation>Warten auf den Browser… Schließen Sie die Anmeldung dort ab.</translation>
    </message>
    <message>
        <source>Browser sign-in</source>
        <translation>Anmeldung im Browser</translation>
    </message>
    <message>
        <source>Copy the sign-in link</source>
        <translation>Anmeldelink kopieren</translation>
    </message>
    <message>
        <source>If no browser opened, paste this link into one.</source>
        <translation>Falls sich kein Browser geöffnet hat, fügen Sie diesen Link in einen Browser ein.</translation>
    </message>
    <message>
        <source>Cancel the browser sign-in</source>
        <translation>Anmeldung im Browser abbrechen</translation>
    </message>
    <message>
        <source>Sign out of %1? Its client secret, keys and tokens are removed from the keyring.</source>
        <translation>Von %1 abmelden? Client-Secret, Schlüssel und Tokens dieser Umgebung werden aus dem Schlüsselbund entfernt.</translation>
    </message>
    <message>
        <source>Sign out confirmation</source>
        <translation>Abmeldung bestätigen</translation>
    </message>
    <message>
        <source>Sign out and remove the secrets</source>
        <translation>Abmelden und Geheimnisse entfernen</translation>
    </message>
    <message>
        <source>Keep the credentials</source>
        <translation>Zugangsdaten behalten</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>In Arbeit</translation>
    </message>
    <message>
        <source>Sign-in status</source>
        <translation>Anmeldestatus</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <source>Check the highlighted fields.</source>
        <translation>Prüfen Sie die markierten Felder.</translation>
    </message>
    <message>
        <source>Opening the browser…</source>
        <translation>Browser wird geöffnet…</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Anmeldung läuft…</translation>
    </message>
    <message>
        <source>Your browser shows Zapier&apos;s sign-in page.</source>
        <translation>Ihr Browser zeigt die Anmeldeseite von Zapier.</translation>
    </message>
    <message>
        <source>No browser could be opened. Copy the link into a browser to sign in.</source>
        <translation>Es konnte kein Browser geöffnet werden. Kopieren Sie den Link in einen Browser, um sich anzumelden.</translation>
    </message>
    <message>
        <source>Signing out…</source>
        <translation>Abmeldung läuft…</translation>
    </message>
    <message>
        <source>Signed out, but the keyring failed: %1</source>
        <translation>Abgemeldet, aber der Schlüsselbund ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Signed out. The secrets of %1 were removed from the keyring.</source>
        <translation>Abgemeldet. Die Geheimnisse von %1 wurden aus dem Schlüsselbund entfernt.</translation>
    </message>
</context>
<context>
    <name>ab::ui::AccountsFields</name>
    <message>
        <source>&amp;Paste a signed JWT</source>
        <translation>Signiertes JWT &amp;einfügen</translation>
    </message>
    <message>
        <source>Sign it &amp;here with a private key</source>
        <translation>&amp;Hier mit privatem Schlüssel signieren</translation>
    </message>
    <message>
        <source>Choose &amp;file…</source>
        <translation>&amp;Datei wählen…</translation>
    </message>
    <message>
        <source>Sign in in your &amp;browser</source>
        <translation>Im Bro&amp;wser anmelden</translation>
    </message>
    <message>
        <source>Sign-in method</source>
        <translation>Anmeldemethode</translation>
    </message>
    <message>
        <source>Sign-in &amp;method:</source>
        <translation>Anmelde&amp;methode:</translation>
    </message>
    <message>
        <source>Access &amp;token:</source>
        <translation>Zugriffs&amp;token:</translation>
    </message>
    <message>
        <source>A Zapier access token for this environment. It is kept in the system keyring.</source>
        <translation>Ein Zapier-Zugriffstoken für diese Umgebung. Es wird im Schlüsselbund des Systems aufbewahrt.</translation>
    </message>
    <message>
        <source>Client &amp;ID:</source>
        <translation>Client-&amp;ID:</translation>
    </message>
    <message>
        <source>Client &amp;secret:</source>
        <translation>Client-&amp;Secret:</translation>
    </message>
    <message>
        <source>Paste a signed JWT</source>
        <translation>Signiertes JWT einfügen</translation>
    </message>
    <message>
        <source>Sign the JWT here with a private key</source>
        <translation>JWT hier mit privatem Schlüssel signieren</translation>
    </message>
    <message>
        <source>Partner JWT:</source>
        <translation>Partner-JWT:</translation>
    </message>
    <message>
        <source>&amp;JWT:</source>
        <translation>&amp;JWT:</translation>
    </message>
    <message>
        <source>Choose a private key file</source>
        <translation>Private Schlüsseldatei wählen</translation>
    </message>
    <message>
        <source>Private &amp;key:</source>
        <translation>&amp;Privater Schlüssel:</translation>
    </message>
    <message>
        <source>Paste the PEM key, or choose a file</source>
        <translation>PEM-Schlüssel einfügen oder Datei wählen</translation>
    </message>
    <message>
        <source>Signing algorithm</source>
        <translation>Signaturalgorithmus</translation>
    </message>
    <message>
        <source>&amp;Algorithm:</source>
        <translation>Al&amp;gorithmus:</translation>
    </message>
    <message>
        <source>Key I&amp;D (kid):</source>
        <translation>Schlüssel-ID (&amp;kid):</translation>
    </message>
    <message>
        <source>Iss&amp;uer (iss):</source>
        <translation>Auss&amp;teller (iss):</translation>
    </message>
    <message>
        <source>Su&amp;bject (sub):</source>
        <translation>S&amp;ubjekt (sub):</translation>
    </message>
    <message>
        <source>Organisation c&amp;laim:</source>
        <translation>&amp;Organisations-Claim:</translation>
    </message>
    <message>
        <source>The claim&apos;s name, e.g. org_id</source>
        <translation>Name des Claims, z. B. org_id</translation>
    </message>
    <message>
        <source>Organisation &amp;value:</source>
        <translation>Organisations&amp;wert:</translation>
    </message>
    <message>
        <source>Token &amp;URL:</source>
        <translation>Token-U&amp;RL:</translation>
    </message>
    <message>
        <source>Sco&amp;pes:</source>
        <translation>S&amp;copes:</translation>
    </message>
    <message>
        <source>Sign in in your browser</source>
        <translation>Im Browser anmelden</translation>
    </message>
    <message>
        <source>Zapier&apos;s sign-in page opens in your browser; Actionbench waits for it on a local port.</source>
        <translation>Die Anmeldeseite von Zapier öffnet sich in Ihrem Browser; Actionbench wartet auf einem lokalen Port auf die Rückmeldung.</translation>
    </message>
    <message>
        <source>Choose the private key</source>
        <translation>Privaten Schlüssel wählen</translation>
    </message>
    <message>
        <source>PEM private keys (*.pem *.key);;All files (*)</source>
        <translation>Private PEM-Schlüssel (*.pem *.key);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is too large to be a private key.</source>
        <translation>%1 ist zu groß für einen privaten Schlüssel.</translation>
    </message>
    <message>
        <source>Loaded from %1</source>
        <translation>Geladen aus %1</translation>
    </message>
</context>
<context>
    <name>ab::ui::BooleanEditor</name>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Nicht gesetzt</translation>
    </message>
    <message>
        <source>Not set (default: %1)</source>
        <translation>Nicht gesetzt (Standard: %1)</translation>
    </message>
</context>
<context>
    <name>ab::ui::CatalogPane</name>
    <message>
        <source>No apps</source>
        <translation>Keine Apps</translation>
    </message>
    <message>
        <source>Apps status</source>
        <translation>Status der Apps</translation>
    </message>
    <message>
        <source>No actions</source>
        <translation>Keine Aktionen</translation>
    </message>
    <message>
        <source>Actions status</source>
        <translation>Status der Aktionen</translation>
    </message>
    <message>
        <source>Search apps (Ctrl+K)</source>
        <translation>Apps suchen (Ctrl+K)</translation>
    </message>
    <message>
        <source>Search apps</source>
        <translation>Apps suchen</translation>
    </message>
    <message>
        <source>Type to search the app catalog; Down moves to the results, Escape clears</source>
        <translation>Tippen Sie, um den App-Katalog zu durchsuchen; Pfeil nach unten wechselt zu den Ergebnissen, Escape leert die Suche</translation>
    </message>
    <message>
        <source>App category</source>
        <translation>App-Kategorie</translation>
    </message>
    <message>
        <source>Number of apps</source>
        <translation>Anzahl der Apps</translation>
    </message>
    <message>
        <source>Apps</source>
        <translation>Apps</translation>
    </message>
    <message>
        <source>Enter opens the app&apos;s actions</source>
        <translation>Enter öffnet die Aktionen der App</translation>
    </message>
    <message>
        <source>Filter actions</source>
        <translation>Aktionen filtern</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Aktionen</translation>
    </message>
    <message>
        <source>Grouped by type; Enter opens the action&apos;s form</source>
        <translation>Nach Typ gruppiert; Enter öffnet das Formular der Aktion</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Alle Kategorien</translation>
    </message>
    <message>
        <source>Loading apps…</source>
        <translation>Apps werden geladen…</translation>
    </message>
    <message>
        <source>No apps match “%1” in %2.</source>
        <translation>Keine Apps passen zu „%1“ in %2.</translation>
    </message>
    <message>
        <source>No apps match “%1”.</source>
        <translation>Keine Apps passen zu „%1“.</translation>
    </message>
    <message>
        <source>No apps to show.</source>
        <translation>Keine Apps vorhanden.</translation>
    </message>
    <message>
        <source>%1 of %2 apps</source>
        <translation>%1 von %2 Apps</translation>
    </message>
    <message>
        <source>1 app</source>
        <translation>1 App</translation>
    </message>
    <message>
        <source>%1 apps</source>
        <translation>%1 Apps</translation>
    </message>
    <message>
        <source>Actions of %1</source>
        <translation>Aktionen von %1</translation>
    </message>
    <message>
        <source>Loading actions…</source>
        <translation>Aktionen werden geladen…</translation>
    </message>
    <message>
        <source>Choose an app to see its actions.</source>
        <translation>Wählen Sie eine App, um ihre Aktionen zu sehen.</translation>
    </message>
    <message>
        <source>This app has no actions.</source>
        <translation>Diese App hat keine Aktionen.</translation>
    </message>
    <message>
        <source>No actions match “%1”.</source>
        <translation>Keine Aktionen passen zu „%1“.</translation>
    </message>
</context>
<context>
    <name>ab::ui::CatalogStatusLine</name>
    <message>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Beschäftigt</translation>
    </message>
</context>
<context>
    <name>ab::ui::ConnectMessageBar</name>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Connecting accounts</source>
        <translation>Konten verbinden</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>In Arbeit</translation>
    </message>
    <message>
        <source>Connecting status</source>
        <translation>Verbindungsstatus</translation>
    </message>
    <message>
        <source>Retry connecting</source>
        <translation>Verbinden wiederholen</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <source>Dismiss the message</source>
        <translation>Meldung ausblenden</translation>
    </message>
    <message>
        <source>Accou&amp;nts…</source>
        <translation>&amp;Konten…</translation>
    </message>
    <message>
        <source>Open the account settings</source>
        <translation>Die Kontoeinstellungen öffnen</translation>
    </message>
</context>
<context>
    <name>ab::ui::ConnectView</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Reconnect %1</source>
        <translation>%1 erneut verbinden</translation>
    </message>
    <message>
        <source>Connect %1</source>
        <translation>%1 verbinden</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>Verbindung wird hergestellt</translation>
    </message>
    <message>
        <source>Page address</source>
        <translation>Seitenadresse</translation>
    </message>
    <message>
        <source>Time left on the connect token</source>
        <translation>Verbleibende Zeit des Connect-Tokens</translation>
    </message>
    <message>
        <source>The connect token lasts six minutes; the window closes when it runs out and you can start again.</source>
        <translation>Das Connect-Token gilt sechs Minuten; danach schließt sich das Fenster und Sie können neu beginnen.</translation>
    </message>
    <message>
        <source>Cancel connecting</source>
        <translation>Verbinden abbrechen</translation>
    </message>
    <message>
        <source>Close without connecting (Esc)</source>
        <translation>Ohne Verbinden schließen (Esc)</translation>
    </message>
    <message>
        <source>Page loading</source>
        <translation>Seite wird geladen</translation>
    </message>
    <message>
        <source>Connect page</source>
        <translation>Connect-Seite</translation>
    </message>
    <message>
        <source>Sign-in page</source>
        <translation>Anmeldeseite</translation>
    </message>
    <message>
        <source>%1 left</source>
        <extracomment>Time left on the connect token; %1 is minutes:seconds, like 5:42.</extracomment>
        <translation>noch %1</translation>
    </message>
    <message numerus="yes">
        <source>%n second(s) left to finish connecting</source>
        <translation>
            <numerusform>Noch %n Sekunde, um das Verbinden abzuschließen</numerusform>
            <numerusform>Noch %n Sekunden, um das Verbinden abzuschließen</numerusform>
        </translation>
    </message>
    <message>
        <source>Secure page on %1</source>
        <translation>Sichere Seite auf %1</translation>
    </message>
    <message>
        <source>%1 — the offline sandbox on this computer</source>
        <translation>%1 — die Offline-Sandbox auf diesem Computer</translation>
    </message>
</context>
<context>
    <name>ab::ui::ConnectWindowLoader</name>
    <message>
        <source>The Connect window is not installed: %1 was not found in %2. Reinstall Actionbench with its Qt WebEngine component.</source>
        <translation>Das Connect-Fenster ist nicht installiert: %1 wurde in %2 nicht gefunden. Installieren Sie Actionbench mit der Komponente Qt WebEngine neu.</translation>
    </message>
    <message>
        <source>The Connect window could not be loaded: %1</source>
        <translation>Das Connect-Fenster konnte nicht geladen werden: %1</translation>
    </message>
</context>
<context>
    <name>ab::ui::ConnectionPicker</name>
    <message>
        <source>C&amp;onnection:</source>
        <translation>&amp;Verbindung:</translation>
    </message>
    <message>
        <source>Expired — reconnect</source>
        <translation>Abgelaufen — erneut verbinden</translation>
    </message>
    <message>
        <source>Connections status</source>
        <translation>Status der Verbindungen</translation>
    </message>
    <message>
        <source>Conn&amp;ect account…</source>
        <translation>K&amp;onto verbinden…</translation>
    </message>
    <message>
        <source>Reco&amp;nnect</source>
        <translation>&amp;Erneut verbinden</translation>
    </message>
    <message>
        <source>%1 — expired</source>
        <extracomment>A connection in the list of connected accounts; %1 is its name.</extracomment>
        <translation>%1 — abgelaufen</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Connection expired</source>
        <translation>Verbindung abgelaufen</translation>
    </message>
    <message>
        <source>Zapier reports this connection as expired: runs with it will fail until it is reconnected.</source>
        <translation>Zapier meldet diese Verbindung als abgelaufen: Ausführungen damit schlagen fehl, bis sie erneut verbunden wird.</translation>
    </message>
    <message>
        <source>Connection note</source>
        <translation>Hinweis zur Verbindung</translation>
    </message>
    <message>
        <source>Connect an account</source>
        <translation>Konto verbinden</translation>
    </message>
    <message>
        <source>Sign in to the app through Zapier&apos;s Connect page</source>
        <translation>Über die Connect-Seite von Zapier bei der App anmelden</translation>
    </message>
    <message>
        <source>Reconnect the expired connection</source>
        <translation>Abgelaufene Verbindung erneut verbinden</translation>
    </message>
    <message>
        <source>Sign in again so this connection can run actions</source>
        <translation>Erneut anmelden, damit diese Verbindung Aktionen ausführen kann</translation>
    </message>
    <message>
        <source>This app needs no connection.</source>
        <translation>Diese App benötigt keine Verbindung.</translation>
    </message>
    <message>
        <source>No connected accounts for %1 yet.</source>
        <translation>Noch keine verbundenen Konten für %1.</translation>
    </message>
    <message>
        <source>Loading connections…</source>
        <translation>Verbindungen werden geladen…</translation>
    </message>
    <message>
        <source>%1 has expired: reconnect it before running.</source>
        <translation>%1 ist abgelaufen: Stellen Sie die Verbindung vor dem Ausführen erneut her.</translation>
    </message>
    <message>
        <source>Choose an app and an action first.</source>
        <translation>Wählen Sie zuerst eine App und eine Aktion.</translation>
    </message>
</context>
<context>
    <name>ab::ui::DateTimeEditor</name>
    <message>
        <source>Pick…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Pick a date and time</source>
        <translation>Datum und Uhrzeit auswählen</translation>
    </message>
    <message>
        <source>Pick a date and time from a calendar</source>
        <translation>Datum und Uhrzeit aus einem Kalender auswählen</translation>
    </message>
    <message>
        <source>e.g. 2026-03-31T09:00:00 or “tomorrow 9am”</source>
        <translation>z. B. 2026-03-31T09:00:00 oder „tomorrow 9am“</translation>
    </message>
    <message>
        <source>Date and time picker</source>
        <translation>Datums- und Uhrzeitauswahl</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Uhrzeit</translation>
    </message>
    <message>
        <source>Use</source>
        <extracomment>Writes the date and time picked into the field.</extracomment>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>Use this date and time</source>
        <translation>Dieses Datum und diese Uhrzeit übernehmen</translation>
    </message>
    <message>
        <source>&amp;Time:</source>
        <translation>&amp;Uhrzeit:</translation>
    </message>
</context>
<context>
    <name>ab::ui::DesktopNotifier</name>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
</context>
<context>
    <name>ab::ui::EnvironmentSwitcher</name>
    <message>
        <source>&amp;Environment:</source>
        <translation>&amp;Umgebung:</translation>
    </message>
    <message>
        <source>Sandbox (offline)</source>
        <translation>Sandbox (offline)</translation>
    </message>
    <message>
        <source>Zapier (api.zapier.com)</source>
        <translation>Zapier (api.zapier.com)</translation>
    </message>
    <message>
        <source>Custom server…</source>
        <translation>Eigener Server…</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>The server Actionbench talks to. The sandbox simulates Zapier offline.</source>
        <translation>Der Server, mit dem Actionbench kommuniziert. Die Sandbox simuliert Zapier offline.</translation>
    </message>
    <message>
        <source>Custom server</source>
        <translation>Eigener Server</translation>
    </message>
    <message>
        <source>Base URL of a server that speaks Zapier&apos;s API:</source>
        <translation>Basis-URL eines Servers, der die API von Zapier spricht:</translation>
    </message>
    <message>
        <source>Custom server URL</source>
        <translation>URL des eigenen Servers</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>Zugriffstoken</translation>
    </message>
    <message>
        <source>Access token for %1 (kept in memory only):</source>
        <translation>Zugriffstoken für %1 (nur im Arbeitsspeicher gehalten):</translation>
    </message>
    <message>
        <source>Access token for %1, kept in memory only. Leave it empty to sign in under Accounts instead:</source>
        <translation>Zugriffstoken für %1, nur im Arbeitsspeicher aufbewahrt. Lassen Sie das Feld leer, um sich stattdessen unter „Konten“ anzumelden:</translation>
    </message>
    <message>
        <source>Custom: %1</source>
        <extracomment>The environment combo&apos;s item for a custom server in use; %1 is its host (and port).</extracomment>
        <translation>Eigener Server: %1</translation>
    </message>
</context>
<context>
    <name>ab::ui::ErrorExplainer</name>
    <message>
        <source>The app rejected the input</source>
        <translation>Die App hat die Eingabe abgelehnt</translation>
    </message>
    <message>
        <source>The app refused the connected account</source>
        <translation>Die App hat das verbundene Konto abgelehnt</translation>
    </message>
    <message>
        <source>The app&apos;s integration failed</source>
        <translation>Die Integration der App ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>Zapier had an internal problem</source>
        <translation>Zapier hatte ein internes Problem</translation>
    </message>
    <message>
        <source>The app asked Zapier to slow down</source>
        <translation>Die App hat Zapier gebeten, langsamer zu werden</translation>
    </message>
    <message>
        <source>Zapier is limiting runs right now</source>
        <translation>Zapier begrenzt gerade die Ausführungen</translation>
    </message>
    <message>
        <source>A file or stored value could not be fetched</source>
        <translation>Eine Datei oder ein gespeicherter Wert konnte nicht abgerufen werden</translation>
    </message>
    <message>
        <source>The run reported an error</source>
        <translation>Die Ausführung hat einen Fehler gemeldet</translation>
    </message>
    <message>
        <source>The app says something in the input is wrong or missing.</source>
        <translation>Laut der App ist etwas an der Eingabe falsch oder fehlt.</translation>
    </message>
    <message>
        <source>Correct the input described below and run again.</source>
        <translation>Korrigieren Sie die unten beschriebene Eingabe und führen Sie die Aktion erneut aus.</translation>
    </message>
    <message>
        <source>Correct the field “%1” and run again.</source>
        <translation>Korrigieren Sie das Feld „%1“ und führen Sie die Aktion erneut aus.</translation>
    </message>
    <message>
        <source>The connected account was not accepted: it may have expired, been revoked, or lack the permission this action needs.</source>
        <translation>Das verbundene Konto wurde nicht akzeptiert: Es ist möglicherweise abgelaufen, widerrufen worden oder hat nicht die Berechtigung, die diese Aktion benötigt.</translation>
    </message>
    <message>
        <source>Reconnect the account (or pick another connection), then run again.</source>
        <translation>Verbinden Sie das Konto erneut (oder wählen Sie eine andere Verbindung) und führen Sie die Aktion dann erneut aus.</translation>
    </message>
    <message>
        <source>The app&apos;s Zapier integration reported a problem on its side; your input is probably not the cause.</source>
        <translation>Die Zapier-Integration der App hat ein Problem auf ihrer Seite gemeldet; Ihre Eingabe ist wahrscheinlich nicht die Ursache.</translation>
    </message>
    <message>
        <source>Try again later. If it keeps failing, report it to the integration&apos;s developer with the run id.</source>
        <translation>Versuchen Sie es später erneut. Wenn es weiterhin fehlschlägt, melden Sie es dem Entwickler der Integration mit der Ausführungs-ID.</translation>
    </message>
    <message>
        <source>Zapier could not complete the run because of a problem on Zapier&apos;s side.</source>
        <translation>Zapier konnte die Ausführung wegen eines Problems auf Seiten von Zapier nicht abschließen.</translation>
    </message>
    <message>
        <source>Running it again in a little while usually works.</source>
        <translation>Eine erneute Ausführung nach kurzer Zeit funktioniert meist.</translation>
    </message>
    <message>
        <source>The app asked Zapier to slow down. Wait %1 s before running again; re-running now will likely fail the same way.</source>
        <translation>Die App hat Zapier gebeten, langsamer zu werden. Warten Sie %1 s, bevor Sie die Aktion erneut ausführen; eine sofortige erneute Ausführung schlägt wahrscheinlich genauso fehl.</translation>
    </message>
    <message>
        <source>The app asked Zapier to slow down. Wait a minute before running again; re-running now will likely fail the same way.</source>
        <translation>Die App hat Zapier gebeten, langsamer zu werden. Warten Sie eine Minute, bevor Sie die Aktion erneut ausführen; eine sofortige erneute Ausführung schlägt wahrscheinlich genauso fehl.</translation>
    </message>
    <message>
        <source>Wait, then re-run.</source>
        <translation>Warten Sie und führen Sie die Aktion dann erneut aus.</translation>
    </message>
    <message>
        <source>Zapier is throttling runs for this account at the moment.</source>
        <translation>Zapier drosselt derzeit die Ausführungen für dieses Konto.</translation>
    </message>
    <message>
        <source>Wait %1 s before running again.</source>
        <translation>Warten Sie %1 s, bevor Sie die Aktion erneut ausführen.</translation>
    </message>
    <message>
        <source>Wait a little before running again.</source>
        <translation>Warten Sie kurz, bevor Sie die Aktion erneut ausführen.</translation>
    </message>
    <message>
        <source>Zapier could not fetch a file or a stored value the action needed (for example a file URL that is no longer reachable).</source>
        <translation>Zapier konnte eine Datei oder einen gespeicherten Wert nicht abrufen, den die Aktion benötigt (zum Beispiel eine Datei-URL, die nicht mehr erreichbar ist).</translation>
    </message>
    <message>
        <source>Check the file inputs and their URLs, then run again.</source>
        <translation>Prüfen Sie die Dateieingaben und ihre URLs und führen Sie die Aktion dann erneut aus.</translation>
    </message>
    <message>
        <source>The run reported an error (%1)</source>
        <translation>Die Ausführung hat einen Fehler gemeldet (%1)</translation>
    </message>
    <message>
        <source>Zapier reported an error this version of Actionbench does not recognise. The app&apos;s own words are below.</source>
        <translation>Zapier hat einen Fehler gemeldet, den diese Version von Actionbench nicht kennt. Die Meldung der App steht unten.</translation>
    </message>
    <message>
        <source>Check the details, fix what they name and run again.</source>
        <translation>Prüfen Sie die Details, beheben Sie das Genannte und führen Sie die Aktion erneut aus.</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>HTTP %1: %2</source>
        <translation>HTTP %1: %2</translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation>Ergebnis unbekannt</translation>
    </message>
    <message>
        <source>The request may have reached Zapier, but no answer came back. It was not sent again, to avoid running the action twice.</source>
        <translation>Die Anfrage hat Zapier möglicherweise erreicht, aber es kam keine Antwort zurück. Sie wurde nicht erneut gesendet, damit die Aktion nicht doppelt ausgeführt wird.</translation>
    </message>
    <message>
        <source>Check the app (was the message sent, the row added?) before re-running.</source>
        <translation>Prüfen Sie die App (wurde die Nachricht gesendet, die Zeile hinzugefügt?), bevor Sie die Aktion erneut ausführen.</translation>
    </message>
    <message>
        <source>Could not reach Zapier</source>
        <translation>Zapier nicht erreichbar</translation>
    </message>
    <message>
        <source>The connection failed before a reply arrived. The run was not created.</source>
        <translation>Die Verbindung ist fehlgeschlagen, bevor eine Antwort kam. Die Ausführung wurde nicht erstellt.</translation>
    </message>
    <message>
        <source>Check the network and the environment&apos;s address, then re-run.</source>
        <translation>Prüfen Sie das Netzwerk und die Adresse der Umgebung und führen Sie die Aktion dann erneut aus.</translation>
    </message>
    <message>
        <source>Zapier did not answer in time</source>
        <translation>Zapier hat nicht rechtzeitig geantwortet</translation>
    </message>
    <message>
        <source>No complete reply arrived within the time limit.</source>
        <translation>Innerhalb des Zeitlimits kam keine vollständige Antwort.</translation>
    </message>
    <message>
        <source>Re-run; if it keeps happening, check the network or Zapier&apos;s status.</source>
        <translation>Führen Sie die Aktion erneut aus; wenn das Problem bleibt, prüfen Sie das Netzwerk oder den Status von Zapier.</translation>
    </message>
    <message>
        <source>Too many requests</source>
        <translation>Zu viele Anfragen</translation>
    </message>
    <message>
        <source>Zapier refused the request because the rate limit was reached (60 requests a minute for the Partner API).</source>
        <translation>Zapier hat die Anfrage abgelehnt, weil das Ratenlimit erreicht wurde (60 Anfragen pro Minute für die Partner API).</translation>
    </message>
    <message>
        <source>Wait a minute before running again.</source>
        <translation>Warten Sie eine Minute, bevor Sie die Aktion erneut ausführen.</translation>
    </message>
    <message>
        <source>The access token was refused</source>
        <translation>Das Zugriffstoken wurde abgelehnt</translation>
    </message>
    <message>
        <source>Zapier did not accept the token: it is missing, wrong or expired.</source>
        <translation>Zapier hat das Token nicht akzeptiert: Es fehlt, ist falsch oder abgelaufen.</translation>
    </message>
    <message>
        <source>Check the credentials for this environment, then re-run.</source>
        <translation>Prüfen Sie die Zugangsdaten für diese Umgebung und führen Sie die Aktion dann erneut aus.</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>Nicht erlaubt</translation>
    </message>
    <message>
        <source>The token is valid but may not run this action or use this connection.</source>
        <translation>Das Token ist gültig, darf aber diese Aktion nicht ausführen oder diese Verbindung nicht verwenden.</translation>
    </message>
    <message>
        <source>Check the account&apos;s permissions and the connection&apos;s owner.</source>
        <translation>Prüfen Sie die Berechtigungen des Kontos und den Eigentümer der Verbindung.</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message>
        <source>The action, connection or stored action no longer exists. Action ids are single-use; a re-run fetches a fresh one.</source>
        <translation>Die Aktion, Verbindung oder gespeicherte Aktion existiert nicht mehr. Aktions-IDs sind nur einmal verwendbar; eine erneute Ausführung holt eine neue.</translation>
    </message>
    <message>
        <source>Re-run, or pick the action and connection again.</source>
        <translation>Führen Sie die Aktion erneut aus oder wählen Sie Aktion und Verbindung neu.</translation>
    </message>
    <message>
        <source>Zapier rejected the request</source>
        <translation>Zapier hat die Anfrage abgelehnt</translation>
    </message>
    <message>
        <source>Something in the request was not acceptable to Zapier.</source>
        <translation>Etwas an der Anfrage war für Zapier nicht akzeptabel.</translation>
    </message>
    <message>
        <source>Read the details below, correct the input and re-run.</source>
        <translation>Lesen Sie die Details unten, korrigieren Sie die Eingabe und führen Sie die Aktion erneut aus.</translation>
    </message>
    <message>
        <source>Correct the field “%1” and re-run.</source>
        <translation>Korrigieren Sie das Feld „%1“ und führen Sie die Aktion erneut aus.</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Konflikt</translation>
    </message>
    <message>
        <source>Zapier reports a conflict with the current state (a repeated idempotency id with different inputs, say).</source>
        <translation>Zapier meldet einen Konflikt mit dem aktuellen Zustand (etwa eine wiederholte Idempotenz-ID mit anderen Eingaben).</translation>
    </message>
    <message>
        <source>Read the details below before re-running.</source>
        <translation>Lesen Sie die Details unten, bevor Sie die Aktion erneut ausführen.</translation>
    </message>
    <message>
        <source>No tasks left</source>
        <translation>Keine Tasks mehr</translation>
    </message>
    <message>
        <source>The Zapier account has no tasks left to run actions with.</source>
        <translation>Das Zapier-Konto hat keine Tasks mehr, mit denen Aktionen ausgeführt werden können.</translation>
    </message>
    <message>
        <source>Upgrade the plan or wait for the task allowance to reset.</source>
        <translation>Wechseln Sie zu einem höheren Tarif oder warten Sie, bis das Task-Kontingent zurückgesetzt wird.</translation>
    </message>
    <message>
        <source>Zapier had a problem</source>
        <translation>Zapier hatte ein Problem</translation>
    </message>
    <message>
        <source>Zapier answered with a server error; the run was not created.</source>
        <translation>Zapier hat mit einem Serverfehler geantwortet; die Ausführung wurde nicht erstellt.</translation>
    </message>
    <message>
        <source>Re-run in a little while.</source>
        <translation>Führen Sie die Aktion in Kürze erneut aus.</translation>
    </message>
    <message>
        <source>Unexpected answer from Zapier</source>
        <translation>Unerwartete Antwort von Zapier</translation>
    </message>
    <message>
        <source>The reply did not have the documented shape (an HTML error page or broken JSON, for example).</source>
        <translation>Die Antwort hatte nicht die dokumentierte Form (zum Beispiel eine HTML-Fehlerseite oder fehlerhaftes JSON).</translation>
    </message>
    <message>
        <source>Check the environment&apos;s address; the API calls tab shows the reply.</source>
        <translation>Prüfen Sie die Adresse der Umgebung; der Tab „API-Aufrufe“ zeigt die Antwort.</translation>
    </message>
    <message>
        <source>Reply too large</source>
        <translation>Antwort zu groß</translation>
    </message>
    <message>
        <source>The reply was larger than Actionbench accepts.</source>
        <translation>Die Antwort war größer, als Actionbench akzeptiert.</translation>
    </message>
    <message>
        <source>Narrow the action&apos;s inputs so it returns less.</source>
        <translation>Schränken Sie die Eingaben der Aktion ein, damit sie weniger zurückgibt.</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>The request was cancelled before it finished.</source>
        <translation>Die Anfrage wurde abgebrochen, bevor sie abgeschlossen war.</translation>
    </message>
    <message>
        <source>Re-run when ready.</source>
        <translation>Führen Sie die Aktion erneut aus, wenn Sie bereit sind.</translation>
    </message>
    <message>
        <source>The request failed</source>
        <translation>Die Anfrage ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>The request failed for a reason Actionbench does not recognise.</source>
        <translation>Die Anfrage ist aus einem Grund fehlgeschlagen, den Actionbench nicht kennt.</translation>
    </message>
    <message>
        <source>Read the details below and the API calls tab.</source>
        <translation>Lesen Sie die Details unten und den Tab „API-Aufrufe“.</translation>
    </message>
    <message>
        <source>Stopped waiting for the result</source>
        <translation>Warten auf das Ergebnis beendet</translation>
    </message>
    <message>
        <source>Actionbench stopped checking the run&apos;s status (it took too long, or the checks kept failing). The run may still finish on Zapier.</source>
        <translation>Actionbench prüft den Status der Ausführung nicht mehr (es dauerte zu lange oder die Abfragen schlugen wiederholt fehl). Die Ausführung kann bei Zapier trotzdem noch abgeschlossen werden.</translation>
    </message>
    <message>
        <source>The run did not finish within the time Actionbench waits. It may still finish on Zapier.</source>
        <translation>Die Ausführung wurde nicht innerhalb der Zeit abgeschlossen, die Actionbench wartet. Sie kann bei Zapier trotzdem noch abgeschlossen werden.</translation>
    </message>
    <message>
        <source>Check the app, or re-run.</source>
        <translation>Prüfen Sie die App oder führen Sie die Aktion erneut aus.</translation>
    </message>
    <message>
        <source>Tracking of this run was stopped.</source>
        <translation>Die Verfolgung dieser Ausführung wurde beendet.</translation>
    </message>
    <message>
        <source>Re-run to try again.</source>
        <translation>Führen Sie die Aktion erneut aus, um es noch einmal zu versuchen.</translation>
    </message>
    <message>
        <source>The run could not be started</source>
        <translation>Die Ausführung konnte nicht gestartet werden</translation>
    </message>
    <message>
        <source>The run failed before Zapier ran the action.</source>
        <translation>Die Ausführung ist fehlgeschlagen, bevor Zapier die Aktion ausgeführt hat.</translation>
    </message>
    <message>
        <source>The API calls tab shows what was sent and answered.</source>
        <translation>Der Tab „API-Aufrufe“ zeigt, was gesendet und geantwortet wurde.</translation>
    </message>
</context>
<context>
    <name>ab::ui::FieldEditor</name>
    <message>
        <source>%1, required</source>
        <extracomment>Spoken name of a required field; %1 is the field&apos;s title.</extracomment>
        <translation>%1, erforderlich</translation>
    </message>
    <message>
        <source>%1 *</source>
        <extracomment>The title of a required field with its marker; %1 is the field&apos;s title.</extracomment>
        <translation>%1 *</translation>
    </message>
    <message>
        <source>Default: %1</source>
        <translation>Standard: %1</translation>
    </message>
    <message>
        <source>%1 (default: %2)</source>
        <extracomment>A field&apos;s placeholder; %1 is its hint, %2 the value the server uses when none is sent.</extracomment>
        <translation>%1 (Standard: %2)</translation>
    </message>
    <message>
        <source>New field</source>
        <translation>Neues Feld</translation>
    </message>
    <message>
        <source>Unknown format “%1”: edited as text</source>
        <translation>Unbekanntes Format „%1“: als Text bearbeitet</translation>
    </message>
    <message>
        <source>Unknown value type “%1”: edited as text</source>
        <translation>Unbekannter Werttyp „%1“: als Text bearbeitet</translation>
    </message>
    <message>
        <source>. </source>
        <extracomment>Joins the parts of a field&apos;s spoken description: its error, why it is disabled, a note and its help text.</extracomment>
        <translation>. </translation>
    </message>
</context>
<context>
    <name>ab::ui::FileEditor</name>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Browse for a file</source>
        <translation>Nach einer Datei suchen</translation>
    </message>
    <message>
        <source>A file path or URL</source>
        <translation>Ein Dateipfad oder eine URL</translation>
    </message>
    <message>
        <source>Choose a file for %1</source>
        <translation>Datei für %1 wählen</translation>
    </message>
</context>
<context>
    <name>ab::ui::FormView</name>
    <message>
        <source>Skip client-side validation</source>
        <translation>Clientseitige Validierung überspringen</translation>
    </message>
    <message>
        <source>Save as stored action…</source>
        <translation>Als gespeicherte Aktion speichern…</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>Action form</source>
        <translation>Aktionsformular</translation>
    </message>
    <message>
        <source>Updating the form</source>
        <translation>Formular wird aktualisiert</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Retry loading the form</source>
        <translation>Laden des Formulars wiederholen</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <source>Dismiss the note about changed fields</source>
        <translation>Hinweis zu geänderten Feldern ausblenden</translation>
    </message>
    <message>
        <source>Input fields</source>
        <translation>Eingabefelder</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation>Ausgaben</translation>
    </message>
    <message>
        <source>Form and outputs</source>
        <translation>Formular und Ausgaben</translation>
    </message>
    <message>
        <source>Send the values as they are, so the server&apos;s own validation can be tested</source>
        <translation>Werte unverändert senden, um die Validierung des Servers zu testen</translation>
    </message>
    <message>
        <source>Run the action</source>
        <translation>Aktion ausführen</translation>
    </message>
    <message>
        <source>Run the action (%1)</source>
        <translation>Aktion ausführen (%1)</translation>
    </message>
    <message>
        <source>Save as stored action</source>
        <translation>Als gespeicherte Aktion speichern</translation>
    </message>
    <message>
        <source>Loading the form…</source>
        <translation>Formular wird geladen…</translation>
    </message>
    <message>
        <source>Choose an action to fill in its form.</source>
        <translation>Wählen Sie eine Aktion, um ihr Formular auszufüllen.</translation>
    </message>
    <message>
        <source>This action has no input fields: it can run as it is.</source>
        <translation>Diese Aktion hat keine Eingabefelder: Sie kann so ausgeführt werden.</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>C&amp;lear form</source>
        <translation>Formular &amp;leeren</translation>
    </message>
    <message>
        <source>Empty every field of the form; the note it shows can undo it</source>
        <translation>Leert jedes Feld des Formulars; der Hinweis danach kann es rückgängig machen</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Undo clearing the form</source>
        <translation>Leeren des Formulars rückgängig machen</translation>
    </message>
    <message>
        <source>Undo restoring the run&apos;s values</source>
        <translation>Wiederherstellen der Werte der Ausführung rückgängig machen</translation>
    </message>
</context>
<context>
    <name>ab::ui::HistoryPane</name>
    <message>
        <source>Filter runs</source>
        <translation>Ausführungen filtern</translation>
    </message>
    <message>
        <source>Filter runs by status</source>
        <translation>Ausführungen nach Status filtern</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>Erfolg</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation>Zeitüberschreitung</translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation>Ergebnis unbekannt</translation>
    </message>
    <message>
        <source>Number of runs</source>
        <translation>Anzahl der Ausführungen</translation>
    </message>
    <message>
        <source>Run history</source>
        <translation>Ausführungsverlauf</translation>
    </message>
    <message>
        <source>No runs match the filter.</source>
        <translation>Keine Ausführungen passen zum Filter.</translation>
    </message>
    <message>
        <source>No runs yet — fill a form and press Ctrl+Enter.</source>
        <translation>Noch keine Ausführungen — füllen Sie ein Formular aus und drücken Sie Ctrl+Enter.</translation>
    </message>
    <message>
        <source>1 run</source>
        <translation>1 Ausführung</translation>
    </message>
    <message>
        <source>%1 runs</source>
        <translation>%1 Ausführungen</translation>
    </message>
    <message>
        <source>This server onl&amp;y</source>
        <extracomment>A check box beside the history&apos;s filters: show only the runs of the server in use.</extracomment>
        <translation>Nur von diese&amp;m Server</translation>
    </message>
    <message>
        <source>Only runs of this server</source>
        <translation>Nur Ausführungen dieses Servers</translation>
    </message>
    <message>
        <source>Show only the runs made on the server chosen in the toolbar</source>
        <translation>Nur die Ausführungen auf dem in der Symbolleiste gewählten Server anzeigen</translation>
    </message>
    <message>
        <source>No runs on this server yet — fill a form and press Ctrl+Enter.</source>
        <translation>Noch keine Ausführungen auf diesem Server — füllen Sie ein Formular aus und drücken Sie Ctrl+Enter.</translation>
    </message>
    <message>
        <source>Shows the runs whose app, action, connection or run id contains the text (Ctrl+F)</source>
        <translation>Zeigt die Ausführungen, deren App, Aktion, Verbindung oder Ausführungs-ID den Text enthält (Ctrl+F)</translation>
    </message>
    <message>
        <source>Filter runs</source>
        <comment>the hint inside the history&apos;s text filter; keep it short</comment>
        <translation>Filtern</translation>
    </message>
</context>
<context>
    <name>ab::ui::InspectorDock</name>
    <message>
        <source>API inspector</source>
        <translation>API-Inspektor</translation>
    </message>
    <message>
        <source>Filter by method, URL or status</source>
        <translation>Nach Methode, URL oder Status filtern</translation>
    </message>
    <message>
        <source>Filter requests</source>
        <translation>Anfragen filtern</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>&amp;Leeren</translation>
    </message>
    <message>
        <source>Clear the request list</source>
        <translation>Anfrageliste leeren</translation>
    </message>
    <message>
        <source>Empty this list; runs keep their own API calls</source>
        <translation>Diese Liste leeren; Ausführungen behalten ihre eigenen API-Aufrufe</translation>
    </message>
    <message>
        <source>Number of requests</source>
        <translation>Anzahl der Anfragen</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>%1 requests</source>
        <translation>%1 Anfragen</translation>
    </message>
    <message>
        <source>%1 of %2 requests</source>
        <translation>%1 von %2 Anfragen</translation>
    </message>
    <message>
        <source>1 request</source>
        <translation>1 Anfrage</translation>
    </message>
    <message>
        <source>%1 of 1 request</source>
        <translation>%1 von 1 Anfrage</translation>
    </message>
</context>
<context>
    <name>ab::ui::InspectorExchangeView</name>
    <message>
        <source>(body not kept)</source>
        <translation>(Body nicht aufbewahrt)</translation>
    </message>
    <message>
        <source>(no body)</source>
        <translation>(kein Body)</translation>
    </message>
    <message>
        <source>Request body</source>
        <translation>Anfrage-Body</translation>
    </message>
    <message>
        <source>Response body</source>
        <translation>Antwort-Body</translation>
    </message>
    <message>
        <source>Response headers</source>
        <translation>Antwort-Header</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>(none kept)</source>
        <translation>(keine aufbewahrt)</translation>
    </message>
    <message>
        <source>Select a request to see its bodies and headers.</source>
        <translation>Wählen Sie eine Anfrage, um ihre Bodys und Header zu sehen.</translation>
    </message>
    <message>
        <source>Request URL</source>
        <translation>URL der Anfrage</translation>
    </message>
    <message>
        <source>→ %1 in %2 (attempt %3)</source>
        <extracomment>Status and duration of one HTTP request, after its method and URL: &quot;→ 200 in 80 ms&quot;</extracomment>
        <translation>→ %1 in %2 (Versuch %3)</translation>
    </message>
    <message>
        <source>→ %1 in %2</source>
        <translation>→ %1 in %2</translation>
    </message>
</context>
<context>
    <name>ab::ui::MainWindow</name>
    <message>
        <source>Actionbench</source>
        <translation>Actionbench</translation>
    </message>
    <message>
        <source>&amp;Catalog</source>
        <translation>&amp;Katalog</translation>
    </message>
    <message>
        <source>S&amp;tored actions</source>
        <translation>&amp;Gespeicherte Aktionen</translation>
    </message>
    <message>
        <source>Catalog and stored actions</source>
        <translation>Katalog und gespeicherte Aktionen</translation>
    </message>
    <message>
        <source>Selected action</source>
        <translation>Ausgewählte Aktion</translation>
    </message>
    <message>
        <source>Environment in use</source>
        <translation>Verwendete Umgebung</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptsymbolleiste</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Ausführen</translation>
    </message>
    <message>
        <source>Run the action with the form&apos;s values (Ctrl+Enter)</source>
        <translation>Aktion mit den Werten des Formulars ausführen (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Save as &amp;stored action…</source>
        <translation>Als gespeicherte Aktion &amp;speichern…</translation>
    </message>
    <message>
        <source>&amp;Search apps</source>
        <translation>Apps &amp;suchen</translation>
    </message>
    <message>
        <source>Connect an a&amp;ccount…</source>
        <translation>&amp;Konto verbinden…</translation>
    </message>
    <message>
        <source>Connect an account of the chosen app through Zapier</source>
        <translation>Ein Konto der gewählten App über Zapier verbinden</translation>
    </message>
    <message>
        <source>Re&amp;fresh catalog</source>
        <translation>Katalog &amp;aktualisieren</translation>
    </message>
    <message>
        <source>API &amp;inspector</source>
        <translation>API-&amp;Inspektor</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Accounts…</source>
        <translation>&amp;Konten…</translation>
    </message>
    <message>
        <source>Sign in to the environment in use: a token, the White Label exchange or OAuth</source>
        <translation>Bei der verwendeten Umgebung anmelden: mit einem Token, dem White-Label-Austausch oder OAuth</translation>
    </message>
    <message>
        <source>&amp;About Actionbench</source>
        <translation>&amp;Über Actionbench</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Action</source>
        <translation>Ak&amp;tion</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Choose an app and an action first.</source>
        <translation>Wählen Sie zuerst eine App und eine Aktion.</translation>
    </message>
    <message>
        <source>The run could not be recorded in the history; nothing was sent.</source>
        <translation>Die Ausführung konnte nicht im Verlauf gespeichert werden; es wurde nichts gesendet.</translation>
    </message>
    <message>
        <source>Save as stored action</source>
        <translation>Als gespeicherte Aktion speichern</translation>
    </message>
    <message>
        <source>Implementation key</source>
        <translation>Implementierungsschlüssel</translation>
    </message>
    <message>
        <source>%1 › %2 finished: %3</source>
        <extracomment>A run ended while the window was in the background: app › action finished: phase</extracomment>
        <translation>%1 › %2 abgeschlossen: %3</translation>
    </message>
    <message>
        <source>Accounts are not available in this build.</source>
        <translation>Konten sind in diesem Build nicht verfügbar.</translation>
    </message>
    <message>
        <source>Sandbox: offline, simulated Zapier</source>
        <translation>Sandbox: offline, simuliertes Zapier</translation>
    </message>
    <message>
        <source>&lt;b&gt;Choose an app and one of its actions&lt;/b&gt; to fill its form.</source>
        <translation>&lt;b&gt;Wählen Sie eine App und eine ihrer Aktionen&lt;/b&gt;, um das Formular auszufüllen.</translation>
    </message>
    <message>
        <source>No action chosen</source>
        <translation>Keine Aktion gewählt</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Run succeeded</source>
        <translation>Ausführung erfolgreich</translation>
    </message>
    <message>
        <source>Run failed</source>
        <translation>Ausführung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Run ended</source>
        <translation>Ausführung beendet</translation>
    </message>
    <message>
        <source>%1 after %2</source>
        <extracomment>%1 is &quot;App › Action&quot;, %2 how long the run took, e.g. &quot;1 min 5 s&quot;</extracomment>
        <translation>%1 nach %2</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <source>Signing in to %1…</source>
        <extracomment>%1 is the server, e.g. &quot;https://api.zapier.com&quot;. Shown while the keyring answers.</extracomment>
        <translation>Anmeldung bei %1 …</translation>
    </message>
    <message>
        <source>The app&apos;s implementation key for the Actions API (selected_api), such as
SlackCLIAPI or SlackCLIAPI@1.21.1. Taken from the app&apos;s connect link if it names it:</source>
        <translation>Der Implementierungsschlüssel der App für die Actions API (selected_api), etwa
SlackCLIAPI oder SlackCLIAPI@1.21.1. Aus dem Verbindungslink der App übernommen, wenn er ihn nennt:</translation>
    </message>
</context>
<context>
    <name>ab::ui::OutputsPanel</name>
    <message>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Retry loading the outputs</source>
        <translation>Laden der Ausgaben wiederholen</translation>
    </message>
    <message>
        <source>Output fields</source>
        <translation>Ausgabefelder</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>Beispiel</translation>
    </message>
    <message>
        <source>Fill in the form, then open this tab to see what a run returns.</source>
        <translation>Füllen Sie das Formular aus und öffnen Sie dann diesen Tab, um zu sehen, was eine Ausführung zurückgibt.</translation>
    </message>
    <message>
        <source>Loading the outputs…</source>
        <translation>Ausgaben werden geladen…</translation>
    </message>
    <message>
        <source>This action returns no fields.</source>
        <translation>Diese Aktion gibt keine Felder zurück.</translation>
    </message>
    <message>
        <source>What a run of this action returns, with sample values:</source>
        <translation>Was eine Ausführung dieser Aktion zurückgibt, mit Beispielwerten:</translation>
    </message>
</context>
<context>
    <name>ab::ui::PasswordEditor</name>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Show the password</source>
        <translation>Passwort anzeigen</translation>
    </message>
    <message>
        <source>Show or hide what was typed</source>
        <translation>Eingabe anzeigen oder verbergen</translation>
    </message>
    <message>
        <source>Hide</source>
        <extracomment>A button that shows or hides the password typed.</extracomment>
        <translation>Verbergen</translation>
    </message>
    <message>
        <source>Hide the password</source>
        <translation>Passwort verbergen</translation>
    </message>
</context>
<context>
    <name>ab::ui::RateLimitGauge</name>
    <message>
        <source>API rate limit</source>
        <translation>API-Ratenlimit</translation>
    </message>
    <message>
        <source>API requests left</source>
        <translation>Verbleibende API-Anfragen</translation>
    </message>
    <message>
        <source>Actions API</source>
        <translation>Actions API</translation>
    </message>
    <message>
        <source>Partner API</source>
        <translation>Partner API</translation>
    </message>
    <message>
        <source>Rate limited — resuming in %1 s</source>
        <translation>Ratenlimit erreicht — weiter in %1 s</translation>
    </message>
    <message>
        <source>Waiting for rate limit…</source>
        <translation>Warten auf Ratenlimit…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1/%2 requests this minute</source>
        <translation>%1/%2 Anfragen in dieser Minute</translation>
    </message>
    <message>
        <source>%1/%2 requests per %3 min</source>
        <translation>%1/%2 Anfragen pro %3 min</translation>
    </message>
    <message>
        <source>%1/%2 requests per %3 s</source>
        <translation>%1/%2 Anfragen pro %3 s</translation>
    </message>
    <message>
        <source>%1 budget: %2 of %3 requests left this minute.</source>
        <extracomment>%1 is &quot;Partner API&quot; or &quot;Actions API&quot;.</extracomment>
        <translation>Kontingent der %1: noch %2 von %3 Anfragen in dieser Minute.</translation>
    </message>
    <message>
        <source>%1 budget: %2 of %3 requests left per %4 min.</source>
        <translation>Kontingent der %1: noch %2 von %3 Anfragen pro %4 min.</translation>
    </message>
    <message>
        <source>%1 budget: %2 of %3 requests left per %4 s.</source>
        <translation>Kontingent der %1: noch %2 von %3 Anfragen pro %4 s.</translation>
    </message>
</context>
<context>
    <name>ab::ui::ReadonlyEditor</name>
    <message>
        <source>(no value)</source>
        <translation>(kein Wert)</translation>
    </message>
</context>
<context>
    <name>ab::ui::RowListEditor</name>
    <message>
        <source>Add entry</source>
        <translation>Eintrag hinzufügen</translation>
    </message>
    <message>
        <source>Add item</source>
        <translation>Element hinzufügen</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>%1, key %2</source>
        <translation>%1, Schlüssel %2</translation>
    </message>
    <message>
        <source>%1, value %2</source>
        <translation>%1, Wert %2</translation>
    </message>
    <message>
        <source>%1, item %2</source>
        <translation>%1, Element %2</translation>
    </message>
    <message>
        <source>Remove entry %1</source>
        <translation>Eintrag %1 entfernen</translation>
    </message>
    <message>
        <source>Remove item %1</source>
        <translation>Element %1 entfernen</translation>
    </message>
    <message>
        <source>Add an entry to %1</source>
        <translation>Eintrag zu %1 hinzufügen</translation>
    </message>
    <message>
        <source>Add an item to %1</source>
        <translation>Element zu %1 hinzufügen</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
</context>
<context>
    <name>ab::ui::RunDetailErrors</name>
    <message>
        <source>No errors.</source>
        <translation>Keine Fehler.</translation>
    </message>
    <message>
        <source>Reported: %1</source>
        <translation>Gemeldet: %1</translation>
    </message>
    <message>
        <source>Go to field “%1”</source>
        <translation>Zu Feld „%1“ wechseln</translation>
    </message>
    <message>
        <source>Go to field %1</source>
        <translation>Zu Feld %1 wechseln</translation>
    </message>
</context>
<context>
    <name>ab::ui::RunDetailInputs</name>
    <message>
        <source>Copied the value of %1</source>
        <translation>Wert von %1 kopiert</translation>
    </message>
    <message>
        <source>Copied the field id %1</source>
        <translation>Feld-ID %1 kopiert</translation>
    </message>
    <message>
        <source>%1 is a password field: its value is not copied.</source>
        <translation>%1 ist ein Passwortfeld: Sein Wert wird nicht kopiert.</translation>
    </message>
    <message>
        <source>No inputs</source>
        <translation>Keine Eingaben</translation>
    </message>
    <message>
        <source>A password field: its value is hidden here, and left out of the API calls and the cURL command.</source>
        <translation>Ein Passwortfeld: Sein Wert wird hier verborgen und weder in die API-Aufrufe noch in den cURL-Befehl übernommen.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Copy &amp;value</source>
        <translation>&amp;Wert kopieren</translation>
    </message>
    <message>
        <source>Copy field &amp;id</source>
        <translation>Feld-&amp;ID kopieren</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>Eingaben</translation>
    </message>
    <message>
        <source>Ctrl+C copies a value, Ctrl+Shift+C its field id.</source>
        <translation>Ctrl+C kopiert einen Wert, Ctrl+Shift+C seine Feld-ID.</translation>
    </message>
</context>
<context>
    <name>ab::ui::RunDetailResults</name>
    <message>
        <source>Find in results (keys and values)</source>
        <translation>In Ergebnissen suchen (Schlüssel und Werte)</translation>
    </message>
    <message>
        <source>Find in results</source>
        <translation>In Ergebnissen suchen</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation>Vorheriger Treffer (Shift+F3)</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>Vorheriger Treffer</translation>
    </message>
    <message>
        <source>Next match (F3)</source>
        <translation>Nächster Treffer (F3)</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>Nächster Treffer</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>Treffer</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <source>No results.</source>
        <translation>Keine Ergebnisse.</translation>
    </message>
    <message>
        <source>The results are not valid JSON (%1).</source>
        <extracomment>%1 is the JSON parser&apos;s own message.</extracomment>
        <translation>Die Ergebnisse sind kein gültiges JSON (%1).</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>Keine Treffer</translation>
    </message>
    <message>
        <source>%1 of %2+</source>
        <translation>%1 von %2+</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Copied the value</source>
        <translation>Wert kopiert</translation>
    </message>
    <message>
        <source>Copied the path %1</source>
        <translation>Pfad %1 kopiert</translation>
    </message>
    <message>
        <source>Copy &amp;value</source>
        <translation>&amp;Wert kopieren</translation>
    </message>
    <message>
        <source>Copy &amp;path</source>
        <translation>&amp;Pfad kopieren</translation>
    </message>
    <message>
        <source>&amp;Collapse</source>
        <translation>&amp;Einklappen</translation>
    </message>
    <message>
        <source>&amp;Expand</source>
        <translation>&amp;Ausklappen</translation>
    </message>
</context>
<context>
    <name>ab::ui::RunDetailView</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>Versuch</translation>
    </message>
    <message>
        <source>API calls</source>
        <translation>API-Aufrufe</translation>
    </message>
    <message>
        <source>Re-&amp;run</source>
        <translation>&amp;Erneut ausführen</translation>
    </message>
    <message>
        <source>Re&amp;store into form</source>
        <translation>Ins Formular ü&amp;bernehmen</translation>
    </message>
    <message>
        <source>Copy as c&amp;URL</source>
        <translation>Als &amp;cURL kopieren</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Select a run to see its inputs, results, errors and API calls.</source>
        <translation>Wählen Sie eine Ausführung, um ihre Eingaben, Ergebnisse, Fehler und API-Aufrufe zu sehen.</translation>
    </message>
    <message>
        <source>Run the same action with the same inputs again (Ctrl+R)</source>
        <translation>Dieselbe Aktion mit denselben Eingaben erneut ausführen (Ctrl+R)</translation>
    </message>
    <message>
        <source>Put this run&apos;s action, connection and inputs back into the form (Ctrl+Shift+R)</source>
        <translation>Aktion, Verbindung und Eingaben dieser Ausführung zurück ins Formular übernehmen (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <source>Copy a cURL command that repeats this run; the token is the $ZAPIER_TOKEN shell variable (Ctrl+Alt+C)</source>
        <translation>Einen cURL-Befehl kopieren, der diese Ausführung wiederholt; das Token steht in der Shell-Variable $ZAPIER_TOKEN (Ctrl+Alt+C)</translation>
    </message>
    <message>
        <source>Delete this run from the history (Del)</source>
        <translation>Diese Ausführung aus dem Verlauf löschen (Del)</translation>
    </message>
    <message>
        <source>Run details</source>
        <translation>Ausführungsdetails</translation>
    </message>
    <message>
        <source>&amp;Inputs</source>
        <translation>E&amp;ingaben</translation>
    </message>
    <message>
        <source>Res&amp;ults</source>
        <translation>E&amp;rgebnisse</translation>
    </message>
    <message>
        <source>&amp;Errors</source>
        <translation>&amp;Fehler</translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation>&amp;Zeitleiste</translation>
    </message>
    <message>
        <source>&amp;API calls</source>
        <translation>A&amp;PI-Aufrufe</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführung</translation>
    </message>
    <message>
        <source>Run information</source>
        <translation>Informationen zur Ausführung</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Mitteilung</translation>
    </message>
    <message>
        <source>Delete this run from the history? This cannot be undone.</source>
        <translation>Diese Ausführung aus dem Verlauf löschen? Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Delete run</source>
        <translation>Ausführung löschen</translation>
    </message>
    <message>
        <source>Confirm deleting the run</source>
        <translation>Löschen der Ausführung bestätigen</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>Behalten</translation>
    </message>
    <message>
        <source>Cancel deleting the run</source>
        <translation>Löschen der Ausführung abbrechen</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>No connection</source>
        <translation>Keine Verbindung</translation>
    </message>
    <message>
        <source>Connection: %1</source>
        <translation>Verbindung: %1</translation>
    </message>
    <message>
        <source>Stored action %1</source>
        <translation>Gespeicherte Aktion %1</translation>
    </message>
    <message>
        <source>Not created on the server</source>
        <translation>Nicht auf dem Server erstellt</translation>
    </message>
    <message>
        <source>Run id: %1</source>
        <translation>Ausführungs-ID: %1</translation>
    </message>
    <message>
        <source>Running for %1</source>
        <translation>Läuft seit %1</translation>
    </message>
    <message>
        <source>Took %1</source>
        <translation>Dauer: %1</translation>
    </message>
    <message>
        <source>Started %1</source>
        <translation>Gestartet: %1</translation>
    </message>
    <message>
        <source>Environment: %1</source>
        <translation>Umgebung: %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>&amp;Errors (%1)</source>
        <translation>&amp;Fehler (%1)</translation>
    </message>
    <message>
        <source>%1 (+%2)</source>
        <translation>%1 (+%2)</translation>
    </message>
    <message>
        <source>Copied a cURL command; set $ZAPIER_TOKEN in the shell before running it.</source>
        <translation>cURL-Befehl kopiert; setzen Sie $ZAPIER_TOKEN in der Shell, bevor Sie ihn ausführen.</translation>
    </message>
    <message>
        <source>Could not delete the run: the history file could not be written.</source>
        <translation>Die Ausführung konnte nicht gelöscht werden: Die Verlaufsdatei konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>More run actions</source>
        <translation>Weitere Aktionen zur Ausführung</translation>
    </message>
    <message>
        <source>A stored action&apos;s run cannot fill the form: its inputs are kept by Zapier. Use Re-run, or run it from Stored actions.</source>
        <translation>Der Lauf einer gespeicherten Aktion kann das Formular nicht füllen: Ihre Eingaben bewahrt Zapier auf. Verwenden Sie „Erneut ausführen“ oder führen Sie sie unter „Gespeicherte Aktionen“ aus.</translation>
    </message>
</context>
<context>
    <name>ab::ui::SelectEditor</name>
    <message>
        <source>Choose, or type to search</source>
        <translation>Auswählen oder zum Suchen tippen</translation>
    </message>
    <message>
        <source>Custom value: sent as typed, not one of the choices</source>
        <translation>Eigener Wert: wird wie eingegeben gesendet, keine der Auswahlmöglichkeiten</translation>
    </message>
    <message>
        <source>Loading choices…</source>
        <translation>Auswahl wird geladen…</translation>
    </message>
    <message>
        <source>No choices to pick from: type a value</source>
        <translation>Keine Auswahl verfügbar: Geben Sie einen Wert ein</translation>
    </message>
    <message>
        <source>Id: %1</source>
        <translation>ID: %1</translation>
    </message>
    <message>
        <source>Could not load the choices</source>
        <translation>Die Auswahl konnte nicht geladen werden</translation>
    </message>
    <message>
        <source>Load more…</source>
        <translation>Mehr laden…</translation>
    </message>
    <message>
        <source>No choices</source>
        <translation>Keine Auswahl</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Retry loading the choices</source>
        <translation>Laden der Auswahl wiederholen</translation>
    </message>
</context>
<context>
    <name>ab::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The language changes at once; your form, selection and runs stay as they are.</source>
        <translation>Die Sprache wechselt sofort; Ihr Formular, Ihre Auswahl und Ihre Ausführungen bleiben unverändert.</translation>
    </message>
    <message>
        <source>This language could not be loaded; the window stays as it is.</source>
        <translation>Diese Sprache konnte nicht geladen werden; das Fenster bleibt unverändert.</translation>
    </message>
    <message>
        <source>System default (%1)</source>
        <extracomment>%1 is the system&apos;s language in its own name, e.g. &quot;Deutsch&quot;</extracomment>
        <translation>Systemstandard (%1)</translation>
    </message>
</context>
<context>
    <name>ab::ui::StoredActionsView</name>
    <message>
        <source>Re&amp;fresh</source>
        <translation>Aktuali&amp;sieren</translation>
    </message>
    <message>
        <source>&amp;Run…</source>
        <translation>Aus&amp;führen…</translation>
    </message>
    <message>
        <source>&amp;Next page</source>
        <translation>&amp;Nächste Seite</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>No stored actions</source>
        <translation>Keine gespeicherten Aktionen</translation>
    </message>
    <message>
        <source>Stored actions status</source>
        <translation>Status der gespeicherten Aktionen</translation>
    </message>
    <message>
        <source>Deleted stored action %1.</source>
        <translation>Gespeicherte Aktion %1 gelöscht.</translation>
    </message>
    <message>
        <source>Refresh stored actions</source>
        <translation>Gespeicherte Aktionen aktualisieren</translation>
    </message>
    <message>
        <source>Run stored action</source>
        <translation>Gespeicherte Aktion ausführen</translation>
    </message>
    <message>
        <source>Run the selected stored action, optionally overriding inputs</source>
        <translation>Die ausgewählte gespeicherte Aktion ausführen, optional mit geänderten Eingaben</translation>
    </message>
    <message>
        <source>Run next page</source>
        <translation>Nächste Seite ausführen</translation>
    </message>
    <message>
        <source>Run the bulk read again for the next page of results</source>
        <translation>Den Massenabruf für die nächste Ergebnisseite erneut ausführen</translation>
    </message>
    <message>
        <source>Delete stored action</source>
        <translation>Gespeicherte Aktion löschen</translation>
    </message>
    <message>
        <source>Stored actions</source>
        <translation>Gespeicherte Aktionen</translation>
    </message>
    <message>
        <source>Enter runs the selected stored action; Delete removes it</source>
        <translation>Enter führt die ausgewählte gespeicherte Aktion aus; Delete löscht sie</translation>
    </message>
    <message>
        <source>No stored actions yet.
Configure an action in the form and use “Save as stored action”.</source>
        <translation>Noch keine gespeicherten Aktionen.
Konfigurieren Sie eine Aktion im Formular und verwenden Sie „Als gespeicherte Aktion speichern“.</translation>
    </message>
    <message>
        <source>Saving stored action…</source>
        <translation>Gespeicherte Aktion wird gespeichert…</translation>
    </message>
    <message>
        <source>Saved %1 as stored action %2.</source>
        <translation>%1 als gespeicherte Aktion %2 gespeichert.</translation>
    </message>
    <message>
        <source>The run could not be recorded in the history, so it was not sent. %1</source>
        <extracomment>%1 is the database&apos;s own explanation, possibly empty.</extracomment>
        <translation>Die Ausführung konnte nicht im Verlauf gespeichert werden und wurde daher nicht gesendet. %1</translation>
    </message>
    <message>
        <source>Started a run of %1.</source>
        <translation>Ausführung von %1 gestartet.</translation>
    </message>
    <message>
        <source>Started a run of %1 for the next page.</source>
        <translation>Ausführung von %1 für die nächste Seite gestartet.</translation>
    </message>
    <message>
        <source>More results are available: use Next page.</source>
        <translation>Weitere Ergebnisse verfügbar: Verwenden Sie „Nächste Seite“.</translation>
    </message>
    <message>
        <source>Delete the stored action %1 (%2)?
This cannot be undone.</source>
        <translation>Gespeicherte Aktion %1 (%2) löschen?
Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Confirm deletion</source>
        <translation>Löschen bestätigen</translation>
    </message>
    <message>
        <source>Deleting stored action…</source>
        <translation>Gespeicherte Aktion wird gelöscht…</translation>
    </message>
    <message>
        <source>Loading stored actions…</source>
        <translation>Gespeicherte Aktionen werden geladen…</translation>
    </message>
</context>
<context>
    <name>ab::ui::StoredRunDialog</name>
    <message>
        <source>Run stored action</source>
        <translation>Gespeicherte Aktion ausführen</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2) of %3</source>
        <extracomment>%1 is an action&apos;s title (or key), %2 its type, %3 the app it belongs to.</extracomment>
        <translation>&lt;b&gt;%1&lt;/b&gt; (%2) aus %3</translation>
    </message>
    <message>
        <source>Stored action</source>
        <translation>Gespeicherte Aktion</translation>
    </message>
    <message>
        <source>Edit a value to override it for this run; unchanged rows use the stored value.</source>
        <translation>Bearbeiten Sie einen Wert, um ihn für diese Ausführung zu überschreiben; unveränderte Zeilen verwenden den gespeicherten Wert.</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>Eingaben</translation>
    </message>
    <message>
        <source>Lists and objects are sent as stored.</source>
        <translation>Listen und Objekte werden wie gespeichert gesendet.</translation>
    </message>
    <message>
        <source>&amp;Add input</source>
        <translation>Eingabe &amp;hinzufügen</translation>
    </message>
    <message>
        <source>Add input</source>
        <translation>Eingabe hinzufügen</translation>
    </message>
    <message>
        <source>Re&amp;move input</source>
        <translation>Eingabe &amp;entfernen</translation>
    </message>
    <message>
        <source>Remove input</source>
        <translation>Eingabe entfernen</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Ausführen</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>A password field: sent as stored, and never shown.</source>
        <translation>Ein Passwortfeld: wird wie gespeichert gesendet und nie angezeigt.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>The choice saved: %1. Its id, %2, is what is sent; type another id to change it.</source>
        <translation>Gespeicherte Auswahl: %1. Gesendet wird ihre ID %2; geben Sie eine andere ID ein, um sie zu ändern.</translation>
    </message>
</context>
<context>
    <name>ab::ui::TextBlockEditor</name>
    <message>
        <source>Tab inserts spaces; Ctrl+Tab moves to the next field</source>
        <translation>Tab fügt Leerzeichen ein; Ctrl+Tab springt zum nächsten Feld</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Workbench for Zapier&apos;s embedded Action Runs</source>
        <translation>Werkbank für die eingebetteten Action Runs von Zapier</translation>
    </message>
    <message>
        <source>History database (default: shared with the CLI).</source>
        <translation>Verlaufsdatenbank (Standard: gemeinsam mit der CLI genutzt).</translation>
    </message>
    <message>
        <source>Extra generated apps in the sandbox.</source>
        <translation>Zusätzlich generierte Apps in der Sandbox.</translation>
    </message>
    <message>
        <source>Open the window on the sandbox, check that the catalog lists, print start-up time and memory, and exit (0 when it works).</source>
        <translation>Öffnet das Fenster mit der Sandbox, prüft, ob der Katalog Einträge auflistet, gibt Startzeit und Speicherverbrauch aus und beendet sich (0, wenn alles funktioniert).</translation>
    </message>
    <message>
        <source>Actionbench</source>
        <translation>Actionbench</translation>
    </message>
    <message>
        <source>The built-in sandbox could not listen on a loopback port.</source>
        <translation>Die integrierte Sandbox konnte auf keinem Loopback-Port lauschen.</translation>
    </message>
    <message>
        <source>The run history %1 cannot be opened: %2</source>
        <translation>Der Ausführungsverlauf %1 kann nicht geöffnet werden: %2</translation>
    </message>
</context>
</TS>
