"""Checks for applicants' uploads (SPEC 5.2) and the red-background ID photo check.

The allowed types live here. An upload is accepted only when its extension and its content agree;
images are decoded under a pixel limit and re-encoded, so what is stored is exactly the pixels that
were checked (no metadata or comments, no trailing bytes). Of an animated GIF or PNG only the first frame is
decoded and kept: evidence is a still picture, and decoding every frame of a large canvas is
unbounded work. PDFs may contain only what scanned and ordinary text documents need.
"""

import hashlib
import logging
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import PurePath

import filetype
import pypdf
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, ImageOps, UnidentifiedImageError

# extension -> (content type, Pillow format or None for PDF)
ALLOWED_TYPES: dict[str, tuple[str, str | None]] = {
    "pdf": ("application/pdf", None),
    "jpg": ("image/jpeg", "JPEG"),
    "jpeg": ("image/jpeg", "JPEG"),
    "png": ("image/png", "PNG"),
    "gif": ("image/gif", "GIF"),
}
# Everything stored has one of these content types.
CONTENT_TYPES = frozenset(content_type for content_type, _format in ALLOWED_TYPES.values())
ALLOWED_TYPES_LABEL = "、".join(ALLOWED_TYPES)
# The ID photo: the JPEG and PNG entries of ALLOWED_TYPES.
PHOTO_TYPES = tuple(ext for ext, (_type, pillow_format) in ALLOWED_TYPES.items() if pillow_format in ("JPEG", "PNG"))
PHOTO_TYPES_LABEL = f"{'、'.join(PHOTO_TYPES[:-1])} 或 {PHOTO_TYPES[-1]}"

# What an evidence PDF may contain: anything else, in particular a kind not listed, is refused.
# The /Type of a dictionary.
PDF_ALLOWED_TYPES = frozenset(
    {
        "Catalog",
        "Pages",
        "Page",
        "Font",
        "FontDescriptor",
        "Encoding",
        "CMap",
        "XObject",
        "ExtGState",
        "Pattern",
        "Group",
        "Mask",
        "Halftone",
        "OutputIntent",
        "Metadata",
        "Annot",
        "Border",
        "Action",
        "Outlines",
        "StructTreeRoot",
        "StructElem",
        "OBJR",
        "MCR",
        "MarkInfo",
        "OCG",
        "OCMD",
        "ObjStm",
        "XRef",
        # Digital signatures (an electronic certificate, a 学信网 report): the signature and its
        # references, time stamps and the validation data of long-term signatures.
        "Sig",
        "SigRef",
        "TransformParams",
        "DocTimeStamp",
        "DSS",
        "VRI",
        "SigFieldLock",
    }
)
# The /Subtype of fonts, images and form XObjects, font files, metadata and annotations.
PDF_ALLOWED_SUBTYPES = frozenset(
    {
        "Type0",
        "Type1",
        "MMType1",
        "Type3",
        "TrueType",
        "CIDFontType0",
        "CIDFontType2",
        "Type1C",
        "CIDFontType0C",
        "OpenType",
        "Image",
        "Form",
        "XML",
        "Link",
        "Text",
        "Popup",
        "Highlight",
        "Underline",
        "StrikeOut",
        "Squiggly",
        # Drawn markup (a stamp or a note drawn on a scan): appearance only, no action.
        "FreeText",
        "Square",
        "Circle",
        "Line",
        "Polygon",
        "PolyLine",
        "Ink",
        "Stamp",
        "Caret",
        # The visible box of a signature field (its field type is checked apart).
        "Widget",
    }
)
# The /S of actions: a jump inside the document; a web link only as the reader clicks it
# (PDF_WEB_SCHEMES), never on opening or showing a page (/OpenAction, /AA).
PDF_ALLOWED_ACTIONS = frozenset({"GoTo"})
PDF_CLICKED_ACTIONS = frozenset({"URI"})
PDF_WEB_SCHEMES = ("http://", "https://")
# The only form fields a PDF may have: signature fields.
PDF_ALLOWED_FIELD_TYPES = frozenset({"Sig"})
# Other meanings of /S: transparency groups, soft masks, page-label numbering, border styles,
# page transitions, output intents.
PDF_ALLOWED_STYLES = frozenset(
    {"Transparency", "Luminosity", "Alpha", "D", "R", "r", "A", "a", "S", "B", "I", "U"}
    | {"Split", "Blinds", "Box", "Wipe", "Dissolve", "Glitter", "Fly", "Push", "Cover", "Uncover", "Fade"}
    | {"GTS_PDFA1", "GTS_PDFX", "ISO_PDFE1"}
)
# Keys that trigger actions, carry files, scripts or forms, whatever their value.
PDF_FORBIDDEN_KEYS = frozenset(
    {
        "AA",
        "JS",
        "JavaScript",
        "Launch",
        "GoToR",
        "GoToE",
        "SubmitForm",
        "ImportData",
        "RichMedia",
        "EmbeddedFile",
        "EmbeddedFiles",
        "EF",
        "FileAttachment",
        "XFA",
        "Collection",
    }
)

