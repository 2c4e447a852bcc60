<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>AccountsMessages</name>
    <message>
        <source>No keyring is available: secrets are not saved. Install/unlock your system keyring (GNOME Keyring, KWallet, macOS Keychain, Windows Credential Manager).</source>
        <translation>キーチェーンを利用できないため、シークレットは保存されません。システムのキーチェーン（GNOME Keyring、KWallet、macOS Keychain、Windows Credential Manager）をインストールするか、ロックを解除してください。</translation>
    </message>
    <message>
        <source>Nothing was saved: without a keyring the credentials cannot be kept.</source>
        <translation>キーチェーンがないと認証情報を保持できないため、何も保存されませんでした。</translation>
    </message>
    <message>
        <source>The keyring refused access. Unlock it (or allow Actionbench) and try again.</source>
        <translation>キーチェーンへのアクセスが拒否されました。ロックを解除するか、Actionbenchにアクセスを許可してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>A secret is missing from the keyring. Enter the credentials again.</source>
        <translation>キーチェーンにシークレットがありません。認証情報をもう一度入力してください。</translation>
    </message>
    <message>
        <source>The keyring failed.</source>
        <translation>キーチェーンでエラーが発生しました。</translation>
    </message>
    <message>
        <source>The keyring failed: %1</source>
        <translation>キーチェーンでエラーが発生しました: %1</translation>
    </message>
    <message>
        <source>The JWT cannot be signed: the key id, issuer, subject and organisation claim are all needed.</source>
        <translation>JWTに署名できません。キーID、発行者、サブジェクト、組織クレームがすべて必要です。</translation>
    </message>
    <message>
        <source>The JWT lifetime must be between 1 second and 5 minutes.</source>
        <translation>JWTの有効期間は1秒から5分の範囲で指定してください。</translation>
    </message>
    <message>
        <source>That is not a private key that can be read. Use an unencrypted PEM key (&quot;-----BEGIN PRIVATE KEY-----&quot;).</source>
        <translation>読み取り可能な秘密鍵ではありません。暗号化されていないPEM形式の鍵（&quot;-----BEGIN PRIVATE KEY-----&quot;）を使用してください。</translation>
    </message>
    <message>
        <source>The key does not fit the algorithm: RS256 needs an RSA key, ES256 an EC key on P-256.</source>
        <translation>鍵がアルゴリズムに合っていません。RS256にはRSA鍵、ES256にはP-256のEC鍵が必要です。</translation>
    </message>
    <message>
        <source>The JWT could not be signed.</source>
        <translation>JWTに署名できませんでした。</translation>
    </message>
    <message>
        <source>The JWT could not be signed: %1</source>
        <translation>JWTに署名できませんでした: %1</translation>
    </message>
    <message>
        <source>Choose how to sign in and fill in the fields first.</source>
        <translation>先にサインイン方法を選択し、フィールドに入力してください。</translation>
    </message>
    <message>
        <source>The stored credentials are missing or were refused. Enter them again and sign in.</source>
        <translation>保存された認証情報がないか、拒否されました。もう一度入力してサインインしてください。</translation>
    </message>
    <message>
        <source>Browser sign-in was cancelled.</source>
        <translation>ブラウザーでのサインインはキャンセルされました。</translation>
    </message>
    <message>
        <source>Browser sign-in failed: %1</source>
        <translation>ブラウザーでのサインインに失敗しました: %1</translation>
    </message>
    <message>
        <source>The token endpoint failed: %1</source>
        <translation>トークンエンドポイントでエラーが発生しました: %1</translation>
    </message>
    <message>
        <source>The token endpoint could not be reached. Check the token URL and the network.</source>
        <translation>トークンエンドポイントに接続できませんでした。トークンURLとネットワークを確認してください。</translation>
    </message>
    <message>
        <source>The token endpoint refused the client id or client secret.</source>
        <translation>トークンエンドポイントがクライアントIDまたはクライアントシークレットを拒否しました。</translation>
    </message>
    <message>
        <source>There is no token endpoint at that URL (404). Check the token URL.</source>
        <translation>そのURLにトークンエンドポイントがありません（404）。トークンURLを確認してください。</translation>
    </message>
    <message>
        <source>The token endpoint refused the JWT: %1. Check the key id, issuer, organisation claim and that the public key is registered with Zapier.</source>
        <translation>トークンエンドポイントがJWTを拒否しました: %1。キーID、発行者、組織クレームを確認し、公開鍵がZapierに登録されていることを確認してください。</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>理由は示されていません</translation>
    </message>
    <message>
        <source>The token endpoint refused the scopes: %1</source>
        <translation>トークンエンドポイントがスコープを拒否しました: %1</translation>
    </message>
    <message>
        <source>The token endpoint refused the sign-in (%1).</source>
        <translation>トークンエンドポイントがサインインを拒否しました（%1）。</translation>
    </message>
    <message>
        <source>The token endpoint refused the sign-in: %1</source>
        <translation>トークンエンドポイントがサインインを拒否しました: %1</translation>
    </message>
    <message>
        <source>Signed in.</source>
        <translation>サインインしました。</translation>
    </message>
    <message numerus="yes">
        <source>Signed in — token valid for %n min</source>
        <translation>
            <numerusform>サインインしました — トークンはあと%n分有効です</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Signed in — token valid for %n h</source>
        <translation>
            <numerusform>サインインしました — トークンはあと%n時間有効です</numerusform>
        </translation>
    </message>
    <message>
        <source>Paste an access token</source>
        <translation>アクセストークンを貼り付け</translation>
    </message>
    <message>
        <source>White Label token exchange</source>
        <translation>White Labelトークン交換</translation>
    </message>
    <message>
        <source>OAuth sign-in (PKCE)</source>
        <translation>OAuthサインイン（PKCE）</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>未サインイン</translation>
    </message>
    <message>
        <source>Not signed in.</source>
        <translation>サインインしていません。</translation>
    </message>
    <message>
        <source>a pasted access token</source>
        <translation>貼り付けたアクセストークン</translation>
    </message>
    <message>
        <source>White Label exchange, JWT signed here</source>
        <translation>White Label交換（JWTをここで署名）</translation>
    </message>
    <message>
        <source>White Label exchange, pasted JWT</source>
        <translation>White Label交換（貼り付けたJWT）</translation>
    </message>
    <message>
        <source>OAuth in the browser</source>
        <translation>ブラウザーでのOAuth</translation>
    </message>
    <message>
        <source>Signed in with %1; the token is valid until %2.</source>
        <translation>%1でサインインしました。トークンは%2まで有効です。</translation>
    </message>
    <message>
        <source>Signed in with %1.</source>
        <translation>%1でサインインしました。</translation>
    </message>
    <message>
        <source>The app has switched to another environment. Close this window and open Accounts again.</source>
        <translation>アプリが別の環境に切り替わりました。このウィンドウを閉じて、「アカウント」をもう一度開いてください。</translation>
    </message>
    <message>
        <source>Stored in the keychain; leave empty to keep it</source>
        <translation>キーチェーンに保存済み。変更しない場合は空欄のままにしてください</translation>
    </message>
    <message>
        <source>%1 is required.</source>
        <translation>%1は必須です。</translation>
    </message>
    <message>
        <source>This is not a JWT: expected three parts separated by dots.</source>
        <translation>JWTではありません。ドットで区切られた3つの部分が必要です。</translation>
    </message>
    <message>
        <source>Choose a key file or paste the PEM private key.</source>
        <translation>鍵ファイルを選択するか、PEM形式の秘密鍵を貼り付けてください。</translation>
    </message>
    <message>
        <source>This is not a PEM private key (&quot;-----BEGIN PRIVATE KEY-----&quot;).</source>
        <translation>PEM形式の秘密鍵（&quot;-----BEGIN PRIVATE KEY-----&quot;）ではありません。</translation>
    </message>
    <message>
        <source>Enter a full http(s) URL, or leave empty for the default.</source>
        <translation>完全なhttp(s) URLを入力してください。既定値を使う場合は空欄のままにします。</translation>
    </message>
    <message>
        <source>Enter at least one scope.</source>
        <translation>スコープを1つ以上入力してください。</translation>
    </message>
    <message>
        <source>The server refused this access token (401). Check that it is a token for this environment and that it has not expired or been revoked. Nothing was saved.</source>
        <translation>サーバーがこのアクセストークンを拒否しました (401)。この環境用のトークンであること、期限切れや失効していないことを確認してください。何も保存されていません。</translation>
    </message>
    <message>
        <source>The server refused this access token (401: %1). Check that it is a token for this environment and that it has not expired or been revoked. Nothing was saved.</source>
        <translation>サーバーがこのアクセストークンを拒否しました (401: %1)。この環境用のトークンであること、期限切れや失効していないことを確認してください。何も保存されていません。</translation>
    </message>
    <message>
        <source>The server could not be reached to try this access token (%1). Check the server and the network. Nothing was saved.</source>
        <extracomment>%1 says why, e.g. &quot;Connection refused&quot;.</extracomment>
        <translation>このアクセストークンを試すためにサーバーに接続できませんでした (%1)。サーバーとネットワークを確認してください。何も保存されていません。</translation>
    </message>
    <message>
        <source>Not signed in. The sandbox has a token of its own, so it works without signing in.</source>
        <translation>サインインしていません。サンドボックスには専用のトークンがあるため、サインインしなくても使えます。</translation>
    </message>
    <message>
        <source>Not signed in. Requests use the token typed when this server was chosen, kept in memory only; sign in here to keep one.</source>
        <translation>サインインしていません。リクエストには、このサーバーを選んだときに入力したトークン (メモリ内にのみ保持) が使われます。保存しておくにはここでサインインしてください。</translation>
    </message>
</context>
<context>
    <name>CatalogMessages</name>
    <message>
        <source>The server could not be reached</source>
        <translation>サーバーに接続できませんでした</translation>
    </message>
    <message>
        <source>The server took too long to answer</source>
        <translation>サーバーの応答に時間がかかりすぎました</translation>
    </message>
    <message>
        <source>Too many requests; try again in 1 second</source>
        <translation>リクエストが多すぎます。1秒後にもう一度お試しください</translation>
    </message>
    <message>
        <source>Too many requests; try again in %1 seconds</source>
        <translation>リクエストが多すぎます。%1秒後にもう一度お試しください</translation>
    </message>
    <message>
        <source>Too many requests; try again shortly</source>
        <translation>リクエストが多すぎます。しばらくしてからもう一度お試しください</translation>
    </message>
    <message>
        <source>The access token was refused (check the environment&apos;s credentials)</source>
        <translation>アクセストークンが拒否されました（環境の認証情報を確認してください）</translation>
    </message>
    <message>
        <source>This account is not allowed to do that</source>
        <translation>このアカウントにはその操作が許可されていません</translation>
    </message>
    <message>
        <source>Not found on the server</source>
        <translation>サーバー上に見つかりません</translation>
    </message>
    <message>
        <source>The server rejected the request</source>
        <translation>サーバーがリクエストを拒否しました</translation>
    </message>
    <message>
        <source>The server reported a conflict</source>
        <translation>サーバーが競合を報告しました</translation>
    </message>
    <message>
        <source>The account has run out of tasks</source>
        <translation>アカウントのタスクが上限に達しました</translation>
    </message>
    <message>
        <source>The server had an internal error</source>
        <translation>サーバーで内部エラーが発生しました</translation>
    </message>
    <message>
        <source>The server is temporarily unavailable</source>
        <translation>サーバーが一時的に利用できません</translation>
    </message>
    <message>
        <source>The server&apos;s answer was not understood</source>
        <translation>サーバーの応答を解釈できませんでした</translation>
    </message>
    <message>
        <source>The server&apos;s answer was too large</source>
        <translation>サーバーの応答が大きすぎました</translation>
    </message>
    <message>
        <source>The request was cancelled</source>
        <translation>リクエストはキャンセルされました</translation>
    </message>
    <message>
        <source>The request may or may not have been applied</source>
        <translation>リクエストが適用されたかどうかは不明です</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>問題が発生しました</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2。</translation>
    </message>
    <message>
        <source>Could not load apps</source>
        <translation>アプリを読み込めませんでした</translation>
    </message>
    <message>
        <source>Could not load actions</source>
        <translation>アクションを読み込めませんでした</translation>
    </message>
    <message>
        <source>Could not load connections</source>
        <translation>接続を読み込めませんでした</translation>
    </message>
    <message>
        <source>Could not load stored actions</source>
        <translation>保存済みアクションを読み込めませんでした</translation>
    </message>
    <message>
        <source>Could not save the stored action</source>
        <translation>保存済みアクションを保存できませんでした</translation>
    </message>
    <message>
        <source>Could not delete the stored action</source>
        <translation>保存済みアクションを削除できませんでした</translation>
    </message>
