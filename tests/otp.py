"""Log users in with their second factor in tests."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def apparaat(user) -> TOTPDevice:
    """The user's confirmed authenticator app (made when there is none)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first() or (
        TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=True)
    )


def huidige_code(device: TOTPDevice) -> str:
    """The code the app shows now."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def tweede_factor(client, user) -> TOTPDevice:
    """Log ``user`` in on ``client`` with password and second factor, as the login pages do."""
    client.force_login(user)
    device = apparaat(user)
    sessie = client.session
    sessie[DEVICE_ID_SESSION_KEY] = device.persistent_id
    sessie.save()
    return device
