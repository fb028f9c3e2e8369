"""The main window: configurations, the form, the request preview and the result.

The window holds no API knowledge: it asks the core to validate, prepare,
mint, save, import and convert, and runs the mint on a pool (``worker``).
Everything that touches the outside world is injected (see :class:`Services`),
so tests drive the real window without patching Qt.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QComboBox, QFrame, QHBoxLayout, QLabel, QMainWindow, QMessageBox, QProgressBar, QPushButton,
    QSplitter, QTabWidget, QVBoxLayout, QWidget,
)

from .. import __version__
from ..core.body import build_body, convert
from ..core.config import Configuration
from ..core.declaration import ENDPOINTS, endpoint, field_for_path
from ..core.errors import (
    AuthenticationError, BetaShapeDisabledError, ConfigurationInvalidError, InvalidRequestError,
    KeyringUnavailableError, MintError, NoApiKeyError, scrub,
)
from ..core.prepare import prepare_request, service_summary
from ..core.request import Credentials
from ..core.service import load_configuration, mint_configuration, save_configuration, stash_secrets
from ..core.store import ConfigStoreError, atomic_write_text
from ..core.validate import Problem, validate
from .app_services import Services
from .config_list import ConfigList, ImportDialog, Imported, read_import
from .connection import ConnectionSection
from .form import FormView
from .keys_dialog import KeysDialog
from .preview import PreviewContent, RequestPreview
from .result_panel import ResultPanel
from .style import STYLE_SHEET, muted
from .worker import CancellableJob, TaskRunner
