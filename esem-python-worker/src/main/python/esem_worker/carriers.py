"""Data carriers: dataclass instances, pydantic models and named tuples cross as the
dict of their fields, in declaration order.

None of their modules is imported here: an instance of a dataclass or a pydantic
model cannot exist before its module was imported by someone.
"""

import sys

__all__ = ["fields_of"]


def fields_of(value):
    """The dict of fields of a data carrier, or None when ``value`` is not one."""
    cls = type(value)
    if isinstance(value, tuple):
        # collections.namedtuple and typing.NamedTuple classes both have _fields
        return value._asdict() if hasattr(cls, "_fields") and hasattr(value, "_asdict") else None
    if hasattr(cls, "__dataclass_fields__"):
        dataclasses = sys.modules["dataclasses"]
        return {field.name: getattr(value, field.name) for field in dataclasses.fields(value)}
    pydantic = sys.modules.get("pydantic")
    if pydantic is not None and isinstance(value, pydantic.BaseModel) and hasattr(cls, "model_fields"):
        # pydantic's own view of the model: aliases off, excluded fields left out,
        # nested models as dicts, other values (Decimal, UUID, datetime...) as they are
        return value.model_dump()
    return None
