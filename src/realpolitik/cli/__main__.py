"""python -m realpolitik.cli"""
from . import main

main()