# Images larger than this are refused before they are decoded (Pillow's decompression-bomb guard
# is also turned into an error).
MAX_IMAGE_PIXELS = 40_000_000
# What a re-encoded image keeps of its decoder's `info`: nothing but transparency.
IMAGE_INFO_KEPT = frozenset({"transparency"})


@dataclass(frozen=True)
class PhotoSize:
    """Proportions of an ID photo and the range of its width; the heights follow from the ratio."""

    ratio_width: int
    ratio_height: int
    tolerance: float  # allowed difference of width/height from the ratio
    min_width: int
    max_width: int

    def height_for(self, width: int) -> int:
        return round(width * self.ratio_height / self.ratio_width)

    def fits(self, width: int, height: int) -> bool:
        ratio = self.ratio_width / self.ratio_height
        return abs(width / height - ratio) <= self.tolerance and self.min_width <= width <= self.max_width

    def describe(self) -> str:
        return (
            f"宽高比约 {self.ratio_width}:{self.ratio_height}，"
            f"{self.min_width}×{self.height_for(self.min_width)} 至 "
            f"{self.max_width}×{self.height_for(self.max_width)} 像素"
        )


# Passport proportions 5:7, from the one-inch photo (295×413) to twice the two-inch one (413×579).
PHOTO_SIZE = PhotoSize(ratio_width=5, ratio_height=7, tolerance=0.04, min_width=295, max_width=826)
PHOTO_BORDER_SHARE = 0.08  # width of the border band, as a share of each side
PHOTO_MIN_RED_SHARE = 0.7


@dataclass
class CheckedUpload:
    """An upload whose type is known and whose bytes are ready to store."""

    original_name: str
    extension: str
    content_type: str
    content: File  # a file object positioned at 0
    size: int
    sha256: str
    image: Image.Image | None = None  # the decoded image, for further checks


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def type_error() -> ValidationError:
    return _refuse(
        f"文件类型不符合要求：只能上传 {ALLOWED_TYPES_LABEL} 格式的文件，且文件内容须与扩展名一致。", "type"
    )


def clean_original_name(name: str) -> str:
    base = PurePath(name.replace("\\", "/")).name
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '"<>')
    return base[-200:] or "file"


def check_upload(upload: UploadedFile, allowed: tuple[str, ...] | None = None) -> CheckedUpload:
    """Validate one uploaded file, or raise ValidationError with a Chinese message."""
    name = clean_original_name(upload.name or "")
    extension = PurePath(name).suffix.lower().lstrip(".")
    allowed = allowed or tuple(ALLOWED_TYPES)
    if extension not in allowed:
        if allowed == PHOTO_TYPES:
            raise _refuse(f"照片只能是 {PHOTO_TYPES_LABEL} 格式的图片。", "type")
        raise type_error()
    if upload.size > settings.UPLOAD_MAX_FILE_SIZE:
        limit_mb = settings.UPLOAD_MAX_FILE_SIZE / (1024 * 1024)
        raise _refuse(f"文件过大：单个文件不能超过 {limit_mb:g} MB。", "size")
    if upload.size == 0:
        raise _refuse("文件是空的，请重新选择。", "empty")

    content_type, pillow_format = ALLOWED_TYPES[extension]
    upload.seek(0)
    guessed = filetype.guess(upload.read(261))
    upload.seek(0)
    if guessed is None or guessed.mime != content_type:
        raise type_error()

    if pillow_format is None:
        _check_pdf(upload)
        content, size, digest = _copy_with_digest(upload)
        return CheckedUpload(name, extension, content_type, content, size, digest)

    image = _decode_image(upload, pillow_format)
    try:
        content, size, digest = _reencode(image, pillow_format)
    except (OSError, SyntaxError, ValueError, EOFError):
        raise _broken_image() from None
    return CheckedUpload(name, extension, content_type, content, size, digest, image=image)


def _check_pdf(upload: UploadedFile) -> None:
    upload.seek(0)
    head = upload.read(5)
    upload.seek(max(upload.size - 2048, 0))
    tail = upload.read()
    upload.seek(0)
    if head != b"%PDF-" or b"%%EOF" not in tail:
        raise _pdf_damaged()
    _check_pdf_objects(upload)
    upload.seek(0)


