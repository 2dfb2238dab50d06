"""Writes to the library: uploading an image or a document, replacing an image's file,
deleting an item that nothing uses, and removing the uploads nobody has used.

Every upload is checked by core/validators.py before anything is stored, and a photo wider
than the portal ever shows is resized once (images.renditions.downscale_upload), as the
editor's uploads are. Renditions follow on their own (images/rendition_tracking.py).

Replacing an image's file stores the new content under a new random name; the old file
stays where it was, so a page or a revision that still shows the old address keeps
working. `image_file_replaced` is sent with both addresses: the apps that put the image's
address in their texts (news: article bodies) connect to it and rewrite them
(docs/library.md, "Thay ảnh").
"""

import os

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.dispatch import Signal

from core.validators import validate_attachment_file, validate_image_file
from images.renditions import downscale_upload

from .models import LibraryDocument, LibraryImage
from .selectors import uses_of

# Sent after an image's file was replaced and the row saved, once the transaction commits:
# sender=LibraryImage, image=, old_name=, old_url=, new_url= (storage names and addresses).
image_file_replaced = Signal()


class ItemInUse(Exception):
    """Deleting an item that something still shows; `uses` names them (selectors.uses_of)."""

    def __init__(self, item, uses):
        self.item = item
        self.uses = uses
        super().__init__(f"{item} is in use")


def _validated(file, validator):
    validator(file)
    return file


def upload_image(*, file, organization, uploaded_by, caption="", alt_text="", credit="",
                 is_shared=False) -> LibraryImage:
    """Store one uploaded photo in the library of `organization`. Raises ValidationError
    (in Vietnamese) for anything that is not an acceptable image."""
    _validated(file, validate_image_file)
    image = LibraryImage(
        file=downscale_upload(file), organization=organization, uploaded_by=uploaded_by,
        caption=caption.strip(), alt_text=alt_text.strip(), credit=credit.strip(),
        is_shared=is_shared,
    )
    image.full_clean(exclude=["file"])
    image.save()
    return image


def title_from_name(name: str) -> str:
    """'Chi-thi_20-CT-TW.pdf' → 'Chi thi 20 CT TW': a document's first title."""
    stem = os.path.splitext(os.path.basename(name or ""))[0]
    title = " ".join(stem.replace("_", " ").replace("-", " ").split())
    return title[:300] or "Tài liệu không tên"


def upload_document(*, file, organization, uploaded_by, title="", is_shared=False
                    ) -> LibraryDocument:
    """Store one uploaded document (PDF, Word, Excel, ODT) in the library of `organization`;
    its title is the file's name until someone writes a better one."""
    _validated(file, validate_attachment_file)
    document = LibraryDocument(
        file=file, organization=organization, uploaded_by=uploaded_by, is_shared=is_shared,
        title=(title or "").strip() or title_from_name(getattr(file, "name", "")),
    )
    document.full_clean(exclude=["file"])
    document.save()
    return document


def image_replace_file(*, image: LibraryImage, file) -> LibraryImage:
    """Put a new photo in place of the image's file: same record, caption, uses; new
    renditions. The new content gets a new name (never the old one: browsers and the
    renditions are keyed by it), and `image_file_replaced` tells the texts to follow."""
    _validated(file, validate_image_file)
    old_name = image.file.name
    old_url = image.file.url if old_name else ""
    image.file = downscale_upload(file)
    image.save()
    new_url = image.file.url

    def announce():
        image_file_replaced.send(
            sender=LibraryImage, image=image, old_name=old_name, old_url=old_url,
            new_url=new_url,
        )

    transaction.on_commit(announce)
    return image


def item_delete(*, item) -> None:
    """Delete a library item nothing uses. Raises ItemInUse naming what uses it, also
    when a use appears between the check and the delete (the database's PROTECT)."""
    uses = uses_of(item)
    if uses:
        raise ItemInUse(item, uses)
    try:
        with transaction.atomic():
            item.delete()
    except ProtectedError:
        raise ItemInUse(item, uses_of(item)) from None


def unused_remove(*, items) -> tuple[int, list[str]]:
    """Delete the given unused items and their files (after the commit); those that gained
    a use meanwhile are kept. Returns how many were removed and the names of those kept."""
    removed, kept = 0, []
    for item in items:
        name, storage = item.file.name, item.file.storage
        try:
            item_delete(item=item)
        except ItemInUse:
            kept.append(str(item))
            continue
        removed += 1
        if name:
            transaction.on_commit(lambda n=name, s=storage: s.delete(n))
    return removed, kept


def upload_error_text(error: ValidationError) -> str:
    return " ".join(error.messages)
