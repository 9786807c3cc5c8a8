"""Import a module while some of its optional dependencies look absent.

lightgbm imports pandas, scikit-learn … when they are installed (130 MB more per summarizer
process); nltk imports SciPy. Hidden only during the import: they stay importable afterwards.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType


def import_hiding(name: str, optional: tuple[str, ...]) -> ModuleType:
    """``import name`` with the modules in ``optional`` that are not loaded yet made to fail."""
    if name in sys.modules:
        return sys.modules[name]
    hidden = [module for module in optional if module not in sys.modules]
    for module in hidden:
        sys.modules[module] = None  # type: ignore[assignment]  # makes "import module" fail
    try:
        return importlib.import_module(name)
    finally:
        for module in hidden:
            if sys.modules.get(module, ...) is None:
                del sys.modules[module]
