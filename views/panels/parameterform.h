#pragma once

#include "scenario/parameters.h"

#include <QWidget>
#include <vector>

class QFormLayout;

namespace interleave {

/// A form generated from a scenario's typed parameters: spin boxes with the allowed range,
/// check boxes, choices. Values outside a range cannot be entered.
class ParameterForm : public QWidget {
    Q_OBJECT
public:
    explicit ParameterForm(QWidget* parent = nullptr);

    void setParameters(const std::vector<ParameterSpec>& specs);
    /// name=value for every parameter, as --set spells them.
    std::vector<std::pair<std::string, std::string>> assignments() const;
    /// Fills in values (unknown names and bad values are ignored).
    void setAssignments(const std::vector<std::pair<std::string, std::string>>& assignments);
    /// Sets one parameter; false if there is no such parameter or the value is not allowed.
    bool setValue(const std::string& name, const std::string& value);
    void resetToDefaults();

signals:
    void changed();

private:
    struct Field {
        ParameterSpec spec;
        QWidget* editor = nullptr;
    };
    QString text(const Field& field) const;

    QFormLayout* m_layout;
    std::vector<Field> m_fields;
};

} // namespace interleave
