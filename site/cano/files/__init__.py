"""Uploaded files: where they are stored and how they are served.

Everything that needs a permission check (workgroup attachments, intervision documents, Wagtail
documents, image originals and the renditions of staff-only images) lives in PRIVATE_MEDIA_ROOT and
is served only by views that check permission first. MEDIA_ROOT holds nothing but the renditions of
public images (and admin profile pictures), so a proxy or `make run` serving it exposes nothing private.
"""
