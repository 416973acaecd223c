#pragma once

#include "export/pictureoptions.h"

#include <QDialog>
#include <QStringList>
#include <cstdint>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QListWidget;
class QRadioButton;
class QSpinBox;

namespace interleave {

/// Asks how to export a picture of the timeline: file (its extension picks PNG, SVG or PDF),
/// size and scale, time range, lanes, look, title, and whether to add the charts and legend.
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    struct Context {
        QStringList laneNames;
        QString title;
        QString theme;    ///< The window's theme, offered first.
        QSize windowSize; ///< Of the timeline, for "as on screen".
        std::uint64_t viewStart, viewEnd;
        bool hasSelection;
        std::uint64_t selectionStart, selectionEnd; ///< Relative to the trace start.
        QString suggestedPath;
        std::optional<std::uint64_t> playhead; ///< Playback's, relative to the trace start.
        std::vector<MomentPoint> momentPoints;
    };

    ExportDialog(const Context& context, QWidget* parent = nullptr);

    QString path() const;
    PictureOptions options() const;

private:
    void choosePath();
    void applyPreset(int index);
    void updateOk();

    Context m_context;
    QLineEdit* m_path;
    QComboBox* m_preset;
    QSpinBox* m_width;
    QSpinBox* m_height;
    QDoubleSpinBox* m_scale;
    QRadioButton* m_whole;
    QRadioButton* m_view;
    QRadioButton* m_selection;
    QListWidget* m_lanes;
    QComboBox* m_theme;
    QLineEdit* m_title;
    QCheckBox* m_charts;
    QCheckBox* m_legend;
    QPushButton* m_ok = nullptr;
};

} // namespace interleave