</context>
<context>
    <name>ConnectMessages</name>
    <message>
        <source>Zapier did not accept the connect token (each one opens Connect once).</source>
        <translation>ZapierがConnectトークンを受け付けませんでした（1つのトークンでConnectを開けるのは1回だけです）。</translation>
    </message>
    <message>
        <source>The connect token expired before the Connect page opened.</source>
        <translation>Connectページが開く前にConnectトークンの有効期限が切れました。</translation>
    </message>
    <message>
        <source>Zapier does not recognise this app for connecting accounts.</source>
        <translation>Zapierはこのアプリをアカウント接続の対象として認識していません。</translation>
    </message>
    <message>
        <source>Zapier has no user or account provisioned for these credentials.</source>
        <translation>この認証情報に対応するユーザーまたはアカウントがZapierにプロビジョニングされていません。</translation>
    </message>
    <message>
        <source>Zapier could not start the Connect session: the token could not be validated.</source>
        <translation>ZapierがConnectセッションを開始できませんでした。トークンを検証できませんでした。</translation>
    </message>
    <message>
        <source>Zapier had an unexpected error.</source>
        <translation>Zapierで予期しないエラーが発生しました。</translation>
    </message>
    <message>
        <source>Signing in to the app failed, or access was denied.</source>
        <translation>アプリへのサインインに失敗したか、アクセスが拒否されました。</translation>
    </message>
    <message>
        <source>Signing in to the app failed: %1.</source>
        <translation>アプリへのサインインに失敗しました: %1。</translation>
    </message>
    <message>
        <source>Zapier found the request malformed or incomplete (%1).</source>
        <translation>Zapierはリクエストが不正または不完全であると判断しました（%1）。</translation>
    </message>
    <message>
        <source>Zapier denied access (%1).</source>
        <translation>Zapierがアクセスを拒否しました（%1）。</translation>
    </message>
    <message>
        <source>Zapier had an internal error (%1).</source>
        <translation>Zapierで内部エラーが発生しました（%1）。</translation>
    </message>
    <message>
        <source>Zapier reported an error this version does not know: %1.</source>
        <translation>このバージョンでは認識できないエラーがZapierから報告されました: %1。</translation>
    </message>
    <message>
        <source>Try again: every attempt gets a new token.</source>
        <translation>もう一度お試しください。試行のたびに新しいトークンが発行されます。</translation>
    </message>
    <message>
        <source>Check the app&apos;s id against Zapier&apos;s apps list, or choose the app again in the catalog.</source>
        <translation>アプリのIDをZapierのアプリ一覧と照合するか、カタログでアプリを選択し直してください。</translation>
    </message>
    <message>
        <source>Start the connection again from the beginning.</source>
        <translation>接続を最初からやり直してください。</translation>
    </message>
    <message>
        <source>Try again.</source>
        <translation>もう一度お試しください。</translation>
    </message>
    <message>
        <source>Try again; if it keeps happening, contact Zapier support.</source>
        <translation>もう一度お試しください。繰り返し発生する場合は、Zapierサポートにお問い合わせください。</translation>
    </message>
    <message>
        <source>%1 could not be connected. %2 %3</source>
        <translation>%1を接続できませんでした。%2%3</translation>
    </message>
    <message>
        <source>this environment has no account credentials that can make a connect token (a White Label client id and secret).</source>
        <translation>この環境には、Connectトークンを作成できるアカウント認証情報（White LabelのクライアントIDとシークレット）がありません。</translation>
    </message>
    <message>
        <source>the stored sign-in was refused. Sign in again in the account settings.</source>
        <translation>保存されたサインイン情報が拒否されました。アカウント設定でもう一度サインインしてください。</translation>
    </message>
    <message>
        <source>no keychain is available to read the stored credentials.</source>
        <translation>保存された認証情報を読み取るためのキーチェーンがありません。</translation>
    </message>
    <message>
        <source>the keychain refused to give the stored credentials.</source>
        <translation>キーチェーンが保存された認証情報の提供を拒否しました。</translation>
    </message>
    <message>
        <source>the partner token could not be signed with the stored key.</source>
        <translation>保存された鍵でパートナートークンに署名できませんでした。</translation>
    </message>
    <message>
        <source>the token endpoint refused: %1.</source>
        <translation>トークンエンドポイントが拒否しました: %1。</translation>
    </message>
    <message>
        <source>signing in through the browser failed or was cancelled.</source>
        <translation>ブラウザーでのサインインに失敗したか、キャンセルされました。</translation>
    </message>
    <message>
        <source>Cannot connect a %1 account: %2</source>
        <translation>%1のアカウントを接続できません: %2</translation>
    </message>
    <message>
        <source>Connecting accounts needs account credentials for this environment.</source>
        <translation>アカウントを接続するには、この環境のアカウント認証情報が必要です。</translation>
    </message>
    <message>
        <source>The Connect window for %1 closed: its connect token lasts six minutes. Try again to get a new one.</source>
        <translation>%1のConnectウィンドウが閉じました。Connectトークンの有効期間は6分です。もう一度お試しいただくと、新しいトークンが発行されます。</translation>
    </message>
    <message>
        <source>Preparing to connect %1…</source>
        <translation>%1の接続を準備しています…</translation>
    </message>
    <message>
        <source>Finish connecting %1 in the Connect window.</source>
        <translation>Connectウィンドウで%1の接続を完了してください。</translation>
    </message>
    <message>
        <source>Looking for the new connection…</source>
        <translation>新しい接続を探しています…</translation>
    </message>
    <message>
        <source>Connected %1.</source>
        <translation>%1を接続しました。</translation>
    </message>
    <message>
        <source>Reconnected %1: it can run actions again.</source>
        <translation>%1を再接続しました。再びアクションを実行できます。</translation>
    </message>
    <message>
        <source>The Connect window closed; no %1 account was connected.</source>
        <translation>Connectウィンドウが閉じました。%1のアカウントは接続されていません。</translation>
    </message>
    <message>
        <source>the server refused the access token. Sign in again in the account settings.</source>
        <translation>サーバーがアクセストークンを拒否しました。アカウント設定でもう一度サインインしてください。</translation>
    </message>
</context>
<context>
    <name>FormMessages</name>
    <message>
        <source>This field is required</source>
        <translation>このフィールドは必須です</translation>
    </message>
    <message>
        <source>Enter a number, like 12.5</source>
        <translation>数値を入力してください（例: 12.5）</translation>
    </message>
    <message>
        <source>Enter a whole number, like 42</source>
        <translation>整数を入力してください（例: 42）</translation>
    </message>
    <message>
        <source>Choose Yes or No</source>
        <translation>「はい」または「いいえ」を選択してください</translation>
    </message>
    <message>
        <source>Enter a list: one item per row</source>
        <translation>リストを入力してください（1行に1項目）</translation>
    </message>
    <message>
        <source>Enter key/value pairs, each with a key</source>
        <translation>キーと値のペアを入力してください（各ペアにキーが必要です）</translation>
    </message>
    <message>
        <source>This value is not valid</source>
        <translation>この値は無効です</translation>
    </message>
    <message>
        <source>Could not reach the server.</source>
        <translation>サーバーに接続できませんでした。</translation>
    </message>
    <message>
        <source>The server took too long to answer.</source>
        <translation>サーバーの応答に時間がかかりすぎました。</translation>
    </message>
    <message numerus="yes">
        <source>Too many requests: try again in %n second(s).</source>
        <translation>
            <numerusform>リクエストが多すぎます。%n秒後にもう一度お試しください。</numerusform>
        </translation>
    </message>
    <message>
        <source>Too many requests: try again in a moment.</source>
        <translation>リクエストが多すぎます。しばらくしてからもう一度お試しください。</translation>
    </message>
    <message>
        <source>The API token was refused.</source>
        <translation>APIトークンが拒否されました。</translation>
    </message>
    <message>
        <source>This account may not do that.</source>
        <translation>このアカウントにはその操作が許可されていません。</translation>
    </message>
    <message>
        <source>The action was not found; its id may have expired.</source>
        <translation>アクションが見つかりません。IDの有効期限が切れた可能性があります。</translation>
    </message>
    <message>
        <source>The server refused the request.</source>
        <translation>サーバーがリクエストを拒否しました。</translation>
    </message>
    <message>
        <source>The server reported a conflict.</source>
        <translation>サーバーが競合を報告しました。</translation>
    </message>
    <message>
        <source>The account has no tasks left.</source>
        <translation>アカウントのタスクが残っていません。</translation>
    </message>
    <message>
        <source>The server had an internal error.</source>
        <translation>サーバーで内部エラーが発生しました。</translation>
    </message>
    <message>
        <source>The server is unavailable right now.</source>
        <translation>現在サーバーを利用できません。</translation>
    </message>
    <message>
        <source>The server&apos;s answer could not be read.</source>
        <translation>サーバーの応答を読み取れませんでした。</translation>
    </message>
    <message>
        <source>The server&apos;s answer was too large.</source>
        <translation>サーバーの応答が大きすぎました。</translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation>リクエストはキャンセルされました。</translation>
    </message>
    <message>
        <source>It is not known whether the request was applied.</source>
        <translation>リクエストが適用されたかどうかは不明です。</translation>
    </message>
    <message>
        <source>Something went wrong.</source>
        <translation>問題が発生しました。</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <extracomment>%1 says what failed (&quot;Could not load the choices.&quot;), %2 why, in a sentence.
----------
%1 is &quot;Form cleared.&quot; (or &quot;Form filled in from the run.&quot;), %2 what the form&apos;s refetch added or removed.</extracomment>
        <translation>%1%2</translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <extracomment>As &quot;%1 %2&quot;, with %3 the server&apos;s own explanation, untranslated.</extracomment>
        <translation>%1%2（%3）</translation>
    </message>
    <message>
        <source>Could not load the form&apos;s fields.</source>
        <translation>フォームのフィールドを読み込めませんでした。</translation>
    </message>
    <message>
        <source>Could not load the choices.</source>
        <translation>選択肢を読み込めませんでした。</translation>
    </message>
    <message>
        <source>Could not load the outputs.</source>
        <translation>出力を読み込めませんでした。</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <extracomment>The last two of a list of field titles.</extracomment>
        <translation>%1と%2</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Choose %1 first</source>
        <extracomment>Why a field is disabled; %1 names the fields it depends on.</extracomment>
        <translation>先に%1を選択してください</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <extracomment>%1 lists the first field titles; %n counts the ones left out.</extracomment>
        <translation>
            <numerusform>%1ほか%n件</numerusform>
        </translation>
    </message>
    <message>
        <source>Added: %1</source>
        <translation>追加: %1</translation>
    </message>
    <message>
        <source>Removed: %1</source>
        <translation>削除: %1</translation>
    </message>
    <message>
        <source> · </source>
        <extracomment>Between &quot;Added: …&quot; and &quot;Removed: …&quot; in the note about changed fields.</extracomment>
        <translation> · </translation>
    </message>
    <message>
        <source>Form cleared.</source>
        <extracomment>The note after Action › Clear form, beside its Undo button.</extracomment>
        <translation>フォームをクリアしました。</translation>
    </message>
    <message>
        <source>Form filled in from the run.</source>
        <extracomment>The note after Restore into form put a past run&apos;s values in place of the form&apos;s own, beside its Undo button.</extracomment>
        <translation>実行の値でフォームを埋めました。</translation>
    </message>
</context>
<context>
    <name>WindowMessages</name>
    <message>
        <source>That run cannot be restored: it has no action to fill.</source>
        <translation>その実行は復元できません。入力先のアクションがありません。</translation>
    </message>
    <message>
        <source>That run is of a stored action, whose inputs are kept by Zapier: repeat it with Re-run, or from Stored actions.</source>
        <translation>この実行は保存済みアクションのもので、入力はZapierが保持しています。「再実行」または「保存済みアクション」から繰り返してください。</translation>
    </message>
    <message>
        <source>That run was made on %1: switch to it to restore the run, its ids mean nothing on this server.</source>
        <extracomment>%1 is the environment the run was made on (&quot;sandbox&quot; or a server&apos;s URL).</extracomment>
        <translation>この実行は%1で行われました。復元するにはその環境に切り替えてください。そのIDはこのサーバーでは意味を持ちません。</translation>
    </message>
    <message>
        <source>That run was made on %1: switch to it to re-run the run, its ids mean nothing on this server.</source>
        <extracomment>%1 is the environment the run was made on (&quot;sandbox&quot; or a server&apos;s URL).</extracomment>
        <translation>この実行は%1で行われました。再実行するにはその環境に切り替えてください。そのIDはこのサーバーでは意味を持ちません。</translation>
    </message>
