"""Reading uploaded files with a size limit, for the API and the pages."""

from __future__ import annotations

from fastapi import UploadFile

from apprenance.errors import InputError

MAX_UPLOAD = 5 * 1024 * 1024


async def read_upload(file: UploadFile, limit: int = MAX_UPLOAD) -> bytes:
    """The bytes of an uploaded file, refused when empty or larger than ``limit``."""
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"the file is larger than {limit // (1024 * 1024)} MiB")
    if not data:
        raise InputError("the file is empty")
    return data
