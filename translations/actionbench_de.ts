<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AccountsMessages</name>
    <message>
        <source>No keyring is available: secrets are not saved. Install/unlock your system keyring (GNOME Keyring, KWallet, macOS Keychain, Windows Credential Manager).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was saved: without a keyring the credentials cannot be kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keyring refused access. Unlock it (or allow Actionbench) and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A secret is missing from the keyring. Enter the credentials again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keyring failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keyring failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JWT cannot be signed: the key id, issuer, subject and organisation claim are all needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JWT lifetime must be between 1 second and 5 minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is not a private key that can be read. Use an unencrypted PEM key (&quot;-----BEGIN PRIVATE KEY-----&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key does not fit the algorithm: RS256 needs an RSA key, ES256 an EC key on P-256.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JWT could not be signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JWT could not be signed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose how to sign in and fill in the fields first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stored credentials are missing or were refused. Enter them again and sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browser sign-in was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browser sign-in failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token endpoint failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token endpoint could not be reached. Check the token URL and the network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token endpoint refused the client id or client secret.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no token endpoint at that URL (404). Check the token URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token endpoint refused the JWT: %1. Check the key id, issuer, organisation claim and that the public key is registered with Zapier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token endpoint refused the scopes: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token endpoint refused the sign-in (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token endpoint refused the sign-in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Signed in — token valid for %n min</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Signed in — token valid for %n h</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Paste an access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>White Label token exchange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OAuth sign-in (PKCE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a pasted access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>White Label exchange, JWT signed here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>White Label exchange, pasted JWT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OAuth in the browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in with %1; the token is valid until %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in with %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app has switched to another environment. Close this window and open Accounts again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored in the keychain; leave empty to keep it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a JWT: expected three parts separated by dots.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a key file or paste the PEM private key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a PEM private key (&quot;-----BEGIN PRIVATE KEY-----&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a full http(s) URL, or leave empty for the default.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter at least one scope.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CatalogMessages</name>
    <message>
        <source>The server could not be reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server took too long to answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many requests; try again in 1 second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many requests; try again in %1 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many requests; try again shortly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The access token was refused (check the environment&apos;s credentials)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account is not allowed to do that</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server rejected the request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server reported a conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account has run out of tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server had an internal error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is temporarily unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer was not understood</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer was too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request may or may not have been applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load apps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load stored actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the stored action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete the stored action</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectMessages</name>
    <message>
        <source>Zapier did not accept the connect token (each one opens Connect once).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connect token expired before the Connect page opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zapier does not recognise this app for connecting accounts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zapier has no user or account provisioned for these credentials.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zapier could not start the Connect session: the token could not be validated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zapier had an unexpected error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in to the app failed, or access was denied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in to the app failed: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zapier found the request malformed or incomplete (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zapier denied access (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zapier had an internal error (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zapier reported an error this version does not know: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again: every attempt gets a new token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the app&apos;s id against Zapier&apos;s apps list, or choose the app again in the catalog.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the connection again from the beginning.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again; if it keeps happening, contact Zapier support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be connected. %2 %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this environment has no account credentials that can make a connect token (a White Label client id and secret).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stored sign-in was refused. Sign in again in the account settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no keychain is available to read the stored credentials.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the keychain refused to give the stored credentials.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the partner token could not be signed with the stored key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the token endpoint refused: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signing in through the browser failed or was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot connect a %1 account: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting accounts needs account credentials for this environment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Connect window for %1 closed: its connect token lasts six minutes. Try again to get a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing to connect %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish connecting %1 in the Connect window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for the new connection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnected %1: it can run actions again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Connect window closed; no %1 account was connected.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FormMessages</name>
    <message>
        <source>This field is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a number, like 12.5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a whole number, like 42</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose Yes or No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a list: one item per row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter key/value pairs, each with a key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This value is not valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reach the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server took too long to answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Too many requests: try again in %n second(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Too many requests: try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API token was refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account may not do that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The action was not found; its id may have expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server reported a conflict.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account has no tasks left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server had an internal error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is unavailable right now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer was too large.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is not known whether the request was applied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the form&apos;s fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the choices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the outputs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose %1 first</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Added: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::models::ActionListModel</name>
    <message>
        <source>Write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search or write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search and write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read (bulk)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::models::ConnectionListModel</name>
    <message>
        <source>%1
This connection has expired: reconnect it before running.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::models::HistoryModel</name>
    <message>
        <source>Preparing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Success</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
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
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — run %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::models::JsonTreeModel</name>
    <message>
        <source>object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>boolean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>null</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::models::RequestLogModel</name>
    <message>
        <source>No response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (attempt %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::models::StoredActionsModel</name>
    <message>
        <source>[1 item]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[%1 items]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{1 key}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{%1 keys}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored action %1
App: %2
Type: %3
Connection: %4
Inputs: %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no inputs</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::ui::AboutDialog</name>
    <message>
        <source>About Actionbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;Actionbench %1&lt;/h2&gt;&lt;p&gt;A workbench for Zapier&apos;s embedded Action Runs: browse the catalog, fill an action&apos;s dynamic form, run it and keep every run.&lt;/p&gt;&lt;p&gt;Licensed under the GNU General Public License, version 3 or later. &lt;a href=&quot;https://www.gnu.org/licenses/gpl-3.0.html&quot;&gt;Read the license&lt;/a&gt;.&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actionbench %1. GNU General Public License, version 3 or later. Built with Qt %2, running on Qt %3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::ui::AccountsDialog</name>
    <message>
        <source>Copy &amp;link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out and &amp;remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;out…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyring warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the browser… Finish signing in there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browser sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the sign-in link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If no browser opened, paste this link into one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the browser sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out of %1? Its client secret, keys and tokens are removed from the keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out confirmation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out and remove the secrets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the highlighted fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the browser…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your browser shows Zapier&apos;s sign-in page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No browser could be opened. Copy the link into a browser to sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing out…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out, but the keyring failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out. The secrets of %1 were removed from the keyring.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::ui::AccountsFields</name>
    <message>
        <source>&amp;Paste a signed JWT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign it &amp;here with a private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose &amp;file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in in your &amp;browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in &amp;method:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access &amp;token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Zapier access token for this environment. It is kept in the system keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client &amp;ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client &amp;secret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste a signed JWT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign the JWT here with a private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partner JWT:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;JWT:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a private key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the PEM key, or choose a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing algorithm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Algorithm:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key I&amp;D (kid):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Iss&amp;uer (iss):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Su&amp;bject (sub):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation c&amp;laim:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The claim&apos;s name, e.g. org_id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation &amp;value:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token &amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sco&amp;pes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in in your browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zapier&apos;s sign-in page opens in your browser; Actionbench waits for it on a local port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM private keys (*.pem *.key);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is too large to be a private key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loaded from %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::ui::BooleanEditor</name>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not set (default: %1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::ui::CatalogPane</name>
    <message>
        <source>No apps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apps status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search apps (Ctrl+K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search apps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type to search the app catalog; Down moves to the results, Escape clears</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of apps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter opens the app&apos;s actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grouped by type; Enter opens the action&apos;s form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading apps…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No apps match “%1” in %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No apps match “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No apps to show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 apps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 apps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading actions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an app to see its actions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This app has no actions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No actions match “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::ui::CatalogStatusLine</name>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::ui::ConnectMessageBar</name>
    <message>
        <source>&amp;Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss the message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::ui::ConnectView</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnect %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time left on the connect token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connect token lasts six minutes; the window closes when it runs out and you can start again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close without connecting (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page loading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n second(s) left to finish connecting</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Secure page on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — the offline sandbox on this computer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::ui::ConnectWindowLoader</name>
    <message>
        <source>The Connect window is not installed: %1 was not found in %2. Reinstall Actionbench with its Qt WebEngine component.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Connect window could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::ui::ConnectionPicker</name>
    <message>
        <source>C&amp;onnection:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired — reconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conn&amp;ect account…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reco&amp;nnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zapier reports this connection as expired: runs with it will fail until it is reconnected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect an account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to the app through Zapier&apos;s Connect page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnect the expired connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in again so this connection can run actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an app first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This app needs no connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No connected accounts for %1 yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading connections…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has expired: reconnect it before running.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::ui::DateTimeEditor</name>
    <message>
        <source>Pick…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a date and time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a date and time from a calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 2026-03-31T09:00:00 or “tomorrow 9am”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date and time picker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use this date and time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Time:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::ui::EnvironmentSwitcher</name>
    <message>
        <source>&amp;Environment:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox (offline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zapier (api.zapier.com)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server Actionbench talks to. The sandbox simulates Zapier offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base URL of a server that speaks Zapier&apos;s API:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom server URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access token for %1 (kept in memory only):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::ui::ErrorExplainer</name>
    <message>
        <source>The app rejected the input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app refused the connected account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app&apos;s integration failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zapier had an internal problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app asked Zapier to slow down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zapier is limiting runs right now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A file or stored value could not be fetched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run reported an error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app says something in the input is wrong or missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct the input described below and run again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct the field “%1” and run again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connected account was not accepted: it may have expired, been revoked, or lack the permission this action needs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnect the account (or pick another connection), then run again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app&apos;s Zapier integration reported a problem on its side; your input is probably not the cause.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again later. If it keeps failing, report it to the integration&apos;s developer with the run id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zapier could not complete the run because of a problem on Zapier&apos;s side.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running it again in a little while usually works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app asked Zapier to slow down. Wait %1 s before running again; re-running now will likely fail the same way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app asked Zapier to slow down. Wait a minute before running again; re-running now will likely fail the same way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait, then re-run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zapier is throttling runs for this account at the moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait %1 s before running again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait a little before running again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zapier could not fetch a file or a stored value the action needed (for example a file URL that is no longer reachable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the file inputs and their URLs, then run again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run reported an error (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zapier reported an error this version of Actionbench does not recognise. The app&apos;s own words are below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the details, fix what they name and run again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request may have reached Zapier, but no answer came back. It was not sent again, to avoid running the action twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the app (was the message sent, the row added?) before re-running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reach Zapier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection failed before a reply arrived. The run was not created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the network and the environment&apos;s address, then re-run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zapier did not answer in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No complete reply arrived within the time limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-run; if it keeps happening, check the network or Zapier&apos;s status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zapier refused the request because the rate limit was reached (60 requests a minute for the Partner API).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait a minute before running again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The access token was refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zapier did not accept the token: it is missing, wrong or expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the credentials for this environment, then re-run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token is valid but may not run this action or use this connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the account&apos;s permissions and the connection&apos;s owner.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The action, connection or stored action no longer exists. Action ids are single-use; a re-run fetches a fresh one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-run, or pick the action and connection again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zapier rejected the request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something in the request was not acceptable to Zapier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the details below, correct the input and re-run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct the field “%1” and re-run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zapier reports a conflict with the current state (a repeated idempotency id with different inputs, say).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the details below before re-running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tasks left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Zapier account has no tasks left to run actions with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upgrade the plan or wait for the task allowance to reset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zapier had a problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zapier answered with a server error; the run was not created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-run in a little while.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected answer from Zapier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reply did not have the documented shape (an HTML error page or broken JSON, for example).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the environment&apos;s address; the API calls tab shows the reply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reply was larger than Actionbench accepts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Narrow the action&apos;s inputs so it returns less.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was cancelled before it finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-run when ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request failed for a reason Actionbench does not recognise.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the details below and the API calls tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped waiting for the result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actionbench stopped checking the run&apos;s status (it took too long, or the checks kept failing). The run may still finish on Zapier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run did not finish within the time Actionbench waits. It may still finish on Zapier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the app, or re-run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tracking of this run was stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-run to try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run could not be started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run failed before Zapier ran the action.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API calls tab shows what was sent and answered.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::ui::FieldEditor</name>
    <message>
        <source>%1, required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (default: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown format “%1”: edited as text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown value type “%1”: edited as text</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::ui::FileEditor</name>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse for a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A file path or URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a file for %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::ui::FormView</name>
    <message>
        <source>Skip client-side validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as stored action…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updating the form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry loading the form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss the note about changed fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Form and outputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the values as they are, so the server&apos;s own validation can be tested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the action (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as stored action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the form…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an action to fill in its form.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This action has no input fields: it can run as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::ui::HistoryPane</name>
    <message>
        <source>Filter runs by app, action, connection or run id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter runs by status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Success</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No runs match the filter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No runs yet — fill a form and press Ctrl+Enter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 runs</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::ui::InspectorDock</name>
    <message>
        <source>API inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by method, URL or status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the request list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty this list; runs keep their own API calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 requests</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::ui::InspectorExchangeView</name>
    <message>
        <source>(body not kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no body)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 → %3 in %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(attempt %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a request to see its bodies and headers.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::ui::MainWindow</name>
    <message>
        <source>Actionbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;tored actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Catalog and stored actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment in use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the action with the form&apos;s values (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as &amp;stored action…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search apps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect an a&amp;ccount…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect an account of the chosen app through Zapier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an app first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;fresh catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API &amp;inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Accounts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to the environment in use: a token, the White Label exchange or OAuth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Actionbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an app and an action first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run could not be recorded in the history; nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as stored action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app&apos;s implementation key for the Actions API (selected_api):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Implementation key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That run cannot be restored: it has no action to fill.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 › %2 finished: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts are not available in this build.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox: offline, simulated Zapier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Choose an app and one of its actions&lt;/b&gt; to fill its form.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No action chosen</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::ui::OutputsPanel</name>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry loading the outputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in the form, then open this tab to see what a run returns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the outputs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This action returns no fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What a run of this action returns, with sample values:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::ui::PasswordEditor</name>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide what was typed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide the password</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::ui::RateLimitGauge</name>
    <message>
        <source>this minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per %1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API rate limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API requests left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partner API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate limited — resuming in %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for rate limit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/%2 requests %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 budget: %2 of %3 requests left %4.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::ui::ReadonlyEditor</name>
    <message>
        <source>(no value)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::ui::RowListEditor</name>
    <message>
        <source>Add entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, key %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, value %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, item %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove entry %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove item %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an entry to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an item to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::ui::RunDetailErrors</name>
    <message>
        <source>No errors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to field “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to field %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::ui::RunDetailResults</name>
    <message>
        <source>Find in results (keys and values)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find in results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next match (F3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>boolean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No results.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The results are not valid JSON (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2+</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied the value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied the path %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Collapse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Expand</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::ui::RunDetailView</name>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-&amp;run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;store into form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as c&amp;URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a run to see its inputs, results, errors and API calls.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the same action with the same inputs again (Ctrl+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put this run&apos;s action, connection and inputs back into the form (Ctrl+Shift+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy a cURL command that repeats this run; the token is the $ZAPIER_TOKEN shell variable (Ctrl+Alt+C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this run from the history (Del)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Inputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Res&amp;ults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;API calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this run from the history? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm deleting the run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel deleting the run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored action %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not created on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run id: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Took %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No inputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Errors (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (+%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied a cURL command; set $ZAPIER_TOKEN in the shell before running it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete the run: the history file could not be written.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::ui::SelectEditor</name>
    <message>
        <source>Choose, or type to search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom value: sent as typed, not one of the choices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading choices…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No choices to pick from: type a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the choices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load more…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No choices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry loading the choices</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language changes at once; your form, selection and runs stay as they are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This language could not be loaded; the window stays as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System default (%1)</source>
        <extracomment>%1 is the system&apos;s language in its own name, e.g. &quot;Deutsch&quot;</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::ui::StoredActionsView</name>
    <message>
        <source>Re&amp;fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No stored actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored actions status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted stored action %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh stored actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run stored action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the selected stored action, optionally overriding inputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run next page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the bulk read again for the next page of results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete stored action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter runs the selected stored action; Delete removes it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No stored actions yet.
Configure an action in the form and use “Save as stored action”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving stored action…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1 as stored action %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run could not be recorded in the history, so it was not sent. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started a run of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started a run of %1 for the next page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More results are available: use Next page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the stored action %1 (%2)?
This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm deletion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting stored action…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading stored actions…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::ui::StoredRunDialog</name>
    <message>
        <source>Run stored action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2) of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit a value to override it for this run; unchanged rows use the stored value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists and objects are sent as stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;move input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ab::ui::TextBlockEditor</name>
    <message>
        <source>Tab inserts spaces; Ctrl+Tab moves to the next field</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Workbench for Zapier&apos;s embedded Action Runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History database (default: shared with the CLI).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra generated apps in the sandbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the window on the sandbox, check that the catalog lists, print start-up time and memory, and exit (0 when it works).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actionbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The built-in sandbox could not listen on a loopback port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run history %1 cannot be opened: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
