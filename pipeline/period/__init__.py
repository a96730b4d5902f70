"""The review period: collect the units' proposals, check them as a whole, consolidate and decide."""
