#pragma once

#include "cli/command.h"

namespace ab::cli {

class FormFiller;

// `fields --app APP --action KEY [--connection ID] [--set id=value ...]`: the form after
// applying every value in order, with the values and what validation would say.
class FieldsCommand final : public Command {
    Q_OBJECT

public:
    using Command::Command;
    void start() override;

private:
    void report(FormFiller *filler);
};

} // namespace ab::cli
