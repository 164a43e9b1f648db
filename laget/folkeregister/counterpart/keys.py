"""A throwaway signing key and self-signed certificate, for the counterpart's tests and the demo
(a municipality's real key and enterprise certificate never come near these)."""

import datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID


def make_key_pair(common_name: str = "Laget demo, fiktiv kommune") -> tuple[bytes, bytes]:
    """(private key PEM, certificate PEM)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return key_pem, certificate.public_bytes(serialization.Encoding.PEM)


def ensure_key_pair(folder: Path) -> tuple[Path, Path]:
    """key.pem and certificate.pem in `folder`, made the first time."""
    key_path, certificate_path = folder / "key.pem", folder / "certificate.pem"
    if not (key_path.exists() and certificate_path.exists()):
        folder.mkdir(parents=True, exist_ok=True)
        key_pem, certificate_pem = make_key_pair()
        key_path.touch(mode=0o600)
        key_path.write_bytes(key_pem)
        certificate_path.write_bytes(certificate_pem)
    return key_path, certificate_path
