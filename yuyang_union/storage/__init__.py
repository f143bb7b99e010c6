"""Where the portal keeps files, so that any number of web nodes and workers share them.

Four storages of `settings.STORAGES`, each reached by its alias through Django's storage API:

- "default": public uploads (event images, competition rules), served at their URL;
- "case_documents": legal-aid case documents, confidential;
- "job_results": result files of jobs (exports, error copies, an import's staged rows);
- "import_uploads": import files waiting between their check and their confirmation.

Unconfigured, each is a local folder (MEDIA_ROOT, PRIVATE_MEDIA_ROOT, JOB_RESULT_DIR,
IMPORT_UPLOAD_DIR; the three private ones 0700, files 0600: `folders.PrivateFolderStorage`).
With STORAGE_S3_BUCKET set, all four are prefixes of one S3-compatible bucket (MinIO, or any
S3 service): `object_storage`. The private ones never have a URL: the views that check who
may see a file stream it from the storage.
"""
