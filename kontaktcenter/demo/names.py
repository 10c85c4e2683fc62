"""Generated names, e-mail addresses and phone numbers for fake people."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field

from kontaktcenter.demo.data.people import FIRST_NAMES, LAST_NAMES, RESIDENT_EMAIL_DOMAIN


def email_local_part(first_name: str, last_name: str) -> str:
    """ "Åsa Öberg" -> "asa.oberg": e-mail addresses are kept to plain ASCII letters."""
    text = f"{first_name}.{last_name}".lower().replace(" ", "-")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@dataclass
class NameGenerator:
    """Draws names from a seeded generator and keeps e-mail addresses unique per domain."""

    rng: random.Random
    used_emails: set[str] = field(default_factory=set)

    def name(self) -> tuple[str, str]:
        return self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)

    def email(self, first_name: str, last_name: str, domain: str) -> str:
        local = email_local_part(first_name, last_name)
        candidate, number = f"{local}@{domain}", 1
        while candidate in self.used_emails:
            number += 1
            candidate = f"{local}{number}@{domain}"
        self.used_emails.add(candidate)
        return candidate

    def staff_phone(self) -> str:
        """An extension in the city's 08-508 series, as the directory shows them."""
        return f"08-508 {self.rng.randint(10, 99)} {self.rng.randint(0, 999):03d}"

    def staff_mobile(self) -> str:
        rng = self.rng
        return f"076-{rng.randint(100, 999)} {rng.randint(0, 99):02d} {rng.randint(0, 99):02d}"

    def resident_email(self, first_name: str, last_name: str) -> str:
        local = email_local_part(first_name, last_name)
        return f"{local}{self.rng.randint(1, 99)}@{RESIDENT_EMAIL_DOMAIN}"

    def resident_phone(self) -> str:
        """A number from the range PTS reserves for fiction (070-174 06 05 – 070-174 06 99)."""
        return f"070-174 06 {self.rng.randint(5, 99):02d}"
