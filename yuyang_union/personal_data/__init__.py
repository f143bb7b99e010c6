"""Personal data (PIPL): how ID numbers and mobile phones are kept, shown and traced.

- `crypto`: the keys (from settings.PERSONAL_DATA_KEY), encryption and keyed digests;
- `fields`: model fields that store an identifier encrypted, beside its digest;
- `masking`: how identifiers look to users who may not see them in full;
- `models` and `access_log`: the log of every showing in full;
- `admin`: the ModelAdmin mixin that masks identifiers in lists and forms;
- `error_reports`: error reports and logs with identifiers masked.
"""
