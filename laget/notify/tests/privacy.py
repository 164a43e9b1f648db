"""Reading received mail the way a mail program would, to check what a person would see."""

from collections.abc import Iterable
from email.message import EmailMessage


def readable_parts(message: EmailMessage) -> list[str]:
    """The subject, and every part decoded (base64 and quoted-printable undone): bodies and
    attachments alike, with their file names."""
    texts = [str(message["subject"])]
    for part in message.walk():
        if part.is_multipart():
            continue
        assert isinstance(part, EmailMessage)
        content = part.get_content()
        texts.append(content.decode() if isinstance(content, bytes) else str(content))
        texts.append(part.get_filename() or "")
    return texts


def leaks(messages: Iterable[EmailMessage], secrets: Iterable[str]) -> list[tuple[str, str]]:
    """(secret, the text it was found in) for every secret found in any message."""
    found = []
    wanted = [s for s in secrets if s]
    for message in messages:
        for text in readable_parts(message):
            for secret in wanted:
                if secret.casefold() in text.casefold():
                    found.append((secret, text))
    return found
