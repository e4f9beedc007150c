from handover.initial import Migration  # noqa: F401
