"""E-mail backends for tests that run the worker in another process."""

import os
import time

from django.core.mail.backends.base import BaseEmailBackend


class SlowFileRecordingBackend(BaseEmailBackend):
    """Takes CANO_TEST_MAIL_DELAY seconds per message (a slow mail server, so a worker can be
    killed mid-sending), then appends one line per recipient to the file CANO_TEST_MAIL_LOG
    and flushes it to disk: a line is a message that left."""

    def send_messages(self, email_messages):
        delay = float(os.environ.get("CANO_TEST_MAIL_DELAY", "0"))
        path = os.environ["CANO_TEST_MAIL_LOG"]
        for message in email_messages:
            time.sleep(delay)
            with open(path, "a", encoding="utf-8") as log:
                log.writelines(f"{recipient}\n" for recipient in message.recipients())
                log.flush()
                os.fsync(log.fileno())
        return len(email_messages)
