"""The demo practice's logins: fixed, public, and only ever created by `demo_data`.

They are listed in the README so a newcomer can sign in as each role. The TOTP keys are
fixed too, so the README can show them; `manage.py totp_code` prints the current code.
"""

import base64
from dataclasses import dataclass

from accounts.roles import Role

DEMO_DOMAIN = "demo.taxhauz.test"


@dataclass(frozen=True)
class DemoLogin:
    email: str
    full_name: str
    role: Role
    password: str
    household: str | None = None  # key into the demo households
    mfa: bool = False

    @property
    def totp_key(self) -> bytes:
        return f"taxhauz-demo-{self.email}".encode()[:20].ljust(20, b"-")

    @property
    def totp_key_hex(self) -> str:
        return self.totp_key.hex()

    @property
    def totp_secret_base32(self) -> str:
        return base64.b32encode(self.totp_key).decode().rstrip("=")


DEMO_LOGINS = (
    DemoLogin(f"admin@{DEMO_DOMAIN}", "Ada Admin", Role.ADMIN, "demo-admin-pass-2026", mfa=True),
    DemoLogin(
        f"partner@{DEMO_DOMAIN}", "Pat Partner", Role.PARTNER, "demo-partner-pass-2026", mfa=True
    ),
    DemoLogin(f"staff@{DEMO_DOMAIN}", "Sam Staff", Role.STAFF, "demo-staff-pass-2026", mfa=True),
    DemoLogin(
        f"client@{DEMO_DOMAIN}",
        "Alex Rivera",
        Role.CLIENT,
        "demo-client-pass-2026",
        household="rivera",
    ),
    DemoLogin(
        f"jordan@{DEMO_DOMAIN}", "Jordan Lee", Role.CLIENT, "demo-jordan-pass-2026", household="lee"
    ),
    DemoLogin(
        f"casey@{DEMO_DOMAIN}", "Casey Lee", Role.CLIENT, "demo-casey-pass-2026", household="lee"
    ),
    DemoLogin(
        f"morgan@{DEMO_DOMAIN}",
        "Morgan Patel",
        Role.CLIENT,
        "demo-morgan-pass-2026",
        household="patel",
    ),
)

DEMO_HOUSEHOLDS = {
    "rivera": {
        "primary_first_name": "Alex",
        "primary_last_name": "Rivera",
        "primary_ssn_last4": "4821",
        "filing_status": "single",
        "address_line1": "118 Maple Street",
        "city": "Springfield",
        "state": "IL",
        "zip_code": "62704",
        "staff": f"staff@{DEMO_DOMAIN}",
    },
    "lee": {
        "primary_first_name": "Jordan",
        "primary_last_name": "Lee",
        "primary_ssn_last4": "7310",
        "spouse_first_name": "Casey",
        "spouse_last_name": "Lee",
        "spouse_ssn_last4": "2295",
        "filing_status": "mfj",
        "address_line1": "42 Harbor View Road",
        "address_line2": "Apt 3B",
        "city": "Portland",
        "state": "ME",
        "zip_code": "04101",
        "staff": f"staff@{DEMO_DOMAIN}",
    },
    "patel": {
        "primary_first_name": "Morgan",
        "primary_last_name": "Patel",
        "primary_ssn_last4": "5566",
        "filing_status": "hoh",
        "address_line1": "9 Orchard Lane",
        "city": "Austin",
        "state": "TX",
        "zip_code": "78701",
        "staff": f"partner@{DEMO_DOMAIN}",
    },
}


def demo_login(email: str) -> DemoLogin | None:
    return next((d for d in DEMO_LOGINS if d.email == email.lower()), None)
