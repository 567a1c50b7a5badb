"""A real SMTP server in the test process (aiosmtpd), so tests read what the portal's SMTP
backend actually delivered, not only what the locmem backend kept."""

from __future__ import annotations

import email
import socket
import threading
from email.message import EmailMessage
from email.policy import default

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Mailbox:
    """Collects each delivered message, parsed."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope) -> str:  # aiosmtpd names its hooks so
        message = email.message_from_bytes(envelope.content, policy=default)
        with self._lock:
            self.messages.append(message)  # type: ignore[arg-type]
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in str(m["To"])]


class SMTPServer:
    def __init__(self, port: int | None = None) -> None:
        self.host = "127.0.0.1"
        self.port = port or free_port()
        self.mailbox = Mailbox()
        self.controller = Controller(self.mailbox, hostname=self.host, port=self.port)

    @property
    def messages(self) -> list[EmailMessage]:
        return self.mailbox.messages

    def start(self) -> SMTPServer:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()
