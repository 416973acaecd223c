#include "pictures/exportdialog.h"

#include "export/pictureexport.h"
#include "theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace interleave {

namespace {

struct Preset {
    const char* label;
    int width, height;
    double scale;
};

/// Slide sizes first: a 16:9 picture at 1600×900 with scale 2 is crisp on a 4K projector.
const Preset kPresets[] = {
    {"Slide 16:9 — 1600 × 900, 2× (3200 × 1800 px)", 1600, 900, 2},
    {"Full HD — 1920 × 1080", 1920, 1080, 1},
    {"4K — 1920 × 1080 at 2× (3840 × 2160 px)", 1920, 1080, 2},
    {"Slide 4:3 — 1200 × 900, 2×", 1200, 900, 2},
    {"As on screen", 0, 0, 1},
    {"Custom", -1, -1, 1},
};

} // namespace

ExportDialog::ExportDialog(const Context& context, QWidget* parent)
    : QDialog(parent)
    , m_context(context)
    , m_path(new QLineEdit(context.suggestedPath))
    , m_preset(new QComboBox)
    , m_width(new QSpinBox)
    , m_height(new QSpinBox)
    , m_scale(new QDoubleSpinBox)
    , m_whole(new QRadioButton("Whole trace"))
    , m_view(new QRadioButton("Current view"))
    , m_selection(new QRadioButton("Selection"))
    , m_lanes(new QListWidget)
    , m_theme(new QComboBox)
    , m_title(new QLineEdit(context.title))
    , m_charts(new QCheckBox("Charts under the lanes (queue depth, CPU cores, counters)"))
    , m_legend(new QCheckBox("Legend"))
{
    setWindowTitle("Export Picture");
    setObjectName("exportDialog");

    auto* browse = new QPushButton("Browse…");
    connect(browse, &QPushButton::clicked, this, &ExportDialog::choosePath);
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_path, 1);
    fileRow->addWidget(browse);

    for (const Preset& preset : kPresets)
        m_preset->addItem(preset.label);
    m_width->setRange(200, 16384);
    m_height->setRange(120, 16384);
    m_width->setSuffix(" px");
    m_height->setSuffix(" px");
    m_scale->setRange(0.25, 8);
    m_scale->setSingleStep(0.5);
    m_scale->setPrefix("× ");
    auto* sizeRow = new QHBoxLayout;
    sizeRow->addWidget(m_width);
    sizeRow->addWidget(new QLabel("×"));
    sizeRow->addWidget(m_height);
    sizeRow->addWidget(new QLabel("scale"));
    sizeRow->addWidget(m_scale);
    sizeRow->addStretch();
    connect(m_preset, &QComboBox::currentIndexChanged, this, &ExportDialog::applyPreset);
    for (QSpinBox* box : {m_width, m_height})
        connect(box, &QSpinBox::valueChanged, this,
                [this] { m_preset->setCurrentIndex(int(std::size(kPresets)) - 1); });

    auto* range = new QVBoxLayout;
    range->addWidget(m_whole);
    range->addWidget(m_view);
    range->addWidget(m_selection);
    m_selection->setEnabled(context.hasSelection);
    (context.hasSelection ? m_selection : m_view)->setChecked(true);

    for (const QString& name : context.laneNames) {
        auto* item = new QListWidgetItem(name, m_lanes);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
    }
    m_lanes->setMaximumHeight(140);

    m_theme->addItem("Lecture — large text, thick spans, white", "lecture");
    m_theme->addItem("Light", "light");
    m_theme->addItem("Dark", "dark");
    m_theme->setCurrentIndex(std::max(0, m_theme->findData(context.theme)));
    m_charts->setChecked(true);
    m_legend->setChecked(true);

    auto* form = new QFormLayout;
    form->addRow("File:", fileRow);
    form->addRow("Size:", m_preset);
    form->addRow("", sizeRow);
    form->addRow("Time range:", range);
    form->addRow("Lanes:", m_lanes);
    form->addRow("Look:", m_theme);
    form->addRow("Title:", m_title);
    form->addRow("", m_charts);
    form->addRow("", m_legend);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText("Export");
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_path, &QLineEdit::textChanged, this, &ExportDialog::updateOk);
    connect(m_lanes, &QListWidget::itemChanged, this, &ExportDialog::updateOk);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    applyPreset(0);
    updateOk();
    resize(620, sizeHint().height());
}

void ExportDialog::choosePath()
{
    const QString path = QFileDialog::getSaveFileName(
        this, "Export picture", m_path->text(),
        "PNG image (*.png);;SVG vector drawing (*.svg);;PDF document (*.pdf)");
    if (!path.isEmpty())
        m_path->setText(path);
}

void ExportDialog::applyPreset(int index)
{
    if (index < 0 || index >= int(std::size(kPresets)))
        return;
    const Preset& preset = kPresets[index];
    if (preset.width < 0)
        return; // custom: keep what is there
    const QSize size =
        preset.width == 0 ? m_context.windowSize : QSize(preset.width, preset.height);
    for (QSpinBox* box : {m_width, m_height})
        box->blockSignals(true);
    m_width->setValue(size.width());
    m_height->setValue(size.height());
    for (QSpinBox* box : {m_width, m_height})
        box->blockSignals(false);
    m_scale->setValue(preset.scale);
}

void ExportDialog::updateOk()
{
    bool anyLane = false;
    for (int i = 0; i < m_lanes->count(); ++i)
        anyLane |= m_lanes->item(i)->checkState() == Qt::Checked;
    m_ok->setEnabled(anyLane && pictureFormatFor(m_path->text()).has_value());
    m_ok->setToolTip(pictureFormatFor(m_path->text())
                         ? QString()
                         : "The file name must end in .png, .svg or .pdf");
}

QString ExportDialog::path() const
{
    return m_path->text();
}

PictureOptions ExportDialog::options() const
{
    PictureOptions options;
    options.size = QSize(m_width->value(), m_height->value());
    // A playback frame is exported as it is shown: up to the playhead, the moment ringed.
    options.playhead = m_context.playhead;
    options.momentPoints = m_context.momentPoints;
    options.scale = m_scale->value();
    if (m_view->isChecked()) {
        options.rangeStart = m_context.viewStart;
        options.rangeEnd = m_context.viewEnd;
    } else if (m_selection->isChecked()) {
        options.rangeStart = m_context.selectionStart;
        options.rangeEnd = m_context.selectionEnd;
    }
    bool all = true;
    std::vector<std::uint16_t> lanes;
    for (int i = 0; i < m_lanes->count(); ++i) {
        if (m_lanes->item(i)->checkState() == Qt::Checked)
            lanes.push_back(std::uint16_t(i));
        else
            all = false;
    }
    if (!all)
        options.lanes = std::move(lanes);
    options.theme = &Theme::byName(m_theme->currentData().toString());
    options.title = m_title->text();
    options.charts = m_charts->isChecked();
    options.legend = m_legend->isChecked();
    return options;
}

} // namespace interleave
