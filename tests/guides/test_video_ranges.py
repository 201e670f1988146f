"""Tutorial videos are streamed: a byte range is read from the file as it is sent, never whole into memory."""

import io

import pytest
from django.test import RequestFactory

from guides.media import serve_file

SIZE = 3 * 1024 * 1024
VIDEO = bytes(range(256)) * (SIZE // 256)


class RecordingFile:
    """A stored file that counts what is read from it."""

    name = "tutoriels/declarer.mp4"
    size = SIZE

    def __init__(self):
        self.reads = []
        self.file = io.BytesIO(VIDEO)
        self.closed = False

    def open(self, mode="rb"):
        self.file.seek(0)
        return self

    def seek(self, offset, whence=io.SEEK_SET):
        return self.file.seek(offset, whence)

    def tell(self):
        return self.file.tell()

    def read(self, size=-1):
        data = self.file.read(size)
        self.reads.append(len(data))
        return data

    def close(self):
        self.closed = True


def ask(range_header=None):
    headers = {"HTTP_RANGE": range_header} if range_header else {}
    video = RecordingFile()
    return video, serve_file(RequestFactory().get("/aide/declarer/video/", **headers), video)


def test_a_range_from_the_start_to_the_end_is_streamed_in_small_reads():
    video, response = ask("bytes=0-")

    assert response.status_code == 206
    assert sum(video.reads) == 0  # nothing read before the response is sent
    assert b"".join(response.streaming_content) == VIDEO
    assert max(video.reads) <= 64 * 1024
    assert response["Content-Range"] == f"bytes 0-{SIZE - 1}/{SIZE}"
    assert response["Content-Length"] == str(SIZE)
    assert response["Accept-Ranges"] == "bytes"


@pytest.mark.django_db  # closing a response sends request_finished, which tidies database connections
def test_a_range_reads_no_more_than_it_asks_and_closes_the_file():
    video, response = ask("bytes=1000-1999")

    body = b"".join(response.streaming_content)
    response.close()

    assert response.status_code == 206
    assert body == VIDEO[1000:2000]
    assert sum(video.reads) == 1000
    assert response["Content-Length"] == "1000"
    assert video.closed


def test_a_suffix_range_gives_the_end_of_the_file():
    video, response = ask("bytes=-500")

    assert b"".join(response.streaming_content) == VIDEO[-500:]
    assert response["Content-Range"] == f"bytes {SIZE - 500}-{SIZE - 1}/{SIZE}"


def test_a_range_past_the_end_is_unsatisfiable():
    video, response = ask(f"bytes={SIZE}-")

    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{SIZE}"
    assert video.reads == []


def test_without_a_range_the_whole_file_is_streamed():
    video, response = ask()

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == VIDEO
    assert max(video.reads) <= 64 * 1024


@pytest.mark.parametrize("header", ["bytes=abc", "items=0-10", "bytes=5-2,8-9"])
def test_an_unusable_range_is_ignored_and_the_whole_file_sent(header):
    video, response = ask(header)

    assert response.status_code == 200
