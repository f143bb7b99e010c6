# The field moved to the toolkit; its old path stays importable for the early migrations.
from yuyang_union.choice_array import ChoiceArrayField

__all__ = ["ChoiceArrayField"]