</context>
<context>
    <name>ab::connect::PkceFlow</name>
    <message>
        <source>could not listen on a loopback port for the redirect</source>
        <translation>リダイレクト用のループバックポートで待ち受けできませんでした</translation>
    </message>
</context>
<context>
    <name>ab::core::ApiError</name>
    <message>
        <source>Malformed response</source>
        <translation>不正なレスポンス</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>タイムアウトしました</translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation>結果不明</translation>
    </message>
    <message>
        <source>interrupted before the run was sent</source>
        <translation>実行を送信する前に中断されました</translation>
    </message>
    <message>
        <source>interrupted while the run was being sent</source>
        <translation>実行の送信中に中断されました</translation>
    </message>
</context>
<context>
    <name>ab::models::ActionListModel</name>
    <message>
        <source>Write</source>
        <translation>書き込み</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>検索</translation>
    </message>
    <message>
        <source>Search or write</source>
        <translation>検索または書き込み</translation>
    </message>
    <message>
        <source>Search and write</source>
        <translation>検索して書き込み</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>読み取り</translation>
    </message>
    <message>
        <source>Read (bulk)</source>
        <translation>読み取り（一括）</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>フィルター</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>その他</translation>
    </message>
</context>
<context>
    <name>ab::models::ConnectionListModel</name>
    <message>
        <source>%1
This connection has expired: reconnect it before running.</source>
        <translation>%1
この接続は期限切れです。実行する前に再接続してください。</translation>
    </message>
</context>
<context>
    <name>ab::models::HistoryModel</name>
    <message>
        <source>Preparing</source>
        <translation>準備中</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>送信中</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation>結果不明</translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation>タイムアウト</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>キャンセル済み</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1分%2秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1時間%2分</translation>
    </message>
    <message>
        <source>No connection</source>
        <translation>接続なし</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 — run %2</source>
        <translation>%1 — 実行ID %2</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>App</source>
        <translation>アプリ</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>アクション</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>接続</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>ステータス</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>所要時間</translation>
    </message>
</context>
<context>
    <name>ab::models::JsonTreeModel</name>
    <message>
        <source>object</source>
        <translation>オブジェクト</translation>
    </message>
    <message>
        <source>array</source>
        <translation>配列</translation>
    </message>
    <message>
        <source>string</source>
        <translation>文字列</translation>
    </message>
    <message>
        <source>number</source>
        <translation>数値</translation>
    </message>
    <message>
        <source>boolean</source>
        <translation>真偽値</translation>
    </message>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>1 key</source>
        <translation>キー1個</translation>
    </message>
    <message>
        <source>%1 keys</source>
        <translation>キー%1個</translation>
    </message>
    <message>
        <source>1 item</source>
        <translation>要素1個</translation>
    </message>
    <message>
        <source>%1 items</source>
        <translation>要素%1個</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>型</translation>
    </message>
</context>
<context>
    <name>ab::models::RequestLogModel</name>
    <message>
        <source>No response</source>
        <translation>レスポンスなし</translation>
    </message>
    <message>
        <source>%1 (attempt %2)</source>
        <translation>%1（%2回目の試行）</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>メソッド</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>パス</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>ステータス</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>所要時間</translation>
    </message>
</context>
<context>
    <name>ab::models::StoredActionsModel</name>
    <message>
        <source>[1 item]</source>
        <translation>[1項目]</translation>
    </message>
    <message>
        <source>[%1 items]</source>
        <translation>[%1項目]</translation>
    </message>
    <message>
        <source>{1 key}</source>
        <translation>{1キー}</translation>
    </message>
    <message>
        <source>{%1 keys}</source>
        <translation>{%1キー}</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>%1 is the action&apos;s title (or key), %2 its type (&quot;write&quot;).</extracomment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>no connection</source>
        <translation>接続なし</translation>
    </message>
    <message>
        <source>connection %1</source>
        <translation>接続%1</translation>
    </message>
    <message>
        <source>no inputs</source>
        <translation>入力なし</translation>
    </message>
    <message>
        <source>Stored action %1
App: %2
Action: %3
Type: %4
Connection: %5
Inputs: %6</source>
        <translation>保存済みアクション%1
アプリ: %2
アクション: %3
種類: %4
接続: %5
入力: %6</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>a name, then the key the API knows it by</comment>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>ab::runs::RunEvent</name>
    <message>
        <source>fetching a fresh action id</source>
        <translation>最新のアクションIDを取得中</translation>
    </message>
    <message>
        <source>could not fetch a fresh action id</source>
        <translation>最新のアクションIDを取得できませんでした</translation>
    </message>
    <message>
        <source>the app no longer offers this action</source>
        <translation>このアプリはこのアクションを提供していません</translation>
    </message>
    <message>
        <source>not sent: the history could not be written</source>
        <translation>未送信: 履歴を書き込めませんでした</translation>
    </message>
    <message>
        <source>no answer to the POST: the run may have been applied, so it is not sent again</source>
        <translation>POSTへの応答がありません: 実行が適用された可能性があるため、再送信しません</translation>
    </message>
    <message>
        <source>Zapier refused the run</source>
        <translation>Zapierが実行を拒否しました</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>polling resumed after a restart</source>
        <translation>再起動後にポーリングを再開しました</translation>
    </message>
    <message>
        <source>interrupted before sending</source>
        <translation>送信前に中断されました</translation>
    </message>
    <message>
        <source>interrupted while sending: the run may have been applied, so it is not sent again</source>
        <translation>送信中に中断されました: 実行が適用された可能性があるため、再送信しません</translation>
    </message>
    <message>
        <source>polling resumed</source>
        <translation>ポーリングを再開しました</translation>
    </message>
    <message>
        <source>polling stopped by the user; the run may still complete</source>
        <translation>ユーザーがポーリングを停止しました。実行はこの後完了する可能性があります</translation>
    </message>
    <message>
        <source>cancelled before sending</source>
        <translation>送信前にキャンセルされました</translation>
    </message>
    <message>
        <source>sending with idempotency id %1</source>
        <translation>冪等性ID %1 で送信中</translation>
    </message>
    <message>
        <source>sending with action id %1</source>
        <translation>アクションID %1 で送信中</translation>
    </message>
    <message>
        <source>attempt %1 failed (%2); re-sending with the same idempotency id</source>
        <translation>%1回目の試行に失敗しました（%2）。同じ冪等性IDで再送信します</translation>
    </message>
    <message>
        <source>gave up after %1 attempt(s) with idempotency id %2</source>
        <translation>冪等性ID %2 で%1回試行した後、断念しました</translation>
    </message>
    <message>
        <source>accepted as run %1</source>
        <translation>実行 %1 として受け付けられました</translation>
    </message>
    <message>
        <source>poll failed (%1 in a row): %2</source>
        <translation>ポーリングに失敗しました（%1回連続）: %2</translation>
    </message>
    <message>
        <source>polling gave up: %1</source>
        <translation>ポーリングを断念しました: %1</translation>
    </message>
    <message>
        <source>still pending after %1 s; resume to poll again</source>
        <translation>%1秒経過後も保留中です。再開すると再度ポーリングします</translation>
    </message>
    <message>
        <source>finished with %1 error(s)</source>
        <translation>%1件のエラーで終了しました</translation>
    </message>
    <message>
        <source>throttled (%1); wait %2 s before running again; not re-run automatically</source>
        <translation>スロットリングされました（%1）。再実行まで%2秒待ってください。自動では再実行しません</translation>
    </message>
    <message>
        <source>throttled (%1); not re-run automatically</source>
        <translation>スロットリングされました（%1）。自動では再実行しません</translation>
    </message>
</context>
<context>
    <name>ab::ui::AboutDialog</name>
    <message>
        <source>About Actionbench</source>
        <translation>Actionbenchについて</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Actionbench %1&lt;/h2&gt;&lt;p&gt;A workbench for Zapier&apos;s embedded Action Runs: browse the catalog, fill an action&apos;s dynamic form, run it and keep every run.&lt;/p&gt;&lt;p&gt;Licensed under the GNU General Public License, version 3 or later. &lt;a href=&quot;https://www.gnu.org/licenses/gpl-3.0.html&quot;&gt;Read the license&lt;/a&gt;.&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;</source>
        <extracomment>%1 is the version, %2 and %3 Qt versions. Keep the HTML tags and the link.</extracomment>
        <translation>&lt;h2&gt;Actionbench %1&lt;/h2&gt;&lt;p&gt;ZapierのEmbedded Action Runs用のワークベンチです。カタログを閲覧し、アクションの動的フォームに入力して実行し、すべての実行を記録できます。&lt;/p&gt;&lt;p&gt;GNU General Public License バージョン3以降の下でライセンスされています。&lt;a href=&quot;https://www.gnu.org/licenses/gpl-3.0.html&quot;&gt;ライセンスを読む&lt;/a&gt;&lt;/p&gt;&lt;p&gt;Qt %2でビルド、Qt %3で実行中。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Actionbench %1. GNU General Public License, version 3 or later. Built with Qt %2, running on Qt %3.</source>
        <translation>Actionbench %1。GNU General Public License バージョン3以降。Qt %2でビルド、Qt %3で実行中。</translation>
    </message>
