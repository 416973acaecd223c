#include "panels/parameterform.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <cmath>

namespace interleave {

ParameterForm::ParameterForm(QWidget* parent)
    : QWidget(parent)
    , m_layout(new QFormLayout(this))
{
    m_layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_layout->setLabelAlignment(Qt::AlignRight);
    // A long label puts its field on the next line rather than squeezing it.
    m_layout->setRowWrapPolicy(QFormLayout::WrapLongRows);
}

void ParameterForm::setParameters(const std::vector<ParameterSpec>& specs)
{
    while (m_layout->rowCount() > 0)
        m_layout->removeRow(0);
    m_fields.clear();
    for (const ParameterSpec& spec : specs) {
        Field field;
        field.spec = spec;
        const QString help = QString::fromStdString(spec.help);
        switch (spec.type) {
        case ParameterType::Integer: {
            auto* box = new QSpinBox;
            box->setRange(int(std::max(spec.minimum, -2147483647.0)),
                          int(std::min(spec.maximum, 2147483647.0)));
            box->setValue(int(std::get<std::int64_t>(spec.defaultValue)));
            box->setGroupSeparatorShown(spec.maximum >= 100'000);
            if (!spec.unit.empty())
                box->setSuffix(" " + QString::fromStdString(spec.unit));
            connect(box, &QSpinBox::valueChanged, this, &ParameterForm::changed);
            field.editor = box;
            break;
        }
        case ParameterType::Real: {
            auto* box = new QDoubleSpinBox;
            box->setDecimals(spec.maximum <= 10 ? 3 : 1);
            box->setRange(spec.minimum, spec.maximum);
            box->setSingleStep(spec.maximum <= 10 ? 0.1 : 10);
            box->setValue(std::get<double>(spec.defaultValue));
            if (!spec.unit.empty())
                box->setSuffix(" " + QString::fromStdString(spec.unit));
            connect(box, &QDoubleSpinBox::valueChanged, this, &ParameterForm::changed);
            field.editor = box;
            break;
        }
        case ParameterType::Boolean: {
            auto* box = new QCheckBox;
            box->setChecked(std::get<bool>(spec.defaultValue));
            connect(box, &QCheckBox::toggled, this, &ParameterForm::changed);
            field.editor = box;
            break;
        }
        case ParameterType::Choice: {
            auto* box = new QComboBox;
            for (const std::string& choice : spec.choices)
                box->addItem(QString::fromStdString(choice));
            box->setCurrentText(QString::fromStdString(std::get<std::string>(spec.defaultValue)));
            connect(box, &QComboBox::currentIndexChanged, this, &ParameterForm::changed);
            field.editor = box;
            break;
        }
        }
        field.editor->setObjectName(QString::fromStdString(spec.name));
        field.editor->setToolTip(help + QString("\n(%1)").arg(QString::fromStdString(spec.name)));
        auto* label = new QLabel(QString::fromStdString(spec.label));
        label->setToolTip(field.editor->toolTip());
        m_layout->addRow(label, field.editor);
        m_fields.push_back(field);
    }
}

QString ParameterForm::text(const Field& field) const
{
    switch (field.spec.type) {
    case ParameterType::Integer:
        return QString::number(static_cast<QSpinBox*>(field.editor)->value());
    case ParameterType::Real:
        return QString::number(static_cast<QDoubleSpinBox*>(field.editor)->value(), 'g', 12);
    case ParameterType::Boolean:
        return static_cast<QCheckBox*>(field.editor)->isChecked() ? "true" : "false";
    case ParameterType::Choice: return static_cast<QComboBox*>(field.editor)->currentText();
    }
    return {};
}

std::vector<std::pair<std::string, std::string>> ParameterForm::assignments() const
{
    std::vector<std::pair<std::string, std::string>> out;
    for (const Field& field : m_fields)
        out.emplace_back(field.spec.name, text(field).toStdString());
    return out;
}

bool ParameterForm::setValue(const std::string& name, const std::string& value)
{
    for (Field& field : m_fields) {
        if (field.spec.name != name)
            continue;
        ParameterValue parsed;
        try {
            parsed = parseParameterValue(field.spec, value);
        } catch (const std::exception&) {
            return false;
        }
        switch (field.spec.type) {
        case ParameterType::Integer:
            static_cast<QSpinBox*>(field.editor)->setValue(int(std::get<std::int64_t>(parsed)));
            break;
        case ParameterType::Real:
            static_cast<QDoubleSpinBox*>(field.editor)->setValue(std::get<double>(parsed));
            break;
        case ParameterType::Boolean:
            static_cast<QCheckBox*>(field.editor)->setChecked(std::get<bool>(parsed));
            break;
        case ParameterType::Choice:
            static_cast<QComboBox*>(field.editor)
                ->setCurrentText(QString::fromStdString(std::get<std::string>(parsed)));
            break;
        }
        return true;
    }
    return false;
}

void ParameterForm::setAssignments(
    const std::vector<std::pair<std::string, std::string>>& assignments)
{
    for (const auto& [name, value] : assignments)
        setValue(name, value);
}

void ParameterForm::resetToDefaults()
{
    for (const Field& field : m_fields)
        setValue(field.spec.name, formatParameterValue(field.spec.defaultValue));
}

} // namespace interleave
