# PackedPostingsWriter._write_block and PackedPerDocReader.doc_field_length follow Whoosh's
# whoosh/codec/whoosh3.py (W3PostingsWriter._write_block, W3PerDocReader.doc_field_length),
# under Whoosh's licence:
#
# Copyright 2011 Matt Chaput. All rights reserved.
#
# Redistribution and use in source and binary forms, with or without
# modification, are permitted provided that the following conditions are met:
#
#    1. Redistributions of source code must retain the above copyright notice,
#       this list of conditions and the following disclaimer.
#
#    2. Redistributions in binary form must reproduce the above copyright
#       notice, this list of conditions and the following disclaimer in the
#       documentation and/or other materials provided with the distribution.
#
# THIS SOFTWARE IS PROVIDED BY MATT CHAPUT ``AS IS'' AND ANY EXPRESS OR
# IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF
# MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO
# EVENT SHALL MATT CHAPUT OR CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT,
# INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT
# LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA,
# OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF
# LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING
# NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE,
# EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
#
# The views and conclusions contained in the software and documentation are
# those of the authors and should not be interpreted as representing official
# policies, either expressed or implied, of Matt Chaput.

"""Whoosh's W3 codec with posting blocks stored as packed arrays.

Whoosh stores each block of up to 128 postings as a pickled tuple of document-number gaps,
weights and values, compressed with zlib. Searching reads whole blocks (see ``bulk``), and
unpickling a tuple of Python numbers, then summing the gaps, cost about as much as scoring the
postings. Here a block holds the document numbers as unsigned 16-bit integers (32-bit ones once
a segment holds 65,536 documents), the weights as one byte each when they are word counts (else
as 32-bit floats, the precision Whoosh keeps them in; nothing when all are 1.0), read back with
one ``frombytes`` each, and values of varying size (word positions) as their sizes (one byte
each while they fit) followed by the bytes. Nothing is compressed: zlib cost a search about a
sixth more instructions. Block
headers, term information and everything else are Whoosh's own, so blocks are skipped and merged
as before; the block size stays Whoosh's 128 postings (larger blocks saved nothing measurable).

Segments record the codec that wrote them: segments of an index written before are read as
Whoosh wrote them, and replaced by packed ones as they are merged or rebuilt.
"""

import errno
import sys
from array import array
from itertools import accumulate
from pickle import dumps

from whoosh.codec.whoosh3 import (
    LENGTHS_COLUMN,
    WHOOSH3_HEADER_MAGIC,
    W3Codec,
    W3LeafMatcher,
    W3PerDocReader,
    W3PostingsWriter,
    _lenfield,
)
from whoosh.columns import NumericColumn
from whoosh.matching import ListMatcher
from whoosh.util.numeric import byte_to_length, length_to_byte

# The compression field of a block header marks a packed block (Whoosh writes 0 to 9 there).
PACKED = -1
# The first byte of a packed block: how the weights are stored.
ALL_ONE = b"\x00"  # none stored, all 1.0
FLOATS = b"\x01"  # 32-bit floats
COUNTS = b"\x02"  # whole numbers under 256 (word counts), one byte each
BIG_ENDIAN = sys.byteorder == "big"


def _pack(numbers):
    """``numbers`` (an array) as little-endian bytes, whatever this machine's byte order."""
    if BIG_ENDIAN:
        numbers = array(numbers.typecode, numbers)
        numbers.byteswap()
    return numbers.tobytes()


def _unpack(typecode, data):
    numbers = array(typecode)
    numbers.frombytes(data)
    if BIG_ENDIAN:
        numbers.byteswap()
    return numbers


