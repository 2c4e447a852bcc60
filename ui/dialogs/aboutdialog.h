#pragma once

#include <QDialog>

class QLabel;

namespace ab::ui {

// Help › About: the version (from the one place CMake sets it), the license, and the Qt version
// the app was built with and runs on.
class AboutDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AboutDialog)

public:
    explicit AboutDialog(QWidget *parent = nullptr);

    QString text() const; // what the dialog says, for tests and screen readers

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QLabel *m_label;
};

} // namespace ab::ui
