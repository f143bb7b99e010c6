"""Fault drills: re-run the faults the portal must survive and count what was lost.

`manage.py fault_drill` runs every drill of `registry.DRILLS` and prints, for each, what it
tried and how much was lost (0 is the only good answer). A drill is a function taking no
argument and returning a `DrillResult`; add one to the list to add a drill.
"""
