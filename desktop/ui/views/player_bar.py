"""The transport bar under the reader: play/pause, back/forward 5 s, position, speed, volume,
and whether the reader follows playback.

A plain widget that knows nothing of Qt Multimedia: the media controller drives it, so the
window builds and tests the same with or without the optional media extra.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QStyle,
    QToolButton,
    QWidget,
)

SPEEDS = (0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0)
STEP_SECONDS = 5.0


def clock(seconds: float) -> str:
    """`1:02:03` or `2:03`: how players show positions."""
    whole = max(0, int(seconds))
    hours, minutes, secs = whole // 3600, whole // 60 % 60, whole % 60
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class PlayerBar(QWidget):
    """Controls for one recording; emits what the user asked for."""

    playToggled = Signal()
    stepped = Signal(float)  # seconds, negative to go back
    positionSought = Signal(float)  # seconds
    speedChanged = Signal(float)
    volumeChanged = Signal(int)  # 0-100
    followToggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("playerBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.setSpacing(4)
        style = self.style()
        self.back_button = self._button(
            style.standardIcon(QStyle.StandardPixmap.SP_MediaSeekBackward),
            "Back 5 seconds (Alt+Left, F1)", lambda: self.stepped.emit(-STEP_SECONDS))
        self.play_button = self._button(
            style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay),
            "Play (Ctrl+Space; Space in the reader; Esc)", self.playToggled.emit)
        self.forward_button = self._button(
            style.standardIcon(QStyle.StandardPixmap.SP_MediaSeekForward),
            "Forward 5 seconds (Alt+Right, F2)", lambda: self.stepped.emit(STEP_SECONDS))
        for button in (self.back_button, self.play_button, self.forward_button):
            layout.addWidget(button)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("playerPosition")
        self.slider.setAccessibleName("Playback position")
        self.slider.setRange(0, 0)
        self.slider.sliderMoved.connect(lambda ms: self.positionSought.emit(ms / 1000))
        self.slider.sliderReleased.connect(
            lambda: self.positionSought.emit(self.slider.value() / 1000))
        layout.addWidget(self.slider, 1)
        self.time_label = QLabel("0:00 / 0:00")
        self.time_label.setTextFormat(Qt.TextFormat.PlainText)
        self.time_label.setObjectName("playerTime")
        layout.addWidget(self.time_label)
        self.speed = QComboBox()
        self.speed.setObjectName("playerSpeed")
        self.speed.setAccessibleName("Playback speed")
        self.speed.setToolTip("Playback speed (F4 faster, Shift+F4 slower)")
        for value in SPEEDS:
            self.speed.addItem(f"{value:g}×", value)
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.speed.currentIndexChanged.connect(
            lambda i: self.speedChanged.emit(float(self.speed.itemData(i))))
        layout.addWidget(self.speed)
        volume_icon = QLabel()
        volume_icon.setPixmap(
            style.standardIcon(QStyle.StandardPixmap.SP_MediaVolume).pixmap(16, 16))
        layout.addWidget(volume_icon)
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setObjectName("playerVolume")
        self.volume.setAccessibleName("Volume")
        self.volume.setToolTip("Volume")
        self.volume.setRange(0, 100)
        self.volume.setValue(100)
        self.volume.setFixedWidth(80)
        self.volume.valueChanged.connect(self.volumeChanged.emit)
        layout.addWidget(self.volume)
        self.follow_button = QToolButton()
        self.follow_button.setObjectName("playerFollow")
        self.follow_button.setText("Follow")
        self.follow_button.setToolTip("Scroll the reader with playback")
        self.follow_button.setCheckable(True)
        self.follow_button.setChecked(True)
        self.follow_button.toggled.connect(self.followToggled.emit)
        layout.addWidget(self.follow_button)
        self.message = QLabel()
        self.message.setObjectName("playerMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message, 1)
        self._duration = 0.0

    def _button(self, icon: object, tip: str, slot: object) -> QToolButton:
        button = QToolButton()
        button.setIcon(icon)  # type: ignore[arg-type]
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    # -- driven by the controller ----------------------------------------------------------

    def set_playing(self, playing: bool) -> None:
        """Show Pause while playing, Play otherwise."""
        pixmaps = QStyle.StandardPixmap
        pixmap = pixmaps.SP_MediaPause if playing else pixmaps.SP_MediaPlay
        self.play_button.setIcon(self.style().standardIcon(pixmap))
        self.play_button.setAccessibleName("Pause" if playing else "Play")

    def set_duration(self, seconds: float) -> None:
        self._duration = max(0.0, seconds)
        self.slider.setRange(0, int(self._duration * 1000))
        self._show_time(self.slider.value() / 1000)

    def set_position(self, seconds: float) -> None:
        if not self.slider.isSliderDown():
            self.slider.setValue(int(seconds * 1000))
        self._show_time(seconds)

    def set_speed(self, speed: float) -> None:
        """Select the nearest listed speed (without emitting speedChanged twice)."""
        nearest = min(range(len(SPEEDS)), key=lambda i: abs(SPEEDS[i] - speed))
        self.speed.setCurrentIndex(nearest)

    def step_speed(self, step: int) -> None:
        """One listed speed faster (+1) or slower (-1)."""
        index = max(0, min(len(SPEEDS) - 1, self.speed.currentIndex() + step))
        self.speed.setCurrentIndex(index)

    def show_message(self, text: str) -> None:
        """Replace the controls with one sentence (no media backend, a file that won't play)."""
        for child in self.findChildren(QWidget):
            if child is not self.message:
                child.setVisible(not text)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _show_time(self, seconds: float) -> None:
        self.time_label.setText(f"{clock(seconds)} / {clock(self._duration)}")
