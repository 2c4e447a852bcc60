#include "dialogs/accountsinput.h"
#include "dialogs/accountsmessages.h"

#include <QTest>

using namespace ab::ui;

// What the Accounts dialog does to pasted text before it reaches the signer or the service.
class TestAccountsInput final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void normalisePem_rewrapsAKeyWhoseNewlinesBecameSpaces()
    {
        const QString body = QString(100, QLatin1Char('A'));
        const QString flat = QStringLiteral("  -----BEGIN PRIVATE KEY----- ") + body.left(50) +
                             QLatin1Char(' ') + body.mid(50) +
                             QStringLiteral(" -----END PRIVATE KEY-----  ");
        const QString pem = accountsinput::normalisePem(flat);
        QCOMPARE(pem, QStringLiteral("-----BEGIN PRIVATE KEY-----\n") + body.left(64) +
                          QLatin1Char('\n') + body.mid(64) +
                          QStringLiteral("\n-----END PRIVATE KEY-----\n"));
        QVERIFY(accountsinput::looksLikePrivateKey(pem));
        // Idempotent on a well-formed key.
        QCOMPARE(accountsinput::normalisePem(pem), pem);
    }

    void normalisePem_leavesOtherTextAlone()
    {
        QCOMPARE(accountsinput::normalisePem(QStringLiteral("  not a key ")),
                 QStringLiteral("not a key"));
        QVERIFY(!accountsinput::looksLikePrivateKey(QStringLiteral("not a key")));
        QVERIFY(!accountsinput::looksLikePrivateKey(
            QStringLiteral("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")));
        QVERIFY(accountsinput::looksLikePrivateKey(
            QStringLiteral("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----")));
    }

    void looksLikeJwt_wantsThreeBase64UrlParts()
    {
        QVERIFY(accountsinput::looksLikeJwt(QStringLiteral("eyJh.eyJz.c2ln")));
        QVERIFY(accountsinput::looksLikeJwt(QStringLiteral(" a-b.c_d.e \n")));
        QVERIFY(!accountsinput::looksLikeJwt(QStringLiteral("a.b")));
        QVERIFY(!accountsinput::looksLikeJwt(QStringLiteral("a..c")));
        QVERIFY(!accountsinput::looksLikeJwt(QStringLiteral("a.b.c d")));
    }

    void validate_namesTheField()
    {
        using Check = AccountsMessages::Check;
        QVERIFY(AccountsMessages::validate(Check::Required, QStringLiteral(" "),
                                           QStringLiteral("Client ID"))
                    .contains(QLatin1String("Client ID")));
        QVERIFY(AccountsMessages::validate(Check::Url, {}, {}).isEmpty()); // the default
        QVERIFY(!AccountsMessages::validate(Check::Url, QStringLiteral("ftp://x"), {}).isEmpty());
        QVERIFY(AccountsMessages::validate(Check::Url, QStringLiteral("https://x.example/t"), {})
                    .isEmpty());
    }

    void signedIn_saysHowLongTheTokenLasts()
    {
        QCOMPARE(AccountsMessages::signedIn(0), QStringLiteral("Signed in."));
        QCOMPARE(AccountsMessages::signedIn(59 * 60 + 30),
                 QStringLiteral("Signed in — token valid for 60 min"));
        QCOMPARE(AccountsMessages::signedIn(36000),
                 QStringLiteral("Signed in — token valid for 10 h"));
    }
};

QTEST_GUILESS_MAIN(TestAccountsInput)
#include "tst_accountsinput.moc"
