"""One app instance per data folder: a lock file (stale after a crash is cleared) and a local
socket.

The second instance asks the first to come forward, then tells its user and exits.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket


def _server_name(data_dir: Path) -> str:
    return "contractdesk-" + hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]


class SingleInstance(QObject):
    """Signals:
    activation_requested(): another instance asked this one to come forward.
    """

    activation_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.lock = QLockFile(str(self.data_dir / "contractdesk.lock"))
        self.lock.setStaleLockTime(0)  # stale only when the owning process is gone (pid check)
        self.server: QLocalServer | None = None

    def acquire(self) -> bool:
        """True when this process now owns the data folder; a lock left by a crash is removed."""
        self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not self.lock.tryLock(200):
            if self.lock.error() == QLockFile.LockError.LockFailedError:
                return False
            self.lock.removeStaleLockFile()
            if not self.lock.tryLock(200):
                return False
        name = _server_name(self.data_dir)
        QLocalServer.removeServer(name)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._on_connection)
        self.server.listen(name)
        return True

    def _on_connection(self) -> None:
        assert self.server is not None
        socket = self.server.nextPendingConnection()
        if socket is not None:
            socket.disconnectFromServer()
            socket.deleteLater()
        self.activation_requested.emit()

    def ask_first_to_come_forward(self) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(_server_name(self.data_dir))
        ok = socket.waitForConnected(500)
        socket.disconnectFromServer()
        return ok

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        if self.lock.isLocked():
            self.lock.unlock()