def _pdf_damaged() -> ValidationError:
    return _refuse("PDF 文件不完整或已损坏，请重新导出后上传。", "pdf")


def _pdf_active() -> ValidationError:
    return _refuse(
        "PDF 文件包含脚本、附件、外部链接或表单等可执行内容，不能上传。请用“打印为 PDF”或扫描重新生成后上传。",
        "pdf_active",
    )


class _PdfContentRefused(Exception):
    pass


def _check_pdf_objects(upload: UploadedFile) -> None:
    """Every object the cross-reference lists, including those packed in compressed object
    streams, must hold only allowed kinds (names may hide letters behind #xx escapes; the parser
    decodes them)."""
    upload.seek(0)
    pypdf_logger = logging.getLogger("pypdf")
    level = pypdf_logger.level
    pypdf_logger.setLevel(logging.ERROR)  # repairs of sloppy but harmless files are not news
    try:
        reader = pypdf.PdfReader(upload, strict=False)
        if reader.is_encrypted:
            raise _refuse("PDF 文件已加密，无法检查内容。请去除密码保护后重新上传。", "pdf_encrypted")
        plain = {(num, gen) for gen, objects in reader.xref.items() for num in objects}
        packed = {(num, 0) for num in reader.xref_objStm}
        for num, gen in plain | packed:
            _check_pdf_object(reader.get_object(pypdf.generic.IndirectObject(num, gen, reader)))
            if (num, gen) in plain:
                # Forget it again: only one stream's bytes are held at a time.
                reader.resolved_objects.pop((gen, num), None)
        _check_pdf_object(reader.trailer)
    except _PdfContentRefused:
        raise _pdf_active() from None
    except ValidationError:
        raise
    except Exception:  # pypdf signals malformed input with many exception types
        raise _pdf_damaged() from None
    finally:
        pypdf_logger.setLevel(level)


def _check_pdf_object(obj, depth: int = 0) -> None:
    """Check a direct object, without following indirect references (each indirect object is
    checked on its own) and without decoding stream data."""
    if depth > 64:
        raise _PdfContentRefused
    if isinstance(obj, pypdf.generic.DictionaryObject):  # streams are dictionaries too
        _check_pdf_dictionary(obj)
        values = obj.values()
    elif isinstance(obj, pypdf.generic.ArrayObject):
        values = obj
    else:
        return
    for value in values:
        if not isinstance(value, pypdf.generic.IndirectObject):
            _check_pdf_object(value, depth + 1)


def _name(value) -> str | None:
    return str(value).lstrip("/") if isinstance(value, pypdf.generic.NameObject) else None


def _is_internal_jump(value) -> bool:
    if isinstance(value, pypdf.generic.ArrayObject):  # an explicit destination
        return True
    return isinstance(value, pypdf.generic.DictionaryObject) and _name(value.get("/S")) in PDF_ALLOWED_ACTIONS


def _check_pdf_dictionary(obj: pypdf.generic.DictionaryObject) -> None:
    # Indexing resolves an indirect value, so a kind cannot hide in another object.
    keys = {str(key).lstrip("/") for key in obj}
    if keys & PDF_FORBIDDEN_KEYS:
        raise _PdfContentRefused
    kind = _name(obj["/Type"]) if "Type" in keys else None
    if "Type" in keys and kind not in PDF_ALLOWED_TYPES:
        raise _PdfContentRefused
    if "Subtype" in keys and _name(obj["/Subtype"]) not in PDF_ALLOWED_SUBTYPES:
        raise _PdfContentRefused
    if "S" in keys:
        style = obj["/S"]
        # A structure element's /S is a role name of the producer's choosing (P, H1, Figure...);
        # a linearized file's hint stream has a number there.
        is_structure = kind == "StructElem" or (kind is None and "P" in keys and bool(keys & {"K", "Pg"}))
        if (
            isinstance(style, pypdf.generic.NameObject)
            and not is_structure
            and _name(style) not in PDF_ALLOWED_ACTIONS | PDF_CLICKED_ACTIONS | PDF_ALLOWED_STYLES
        ):
            raise _PdfContentRefused
        if _name(style) in PDF_CLICKED_ACTIONS and not _is_web_address(obj.get("/URI")):
            raise _PdfContentRefused  # a file, a network share, a script: only web pages
    if "FT" in keys and _name(obj["/FT"]) not in PDF_ALLOWED_FIELD_TYPES:
        raise _PdfContentRefused
    if "OpenAction" in keys and not _is_internal_jump(obj["/OpenAction"]):
        # Opening at a page is fine (fpdf2 writes one); any other action run on opening is not.
        raise _PdfContentRefused
    fields = obj["/Fields"] if "Fields" in keys else None
    if isinstance(fields, pypdf.generic.ArrayObject) and not all(_is_signature_field(f) for f in fields):
        raise _PdfContentRefused  # a form (of the catalog's /AcroForm) with fields to fill in


