from __future__ import annotations

import sys

from eventsite.cli import main

sys.exit(main())
