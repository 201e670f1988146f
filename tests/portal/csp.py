"""What the strict Content Security Policy would block in a page: the scripts written in the page itself."""

import re

SCRIPT_TAG = re.compile(r"<script(?P<attrs>[^>]*)>", re.IGNORECASE)


def executable_inline_scripts(html):
    """The <script> tags that the browser would run from the page itself."""
    found = []
    for match in SCRIPT_TAG.finditer(html):
        attrs = match.group("attrs")
        if "src=" in attrs or re.search(r'type="application/(ld\+)?json"', attrs):
            continue
        found.append(html[match.start() : match.start() + 120])
    return found
