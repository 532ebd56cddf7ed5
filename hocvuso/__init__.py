"""Học vụ số: curriculum model, checks and renderings for the Bình dân học vụ số courseware.

The core never imports MkDocs; `hocvuso.mkdocs_plugin` is the only adapter.
"""

from __future__ import annotations

__version__ = "0.1.0"
