"""Callbacks and care (回访与客户关怀): callback tasks, the rules that create them,
the workbench."""