class PackedCodec(W3Codec):
    """``W3Codec`` writing document postings in packed blocks, without zlib."""

    def __init__(self, blocklimit=128, inlinelimit=2):
        # A posting list of one posting (an id, a path, a rare word) is kept in the term's entry
        # rather than as a block of its own: Whoosh's default limit of 1 inlines none.
        super().__init__(blocklimit=blocklimit, compression=0, inlinelimit=inlinelimit)

    def postings_writer(self, dbfile, byteids=False):
        if byteids:
            # Term vectors (postings keyed by term) keep Whoosh's format.
            return super().postings_writer(dbfile, byteids=True)
        return PackedPostingsWriter(
            dbfile, blocklimit=self._blocklimit, compression=0, inlinelimit=self._inlinelimit
        )

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():
            ids, weights, values = terminfo.inlined_postings()
            if not values:
                # Whoosh's list matcher gives "" (a str) for a posting without a value, which
                # a merge cannot write: None is written as no value.
                values = (None,) * len(ids)
            return ListMatcher(
                ids, weights, values, format_, scorer=scorer, term=term, terminfo=terminfo
            )
        offset, length = terminfo.extent()
        return PackedLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)

    def per_document_reader(self, storage, segment):
        return PackedPerDocReader(storage, segment)


class BlockValues:
    """The values of varying size of a packed block, cut out of its bytes when first read.

    Scoring a word reads its weights only; the positions beside them are cut out only for the
    few blocks a phrase checks.
    """

    __slots__ = ("_count", "_data", "_start", "_values")

    def __init__(self, data, start, count):
        self._data = data
        self._start = start
        self._count = count
        self._values = None

    def _cut(self):
        if self._values is None:
            data, start = self._data, self._start
            sizetype = chr(data[start])
            start += 1
            end = start + array(sizetype).itemsize * self._count
            ends = list(accumulate(_unpack(sizetype, data[start:end]), initial=end))
            self._values = tuple(map(data.__getitem__, map(slice, ends, ends[1:])))
        return self._values

    def __getitem__(self, index):
        return self._cut()[index]

    def __iter__(self):
        return iter(self._cut())

    def __len__(self):
        return self._count


class PackedPerDocReader(W3PerDocReader):
    """Whoosh's per-document reader, failing on a segment whose files are gone, and quicker
    with field lengths.

    Column files are opened when first read. Whoosh reads a column whose file is missing as
    empty, which is right for a field no document of the segment has, and wrong when a later
    commit removed the whole segment: every primary key and field length would read as empty.
    That case raises ``FileNotFoundError`` instead, and the search is read again from a new
    searcher.

    Writing a segment asks for the length of every posting's document (1.8 million times for
    5,000 pages), and Whoosh looked for the length column's file and read one byte each time:
    whether a column exists is now looked up once, and a field's lengths are read at once.
    """

    def __init__(self, storage, segment):
        super().__init__(storage, segment)
        self._columns = {}
        self._lengths = {}

    def has_column(self, fieldname):
        exists = self._columns.get(fieldname)
        if exists is None:
            exists = self._columns[fieldname] = self._column_exists(fieldname)
        return exists

    def _column_exists(self, fieldname):
        if super().has_column(fieldname):
            return True
        terms = self._segment.make_filename(W3Codec.TERMS_EXT)
        if self._doccount and not self._storage.file_exists(terms):
            raise FileNotFoundError(
                errno.ENOENT, "Segment removed by a later commit", self._segment.segment_id()
            )
        return False

    def length_bytes(self, fieldname):
        """One byte per document (Whoosh's encoded field length, 0 for none), or None when no
        document of the segment has the field."""
        try:
            return self._lengths[fieldname]
        except KeyError:
            pass
        column = self._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if column is None:
            data = None
        elif isinstance(column, NumericColumn.Reader) and column._typecode == "B":
            data = column._dbfile.get(column._basepos, column._count)
        else:
            data = bytes(column.load())
        if data is not None:
            # Documents after the last one with a length have none; one more byte answers a
            # document number equal to the count, which Whoosh's own check lets through.
            data += bytes(self._doccount + 1 - len(data))
        self._lengths[fieldname] = data
        return data

    def doc_field_length(self, docnum, fieldname, default=0):
        if docnum > self._doccount:
            raise IndexError(f"Asked for docnum {docnum!r} of {self._doccount}")
        lengths = self.length_bytes(fieldname)
        if lengths is None:
            return default
        lbyte = lengths[docnum]
        # As Whoosh answers: None for a document without the field.
        return byte_to_length(lbyte) if lbyte else None


