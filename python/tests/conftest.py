import os
import sys

# The tests run against the installed package, never the source tree.
HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(HERE)
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.getcwd()) not in (SRC,)]
