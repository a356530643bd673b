import sys

from netorg.cli import main

sys.exit(main())
