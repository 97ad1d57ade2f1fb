"""Size limits that keep one hostile or broken file from exhausting time or memory.

Real assessments are a few thousand words; the longest reports run to about 200,000. The
limits sit far above that, and well below what a zip bomb or a runaway export would need.
"""

MIB = 1024 * 1024

# Any input file: a .docx with photographs stays far below this.
MAX_FILE_BYTES = 64 * MIB

# Each part read out of a .docx, after decompression.
MAX_PART_BYTES = 48 * MIB

# All the parts read out of one .docx together, after decompression: a package of
# photographs expands to about its own size, and its XML parts to a few times theirs.
MAX_PACKAGE_BYTES = 128 * MIB

# How much a part may expand; only checked for parts bigger than RATIO_FLOOR_BYTES, because
# small, repetitive XML legitimately compresses very well.
MAX_COMPRESSION_RATIO = 120
RATIO_FLOOR_BYTES = 2 * MIB

# Characters of text in one document (about 800,000 words).
MAX_TEXT_CHARS = 5_000_000

# Tables inside tables beyond this depth are read as plain paragraphs, so that their text is
# kept without walking an arbitrarily deep structure.
MAX_TABLE_DEPTH = 16


def describe_bytes(size: int) -> str:
    """Say a size in words ("64 MB")."""
    if size >= MIB:
        return f"{size / MIB:.0f} MB"
    return f"{size / 1024:.0f} KB"