def _is_web_address(value) -> bool:
    return isinstance(value, str) and value.strip().lower().startswith(PDF_WEB_SCHEMES)


def _is_signature_field(field) -> bool:
    field = field.get_object() if isinstance(field, pypdf.generic.IndirectObject) else field
    return isinstance(field, pypdf.generic.DictionaryObject) and _name(field.get("/FT")) in PDF_ALLOWED_FIELD_TYPES


def _broken_image() -> ValidationError:
    return _refuse("图片文件已损坏或不完整，无法打开，请重新上传。", "image")


def _decode_image(upload: UploadedFile, pillow_format: str) -> Image.Image:
    """Open, verify, then decode the first frame (of an animation, the only one kept)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload) as probe:
                if probe.format != pillow_format:
                    raise type_error()
                if probe.width * probe.height > MAX_IMAGE_PIXELS:
                    raise _refuse("图片像素尺寸过大，请缩小后再上传。", "pixels")
                probe.verify()
            upload.seek(0)
            image = Image.open(upload)
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse("图片像素尺寸过大，请缩小后再上传。", "pixels") from None
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise _broken_image() from None
    return image


def _reencode(image: Image.Image, pillow_format: str) -> tuple[File, int, str]:
    """Save the decoded pixels afresh: drops EXIF, anything appended after the image data and the
    later frames of an animation (PNG is saved without `save_all` too)."""
    out = tempfile.SpooledTemporaryFile(max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE)  # noqa: SIM115
    if pillow_format == "JPEG":
        rgb = _without_metadata(ImageOps.exif_transpose(image).convert("RGB"))
        rgb.save(out, "JPEG", quality=90, optimize=True)
    elif pillow_format == "PNG":
        _without_metadata(ImageOps.exif_transpose(image)).save(out, "PNG", optimize=True)
    else:
        # The first frame only (the one decoded and checked): later frames are never decoded.
        _without_metadata(image.copy()).save(out, "GIF")
    return _digest_file(out)


def _without_metadata(image: Image.Image) -> Image.Image:
    """Forget what the decoder read besides the pixels: Pillow's save() writes `info` back (JPEG
    COM and ICC, GIF comment extensions and loops, PNG ICC, EXIF and XMP). Only which palette
    entry or colour is transparent is kept, as it is part of the picture."""
    image.info = {key: value for key, value in image.info.items() if key in IMAGE_INFO_KEPT}
    return image


def _copy_with_digest(upload: UploadedFile) -> tuple[File, int, str]:
    out = tempfile.SpooledTemporaryFile(max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE)  # noqa: SIM115
    upload.seek(0)
    for chunk in upload.chunks():
        out.write(chunk)
    return _digest_file(out)


def _digest_file(handle) -> tuple[File, int, str]:
    handle.seek(0)
    digest = hashlib.sha256()
    size = 0
    while chunk := handle.read(64 * 1024):
        digest.update(chunk)
        size += len(chunk)
    handle.seek(0)
    return File(handle), size, digest.hexdigest()


def check_id_photo(upload: UploadedFile) -> CheckedUpload:
    """A photo of passport proportions whose border is predominantly red (SPEC 5.2)."""
    checked = check_upload(upload, allowed=PHOTO_TYPES)
    image = checked.image
    width, height = image.size
    if not PHOTO_SIZE.fits(width, height):
        raise _refuse(
            f"照片尺寸不符合要求：应为{PHOTO_SIZE.describe()}的证件照，当前为 {width}×{height} 像素。", "photo_size"
        )
    if red_border_share(image) < PHOTO_MIN_RED_SHARE:
        raise _refuse("照片背景不是红色：请上传红底免冠证件照。", "photo_background")
    return checked


def red_border_share(image: Image.Image) -> float:
    """The share of pixels in the outer band of the image that are a saturated, bright red."""
    small = image.convert("RGB").resize((50, 70)).convert("HSV")
    width, height = small.size
    band_x = max(1, round(width * PHOTO_BORDER_SHARE))
    band_y = max(1, round(height * PHOTO_BORDER_SHARE))
    pixels = small.load()
    total = red = 0
    for y in range(height):
        for x in range(width):
            if band_x <= x < width - band_x and band_y <= y < height - band_y:
                continue
            hue, saturation, value = pixels[x, y]
            total += 1
            # Pillow's hue runs 0-255; red is within about 20 degrees of 0.
            if (hue <= 14 or hue >= 241) and saturation >= 110 and value >= 90:
                red += 1
    return red / total
