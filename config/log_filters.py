"""Query strings never reach a log of ours (Django's and gunicorn's): the reviewers' queue search
is a GET whose query carries an ID number (`?q=140105…`), and a referrer repeats it."""

import logging
import re

# A path or URL and its query string, in a request line ("GET /admin/…/?q=… HTTP/1.1"), a
# referrer or an error message.
_QUERY_STRING = re.compile(r"((?:https?://[^\s/?#\"']+)?/[^\s?#\"']*)\?[^\s#\"']*")


def without_query_strings(text: str) -> str:
    return _QUERY_STRING.sub(r"\1", text)


class QueryStringFilter(logging.Filter):
    """Keeps every record, with the query strings cut out of its message."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = without_query_strings(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True
