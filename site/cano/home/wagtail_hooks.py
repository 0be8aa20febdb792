"""The shared pages' part of the demo: contact details, the statements and short addresses."""

from cano.hooks import register_demo_seed

from . import demo

# After every app's seed: the short addresses lead to the pages the apps made.
register_demo_seed(demo.seed, order=90)