class PackedPostingsWriter(W3PostingsWriter):
    def finish_postings(self):
        # As W3PostingsWriter.finish_postings, whose inlining calls a method W3TermInfo lacks
        # (``set_inline`` for ``set_inlined``): Whoosh never inlines with its default limit.
        if not self.written() and len(self) < self._inlinelimit:
            terminfo = self._terminfo
            terminfo.add_block(self)
            terminfo.set_inlined(self._ids, self._weights, self._values)
            self._terminfo = None
            return terminfo
        return super().finish_postings()

    def _write_block(self, last=False):
        # As W3PostingsWriter._write_block, with packed data and PACKED in the header.
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        ids, weights = self._ids, self._weights
        if ids[-1] < 65536:
            ids = array("H", ids)
        if all(weight == 1.0 for weight in weights):
            parts = [ALL_ONE, ids.typecode.encode(), _pack(ids)]
        elif all(weight.is_integer() and 0 < weight < 256 for weight in weights):
            parts = [COUNTS, ids.typecode.encode(), _pack(ids), bytes(map(int, weights))]
        else:
            parts = [FLOATS, ids.typecode.encode(), _pack(ids), _pack(weights)]
        values = self._values
        if self._format.fixed_value_size() is None:
            # Values of varying size (word positions): their sizes, then the bytes.
            sizes = array("I", map(len, values))
            if max(sizes) < 256:
                sizes = array("B", sizes)
            parts.extend([sizes.typecode.encode(), _pack(sizes)])
        parts.extend(values)
        databytes = b"".join(parts)
        infobytes = dumps(
            (
                len(ids),
                ids[-1],
                self._maxweight,
                PACKED,
                length_to_byte(self._minlength),
                length_to_byte(self._maxlength),
            ),
            2,
        )
        blocklength = len(infobytes) + len(databytes)
        postfile = self._postfile
        postfile.write_int(-blocklength if last else blocklength)
        postfile.write(infobytes)
        postfile.write(databytes)
        self._blockcount += 1
        self._new_block()


class PackedLeafMatcher(W3LeafMatcher):
    """Reads packed blocks; ``_data`` then holds absolute document numbers (an array), the
    weights (an array, or None when all are 1.0) and the values as Whoosh keeps them."""

    def _read_data(self):
        if self._compression != PACKED:
            return super()._read_data()
        count = self._blocklength
        data = self._postfile.get(self._dataoffset, self._nextoffset - self._dataoffset)
        kind, idtype = data[:1], chr(data[1])
        end = 2 + array(idtype).itemsize * count
        ids = _unpack(idtype, data[2:end])
        weights = None
        if kind == FLOATS:
            weights = _unpack("f", data[end : end + 4 * count])
            end += 4 * count
        elif kind == COUNTS:
            weights = array("f", _unpack("B", data[end : end + count]))
            end += count
        self._data = (ids, weights, self._unpacked_values(data, end))
        return None

    def _unpacked_values(self, data, start):
        """The values from ``start`` on, as Whoosh's own blocks give them to ``_read_values``."""
        size = self._fixedsize
        if size == 0:
            return None
        if size is not None:
            return data[start:]
        return BlockValues(data, start, self._blocklength)

    def _read_ids(self):
        if self._compression != PACKED:
            return super()._read_ids()
        if self._data is None:
            self._read_data()
        self._ids = self._data[0]
        return None

    def _read_weights(self):
        if self._compression != PACKED:
            return super()._read_weights()
        if self._data is None:
            self._read_data()
        weights = self._data[1]
        self._weights = array("f", [1.0]) * self._blocklength if weights is None else weights
        return None
