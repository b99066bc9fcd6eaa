"""``python -m smt_dashboard.validate [DATA_DIR]``: check every dataset after editing a CSV."""

import sys

from smt_dashboard.validation import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else None))