</context>
<context>
    <name>ab::ui::AccountsDialog</name>
    <message>
        <source>Copy &amp;link</source>
        <translation>リンクをコピー(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>キャンセル(&amp;C)</translation>
    </message>
    <message>
        <source>Sign out and &amp;remove</source>
        <translation>サインアウトして削除(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Keep</source>
        <translation>保持(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>サインイン(&amp;S)</translation>
    </message>
    <message>
        <source>Sign &amp;out…</source>
        <translation>サインアウト(&amp;O)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>アカウント</translation>
    </message>
    <message>
        <source>Accounts for %1</source>
        <translation>%1のアカウント</translation>
    </message>
    <message>
        <source>Sign-in state</source>
        <translation>サインイン状態</translation>
    </message>
    <message>
        <source>Keyring warning</source>
        <translation>キーチェーンの警告</translation>
    </message>
    <message>
        <source>Waiting for the browser… Finish signing in there.</source>
        <translation>ブラウザーを待機中… ブラウザーでサインインを完了してください。</translation>
    </message>
    <message>
        <source>Browser sign-in</source>
        <translation>ブラウザーでのサインイン</translation>
    </message>
    <message>
        <source>Copy the sign-in link</source>
        <translation>サインインリンクをコピー</translation>
    </message>
    <message>
        <source>If no browser opened, paste this link into one.</source>
        <translation>ブラウザーが開かない場合は、このリンクをブラウザーに貼り付けてください。</translation>
    </message>
    <message>
        <source>Cancel the browser sign-in</source>
        <translation>ブラウザーでのサインインをキャンセル</translation>
    </message>
    <message>
        <source>Sign out of %1? Its client secret, keys and tokens are removed from the keyring.</source>
        <translation>%1からサインアウトしますか？クライアントシークレット、鍵、トークンはキーチェーンから削除されます。</translation>
    </message>
    <message>
        <source>Sign out confirmation</source>
        <translation>サインアウトの確認</translation>
    </message>
    <message>
        <source>Sign out and remove the secrets</source>
        <translation>サインアウトしてシークレットを削除</translation>
    </message>
    <message>
        <source>Keep the credentials</source>
        <translation>認証情報を保持</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>処理中</translation>
    </message>
    <message>
        <source>Sign-in status</source>
        <translation>サインインのステータス</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>サインイン</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>サインアウト</translation>
    </message>
    <message>
        <source>Check the highlighted fields.</source>
        <translation>強調表示されたフィールドを確認してください。</translation>
    </message>
    <message>
        <source>Opening the browser…</source>
        <translation>ブラウザーを開いています…</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>サインインしています…</translation>
    </message>
    <message>
        <source>Your browser shows Zapier&apos;s sign-in page.</source>
        <translation>ブラウザーにZapierのサインインページが表示されています。</translation>
    </message>
    <message>
        <source>No browser could be opened. Copy the link into a browser to sign in.</source>
        <translation>ブラウザーを開けませんでした。リンクをブラウザーにコピーしてサインインしてください。</translation>
    </message>
    <message>
        <source>Signing out…</source>
        <translation>サインアウトしています…</translation>
    </message>
    <message>
        <source>Signed out, but the keyring failed: %1</source>
        <translation>サインアウトしましたが、キーチェーンでエラーが発生しました: %1</translation>
    </message>
    <message>
        <source>Signed out. The secrets of %1 were removed from the keyring.</source>
        <translation>サインアウトしました。%1のシークレットはキーチェーンから削除されました。</translation>
    </message>
</context>
<context>
    <name>ab::ui::AccountsFields</name>
    <message>
        <source>&amp;Paste a signed JWT</source>
        <translation>署名済みJWTを貼り付け(&amp;P)</translation>
    </message>
    <message>
        <source>Sign it &amp;here with a private key</source>
        <translation>ここで秘密鍵を使って署名(&amp;H)</translation>
    </message>
    <message>
        <source>Choose &amp;file…</source>
        <translation>ファイルを選択(&amp;F)…</translation>
    </message>
    <message>
        <source>Sign in in your &amp;browser</source>
        <translation>ブラウザーでサインイン(&amp;B)</translation>
    </message>
    <message>
        <source>Sign-in method</source>
        <translation>サインイン方法</translation>
    </message>
    <message>
        <source>Sign-in &amp;method:</source>
        <translation>サインイン方法(&amp;M):</translation>
    </message>
    <message>
        <source>Access &amp;token:</source>
        <translation>アクセストークン(&amp;T):</translation>
    </message>
    <message>
        <source>A Zapier access token for this environment. It is kept in the system keyring.</source>
        <translation>この環境用のZapierアクセストークン。システムのキーチェーンに保存されます。</translation>
    </message>
    <message>
        <source>Client &amp;ID:</source>
        <translation>クライアントID(&amp;I):</translation>
    </message>
    <message>
        <source>Client &amp;secret:</source>
        <translation>クライアントシークレット(&amp;S):</translation>
    </message>
    <message>
        <source>Paste a signed JWT</source>
        <translation>署名済みJWTを貼り付け</translation>
    </message>
    <message>
        <source>Sign the JWT here with a private key</source>
        <translation>ここで秘密鍵を使ってJWTに署名</translation>
    </message>
    <message>
        <source>Partner JWT:</source>
        <translation>パートナーJWT:</translation>
    </message>
    <message>
        <source>&amp;JWT:</source>
        <translation>JWT(&amp;J):</translation>
    </message>
    <message>
        <source>Choose a private key file</source>
        <translation>秘密鍵ファイルを選択</translation>
    </message>
    <message>
        <source>Private &amp;key:</source>
        <translation>秘密鍵(&amp;K):</translation>
    </message>
    <message>
        <source>Paste the PEM key, or choose a file</source>
        <translation>PEM形式の鍵を貼り付けるか、ファイルを選択してください</translation>
    </message>
    <message>
        <source>Signing algorithm</source>
        <translation>署名アルゴリズム</translation>
    </message>
    <message>
        <source>&amp;Algorithm:</source>
        <translation>アルゴリズム(&amp;A):</translation>
    </message>
    <message>
        <source>Key I&amp;D (kid):</source>
        <translation>キーID（kid）(&amp;D):</translation>
    </message>
    <message>
        <source>Iss&amp;uer (iss):</source>
        <translation>発行者（iss）(&amp;U):</translation>
    </message>
    <message>
        <source>Su&amp;bject (sub):</source>
        <translation>サブジェクト（sub）(&amp;B):</translation>
    </message>
    <message>
        <source>Organisation c&amp;laim:</source>
        <translation>組織クレーム(&amp;L):</translation>
    </message>
    <message>
        <source>The claim&apos;s name, e.g. org_id</source>
        <translation>クレーム名（例: org_id）</translation>
    </message>
    <message>
        <source>Organisation &amp;value:</source>
        <translation>組織クレームの値(&amp;V):</translation>
    </message>
    <message>
        <source>Token &amp;URL:</source>
        <translation>トークンURL(&amp;U):</translation>
    </message>
    <message>
        <source>Sco&amp;pes:</source>
        <translation>スコープ(&amp;P):</translation>
    </message>
    <message>
        <source>Sign in in your browser</source>
        <translation>ブラウザーでサインイン</translation>
    </message>
    <message>
        <source>Zapier&apos;s sign-in page opens in your browser; Actionbench waits for it on a local port.</source>
        <translation>ブラウザーでZapierのサインインページが開きます。Actionbenchはローカルポートで完了を待ちます。</translation>
    </message>
    <message>
        <source>Choose the private key</source>
        <translation>秘密鍵を選択</translation>
    </message>
    <message>
        <source>PEM private keys (*.pem *.key);;All files (*)</source>
        <translation>PEM秘密鍵 (*.pem *.key);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1を読み取れません: %2</translation>
    </message>
    <message>
        <source>%1 is too large to be a private key.</source>
        <translation>%1は秘密鍵としては大きすぎます。</translation>
    </message>
    <message>
        <source>Loaded from %1</source>
        <translation>%1から読み込みました</translation>
    </message>
</context>
<context>
    <name>ab::ui::BooleanEditor</name>
    <message>
        <source>Yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>No</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>未設定</translation>
    </message>
    <message>
        <source>Not set (default: %1)</source>
        <translation>未設定（既定: %1）</translation>
    </message>
</context>
<context>
    <name>ab::ui::CatalogPane</name>
    <message>
        <source>No apps</source>
        <translation>アプリなし</translation>
    </message>
    <message>
        <source>Apps status</source>
        <translation>アプリのステータス</translation>
    </message>
    <message>
        <source>No actions</source>
        <translation>アクションなし</translation>
    </message>
    <message>
        <source>Actions status</source>
        <translation>アクションのステータス</translation>
    </message>
    <message>
        <source>Search apps (Ctrl+K)</source>
        <translation>アプリを検索（Ctrl+K）</translation>
    </message>
    <message>
        <source>Search apps</source>
        <translation>アプリを検索</translation>
    </message>
    <message>
        <source>Type to search the app catalog; Down moves to the results, Escape clears</source>
        <translation>入力するとアプリカタログを検索します。Downキーで結果に移動、Escapeキーでクリアします</translation>
    </message>
    <message>
        <source>App category</source>
        <translation>アプリのカテゴリ</translation>
    </message>
    <message>
        <source>Number of apps</source>
        <translation>アプリ数</translation>
    </message>
    <message>
        <source>Apps</source>
        <translation>アプリ</translation>
    </message>
    <message>
        <source>Enter opens the app&apos;s actions</source>
        <translation>Enterでアプリのアクションを開きます</translation>
    </message>
    <message>
        <source>Filter actions</source>
        <translation>アクションを絞り込み</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>アクション</translation>
    </message>
    <message>
        <source>Grouped by type; Enter opens the action&apos;s form</source>
        <translation>種類別にグループ化。Enterでアクションのフォームを開きます</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>すべてのカテゴリ</translation>
    </message>
    <message>
        <source>Loading apps…</source>
        <translation>アプリを読み込んでいます…</translation>
    </message>
    <message>
        <source>No apps match “%1” in %2.</source>
        <translation>%2に「%1」に一致するアプリはありません。</translation>
    </message>
    <message>
        <source>No apps match “%1”.</source>
        <translation>「%1」に一致するアプリはありません。</translation>
    </message>
    <message>
        <source>No apps to show.</source>
        <translation>表示するアプリがありません。</translation>
    </message>
    <message>
        <source>%1 of %2 apps</source>
        <translation>アプリ%1件（全%2件中）</translation>
    </message>
    <message>
        <source>1 app</source>
        <translation>アプリ1件</translation>
    </message>
    <message>
        <source>%1 apps</source>
        <translation>アプリ%1件</translation>
    </message>
    <message>
        <source>Actions of %1</source>
        <translation>%1のアクション</translation>
    </message>
    <message>
        <source>Loading actions…</source>
        <translation>アクションを読み込んでいます…</translation>
    </message>
    <message>
        <source>Choose an app to see its actions.</source>
        <translation>アプリを選択すると、そのアクションが表示されます。</translation>
    </message>
    <message>
        <source>This app has no actions.</source>
        <translation>このアプリにはアクションがありません。</translation>
    </message>
    <message>
        <source>No actions match “%1”.</source>
        <translation>「%1」に一致するアクションはありません。</translation>
    </message>
</context>
<context>
    <name>ab::ui::CatalogStatusLine</name>
    <message>
        <source>Retry</source>
        <translation>再試行</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>処理中</translation>
    </message>
</context>
<context>
    <name>ab::ui::ConnectMessageBar</name>
    <message>
        <source>&amp;Retry</source>
        <translation>再試行(&amp;R)</translation>
    </message>
    <message>
        <source>Connecting accounts</source>
        <translation>アカウントの接続</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>処理中</translation>
    </message>
    <message>
        <source>Connecting status</source>
        <translation>接続のステータス</translation>
    </message>
    <message>
        <source>Retry connecting</source>
        <translation>接続を再試行</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Dismiss the message</source>
        <translation>メッセージを閉じる</translation>
    </message>
    <message>
        <source>Accou&amp;nts…</source>
        <translation>アカウント(&amp;N)…</translation>
    </message>
    <message>
        <source>Open the account settings</source>
        <translation>アカウント設定を開く</translation>
    </message>
</context>
<context>
    <name>ab::ui::ConnectView</name>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Reconnect %1</source>
        <translation>%1を再接続</translation>
    </message>
    <message>
        <source>Connect %1</source>
        <translation>%1を接続</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>接続中</translation>
    </message>
    <message>
        <source>Page address</source>
        <translation>ページのアドレス</translation>
    </message>
    <message>
        <source>Time left on the connect token</source>
        <translation>Connectトークンの残り時間</translation>
    </message>
    <message>
        <source>The connect token lasts six minutes; the window closes when it runs out and you can start again.</source>
        <translation>Connectトークンの有効期間は6分です。期限が切れるとウィンドウは閉じますが、もう一度やり直せます。</translation>
    </message>
    <message>
        <source>Cancel connecting</source>
        <translation>接続をキャンセル</translation>
    </message>
    <message>
        <source>Close without connecting (Esc)</source>
        <translation>接続せずに閉じる（Esc）</translation>
    </message>
    <message>
        <source>Page loading</source>
        <translation>ページを読み込み中</translation>
    </message>
    <message>
        <source>Connect page</source>
        <translation>Connectページ</translation>
    </message>
    <message>
        <source>Sign-in page</source>
        <translation>サインインページ</translation>
    </message>
    <message>
        <source>%1 left</source>
        <extracomment>Time left on the connect token; %1 is minutes:seconds, like 5:42.</extracomment>
        <translation>残り%1</translation>
    </message>
    <message numerus="yes">
        <source>%n second(s) left to finish connecting</source>
        <translation>
            <numerusform>接続を完了するまで残り%n秒</numerusform>
        </translation>
    </message>
    <message>
        <source>Secure page on %1</source>
        <translation>%1の安全なページ</translation>
    </message>
    <message>
        <source>%1 — the offline sandbox on this computer</source>
        <translation>%1 — このコンピューター上のオフラインのサンドボックス</translation>
    </message>
</context>
<context>
    <name>ab::ui::ConnectWindowLoader</name>
    <message>
        <source>The Connect window is not installed: %1 was not found in %2. Reinstall Actionbench with its Qt WebEngine component.</source>
        <translation>Connectウィンドウがインストールされていません: %2に%1が見つかりませんでした。Qt WebEngineコンポーネントを含めてActionbenchを再インストールしてください。</translation>
    </message>
    <message>
        <source>The Connect window could not be loaded: %1</source>
        <translation>Connectウィンドウを読み込めませんでした: %1</translation>
    </message>
</context>
<context>
    <name>ab::ui::ConnectionPicker</name>
    <message>
        <source>C&amp;onnection:</source>
        <translation>接続(&amp;O):</translation>
    </message>
    <message>
        <source>Expired — reconnect</source>
        <translation>期限切れ — 再接続してください</translation>
    </message>
    <message>
        <source>Connections status</source>
        <translation>接続のステータス</translation>
    </message>
    <message>
        <source>Conn&amp;ect account…</source>
        <translation>アカウントを接続(&amp;E)…</translation>
    </message>
    <message>
        <source>Reco&amp;nnect</source>
        <translation>再接続(&amp;N)</translation>
    </message>
    <message>
        <source>%1 — expired</source>
        <extracomment>A connection in the list of connected accounts; %1 is its name.</extracomment>
        <translation>%1 — 期限切れ</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>接続</translation>
    </message>
    <message>
        <source>Connection expired</source>
        <translation>接続の期限切れ</translation>
    </message>
    <message>
        <source>Zapier reports this connection as expired: runs with it will fail until it is reconnected.</source>
        <translation>Zapierはこの接続を期限切れと報告しています。再接続するまで、この接続を使った実行は失敗します。</translation>
    </message>
    <message>
        <source>Connection note</source>
        <translation>接続に関する注意</translation>
    </message>
    <message>
        <source>Connect an account</source>
        <translation>アカウントを接続</translation>
    </message>
    <message>
        <source>Sign in to the app through Zapier&apos;s Connect page</source>
        <translation>ZapierのConnectページからアプリにサインイン</translation>
    </message>
    <message>
        <source>Reconnect the expired connection</source>
        <translation>期限切れの接続を再接続</translation>
    </message>
    <message>
        <source>Sign in again so this connection can run actions</source>
        <translation>もう一度サインインして、この接続でアクションを実行できるようにします</translation>
    </message>
    <message>
        <source>This app needs no connection.</source>
        <translation>このアプリには接続は不要です。</translation>
    </message>
    <message>
        <source>No connected accounts for %1 yet.</source>
        <translation>%1の接続済みアカウントはまだありません。</translation>
    </message>
    <message>
        <source>Loading connections…</source>
        <translation>接続を読み込んでいます…</translation>
    </message>
    <message>
        <source>%1 has expired: reconnect it before running.</source>
        <translation>%1は期限切れです。実行する前に再接続してください。</translation>
    </message>
    <message>
        <source>Choose an app and an action first.</source>
        <translation>先にアプリとアクションを選択してください。</translation>
    </message>
</context>
<context>
    <name>ab::ui::DateTimeEditor</name>
    <message>
        <source>Pick…</source>
        <translation>選択…</translation>
    </message>
    <message>
        <source>Pick a date and time</source>
        <translation>日時を選択</translation>
    </message>
    <message>
        <source>Pick a date and time from a calendar</source>
        <translation>カレンダーから日時を選択</translation>
    </message>
    <message>
        <source>e.g. 2026-03-31T09:00:00 or “tomorrow 9am”</source>
        <translation>例: 2026-03-31T09:00:00 または「tomorrow 9am」</translation>
    </message>
    <message>
        <source>Date and time picker</source>
        <translation>日時ピッカー</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Use</source>
        <extracomment>Writes the date and time picked into the field.</extracomment>
        <translation>適用</translation>
    </message>
    <message>
        <source>Use this date and time</source>
        <translation>この日時を使用</translation>
    </message>
    <message>
        <source>&amp;Time:</source>
        <translation>時刻(&amp;T):</translation>
    </message>
</context>
<context>
    <name>ab::ui::DesktopNotifier</name>
    <message>
        <source>Show</source>
        <translation>表示</translation>
    </message>
</context>
<context>
    <name>ab::ui::EnvironmentSwitcher</name>
    <message>
        <source>&amp;Environment:</source>
        <translation>環境(&amp;E):</translation>
    </message>
    <message>
        <source>Sandbox (offline)</source>
        <translation>サンドボックス（オフライン）</translation>
    </message>
    <message>
        <source>Zapier (api.zapier.com)</source>
        <translation>Zapier（api.zapier.com）</translation>
    </message>
    <message>
        <source>Custom server…</source>
        <translation>カスタムサーバー…</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>環境</translation>
    </message>
    <message>
        <source>The server Actionbench talks to. The sandbox simulates Zapier offline.</source>
        <translation>Actionbenchが通信するサーバー。サンドボックスはZapierをオフラインでシミュレートします。</translation>
    </message>
    <message>
        <source>Custom server</source>
        <translation>カスタムサーバー</translation>
    </message>
    <message>
        <source>Base URL of a server that speaks Zapier&apos;s API:</source>
        <translation>ZapierのAPIに対応したサーバーのベースURL:</translation>
    </message>
    <message>
        <source>Custom server URL</source>
        <translation>カスタムサーバーのURL</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>アクセストークン</translation>
    </message>
    <message>
        <source>Access token for %1 (kept in memory only):</source>
        <translation>%1のアクセストークン（メモリ内にのみ保持）:</translation>
    </message>
    <message>
        <source>Access token for %1, kept in memory only. Leave it empty to sign in under Accounts instead:</source>
        <translation>%1 のアクセストークン (メモリ内にのみ保持)。空のままにすると、代わりに「アカウント」でサインインできます:</translation>
    </message>
    <message>
        <source>Custom: %1</source>
        <extracomment>The environment combo&apos;s item for a custom server in use; %1 is its host (and port).</extracomment>
        <translation>カスタム: %1</translation>
    </message>
</context>
<context>
    <name>ab::ui::ErrorExplainer</name>
    <message>
        <source>The app rejected the input</source>
        <translation>アプリが入力を拒否しました</translation>
    </message>
    <message>
        <source>The app refused the connected account</source>
        <translation>アプリが接続済みアカウントを拒否しました</translation>
    </message>
    <message>
        <source>The app&apos;s integration failed</source>
        <translation>アプリのインテグレーションでエラーが発生しました</translation>
    </message>
    <message>
        <source>Zapier had an internal problem</source>
        <translation>Zapierで内部的な問題が発生しました</translation>
    </message>
    <message>
        <source>The app asked Zapier to slow down</source>
        <translation>アプリがZapierにペースを落とすよう求めました</translation>
    </message>
    <message>
        <source>Zapier is limiting runs right now</source>
        <translation>Zapierが現在実行を制限しています</translation>
    </message>
    <message>
        <source>A file or stored value could not be fetched</source>
        <translation>ファイルまたは保存された値を取得できませんでした</translation>
    </message>
    <message>
        <source>The run reported an error</source>
        <translation>実行でエラーが報告されました</translation>
    </message>
    <message>
        <source>The app says something in the input is wrong or missing.</source>
        <translation>アプリによると、入力の一部が誤っているか不足しています。</translation>
    </message>
    <message>
        <source>Correct the input described below and run again.</source>
        <translation>以下に示す入力を修正して、もう一度実行してください。</translation>
    </message>
    <message>
        <source>Correct the field “%1” and run again.</source>
        <translation>フィールド「%1」を修正して、もう一度実行してください。</translation>
    </message>
    <message>
        <source>The connected account was not accepted: it may have expired, been revoked, or lack the permission this action needs.</source>
        <translation>接続済みアカウントが受け付けられませんでした。期限切れや取り消し済みであるか、このアクションに必要な権限がない可能性があります。</translation>
    </message>
    <message>
        <source>Reconnect the account (or pick another connection), then run again.</source>
        <translation>アカウントを再接続するか別の接続を選択してから、もう一度実行してください。</translation>
    </message>
    <message>
        <source>The app&apos;s Zapier integration reported a problem on its side; your input is probably not the cause.</source>
        <translation>アプリのZapierインテグレーション側で問題が報告されました。入力が原因である可能性は低いです。</translation>
    </message>
    <message>
        <source>Try again later. If it keeps failing, report it to the integration&apos;s developer with the run id.</source>
        <translation>しばらくしてからもう一度お試しください。失敗が続く場合は、実行IDを添えてインテグレーションの開発者に報告してください。</translation>
    </message>
    <message>
        <source>Zapier could not complete the run because of a problem on Zapier&apos;s side.</source>
        <translation>Zapier側の問題により、Zapierは実行を完了できませんでした。</translation>
    </message>
    <message>
        <source>Running it again in a little while usually works.</source>
        <translation>少し時間をおいてもう一度実行すると、通常は成功します。</translation>
    </message>
    <message>
        <source>The app asked Zapier to slow down. Wait %1 s before running again; re-running now will likely fail the same way.</source>
        <translation>アプリがZapierにペースを落とすよう求めました。%1秒待ってからもう一度実行してください。今すぐ再実行しても、同じように失敗する可能性が高いです。</translation>
    </message>
    <message>
        <source>The app asked Zapier to slow down. Wait a minute before running again; re-running now will likely fail the same way.</source>
        <translation>アプリがZapierにペースを落とすよう求めました。1分待ってからもう一度実行してください。今すぐ再実行しても、同じように失敗する可能性が高いです。</translation>
    </message>
    <message>
        <source>Wait, then re-run.</source>
        <translation>待ってから再実行してください。</translation>
    </message>
    <message>
        <source>Zapier is throttling runs for this account at the moment.</source>
        <translation>Zapierは現在、このアカウントの実行を制限しています。</translation>
    </message>
    <message>
        <source>Wait %1 s before running again.</source>
        <translation>%1秒待ってからもう一度実行してください。</translation>
    </message>
    <message>
        <source>Wait a little before running again.</source>
        <translation>少し待ってからもう一度実行してください。</translation>
    </message>
    <message>
        <source>Zapier could not fetch a file or a stored value the action needed (for example a file URL that is no longer reachable).</source>
        <translation>アクションに必要なファイルまたは保存された値をZapierが取得できませんでした（例: アクセスできなくなったファイルURL）。</translation>
    </message>
    <message>
        <source>Check the file inputs and their URLs, then run again.</source>
        <translation>ファイル入力とそのURLを確認して、もう一度実行してください。</translation>
    </message>
    <message>
        <source>The run reported an error (%1)</source>
        <translation>実行でエラーが報告されました（%1）</translation>
    </message>
    <message>
        <source>Zapier reported an error this version of Actionbench does not recognise. The app&apos;s own words are below.</source>
        <translation>このバージョンのActionbenchが認識できないエラーがZapierから報告されました。アプリ自身のメッセージを以下に示します。</translation>
    </message>
    <message>
        <source>Check the details, fix what they name and run again.</source>
        <translation>詳細を確認し、指摘された点を修正してもう一度実行してください。</translation>
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
        <translation>結果不明</translation>
    </message>
    <message>
        <source>The request may have reached Zapier, but no answer came back. It was not sent again, to avoid running the action twice.</source>
        <translation>リクエストはZapierに届いた可能性がありますが、応答が返ってきませんでした。アクションが二重に実行されないよう、再送信はしていません。</translation>
    </message>
    <message>
        <source>Check the app (was the message sent, the row added?) before re-running.</source>
        <translation>再実行する前に、アプリを確認してください（メッセージは送信されたか、行は追加されたか）。</translation>
    </message>
    <message>
        <source>Could not reach Zapier</source>
        <translation>Zapierに接続できませんでした</translation>
    </message>
    <message>
        <source>The connection failed before a reply arrived. The run was not created.</source>
        <translation>応答を受信する前に接続が失敗しました。実行は作成されていません。</translation>
    </message>
    <message>
        <source>Check the network and the environment&apos;s address, then re-run.</source>
        <translation>ネットワークと環境のアドレスを確認してから再実行してください。</translation>
    </message>
    <message>
        <source>Zapier did not answer in time</source>
        <translation>Zapierが時間内に応答しませんでした</translation>
    </message>
    <message>
        <source>No complete reply arrived within the time limit.</source>
        <translation>制限時間内に完全な応答が届きませんでした。</translation>
    </message>
    <message>
        <source>Re-run; if it keeps happening, check the network or Zapier&apos;s status.</source>
        <translation>再実行してください。繰り返し発生する場合は、ネットワークまたはZapierのステータスを確認してください。</translation>
    </message>
    <message>
        <source>Too many requests</source>
        <translation>リクエストが多すぎます</translation>
    </message>
    <message>
        <source>Zapier refused the request because the rate limit was reached (60 requests a minute for the Partner API).</source>
        <translation>レート制限に達したため、Zapierがリクエストを拒否しました（Partner APIでは1分あたり60リクエスト）。</translation>
    </message>
    <message>
        <source>Wait a minute before running again.</source>
        <translation>1分待ってからもう一度実行してください。</translation>
    </message>
    <message>
        <source>The access token was refused</source>
        <translation>アクセストークンが拒否されました</translation>
    </message>
    <message>
        <source>Zapier did not accept the token: it is missing, wrong or expired.</source>
        <translation>Zapierがトークンを受け付けませんでした。トークンがないか、誤っているか、期限切れです。</translation>
    </message>
    <message>
        <source>Check the credentials for this environment, then re-run.</source>
        <translation>この環境の認証情報を確認してから再実行してください。</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>許可されていません</translation>
    </message>
    <message>
        <source>The token is valid but may not run this action or use this connection.</source>
        <translation>トークンは有効ですが、このアクションの実行またはこの接続の使用は許可されていません。</translation>
    </message>
    <message>
        <source>Check the account&apos;s permissions and the connection&apos;s owner.</source>
        <translation>アカウントの権限と接続の所有者を確認してください。</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>見つかりません</translation>
    </message>
    <message>
        <source>The action, connection or stored action no longer exists. Action ids are single-use; a re-run fetches a fresh one.</source>
        <translation>アクション、接続、または保存済みアクションはもう存在しません。アクションIDは1回限りで、再実行すると新しいIDを取得します。</translation>
    </message>
    <message>
        <source>Re-run, or pick the action and connection again.</source>
        <translation>再実行するか、アクションと接続を選択し直してください。</translation>
    </message>
    <message>
        <source>Zapier rejected the request</source>
        <translation>Zapierがリクエストを拒否しました</translation>
    </message>
    <message>
        <source>Something in the request was not acceptable to Zapier.</source>
        <translation>リクエストにZapierが受け付けない内容が含まれていました。</translation>
    </message>
    <message>
        <source>Read the details below, correct the input and re-run.</source>
        <translation>以下の詳細を読み、入力を修正して再実行してください。</translation>
    </message>
    <message>
        <source>Correct the field “%1” and re-run.</source>
        <translation>フィールド「%1」を修正して再実行してください。</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>競合</translation>
    </message>
    <message>
        <source>Zapier reports a conflict with the current state (a repeated idempotency id with different inputs, say).</source>
        <translation>Zapierが現在の状態との競合を報告しています（例: 同じidempotency IDを異なる入力で再利用した場合）。</translation>
    </message>
    <message>
        <source>Read the details below before re-running.</source>
        <translation>再実行する前に以下の詳細を確認してください。</translation>
    </message>
    <message>
        <source>No tasks left</source>
        <translation>タスクの残りなし</translation>
    </message>
    <message>
        <source>The Zapier account has no tasks left to run actions with.</source>
        <translation>Zapierアカウントに、アクションの実行に使えるタスクが残っていません。</translation>
    </message>
    <message>
        <source>Upgrade the plan or wait for the task allowance to reset.</source>
        <translation>プランをアップグレードするか、タスクの割り当てがリセットされるまでお待ちください。</translation>
    </message>
    <message>
        <source>Zapier had a problem</source>
        <translation>Zapierで問題が発生しました</translation>
    </message>
    <message>
        <source>Zapier answered with a server error; the run was not created.</source>
        <translation>Zapierがサーバーエラーを返しました。実行は作成されていません。</translation>
    </message>
    <message>
        <source>Re-run in a little while.</source>
        <translation>しばらくしてから再実行してください。</translation>
    </message>
    <message>
        <source>Unexpected answer from Zapier</source>
        <translation>Zapierからの予期しない応答</translation>
    </message>
    <message>
        <source>The reply did not have the documented shape (an HTML error page or broken JSON, for example).</source>
        <translation>応答がドキュメントどおりの形式ではありませんでした（例: HTMLのエラーページや壊れたJSON）。</translation>
    </message>
    <message>
        <source>Check the environment&apos;s address; the API calls tab shows the reply.</source>
        <translation>環境のアドレスを確認してください。「API呼び出し」タブに応答が表示されます。</translation>
    </message>
    <message>
        <source>Reply too large</source>
        <translation>応答が大きすぎます</translation>
    </message>
    <message>
        <source>The reply was larger than Actionbench accepts.</source>
        <translation>応答がActionbenchの受け付けるサイズを超えていました。</translation>
    </message>
    <message>
        <source>Narrow the action&apos;s inputs so it returns less.</source>
        <translation>返される量が少なくなるよう、アクションの入力を絞り込んでください。</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>キャンセル済み</translation>
    </message>
    <message>
        <source>The request was cancelled before it finished.</source>
        <translation>リクエストは完了前にキャンセルされました。</translation>
    </message>
    <message>
        <source>Re-run when ready.</source>
        <translation>準備ができたら再実行してください。</translation>
    </message>
    <message>
        <source>The request failed</source>
        <translation>リクエストが失敗しました</translation>
    </message>
    <message>
        <source>The request failed for a reason Actionbench does not recognise.</source>
        <translation>Actionbenchが認識できない理由でリクエストが失敗しました。</translation>
    </message>
    <message>
        <source>Read the details below and the API calls tab.</source>
        <translation>以下の詳細と「API呼び出し」タブを確認してください。</translation>
    </message>
    <message>
        <source>Stopped waiting for the result</source>
        <translation>結果の待機を中止しました</translation>
    </message>
    <message>
        <source>Actionbench stopped checking the run&apos;s status (it took too long, or the checks kept failing). The run may still finish on Zapier.</source>
        <translation>Actionbenchは実行のステータス確認を中止しました（時間がかかりすぎたか、確認が失敗し続けました）。実行はZapier上でまだ完了する可能性があります。</translation>
    </message>
    <message>
        <source>The run did not finish within the time Actionbench waits. It may still finish on Zapier.</source>
        <translation>Actionbenchが待機する時間内に実行が完了しませんでした。Zapier上でまだ完了する可能性があります。</translation>
    </message>
    <message>
        <source>Check the app, or re-run.</source>
        <translation>アプリを確認するか、再実行してください。</translation>
    </message>
    <message>
        <source>Tracking of this run was stopped.</source>
        <translation>この実行の追跡は停止されました。</translation>
    </message>
    <message>
        <source>Re-run to try again.</source>
        <translation>再実行してもう一度お試しください。</translation>
    </message>
    <message>
        <source>The run could not be started</source>
        <translation>実行を開始できませんでした</translation>
    </message>
    <message>
        <source>The run failed before Zapier ran the action.</source>
        <translation>Zapierがアクションを実行する前に、実行が失敗しました。</translation>
    </message>
    <message>
        <source>The API calls tab shows what was sent and answered.</source>
        <translation>「API呼び出し」タブに送信内容と応答が表示されます。</translation>
    </message>
</context>
<context>
    <name>ab::ui::FieldEditor</name>
    <message>
        <source>%1, required</source>
        <extracomment>Spoken name of a required field; %1 is the field&apos;s title.</extracomment>
        <translation>%1、必須</translation>
    </message>
    <message>
        <source>%1 *</source>
        <extracomment>The title of a required field with its marker; %1 is the field&apos;s title.</extracomment>
        <translation>%1 *</translation>
    </message>
    <message>
        <source>Default: %1</source>
        <translation>既定: %1</translation>
    </message>
    <message>
        <source>%1 (default: %2)</source>
        <extracomment>A field&apos;s placeholder; %1 is its hint, %2 the value the server uses when none is sent.</extracomment>
        <translation>%1（既定: %2）</translation>
    </message>
    <message>
        <source>New field</source>
        <translation>新しいフィールド</translation>
    </message>
    <message>
        <source>Unknown format “%1”: edited as text</source>
        <translation>不明な形式「%1」: テキストとして編集します</translation>
    </message>
    <message>
        <source>Unknown value type “%1”: edited as text</source>
        <translation>不明な値の型「%1」: テキストとして編集します</translation>
    </message>
    <message>
        <source>. </source>
        <extracomment>Joins the parts of a field&apos;s spoken description: its error, why it is disabled, a note and its help text.</extracomment>
        <translation>。</translation>
    </message>
</context>
<context>
    <name>ab::ui::FileEditor</name>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>Browse for a file</source>
        <translation>ファイルを参照</translation>
    </message>
    <message>
        <source>A file path or URL</source>
        <translation>ファイルパスまたはURL</translation>
    </message>
    <message>
        <source>Choose a file for %1</source>
        <translation>%1のファイルを選択</translation>
    </message>
</context>
<context>
    <name>ab::ui::FormView</name>
    <message>
        <source>Skip client-side validation</source>
        <translation>クライアント側の検証をスキップ</translation>
    </message>
    <message>
        <source>Save as stored action…</source>
        <translation>保存済みアクションとして保存…</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <source>Action form</source>
        <translation>アクションフォーム</translation>
    </message>
    <message>
        <source>Updating the form</source>
        <translation>フォームを更新中</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>再試行</translation>
    </message>
    <message>
        <source>Retry loading the form</source>
        <translation>フォームの読み込みを再試行</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Dismiss the note about changed fields</source>
        <translation>変更されたフィールドに関する通知を閉じる</translation>
    </message>
    <message>
        <source>Input fields</source>
        <translation>入力フィールド</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>入力</translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation>出力</translation>
    </message>
    <message>
        <source>Form and outputs</source>
        <translation>フォームと出力</translation>
    </message>
    <message>
        <source>Send the values as they are, so the server&apos;s own validation can be tested</source>
        <translation>値をそのまま送信し、サーバー側の検証をテストできるようにします</translation>
    </message>
    <message>
        <source>Run the action</source>
        <translation>アクションを実行</translation>
    </message>
    <message>
        <source>Run the action (%1)</source>
        <translation>アクションを実行（%1）</translation>
    </message>
    <message>
        <source>Save as stored action</source>
        <translation>保存済みアクションとして保存</translation>
    </message>
    <message>
        <source>Loading the form…</source>
        <translation>フォームを読み込んでいます…</translation>
    </message>
    <message>
        <source>Choose an action to fill in its form.</source>
        <translation>アクションを選択すると、そのフォームに入力できます。</translation>
    </message>
    <message>
        <source>This action has no input fields: it can run as it is.</source>
        <translation>このアクションには入力フィールドがありません。そのまま実行できます。</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>注記</translation>
    </message>
    <message>
        <source>C&amp;lear form</source>
        <translation>フォームをクリア(&amp;L)</translation>
    </message>
    <message>
        <source>Empty every field of the form; the note it shows can undo it</source>
        <translation>フォームのすべてのフィールドを空にします。表示される通知から元に戻せます</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <source>Undo clearing the form</source>
        <translation>フォームのクリアを元に戻す</translation>
    </message>
    <message>
        <source>Undo restoring the run&apos;s values</source>
        <translation>実行の値の復元を元に戻す</translation>
    </message>
</context>
<context>
    <name>ab::ui::HistoryPane</name>
    <message>
        <source>Filter runs</source>
        <translation>実行を絞り込み</translation>
    </message>
    <message>
        <source>Filter runs by status</source>
        <translation>ステータスで実行を絞り込み</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>すべてのステータス</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>Success</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation>タイムアウト</translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation>結果不明</translation>
    </message>
    <message>
        <source>Number of runs</source>
        <translation>実行数</translation>
    </message>
    <message>
        <source>Run history</source>
        <translation>実行履歴</translation>
    </message>
    <message>
        <source>No runs match the filter.</source>
        <translation>フィルターに一致する実行はありません。</translation>
    </message>
    <message>
        <source>No runs yet — fill a form and press Ctrl+Enter.</source>
        <translation>まだ実行はありません — フォームに入力してCtrl+Enterを押してください。</translation>
    </message>
    <message>
        <source>1 run</source>
        <translation>実行1件</translation>
    </message>
    <message>
        <source>%1 runs</source>
        <translation>実行%1件</translation>
    </message>
    <message>
        <source>This server onl&amp;y</source>
        <extracomment>A check box beside the history&apos;s filters: show only the runs of the server in use.</extracomment>
        <translation>このサーバーのみ(&amp;Y)</translation>
    </message>
    <message>
        <source>Only runs of this server</source>
        <translation>このサーバーの実行のみ</translation>
    </message>
    <message>
        <source>Show only the runs made on the server chosen in the toolbar</source>
        <translation>ツールバーで選んだサーバーで行った実行だけを表示します</translation>
    </message>
    <message>
        <source>No runs on this server yet — fill a form and press Ctrl+Enter.</source>
        <translation>このサーバーでの実行はまだありません — フォームに入力して Ctrl+Enter を押してください。</translation>
    </message>
    <message>
        <source>Shows the runs whose app, action, connection or run id contains the text (Ctrl+F)</source>
        <translation>アプリ、アクション、接続、実行 ID のいずれかにこのテキストを含む実行を表示します (Ctrl+F)</translation>
    </message>
    <message>
        <source>Filter runs</source>
        <comment>the hint inside the history&apos;s text filter; keep it short</comment>
        <translation>絞り込み</translation>
    </message>
</context>
<context>
    <name>ab::ui::InspectorDock</name>
    <message>
        <source>API inspector</source>
        <translation>APIインスペクター</translation>
    </message>
    <message>
        <source>Filter by method, URL or status</source>
        <translation>メソッド、URL、ステータスで絞り込み</translation>
    </message>
    <message>
        <source>Filter requests</source>
        <translation>リクエストを絞り込み</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>クリア(&amp;L)</translation>
    </message>
    <message>
        <source>Clear the request list</source>
        <translation>リクエスト一覧をクリア</translation>
    </message>
    <message>
        <source>Empty this list; runs keep their own API calls</source>
        <translation>この一覧を空にします。各実行のAPI呼び出しは保持されます</translation>
    </message>
    <message>
        <source>Number of requests</source>
        <translation>リクエスト数</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>リクエスト</translation>
    </message>
    <message>
        <source>%1 requests</source>
        <translation>リクエスト%1件</translation>
    </message>
    <message>
        <source>%1 of %2 requests</source>
        <translation>リクエスト%1件（全%2件中）</translation>
    </message>
    <message>
        <source>1 request</source>
        <translation>リクエスト1件</translation>
    </message>
    <message>
        <source>%1 of 1 request</source>
        <translation>リクエスト%1件（全1件中）</translation>
    </message>
</context>
<context>
    <name>ab::ui::InspectorExchangeView</name>
    <message>
        <source>(body not kept)</source>
        <translation>（ボディは保持されていません）</translation>
    </message>
    <message>
        <source>(no body)</source>
        <translation>（ボディなし）</translation>
    </message>
    <message>
        <source>Request body</source>
        <translation>リクエストボディ</translation>
    </message>
    <message>
        <source>Response body</source>
        <translation>レスポンスボディ</translation>
    </message>
    <message>
        <source>Response headers</source>
        <translation>レスポンスヘッダー</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>レスポンス</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>リクエスト</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>ヘッダー</translation>
    </message>
    <message>
        <source>(none kept)</source>
        <translation>（保持されていません）</translation>
    </message>
    <message>
        <source>Select a request to see its bodies and headers.</source>
        <translation>リクエストを選択すると、ボディとヘッダーが表示されます。</translation>
    </message>
    <message>
        <source>Request URL</source>
        <translation>リクエストのURL</translation>
    </message>
    <message>
        <source>→ %1 in %2 (attempt %3)</source>
        <extracomment>Status and duration of one HTTP request, after its method and URL: &quot;→ 200 in 80 ms&quot;</extracomment>
        <translation>→ %1（%2、%3回目の試行）</translation>
    </message>
    <message>
        <source>→ %1 in %2</source>
        <translation>→ %1（%2）</translation>
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
        <translation>カタログ(&amp;C)</translation>
    </message>
    <message>
        <source>S&amp;tored actions</source>
        <translation>保存済みアクション(&amp;T)</translation>
    </message>
    <message>
        <source>Catalog and stored actions</source>
        <translation>カタログと保存済みアクション</translation>
    </message>
    <message>
        <source>Selected action</source>
        <translation>選択中のアクション</translation>
    </message>
    <message>
        <source>Environment in use</source>
        <translation>使用中の環境</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>メイン</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>実行(&amp;R)</translation>
    </message>
    <message>
        <source>Run the action with the form&apos;s values (Ctrl+Enter)</source>
        <translation>フォームの値でアクションを実行（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Save as &amp;stored action…</source>
        <translation>保存済みアクションとして保存(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Search apps</source>
        <translation>アプリを検索(&amp;S)</translation>
    </message>
    <message>
        <source>Connect an a&amp;ccount…</source>
        <translation>アカウントを接続(&amp;C)…</translation>
    </message>
    <message>
        <source>Connect an account of the chosen app through Zapier</source>
        <translation>選択したアプリのアカウントをZapier経由で接続</translation>
    </message>
    <message>
        <source>Re&amp;fresh catalog</source>
        <translation>カタログを更新(&amp;F)</translation>
    </message>
    <message>
        <source>API &amp;inspector</source>
        <translation>APIインスペクター(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Accounts…</source>
        <translation>アカウント(&amp;A)…</translation>
    </message>
    <message>
        <source>Sign in to the environment in use: a token, the White Label exchange or OAuth</source>
        <translation>使用中の環境にサインイン: トークン、White Label交換、またはOAuth</translation>
    </message>
    <message>
        <source>&amp;About Actionbench</source>
        <translation>Actionbenchについて(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Action</source>
        <translation>アクション(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>Choose an app and an action first.</source>
        <translation>先にアプリとアクションを選択してください。</translation>
    </message>
    <message>
        <source>The run could not be recorded in the history; nothing was sent.</source>
        <translation>実行を履歴に記録できなかったため、何も送信されていません。</translation>
    </message>
    <message>
        <source>Save as stored action</source>
        <translation>保存済みアクションとして保存</translation>
    </message>
    <message>
        <source>Implementation key</source>
        <translation>実装キー</translation>
    </message>
    <message>
        <source>%1 › %2 finished: %3</source>
        <extracomment>A run ended while the window was in the background: app › action finished: phase</extracomment>
        <translation>%1 › %2が完了しました: %3</translation>
    </message>
    <message>
        <source>Accounts are not available in this build.</source>
        <translation>このビルドではアカウント機能を利用できません。</translation>
    </message>
    <message>
        <source>Sandbox: offline, simulated Zapier</source>
        <translation>サンドボックス: オフライン、シミュレートされたZapier</translation>
    </message>
    <message>
        <source>&lt;b&gt;Choose an app and one of its actions&lt;/b&gt; to fill its form.</source>
        <translation>&lt;b&gt;アプリとそのアクションを1つ選択&lt;/b&gt;すると、フォームに入力できます。</translation>
    </message>
    <message>
        <source>No action chosen</source>
        <translation>アクション未選択</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <source>Run succeeded</source>
        <translation>実行に成功しました</translation>
    </message>
    <message>
        <source>Run failed</source>
        <translation>実行に失敗しました</translation>
    </message>
    <message>
        <source>Run ended</source>
        <translation>実行が終了しました</translation>
    </message>
    <message>
        <source>%1 after %2</source>
        <extracomment>%1 is &quot;App › Action&quot;, %2 how long the run took, e.g. &quot;1 min 5 s&quot;</extracomment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>サーバー: %1</translation>
    </message>
    <message>
        <source>Signing in to %1…</source>
        <extracomment>%1 is the server, e.g. &quot;https://api.zapier.com&quot;. Shown while the keyring answers.</extracomment>
        <translation>%1 にサインインしています…</translation>
    </message>
    <message>
        <source>The app&apos;s implementation key for the Actions API (selected_api), such as
SlackCLIAPI or SlackCLIAPI@1.21.1. Taken from the app&apos;s connect link if it names it:</source>
        <translation>Actions API で使うアプリの実装キー (selected_api)。例:
SlackCLIAPI、SlackCLIAPI@1.21.1。アプリの接続リンクに含まれていれば、そこから入力されます:</translation>
    </message>
</context>
<context>
    <name>ab::ui::OutputsPanel</name>
    <message>
        <source>Retry</source>
        <translation>再試行</translation>
    </message>
    <message>
        <source>Retry loading the outputs</source>
        <translation>出力の読み込みを再試行</translation>
    </message>
    <message>
        <source>Output fields</source>
        <translation>出力フィールド</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>タイトル</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>サンプル</translation>
    </message>
    <message>
        <source>Fill in the form, then open this tab to see what a run returns.</source>
        <translation>フォームに入力してからこのタブを開くと、実行で返される内容を確認できます。</translation>
    </message>
    <message>
        <source>Loading the outputs…</source>
        <translation>出力を読み込んでいます…</translation>
    </message>
    <message>
        <source>This action returns no fields.</source>
        <translation>このアクションはフィールドを返しません。</translation>
    </message>
    <message>
        <source>What a run of this action returns, with sample values:</source>
        <translation>このアクションの実行で返される内容とサンプル値:</translation>
    </message>
</context>
<context>
    <name>ab::ui::PasswordEditor</name>
    <message>
        <source>Show</source>
        <translation>表示</translation>
    </message>
    <message>
        <source>Show the password</source>
        <translation>パスワードを表示</translation>
    </message>
    <message>
        <source>Show or hide what was typed</source>
        <translation>入力内容の表示/非表示を切り替え</translation>
    </message>
    <message>
        <source>Hide</source>
        <extracomment>A button that shows or hides the password typed.</extracomment>
        <translation>非表示</translation>
    </message>
    <message>
        <source>Hide the password</source>
        <translation>パスワードを隠す</translation>
    </message>
</context>
<context>
    <name>ab::ui::RateLimitGauge</name>
    <message>
        <source>API rate limit</source>
        <translation>APIレート制限</translation>
    </message>
    <message>
        <source>API requests left</source>
        <translation>APIリクエストの残り</translation>
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
        <translation>レート制限中 — %1秒後に再開</translation>
    </message>
    <message>
        <source>Waiting for rate limit…</source>
        <translation>レート制限の解除を待機中…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1/%2 requests this minute</source>
        <translation>残り%1/%2リクエスト（この1分間）</translation>
    </message>
    <message>
        <source>%1/%2 requests per %3 min</source>
        <translation>残り%1/%2リクエスト（%3分あたり）</translation>
    </message>
    <message>
        <source>%1/%2 requests per %3 s</source>
        <translation>残り%1/%2リクエスト（%3秒あたり）</translation>
    </message>
    <message>
        <source>%1 budget: %2 of %3 requests left this minute.</source>
        <extracomment>%1 is &quot;Partner API&quot; or &quot;Actions API&quot;.</extracomment>
        <translation>%1の残り枠: %3リクエスト中%2件（この1分間）。</translation>
    </message>
    <message>
        <source>%1 budget: %2 of %3 requests left per %4 min.</source>
        <translation>%1の残り枠: %3リクエスト中%2件（%4分あたり）。</translation>
    </message>
    <message>
        <source>%1 budget: %2 of %3 requests left per %4 s.</source>
        <translation>%1の残り枠: %3リクエスト中%2件（%4秒あたり）。</translation>
    </message>
</context>
<context>
    <name>ab::ui::ReadonlyEditor</name>
    <message>
        <source>(no value)</source>
        <translation>（値なし）</translation>
    </message>
</context>
<context>
    <name>ab::ui::RowListEditor</name>
    <message>
        <source>Add entry</source>
        <translation>エントリを追加</translation>
    </message>
    <message>
        <source>Add item</source>
        <translation>項目を追加</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>%1, key %2</source>
        <translation>%1、キー%2</translation>
    </message>
    <message>
        <source>%1, value %2</source>
        <translation>%1、値%2</translation>
    </message>
    <message>
        <source>%1, item %2</source>
        <translation>%1、項目%2</translation>
    </message>
    <message>
        <source>Remove entry %1</source>
        <translation>エントリ%1を削除</translation>
    </message>
    <message>
        <source>Remove item %1</source>
        <translation>項目%1を削除</translation>
    </message>
    <message>
        <source>Add an entry to %1</source>
        <translation>%1にエントリを追加</translation>
    </message>
    <message>
        <source>Add an item to %1</source>
        <translation>%1に項目を追加</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
</context>
<context>
    <name>ab::ui::RunDetailErrors</name>
    <message>
        <source>No errors.</source>
        <translation>エラーはありません。</translation>
    </message>
    <message>
        <source>Reported: %1</source>
        <translation>報告内容: %1</translation>
    </message>
    <message>
        <source>Go to field “%1”</source>
        <translation>フィールド「%1」へ移動</translation>
    </message>
    <message>
        <source>Go to field %1</source>
        <translation>フィールド%1へ移動</translation>
    </message>
</context>
<context>
    <name>ab::ui::RunDetailInputs</name>
    <message>
        <source>Copied the value of %1</source>
        <translation>%1 の値をコピーしました</translation>
    </message>
    <message>
        <source>Copied the field id %1</source>
        <translation>フィールド ID %1 をコピーしました</translation>
    </message>
    <message>
        <source>%1 is a password field: its value is not copied.</source>
        <translation>%1 はパスワード フィールドのため、値はコピーされません。</translation>
    </message>
    <message>
        <source>No inputs</source>
        <translation>入力なし</translation>
    </message>
    <message>
        <source>A password field: its value is hidden here, and left out of the API calls and the cURL command.</source>
        <translation>パスワード フィールド: 値はここでは表示されず、API 呼び出しと cURL コマンドにも含まれません。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Copy &amp;value</source>
        <translation>値をコピー(&amp;V)</translation>
    </message>
    <message>
        <source>Copy field &amp;id</source>
        <translation>フィールド ID をコピー(&amp;I)</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>フィールド</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>入力</translation>
    </message>
    <message>
        <source>Ctrl+C copies a value, Ctrl+Shift+C its field id.</source>
        <translation>Ctrl+C で値を、Ctrl+Shift+C でフィールド ID をコピーします。</translation>
    </message>
</context>
<context>
    <name>ab::ui::RunDetailResults</name>
    <message>
        <source>Find in results (keys and values)</source>
        <translation>結果を検索（キーと値）</translation>
    </message>
    <message>
        <source>Find in results</source>
        <translation>結果を検索</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation>前の一致（Shift+F3）</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>前の一致</translation>
    </message>
    <message>
        <source>Next match (F3)</source>
        <translation>次の一致（F3）</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>次の一致</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>一致</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>No results.</source>
        <translation>結果はありません。</translation>
    </message>
    <message>
        <source>The results are not valid JSON (%1).</source>
        <extracomment>%1 is the JSON parser&apos;s own message.</extracomment>
        <translation>結果が有効なJSONではありません（%1）。</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>一致なし</translation>
    </message>
    <message>
        <source>%1 of %2+</source>
        <translation>%1/%2+</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>Copied the value</source>
        <translation>値をコピーしました</translation>
    </message>
    <message>
        <source>Copied the path %1</source>
        <translation>パス%1をコピーしました</translation>
    </message>
    <message>
        <source>Copy &amp;value</source>
        <translation>値をコピー(&amp;V)</translation>
    </message>
    <message>
        <source>Copy &amp;path</source>
        <translation>パスをコピー(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Collapse</source>
        <translation>折りたたむ(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Expand</source>
        <translation>展開(&amp;E)</translation>
    </message>
</context>
<context>
    <name>ab::ui::RunDetailView</name>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>ステータス</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>注記</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>タイムライン</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>メソッド</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>パス</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>所要時間</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>試行</translation>
    </message>
    <message>
        <source>API calls</source>
        <translation>API呼び出し</translation>
    </message>
    <message>
        <source>Re-&amp;run</source>
        <translation>再実行(&amp;R)</translation>
    </message>
    <message>
        <source>Re&amp;store into form</source>
        <translation>フォームに復元(&amp;S)</translation>
    </message>
    <message>
        <source>Copy as c&amp;URL</source>
        <translation>cURLとしてコピー(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>削除(&amp;D)…</translation>
    </message>
    <message>
        <source>Select a run to see its inputs, results, errors and API calls.</source>
        <translation>実行を選択すると、入力、結果、エラー、API呼び出しが表示されます。</translation>
    </message>
    <message>
        <source>Run the same action with the same inputs again (Ctrl+R)</source>
        <translation>同じアクションを同じ入力でもう一度実行（Ctrl+R）</translation>
    </message>
    <message>
        <source>Put this run&apos;s action, connection and inputs back into the form (Ctrl+Shift+R)</source>
        <translation>この実行のアクション、接続、入力をフォームに戻す（Ctrl+Shift+R）</translation>
    </message>
    <message>
        <source>Copy a cURL command that repeats this run; the token is the $ZAPIER_TOKEN shell variable (Ctrl+Alt+C)</source>
        <translation>この実行を再現するcURLコマンドをコピー。トークンにはシェル変数$ZAPIER_TOKENを使用します（Ctrl+Alt+C）</translation>
    </message>
    <message>
        <source>Delete this run from the history (Del)</source>
        <translation>この実行を履歴から削除（Del）</translation>
    </message>
    <message>
        <source>Run details</source>
        <translation>実行の詳細</translation>
    </message>
    <message>
        <source>&amp;Inputs</source>
        <translation>入力(&amp;I)</translation>
    </message>
    <message>
        <source>Res&amp;ults</source>
        <translation>結果(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Errors</source>
        <translation>エラー(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation>タイムライン(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;API calls</source>
        <translation>API呼び出し(&amp;A)</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <source>Run information</source>
        <translation>実行の情報</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Delete this run from the history? This cannot be undone.</source>
        <translation>この実行を履歴から削除しますか？この操作は元に戻せません。</translation>
    </message>
    <message>
        <source>Delete run</source>
        <translation>実行を削除</translation>
    </message>
    <message>
        <source>Confirm deleting the run</source>
        <translation>実行の削除を確認</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>残す</translation>
    </message>
    <message>
        <source>Cancel deleting the run</source>
        <translation>実行の削除をキャンセル</translation>
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
        <translation>接続なし</translation>
    </message>
    <message>
        <source>Connection: %1</source>
        <translation>接続: %1</translation>
    </message>
    <message>
        <source>Stored action %1</source>
        <translation>保存済みアクション%1</translation>
    </message>
    <message>
        <source>Not created on the server</source>
        <translation>サーバー上で作成されていません</translation>
    </message>
    <message>
        <source>Run id: %1</source>
        <translation>実行ID: %1</translation>
    </message>
    <message>
        <source>Running for %1</source>
        <translation>実行中（%1経過）</translation>
    </message>
    <message>
        <source>Took %1</source>
        <translation>所要時間: %1</translation>
    </message>
    <message>
        <source>Started %1</source>
        <translation>開始: %1</translation>
    </message>
    <message>
        <source>Environment: %1</source>
        <translation>環境: %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>&amp;Errors (%1)</source>
        <translation>エラー（%1）(&amp;E)</translation>
    </message>
    <message>
        <source>%1 (+%2)</source>
        <translation>%1（+%2）</translation>
    </message>
    <message>
        <source>Copied a cURL command; set $ZAPIER_TOKEN in the shell before running it.</source>
        <translation>cURLコマンドをコピーしました。実行する前にシェルで$ZAPIER_TOKENを設定してください。</translation>
    </message>
    <message>
        <source>Could not delete the run: the history file could not be written.</source>
        <translation>実行を削除できませんでした。履歴ファイルに書き込めませんでした。</translation>
    </message>
    <message>
        <source>More run actions</source>
        <translation>その他の実行操作</translation>
    </message>
    <message>
        <source>A stored action&apos;s run cannot fill the form: its inputs are kept by Zapier. Use Re-run, or run it from Stored actions.</source>
        <translation>保存済みアクションの実行ではフォームに入力できません。入力はZapierが保持しています。「再実行」を使うか、「保存済みアクション」から実行してください。</translation>
    </message>
</context>
<context>
    <name>ab::ui::SelectEditor</name>
    <message>
        <source>Choose, or type to search</source>
        <translation>選択するか、入力して検索</translation>
    </message>
    <message>
        <source>Custom value: sent as typed, not one of the choices</source>
        <translation>カスタム値: 選択肢ではなく、入力したとおりに送信されます</translation>
    </message>
    <message>
        <source>Loading choices…</source>
        <translation>選択肢を読み込んでいます…</translation>
    </message>
    <message>
        <source>No choices to pick from: type a value</source>
        <translation>選べる選択肢がありません。値を入力してください</translation>
    </message>
    <message>
        <source>Id: %1</source>
        <translation>ID: %1</translation>
    </message>
    <message>
        <source>Could not load the choices</source>
        <translation>選択肢を読み込めませんでした</translation>
    </message>
    <message>
        <source>Load more…</source>
        <translation>さらに読み込む…</translation>
    </message>
    <message>
        <source>No choices</source>
        <translation>選択肢なし</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>再試行</translation>
    </message>
    <message>
        <source>Retry loading the choices</source>
        <translation>選択肢の読み込みを再試行</translation>
    </message>
</context>
<context>
    <name>ab::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>言語(&amp;L):</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>The language changes at once; your form, selection and runs stay as they are.</source>
        <translation>言語はすぐに切り替わります。フォーム、選択内容、実行はそのまま保持されます。</translation>
    </message>
    <message>
        <source>This language could not be loaded; the window stays as it is.</source>
        <translation>この言語を読み込めませんでした。ウィンドウは変更されません。</translation>
    </message>
    <message>
        <source>System default (%1)</source>
        <extracomment>%1 is the system&apos;s language in its own name, e.g. &quot;Deutsch&quot;</extracomment>
        <translation>システムの既定（%1）</translation>
    </message>
</context>
<context>
    <name>ab::ui::StoredActionsView</name>
    <message>
        <source>Re&amp;fresh</source>
        <translation>更新(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Run…</source>
        <translation>実行(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Next page</source>
        <translation>次のページ(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>削除(&amp;D)</translation>
    </message>
    <message>
        <source>No stored actions</source>
        <translation>保存済みアクションなし</translation>
    </message>
    <message>
        <source>Stored actions status</source>
        <translation>保存済みアクションのステータス</translation>
    </message>
    <message>
        <source>Deleted stored action %1.</source>
        <translation>保存済みアクション%1を削除しました。</translation>
    </message>
    <message>
        <source>Refresh stored actions</source>
        <translation>保存済みアクションを更新</translation>
    </message>
    <message>
        <source>Run stored action</source>
        <translation>保存済みアクションを実行</translation>
    </message>
    <message>
        <source>Run the selected stored action, optionally overriding inputs</source>
        <translation>選択した保存済みアクションを実行（入力の上書きも可能）</translation>
    </message>
    <message>
        <source>Run next page</source>
        <translation>次のページを実行</translation>
    </message>
    <message>
        <source>Run the bulk read again for the next page of results</source>
        <translation>一括読み取りをもう一度実行して、結果の次のページを取得</translation>
    </message>
    <message>
        <source>Delete stored action</source>
        <translation>保存済みアクションを削除</translation>
    </message>
    <message>
        <source>Stored actions</source>
        <translation>保存済みアクション</translation>
    </message>
    <message>
        <source>Enter runs the selected stored action; Delete removes it</source>
        <translation>Enterで選択した保存済みアクションを実行、Deleteで削除します</translation>
    </message>
    <message>
        <source>No stored actions yet.
Configure an action in the form and use “Save as stored action”.</source>
        <translation>保存済みアクションはまだありません。
フォームでアクションを設定し、「保存済みアクションとして保存」を使用してください。</translation>
    </message>
    <message>
        <source>Saving stored action…</source>
        <translation>保存済みアクションを保存しています…</translation>
    </message>
    <message>
        <source>Saved %1 as stored action %2.</source>
        <translation>%1を保存済みアクション%2として保存しました。</translation>
    </message>
    <message>
        <source>The run could not be recorded in the history, so it was not sent. %1</source>
        <extracomment>%1 is the database&apos;s own explanation, possibly empty.</extracomment>
        <translation>実行を履歴に記録できなかったため、送信されませんでした。%1</translation>
    </message>
    <message>
        <source>Started a run of %1.</source>
        <translation>%1の実行を開始しました。</translation>
    </message>
    <message>
        <source>Started a run of %1 for the next page.</source>
        <translation>%1の次のページの実行を開始しました。</translation>
    </message>
    <message>
        <source>More results are available: use Next page.</source>
        <translation>さらに結果があります。「次のページ」を使用してください。</translation>
    </message>
    <message>
        <source>Delete the stored action %1 (%2)?
This cannot be undone.</source>
        <translation>保存済みアクション%1（%2）を削除しますか？
この操作は元に戻せません。</translation>
    </message>
    <message>
        <source>Confirm deletion</source>
        <translation>削除の確認</translation>
    </message>
    <message>
        <source>Deleting stored action…</source>
        <translation>保存済みアクションを削除しています…</translation>
    </message>
    <message>
        <source>Loading stored actions…</source>
        <translation>保存済みアクションを読み込んでいます…</translation>
    </message>
</context>
<context>
    <name>ab::ui::StoredRunDialog</name>
    <message>
        <source>Run stored action</source>
        <translation>保存済みアクションを実行</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2) of %3</source>
        <extracomment>%1 is an action&apos;s title (or key), %2 its type, %3 the app it belongs to.</extracomment>
        <translation>%3の&lt;b&gt;%1&lt;/b&gt;（%2）</translation>
    </message>
    <message>
        <source>Stored action</source>
        <translation>保存済みアクション</translation>
    </message>
    <message>
        <source>Edit a value to override it for this run; unchanged rows use the stored value.</source>
        <translation>値を編集すると、この実行に限り上書きされます。変更していない行には保存された値が使われます。</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>入力</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>入力</translation>
    </message>
    <message>
        <source>Lists and objects are sent as stored.</source>
        <translation>リストとオブジェクトは保存されたとおりに送信されます。</translation>
    </message>
    <message>
        <source>&amp;Add input</source>
        <translation>入力を追加(&amp;A)</translation>
    </message>
    <message>
        <source>Add input</source>
        <translation>入力を追加</translation>
    </message>
    <message>
        <source>Re&amp;move input</source>
        <translation>入力を削除(&amp;M)</translation>
    </message>
    <message>
        <source>Remove input</source>
        <translation>入力を削除</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>実行(&amp;R)</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>A password field: sent as stored, and never shown.</source>
        <translation>パスワード フィールド: 保存された値のまま送信され、表示されません。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>The choice saved: %1. Its id, %2, is what is sent; type another id to change it.</source>
        <translation>保存された選択肢: %1。送信されるのはその ID %2 です。変更するには別の ID を入力してください。</translation>
    </message>
</context>
<context>
    <name>ab::ui::TextBlockEditor</name>
    <message>
        <source>Tab inserts spaces; Ctrl+Tab moves to the next field</source>
        <translation>Tabでスペースを挿入、Ctrl+Tabで次のフィールドに移動</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Workbench for Zapier&apos;s embedded Action Runs</source>
        <translation>ZapierのEmbedded Action Runs用ワークベンチ</translation>
    </message>
    <message>
        <source>History database (default: shared with the CLI).</source>
        <translation>履歴データベース（既定: CLIと共有）。</translation>
    </message>
    <message>
        <source>Extra generated apps in the sandbox.</source>
        <translation>サンドボックスに追加で生成するアプリの数。</translation>
    </message>
    <message>
        <source>Open the window on the sandbox, check that the catalog lists, print start-up time and memory, and exit (0 when it works).</source>
        <translation>サンドボックス上でウィンドウを開き、カタログが一覧表示されることを確認し、起動時間とメモリを出力して終了します（成功時の終了コードは0）。</translation>
    </message>
    <message>
        <source>Actionbench</source>
        <translation>Actionbench</translation>
    </message>
    <message>
        <source>The built-in sandbox could not listen on a loopback port.</source>
        <translation>組み込みのサンドボックスがループバックポートで待ち受けできませんでした。</translation>
    </message>
    <message>
        <source>The run history %1 cannot be opened: %2</source>
        <translation>実行履歴%1を開けません: %2</translation>
    </message>
</context>
</TS>
