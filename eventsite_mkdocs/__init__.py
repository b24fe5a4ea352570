"""The MkDocs adapter of eventsite: everything that knows MkDocs, Material for MkDocs or
mkdocs-static-i18n. The `eventsite` package itself knows none of them.

- `plugin.py`: the MkDocs plugin (`plugins: [eventsite]` in mkdocs.yml); its methods are
  the build's steps, each one call into the build object (`site_build.py`).
- `i18n.py`, `search.py`, `sitemap.py`: the layout mkdocs-static-i18n and Material give a
  site (which language is building, the 404 page, the search index, the sitemap).
- `parallel.py` (`python -m eventsite_mkdocs build`): one MkDocs build per language in
  worker processes, merged into the same site as `mkdocs build`.
"""
