"""ipwarden: open intellectual-property protection for cross-border e-commerce."""

from ipwarden.errors import IpwardenError

__all__ = ["IpwardenError", "__version__"]
__version__ = "0.1.0"
