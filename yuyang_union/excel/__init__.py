"""Excel import and export on django-import-export, the same way in every app.

- `cells`: formula escaping, blank cells, row errors, a cell's value as an error shows it;
- `widgets`: identifiers, choices by their Chinese label, yes/no, dates and numbers as staff
  write them, look-ups by name;
- `synonyms`: the words staff write for a choice or a yes/no (在会 for 在册, Y/N, √/×);
- `template`, `template_columns`: the file to fill in (example row, drop-downs, 填写说明);
- `columns`: a file's columns by Chinese header;
- `resources`: `ScopedResource`, checked, scoped, masked, all rows or none;
- `admin`: `ScopedImportExportMixin`, the changelist's import, export and template file.

Columns naming a union, an employer or a member are in members.import_columns.
"""
