"""HTTP routes; each handler delegates to :class:`gateway.service.Gateway`."""
