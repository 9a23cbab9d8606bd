"""peacecorpus: fast, C-backed analysis of news corpora about peace processes.

>>> import peacecorpus as pc
>>> doc = pc.parse("ALSO READ: Something else\\nThe talks resumed on Jan. 5. Both sides attended.")
>>> [s.text for s in doc.sentences]
['The talks resumed on Jan. 5.', 'Both sides attended.']
>>> doc.removed[0].reason
'teaser'
"""
from .corpus import Corpus, decode_bytes, read, read_dir, read_parquet
from .corpus import open as open  # pc.open(path); not in __all__ (see below)
from .gazetteer import Gazetteer
from .entities import Entity, EntityExtractor
from .document import DEFAULT_MAX_BYTES, Document, Removed, Span, Token, parse
from . import errors, tables
from ._ingest import IngestResult, ingest
from ._progress import progress

import warnings as _warnings

# ``python -m peacecorpus.tables`` runs a module this package has already
# imported (it is the registry every module reads); runpy's warning about
# that is noise here.
_warnings.filterwarnings("ignore", message=r"'peacecorpus\.tables' found in sys\.modules",
                         category=RuntimeWarning)

__version__ = "0.1.0"

__all__ = [
    "Corpus", "Document", "Entity", "EntityExtractor", "Gazetteer", "Removed", "Span", "Token", "parse", "read",
    "read_dir", "decode_bytes", "errors", "tables", "DEFAULT_MAX_BYTES", "__version__",
    # ``open`` is deliberately not in __all__: a star import must not shadow builtins.open.
    "ingest", "read_parquet", "IngestResult", "progress",
]
