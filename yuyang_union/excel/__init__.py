"""Excel import and export on django-import-export, the same way in every app.

- `cells`: formula escaping, blank cells, row errors;
- `widgets`: identifiers, choices by their Chinese label, yes/no, look-ups by name;
- `columns`: a file's columns by Chinese header;
- `resources`: `ScopedResource`, checked, scoped, masked, all rows or none;
- `admin`: `ScopedImportExportMixin`, the changelist's import, export and template file.

Columns naming a union, an employer or a member are in members.import_columns.
"""
